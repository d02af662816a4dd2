import { ACCOUNT_ALERT_FAILURES, MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS, MAX_ATTEMPTS_PER_ADDRESS } from '../src/auth/login-throttle.service.js';
import { loginFrom, requestFrom } from './support/client.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * Sign-in throttling (issues #12 finding 1 and #22) with distinct client addresses: every request
 * here leaves from its own 127.0.0.x source address. The API trusts X-Forwarded-For only from
 * 127.0.0.9 (playing the admin's proxy); the test helper's own requests come from 127.0.0.1.
 */
const PROXY = '127.0.0.9';

let app: TestApp;
let admin: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: PROXY });
  admin = await app.signIn(['admin']);
});
afterAll(async () => {
  await app?.close();
});

/** How many attempts for these emails reached the password check (one login_failed audit row each). */
async function verifiedFailures(emails: string[]): Promise<number> {
  const [row]: Array<{ count: number }> = await app.db.query(
    `SELECT count(*)::int AS count FROM audit_entries WHERE action = 'login_failed' AND diff->'email'->>1 = ANY($1)`,
    [emails],
  );
  return row!.count;
}

/** The client address the API recorded for the last failed sign-in of this email. */
async function recordedAddress(email: string): Promise<string | null> {
  const [row]: Array<{ ip: string | null }> = await app.db.query(
    `SELECT ip FROM audit_entries WHERE action = 'login_failed' AND diff->'email'->>1 = $1 ORDER BY id DESC LIMIT 1`,
    [email],
  );
  return row?.ip ?? null;
}

const statuses = (responses: Array<{ status: number }>): Record<number, number> =>
  responses.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
const unknown = (tag: string, i: number) => `nobody-${tag}-${i}@test.newsdesk.local`;

describe('sign-in throttling', () => {
  it('lets exactly 5 of 100 parallel wrong passwords for one account from one address reach the password check', async () => {
    const user = await app.signIn(['editor']);
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => loginFrom('127.0.0.11', app.url, user.email, `wrong-${i}`)));
    expect(statuses(burst)).toEqual({ 401: MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS, 429: 100 - MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS });
    expect(await verifiedFailures([user.email])).toBe(MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS);
  });

  it('lets exactly 20 of 40 parallel attempts on 40 accounts from one address reach the password check', async () => {
    const emails = Array.from({ length: 40 }, (_, i) => unknown('burst', i));
    const burst = await Promise.all(emails.map((email) => loginFrom('127.0.0.12', app.url, email, 'wrong-password')));
    expect(statuses(burst)).toEqual({ 401: MAX_ATTEMPTS_PER_ADDRESS, 429: 40 - MAX_ATTEMPTS_PER_ADDRESS });
    expect(await verifiedFailures(emails)).toBe(MAX_ATTEMPTS_PER_ADDRESS);
  });

  it('after 20+ failures from address A, A is throttled and a correct sign-in from address B succeeds', async () => {
    const user = await app.signIn(['editor']);
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++)
      expect((await loginFrom('127.0.0.13', app.url, unknown('flood', i), 'wrong')).status).toBe(401);
    const throttled = await loginFrom('127.0.0.13', app.url, user.email, user.password);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect((await loginFrom('127.0.0.14', app.url, user.email, user.password)).status).toBe(200);
  });

  it('after 5+ failures for account X from A, X signs in correctly from B while A stays throttled for X', async () => {
    const user = await app.signIn(['editor']);
    for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS; i++)
      expect((await loginFrom('127.0.0.15', app.url, user.email, `wrong-${i}`)).status).toBe(401);
    expect((await loginFrom('127.0.0.15', app.url, user.email, user.password)).status).toBe(429);
    expect((await loginFrom('127.0.0.16', app.url, user.email, user.password)).status).toBe(200);
    expect((await loginFrom('127.0.0.15', app.url, user.email, user.password)).status).toBe(429);
    // A is throttled for X only: another account from A still reaches the password check.
    expect((await loginFrom('127.0.0.15', app.url, unknown('other', 1), 'wrong')).status).toBe(401);
  });

  it('stops password spraying: 30 accounts x 1 wrong password from one address', async () => {
    const sprayed = [];
    for (let i = 0; i < 30; i++) sprayed.push((await loginFrom('127.0.0.17', app.url, unknown('spray', i), 'Winter2026!')).status);
    expect(sprayed.slice(0, MAX_ATTEMPTS_PER_ADDRESS).every((status) => status === 401)).toBe(true);
    expect(sprayed.slice(MAX_ATTEMPTS_PER_ADDRESS).every((status) => status === 429)).toBe(true);
    const user = await app.signIn(['editor']);
    expect((await loginFrom('127.0.0.17', app.url, user.email, user.password)).status).toBe(429);
  });

  it('uses X-Forwarded-For only from a configured proxy: a forged header changes nothing', async () => {
    // Directly to the API from an untrusted address: the socket's address counts, whatever the header says.
    const direct = unknown('forged-direct', 0);
    await loginFrom('127.0.0.18', app.url, direct, 'wrong', { 'x-forwarded-for': '203.0.113.7' });
    expect(await recordedAddress(direct)).toBe('127.0.0.18');
    // Rotating forged addresses does not escape the per-address limit.
    const rotated = [];
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS + 2; i++) {
      rotated.push(
        (await loginFrom('127.0.0.18', app.url, unknown('forged-rotate', i), 'wrong', { 'x-forwarded-for': `198.51.100.${i}` })).status,
      );
    }
    expect(rotated.at(-1)).toBe(429);
    // Through the trusted proxy: the client it names counts, and a client-supplied value before it does not.
    const proxied = unknown('forged-proxied', 0);
    await loginFrom(PROXY, app.url, proxied, 'wrong', { 'x-forwarded-for': '203.0.113.50, 192.0.2.44' });
    expect(await recordedAddress(proxied)).toBe('192.0.2.44');
  });

  it('never refuses an account under attack from many addresses: slows it down, audits it and shows it to admins', async () => {
    const user = await app.signIn(['editor']);
    const attackers = ['127.0.0.31', '127.0.0.32', '127.0.0.33'];
    let failures = 0;
    for (const address of attackers) {
      for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS && failures < ACCOUNT_ALERT_FAILURES + 1; i++, failures++) {
        expect((await loginFrom(address, app.url, user.email, `wrong-${failures}`)).status).toBe(401);
      }
    }
    const owner = await loginFrom('127.0.0.34', app.url, user.email, user.password);
    expect(owner.status).toBe(200);

    const audit = await app.request('GET', `/api/audit?action=login_account_targeted`, { token: admin.token });
    expect(audit.body.items.some((entry: { diff: { email?: [null, string] } }) => entry.diff.email?.[1] === user.email)).toBe(true);
    const list = await app.request('GET', '/api/auth/throttles', { token: admin.token });
    expect(list.status).toBe(200);
    const entry = list.body.items.find(
      (item: { scope: string; accounts: string[] }) => item.scope === 'account' && item.accounts.includes(user.email),
    );
    expect(entry).toMatchObject({ address: null, addressCount: attackers.length, limit: ACCOUNT_ALERT_FAILURES, active: true });
    expect(entry.attempts).toBeGreaterThanOrEqual(ACCOUNT_ALERT_FAILURES);
  });

  it('lists throttled addresses to admins only, and an admin can clear one', async () => {
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++) await loginFrom('127.0.0.41', app.url, unknown('clear', i), 'wrong');
    expect((await loginFrom('127.0.0.41', app.url, unknown('clear', 99), 'wrong')).status).toBe(429);

    const editor = await app.signIn(['editor']);
    expect((await app.request('GET', '/api/auth/throttles', { token: editor.token })).status).toBe(403);
    const list = await app.request('GET', '/api/auth/throttles', { token: admin.token });
    const entry = list.body.items.find(
      (item: { scope: string; address: string }) => item.scope === 'address' && item.address === '127.0.0.41',
    );
    expect(entry).toMatchObject({ attempts: MAX_ATTEMPTS_PER_ADDRESS, limit: MAX_ATTEMPTS_PER_ADDRESS, hits: 1, active: true });
    expect(entry.accounts).toHaveLength(MAX_ATTEMPTS_PER_ADDRESS);
    expect(entry.accounts).toContain(unknown('clear', 0));

    expect((await app.request('DELETE', `/api/auth/throttles/${entry.id}`, { token: editor.token })).status).toBe(403);
    expect((await app.request('DELETE', `/api/auth/throttles/${entry.id}`, { token: admin.token })).status).toBe(204);
    expect((await app.request('DELETE', `/api/auth/throttles/${entry.id}`, { token: admin.token })).status).toBe(404);
    expect((await loginFrom('127.0.0.41', app.url, unknown('clear', 100), 'wrong')).status).toBe(401);
    const audit = await app.request('GET', `/api/audit?action=throttle_cleared&entityId=${entry.id}`, { token: admin.token });
    expect(audit.body.items[0]).toMatchObject({ actorId: admin.userId });
  });

  it('answers a malformed throttle id with 400 naming the field', async () => {
    const response = await requestFrom('127.0.0.1', app.url, 'DELETE', '/api/auth/throttles/not-a-uuid', {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('id');
  });
});
