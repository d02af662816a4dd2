import { createHash } from 'node:crypto';
import { CreatedShareLinkSchema, ShareLinkListSchema, StoryPreviewSchema, type Role, type Story } from '@newsdesk/contracts';
import { PublicCache } from '../src/public/public-cache.service.js';
import { SHARE_LINK_MAX_FAILED_LOOKUPS } from '../src/share-links/share-links.service.js';
import { requestFrom } from './support/client.js';
import { doc } from './support/desk.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * Share links (issue 15 item 2): life cycle (create, use, expire by the clock, revoke), tokens
 * (stored hashed, never listed, one changed character is a 404), roles, bad values in every field,
 * the per-address throttle of failed lookups under parallel requests, and no trace of a guest's
 * view in the public API or its cache. Guests are played from distinct loopback addresses
 * (requestFrom), so each test has its own throttle budget.
 */
let app: TestApp;
const tokens = new Map<Role, string>();
let editor: string;
let editorId: string;
let serverErrors = 0;
const unique = () => Math.random().toString(36).slice(2, 8);
const MISSING = '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d';

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_CACHE_SECONDS: '600', OUTBOX_WORKER: 'false', ADMIN_PUBLIC_URL: 'https://admin.example.org/desk/' });
  for (const role of ['admin', 'editor', 'producer'] as const) {
    const session = await app.signIn([role]);
    tokens.set(role, session.token);
    if (role === 'editor') editorId = session.userId;
  }
  editor = tokens.get('editor') ?? '';
});
afterAll(async () => {
  await app?.close();
});
afterEach(() => {
  expect(serverErrors).toBe(0);
});

async function call(method: string, path: string, body?: unknown, token: string | undefined = editor) {
  const response = await app.request(method, path, { ...(token ? { token } : {}), body });
  if (response.status >= 500) serverErrors++;
  return response;
}

async function story(headline = `Shared story ${unique()}`): Promise<Story> {
  const created = await call('POST', '/api/stories', { headline, teaser: 'For a guest', body: doc('First paragraph.') });
  expect(created.status).toBe(201);
  return created.body;
}

async function share(storyId: string, body: unknown = {}) {
  const created = await call('POST', `/api/stories/${storyId}/share-links`, body);
  expect(created.status).toBe(201);
  return CreatedShareLinkSchema.parse(created.body);
}

/** A guest (no session) opening a token from `address`. */
async function guest(token: string, address = '127.0.0.1') {
  const response = await requestFrom(address, app.url, 'GET', `/api/shared/${encodeURIComponent(token)}`);
  if (response.status >= 500) serverErrors++;
  return response;
}

const problemOf = (body: { type: string; title: string; status: number; detail?: string }) => ({
  type: body.type,
  title: body.title,
  status: body.status,
  detail: body.detail,
});

async function auditOf(entityId: string): Promise<string[]> {
  const rows = (await app.db.query(`SELECT action FROM audit_entries WHERE entity = 'share_link' AND entity_id = $1 ORDER BY id`, [
    entityId,
  ])) as Array<{ action: string }>;
  return rows.map((row) => row.action);
}

function cacheContents(): string[] {
  const cache = app.nest.get(PublicCache) as unknown as { entries: Map<string, { body: string }> };
  return [...cache.entries].map(([key, value]) => `${key}\n${value.body}`);
}

describe('share links', () => {
  it('lives: create (token and URL once), use (counted, audited, latest draft), expire by the clock, revoke (idempotent)', async () => {
    const draft = await story();
    const link = await share(draft.id, { label: 'Partner station WXYZ' });
    expect(link.token).toMatch(new RegExp(`^${link.id}\\.[A-Za-z0-9_-]{43}$`));
    expect(link.url).toBe(`https://admin.example.org/desk/shared/${link.token}`);
    expect(link).toMatchObject({ storyId: draft.id, revision: null, label: 'Partner station WXYZ', state: 'active', useCount: 0 });
    expect(link.createdBy.id).toBe(editorId);
    expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(48 * 3600_000);
    expect(await auditOf(link.id)).toEqual(['create']);

    const first = await guest(link.token, '127.0.2.1');
    expect(first.status).toBe(200);
    const shown = StoryPreviewSchema.parse(first.body);
    expect(shown.story.headline).toBe(draft.headline);
    expect(shown.preview).toMatchObject({ storyId: draft.id, status: 'draft', revision: null, live: false, version: draft.version });
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['x-robots-tag']).toBe('noindex');
    expect(first.headers.etag).toBeUndefined();
    expect(first.headers['x-cache']).toBeUndefined();

    // Not pinned: the latest draft, whenever it is opened.
    const edited = await call('PATCH', `/api/stories/${draft.id}`, { version: draft.version, headline: `${draft.headline} (edited)` });
    expect(edited.status).toBe(200);
    const second = await guest(link.token, '127.0.2.1');
    expect(second.status).toBe(200);
    expect(second.body.story.headline).toBe(`${draft.headline} (edited)`);

    const listed = await call('GET', `/api/stories/${draft.id}/share-links`);
    expect(listed.status).toBe(200);
    const item = ShareLinkListSchema.parse(listed.body).items.find((entry) => entry.id === link.id);
    expect(item).toMatchObject({ useCount: 2, state: 'active', createdBy: { id: editorId } });
    expect(item?.lastUsedAt).not.toBeNull();
    expect(await auditOf(link.id)).toEqual(['create', 'use', 'use']);

    // Expired by the clock: PostgreSQL's now() decides.
    await app.db.query(
      `UPDATE story_share_links SET created_at = now() - interval '49 hours', expires_at = now() - interval '1 second' WHERE id = $1`,
      [link.id],
    );
    const expired = await guest(link.token, '127.0.2.1');
    expect(expired.status).toBe(404);
    const missingStory = await call('GET', `/api/stories/${MISSING}/preview`);
    expect(missingStory.status).toBe(404);
    expect(problemOf(expired.body)).toEqual(problemOf(missingStory.body));
    expect(expired.headers['content-type']).toContain('application/problem+json');
    const afterExpiry = ShareLinkListSchema.parse((await call('GET', `/api/stories/${draft.id}/share-links`)).body);
    expect(afterExpiry.items.find((entry) => entry.id === link.id)).toMatchObject({ state: 'expired', useCount: 2 });

    // Revoked: 404 like a missing story; revoking again is 204 and writes nothing more; an unknown id is 404.
    const other = await share(draft.id, { expiresInHours: 1 });
    expect(Date.parse(other.expiresAt) - Date.parse(other.createdAt)).toBe(3600_000);
    expect((await guest(other.token, '127.0.2.1')).status).toBe(200);
    expect((await call('DELETE', `/api/share-links/${other.id}`)).status).toBe(204);
    const revoked = await guest(other.token, '127.0.2.1');
    expect(revoked.status).toBe(404);
    expect(problemOf(revoked.body)).toEqual(problemOf(missingStory.body));
    expect((await call('DELETE', `/api/share-links/${other.id}`)).status).toBe(204);
    expect((await call('DELETE', `/api/share-links/${MISSING}`)).status).toBe(404);
    expect(await auditOf(other.id)).toEqual(['create', 'use', 'revoke']);
    const afterRevoke = ShareLinkListSchema.parse((await call('GET', `/api/stories/${draft.id}/share-links`)).body);
    expect(afterRevoke.items.find((entry) => entry.id === other.id)).toMatchObject({ state: 'revoked', revokedBy: { id: editorId } });

    // A deleted story takes its links with it.
    const current = (await call('GET', `/api/stories/${draft.id}`)).body as Story;
    const third = await share(draft.id);
    expect((await call('DELETE', `/api/stories/${draft.id}?version=${current.version}`)).status).toBe(204);
    expect((await guest(third.token, '127.0.2.1')).status).toBe(404);
  });

  it('stores only the hash of the secret and never lists or audits a token', async () => {
    const draft = await story();
    const link = await share(draft.id);
    const secret = link.token.split('.')[1] ?? '';
    const [row] = (await app.db.query(
      `SELECT encode(token_hash, 'hex') AS hash, row_to_json(l)::text AS whole FROM story_share_links l WHERE id = $1`,
      [link.id],
    )) as Array<{ hash: string; whole: string }>;
    expect(row?.hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(row?.whole).not.toContain(secret);
    expect((await guest(link.token, '127.0.3.1')).status).toBe(200);
    const audit = (await app.db.query(`SELECT string_agg(row_to_json(a)::text, '') AS text FROM audit_entries a`)) as Array<{
      text: string;
    }>;
    expect(audit[0]?.text).not.toContain(secret);
    for (const role of ['admin', 'editor', 'producer'] as const) {
      const listed = await call('GET', `/api/stories/${draft.id}/share-links`, undefined, tokens.get(role));
      expect(listed.status).toBe(200);
      expect(listed.text).not.toContain(secret);
      expect(listed.text).not.toContain('token');
      expect(Object.keys(listed.body.items[0]).sort()).toEqual(
        [
          'createdAt',
          'createdBy',
          'expiresAt',
          'id',
          'label',
          'lastUsedAt',
          'revision',
          'revokedAt',
          'revokedBy',
          'state',
          'storyId',
          'useCount',
        ].sort(),
      );
    }
  });

  it('answers 404 to a token with one character changed, in the id part or the secret part, and to malformed ones', async () => {
    const draft = await story();
    const link = await share(draft.id);
    const [idPart = '', secretPart = ''] = link.token.split('.');
    const swap = (text: string, at: number, from: string) =>
      text.slice(0, at) + (text[at] === from[0] ? from[1] : from[0]) + text.slice(at + 1);
    const tampered = [
      `${swap(idPart, 0, 'ab')}.${secretPart}`,
      `${swap(idPart, 35, '01')}.${secretPart}`,
      `${idPart}.${swap(secretPart, 0, 'AB')}`,
      `${idPart}.${swap(secretPart, 42, 'QR')}`,
      `${idPart}.${secretPart.slice(0, -1)}`,
      `${idPart}.${secretPart}A`,
      `${idPart}${secretPart}`,
      idPart,
      `${MISSING}.${secretPart}`,
      'not-a-token',
      `${idPart.toUpperCase()}.${secretPart}`,
    ];
    const reference = await guest(`${MISSING}.${'A'.repeat(43)}`, '127.0.4.1');
    expect(reference.status).toBe(404);
    for (const token of tampered) {
      const answer = await guest(token, '127.0.4.1');
      expect({ token, status: answer.status }).toEqual({ token, status: 404 });
      expect(problemOf(answer.body)).toEqual(problemOf(reference.body));
    }
    expect((await guest(link.token, '127.0.4.1')).status).toBe(200);
    const [row] = (await app.db.query(`SELECT use_count FROM story_share_links WHERE id = $1`, [link.id])) as Array<{ use_count: number }>;
    expect(row?.use_count).toBe(1);
  });

  it('pins a revision: the guest sees it (restore applied and rolled back), and the story is left as it was', async () => {
    const draft = await story('Pinned: the first headline');
    const edited = (await call('PATCH', `/api/stories/${draft.id}`, { version: draft.version, headline: 'Pinned: the second headline' }))
      .body as Story;
    const link = await share(draft.id, { revision: 1 });
    expect(link.revision).toBe(1);
    const before = await app.db.query(`SELECT row_to_json(s)::text AS row FROM stories s WHERE id = $1`, [draft.id]);
    const revisionsBefore = await app.db.query(`SELECT count(*)::int AS n FROM story_revisions WHERE story_id = $1`, [draft.id]);
    const answer = await guest(link.token, '127.0.5.1');
    expect(answer.status).toBe(200);
    const shown = StoryPreviewSchema.parse(answer.body);
    expect(shown.story.headline).toBe('Pinned: the first headline');
    expect(shown.preview).toMatchObject({ revision: 1, version: edited.version, storyId: draft.id });
    expect(await app.db.query(`SELECT row_to_json(s)::text AS row FROM stories s WHERE id = $1`, [draft.id])).toEqual(before);
    expect(await app.db.query(`SELECT count(*)::int AS n FROM story_revisions WHERE story_id = $1`, [draft.id])).toEqual(revisionsBefore);
    const storyAudit = await app.db.query(`SELECT action FROM audit_entries WHERE entity = 'story' AND entity_id = $1 ORDER BY id`, [
      draft.id,
    ]);
    expect((storyAudit as Array<{ action: string }>).map((row) => row.action)).toEqual(['create', 'update']);
    // An unpinned link on the same story shows the second headline.
    expect((await guest((await share(draft.id)).token, '127.0.5.1')).body.story.headline).toBe('Pinned: the second headline');
  });

  it('lets editors and admins make and revoke links, producers only read them; no session is 401; unknown stories 404', async () => {
    const draft = await story();
    const made = await share(draft.id);
    const producer = tokens.get('producer');
    expect((await call('POST', `/api/stories/${draft.id}/share-links`, {}, producer)).status).toBe(403);
    expect((await call('DELETE', `/api/share-links/${made.id}`, undefined, producer)).status).toBe(403);
    expect((await call('GET', `/api/stories/${draft.id}/share-links`, undefined, producer)).status).toBe(200);
    expect((await call('POST', `/api/stories/${draft.id}/share-links`, {}, tokens.get('admin'))).status).toBe(201);
    for (const [method, path] of [
      ['GET', `/api/stories/${draft.id}/share-links`],
      ['POST', `/api/stories/${draft.id}/share-links`],
      ['DELETE', `/api/share-links/${made.id}`],
    ] as const) {
      expect((await call(method, path, method === 'POST' ? {} : undefined, '')).status).toBe(401);
    }
    expect((await call('POST', `/api/stories/${MISSING}/share-links`, {})).status).toBe(404);
    expect((await call('GET', `/api/stories/${MISSING}/share-links`)).status).toBe(404);
    expect((await call('GET', '/api/stories/not-a-uuid/share-links')).status).toBe(400);
    expect((await call('DELETE', '/api/share-links/not-a-uuid')).status).toBe(400);
    // The producer's refusals changed nothing.
    expect((await guest(made.token, '127.0.6.1')).status).toBe(200);
  });

  it('refuses bad values in every field with a 400 naming it, never 5xx', async () => {
    const draft = await story();
    const cases: Array<[unknown, string]> = [
      [{ expiresInHours: 0 }, 'expiresInHours'],
      [{ expiresInHours: 337 }, 'expiresInHours'],
      [{ expiresInHours: 1.5 }, 'expiresInHours'],
      [{ expiresInHours: '48' }, 'expiresInHours'],
      [{ expiresInHours: null }, 'expiresInHours'],
      [{ expiresInHours: 2_147_483_648 }, 'expiresInHours'],
      [{ revision: 0 }, 'revision'],
      [{ revision: -1 }, 'revision'],
      [{ revision: 1.5 }, 'revision'],
      [{ revision: '1' }, 'revision'],
      [{ revision: 99 }, 'revision'],
      [{ revision: 2_147_483_648 }, 'revision'],
      [{ label: 'x'.repeat(201) }, 'label'],
      [{ label: 5 }, 'label'],
      [{ label: 'a\u0000b' }, 'label'],
      [{ token: 'chosen' }, 'token'],
      [{ storyId: MISSING }, 'storyId'],
    ];
    for (const [body, field] of cases) {
      const answer = await call('POST', `/api/stories/${draft.id}/share-links`, body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect({ body, fields: (answer.body.errors as Array<{ field: string }>).map((error) => error.field) }).toEqual({
        body,
        fields: [field],
      });
    }
    expect((await call('GET', `/api/stories/${draft.id}/share-links`)).body.items).toEqual([]);
    const longest = await share(draft.id, { expiresInHours: 336, revision: null, label: ' trimmed ' });
    expect(Date.parse(longest.expiresAt) - Date.parse(longest.createdAt)).toBe(336 * 3600_000);
    expect(longest.label).toBe('trimmed');
    // A token of any shape is a 404 like a wrong one (never a 400 that tells its shape apart).
    const missingStory = await call('GET', `/api/stories/${MISSING}/preview`);
    for (const token of ['x'.repeat(300), `${MISSING}.${'A'.repeat(300)}`, 'a.b', ' ', '..x']) {
      const answer = await guest(token, '127.0.7.1');
      expect(answer.status).toBe(404);
      expect(problemOf(answer.body)).toEqual(problemOf(missingStory.body));
    }
  });

  it(`throttles failed lookups per address: ${SHARE_LINK_MAX_FAILED_LOOKUPS + 10} parallel bad tokens, exactly ${SHARE_LINK_MAX_FAILED_LOOKUPS} looked up, the rest 429`, async () => {
    const draft = await story();
    const link = await share(draft.id);
    const secretPart = link.token.split('.')[1] ?? '';
    const bad = Array.from(
      { length: SHARE_LINK_MAX_FAILED_LOOKUPS + 10 },
      (_, i) => `${link.id}.${secretPart.slice(0, 40)}${String(i).padStart(3, '0')}`,
    );
    const answers = await Promise.all(bad.map((token) => guest(token, '127.0.8.1')));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 404)).toHaveLength(SHARE_LINK_MAX_FAILED_LOOKUPS);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    for (const answer of answers.filter((item) => item.status === 429)) {
      const retry = Number(answer.headers['retry-after']);
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(600);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
    // The address is refused even with the right token now; another address is not.
    expect((await guest(link.token, '127.0.8.1')).status).toBe(429);
    expect((await guest(link.token, '127.0.8.2')).status).toBe(200);
    // Successful lookups give their reservation back: a guest may open a good link more often than the limit.
    for (let i = 0; i < SHARE_LINK_MAX_FAILED_LOOKUPS + 2; i++) expect((await guest(link.token, '127.0.8.3')).status).toBe(200);
    const [row] = (await app.db.query(`SELECT use_count FROM story_share_links WHERE id = $1`, [link.id])) as Array<{ use_count: number }>;
    expect(row?.use_count).toBe(SHARE_LINK_MAX_FAILED_LOOKUPS + 3);
    // A new window starts once the old one is 10 minutes old.
    await app.db.query(`UPDATE share_link_throttle SET window_start = now() - interval '10 minutes 1 second' WHERE ip = '127.0.8.1'`);
    expect((await guest(link.token, '127.0.8.1')).status).toBe(200);
  });

  it("leaves no trace in the public API: the guest's answer is not cached, and two public readers see nothing new", async () => {
    const live = await call('POST', '/api/stories', {
      headline: `Live neighbour ${unique()}`,
      body: doc('Live.'),
      bylineIds: [app.bylineId],
    });
    expect(live.status).toBe(201);
    expect((await call('POST', `/api/stories/${live.body.id}/publish`, { version: live.body.version })).status).toBe(200);
    const draft = await story(`Guest only ${unique()}`);
    const link = await share(draft.id);
    const list = await app.request('GET', '/api/public/stories');
    expect(list.status).toBe(200);
    expect(list.text).toContain(live.body.slug);
    const cacheBefore = cacheContents();
    expect(cacheBefore.some((entry) => entry.startsWith('/api/public/stories '))).toBe(true);
    for (let i = 0; i < 3; i++) expect((await guest(link.token, '127.0.9.1')).status).toBe(200);
    expect(cacheContents()).toEqual(cacheBefore);
    for (let reader = 0; reader < 2; reader++) {
      const again = await app.request('GET', '/api/public/stories');
      expect(again.status).toBe(200);
      expect(again.text).toBe(list.text);
      expect(again.headers.get('etag')).toBe(list.headers.get('etag'));
      expect(again.headers.get('cache-control')).toBe(list.headers.get('cache-control'));
      expect(again.text).not.toContain(draft.headline);
      const bySlug = await app.request('GET', `/api/public/stories/${draft.slug}`);
      expect(bySlug.status).toBe(404);
      expect(bySlug.text).not.toContain(draft.headline);
    }
    expect(cacheContents().some((entry) => entry.includes(draft.headline) || entry.includes(draft.id))).toBe(false);
    // Not under /api/public.
    expect((await app.request('GET', `/api/public/shared/${link.token}`)).status).toBe(404);
  });

  it('shows an embargoed story to the guest with its embargo instant, while the public API hides it', async () => {
    const created = await call('POST', '/api/stories', {
      headline: `Embargoed ${unique()}`,
      body: doc('Not before.'),
      bylineIds: [app.bylineId],
    });
    expect(created.status).toBe(201);
    const until = new Date(Date.now() + 3 * 3600_000);
    until.setUTCMilliseconds(0);
    const embargoed = await call('PUT', `/api/stories/${created.body.id}/embargo`, {
      version: created.body.version,
      embargoUntil: until.toISOString(),
    });
    expect(embargoed.status).toBe(200);
    const published = await call('POST', `/api/stories/${created.body.id}/publish`, { version: embargoed.body.version });
    expect(published.status).toBe(200);
    const link = await share(created.body.id);
    const answer = await guest(link.token, '127.0.10.1');
    expect(answer.status).toBe(200);
    const shown = StoryPreviewSchema.parse(answer.body);
    expect(shown.story.headline).toBe(created.body.headline);
    expect(shown.preview).toMatchObject({ embargoUntil: until.toISOString(), live: false });
    expect((await app.request('GET', `/api/public/stories/${created.body.slug}`)).status).toBe(404);
  });
});
