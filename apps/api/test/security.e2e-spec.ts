import { startTestApp, type TestApp } from './support/app.js';
import { SECURITY_HEADERS } from '../src/common/security-headers.js';

let app: TestApp;
let editor: { token: string; userId: string };
let admin: { token: string };
beforeAll(async () => {
  app = await startTestApp();
  editor = await app.signIn(['editor']);
  admin = await app.signIn(['admin']);
});
afterAll(async () => {
  await app?.close();
});

const NASTY = [
  "' OR 1=1 --",
  '"; DROP TABLE stories; --',
  '%',
  '_',
  '\\',
  '\u0000',
  'ż'.repeat(1000),
  'x'.repeat(6000),
  '$1',
  '(select 1)',
  '../../etc/passwd',
];

async function story(fields: Record<string, unknown> = {}) {
  return (
    await app.request('POST', '/api/stories', {
      token: editor.token,
      body: { headline: `Sec ${Math.random()}`, bylineIds: [app.bylineId], ...fields },
    })
  ).body;
}

describe('input hardening', () => {
  it('rejects unknown body fields, naming them (no mass assignment of status or roles)', async () => {
    const created = await app.request('POST', '/api/stories', {
      token: editor.token,
      body: { headline: 'x', status: 'published', publishedAt: '2017-01-01T00:00:00Z' },
    });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.body.errors)).toMatch(/status|publishedAt|Unrecognized/);
    const existing = await story();
    const patched = await app.request('PATCH', `/api/stories/${existing.id}`, {
      token: editor.token,
      body: { version: 1, status: 'published' },
    });
    expect(patched.status).toBe(400);
    const self = await app.request('POST', '/api/auth/password', {
      token: editor.token,
      body: { currentPassword: 'x', newPassword: 'moscow-bureau-2017', roles: ['admin'] },
    });
    expect(self.status).toBe(400);
    expect((await app.request('GET', '/api/auth/me', { token: editor.token })).body.roles).toEqual(['editor']);
  });

  it('refuses a JSON body over 1 MiB with 413', async () => {
    const response = await app.request('POST', '/api/stories', {
      token: editor.token,
      body: { headline: 'big', bodyHtml: `<p>${'a'.repeat(1_100_000)}</p>` },
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each([
    ['/api/stories?q=', 'q'],
    ['/api/stories?status=', 'status'],
    ['/api/stories?cursor=', 'cursor'],
    ['/api/stories?limit=', 'limit'],
    ['/api/users?q=', 'q'],
    ['/api/users?cursor=', 'cursor'],
    ['/api/users?active=', 'active'],
    ['/api/audit?entity=', 'entity'],
    ['/api/audit?action=', 'action'],
    ['/api/audit?actor=', 'actor'],
    ['/api/audit?from=', 'from'],
    ['/api/audit?cursor=', 'cursor'],
    ['/api/public/stories?cursor=', 'cursor'],
    ['/api/public/stories?limit=', 'limit'],
    ['/api/public/stories?tag=', 'tag'],
  ])('%s<nasty> answers 400 or a correct result, never 500', async (path) => {
    for (const value of NASTY) {
      const response = await app.request('GET', `${path}${encodeURIComponent(value)}`, { token: admin.token });
      expect([200, 400]).toContain(response.status);
      if (response.status === 200) expect(Array.isArray(response.body.items)).toBe(true);
    }
    // A syntactically valid cursor with a forged payload is refused too.
    const forged = Buffer.from(JSON.stringify(["2017-01-01T00:00:00Z'", '1; DROP TABLE users'])).toString('hex');
    expect((await app.request('GET', `${path.split('?')[0]}?cursor=${forged}`, { token: admin.token })).status).toBe(400);
  });

  it('refuses an oversized URL at the HTTP layer (431), before any handler', async () => {
    const response = await app.request('GET', `/api/stories?q=${'x'.repeat(20000)}`, { token: admin.token });
    expect([414, 431]).toContain(response.status);
  });

  it('treats search metacharacters as text, not as patterns or syntax', async () => {
    await story({ headline: 'Percent 100% sure' });
    const response = await app.request('GET', `/api/stories?q=${encodeURIComponent('100% sure')}`, { token: editor.token });
    expect(response.body.items.map((item: { headline: string }) => item.headline)).toEqual(['Percent 100% sure']);
    for (const q of ['%', '_', '!(', '" OR "', ':*', '&|']) {
      const page = await app.request('GET', `/api/stories?q=${encodeURIComponent(q)}&limit=100`, { token: editor.token });
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(0);
    }
  });

  it('answers 404 for an id of another kind of record or of a deleted one (no IDOR by guessing)', async () => {
    expect((await app.request('GET', `/api/stories/${editor.userId}`, { token: editor.token })).status).toBe(404);
    const doomed = await story();
    await app.request('DELETE', `/api/stories/${doomed.id}?version=1`, { token: editor.token });
    expect((await app.request('GET', `/api/stories/${doomed.id}`, { token: editor.token })).status).toBe(404);
    expect(
      (await app.request('PATCH', `/api/stories/${doomed.id}`, { token: editor.token, body: { version: 1, headline: 'back' } })).status,
    ).toBe(404);
    expect((await app.request('POST', `/api/stories/${doomed.id}/publish`, { token: editor.token, body: { version: 1 } })).status).toBe(
      404,
    );
  });
});

describe('the public API', () => {
  it('never returns users, emails, staff ids or drafts', async () => {
    const draft = await story({ headline: 'Secret draft about the Kremlin', bodyHtml: '<p>embargoed</p>' });
    const live = await story({ headline: 'Live story' });
    await app.request('POST', `/api/stories/${live.id}/publish`, { token: editor.token, body: { version: 1 } });
    const list = await app.request('GET', '/api/public/stories?limit=100');
    const single = await app.request('GET', `/api/public/stories/${live.slug}`);
    for (const text of [list.text, single.text]) {
      expect(text).not.toContain('Secret draft');
      // No e-mail address (JSON-LD's "@context"/"@type" are schema.org keywords, not addresses).
      expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
      expect(text).not.toContain(editor.userId);
      expect(text).not.toMatch(/"(id|status|version|createdBy|updatedBy|email)"\s*:/);
    }
    expect((await app.request('GET', `/api/public/stories/${draft.slug}`)).status).toBe(404);
  });

  it('sends security headers and restricts CORS to the admin origin', async () => {
    const response = await fetch(`${app.url}/api/public/stories`, { headers: { origin: 'https://evil.example' } });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    // On errors too, and a route's own override wins (the API docs page needs its scripts).
    const missing = await fetch(`${app.url}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-frame-options')).toBe('DENY');
    const docs = await fetch(`${app.url}/api/docs`);
    expect(docs.headers.get('content-security-policy')).toContain("default-src 'self'");
    const allowed = await fetch(`${app.url}/api/public/stories`, { headers: { origin: 'http://localhost:3000' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });
});

describe('audit', () => {
  it('records story writes with a diff and rolls the entry back with a failed change', async () => {
    const created = await story({ headline: 'Audited headline' });
    await app.request('PATCH', `/api/stories/${created.id}`, {
      token: editor.token,
      body: { version: 1, headline: 'Audited headline, edited' },
    });
    // A stale write fails: neither the change nor an audit entry lands.
    await app.request('PATCH', `/api/stories/${created.id}`, { token: editor.token, body: { version: 1, headline: 'lost' } });
    const log = await app.request('GET', `/api/audit?entity=story&entityId=${created.id}`, { token: admin.token });
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual(['update', 'create']);
    expect(log.body.items[0].diff.headline).toEqual(['Audited headline', 'Audited headline, edited']);
    expect(log.body.items[0].actorId).toBe(editor.userId);
  });

  it('records logins and failed logins', async () => {
    const user = await app.signIn(['producer']);
    await app.request('POST', '/api/auth/login', { body: { email: user.email, password: 'wrong password here' } });
    const failed = await app.request('GET', `/api/audit?action=login_failed&entityId=${user.userId}`, { token: admin.token });
    expect(failed.body.items).toHaveLength(1);
    const logins = await app.request('GET', `/api/audit?action=login&actor=${user.userId}`, { token: admin.token });
    expect(logins.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('pages by cursor and filters by time', async () => {
    const first = await app.request('GET', '/api/audit?limit=3', { token: admin.token });
    const second = await app.request('GET', `/api/audit?limit=3&cursor=${first.body.nextCursor}`, { token: admin.token });
    const ids = [...first.body.items, ...second.body.items].map((entry: { id: string }) => entry.id);
    expect(new Set(ids).size).toBe(6);
    const future = await app.request('GET', `/api/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, {
      token: admin.token,
    });
    expect(future.body.items).toHaveLength(0);
  });
});
