import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let admin: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.signIn(['admin']);
});
afterAll(async () => {
  await app?.close();
});

const email = () => `staff-${Math.random().toString(36).slice(2, 8)}@test.newsdesk.local`;
const STRONG = 'moscow-bureau-2017-winter';
const versionOf = async (id: string): Promise<number> =>
  (await app.request('GET', `/api/users/${id}`, { token: admin.token })).body.version;

describe('staff accounts', () => {
  it('creates a user without a password and hands back a one-time link that works once', async () => {
    const address = email();
    const created = await app.request('POST', '/api/users', {
      token: admin.token,
      body: { email: address.toUpperCase(), name: 'Lucian Kim', roles: ['editor'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: address, roles: ['editor'], active: true, hasPassword: false });
    const { token } = created.body.passwordLink;
    expect(created.body.passwordLink.url).toContain(`/set-password?token=${token}`);

    expect((await app.request('POST', '/api/auth/set-password', { body: { token, password: 'short' } })).body.errors[0].field).toBe(
      'password',
    );
    expect((await app.request('POST', '/api/auth/set-password', { body: { token, password: STRONG } })).status).toBe(204);
    expect((await app.request('POST', '/api/auth/set-password', { body: { token, password: STRONG } })).status).toBe(400);
    expect((await app.request('POST', '/api/auth/login', { body: { email: address, password: STRONG } })).status).toBe(200);
  });

  it('refuses a duplicate email (case-insensitive), naming the field', async () => {
    const address = email();
    await app.request('POST', '/api/users', {
      token: admin.token,
      body: { email: address, name: 'A', roles: ['producer'], password: STRONG },
    });
    const again = await app.request('POST', '/api/users', {
      token: admin.token,
      body: { email: address.toUpperCase(), name: 'B', roles: ['producer'], password: STRONG },
    });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].field).toBe('email');
  });

  it('refuses short and common passwords', async () => {
    for (const password of ['short', 'Password1234!', 'qwertyuiop12']) {
      const response = await app.request('POST', '/api/users', {
        token: admin.token,
        body: { email: email(), name: 'X', roles: ['editor'], password },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('password');
    }
  });

  it('ends every session of a deactivated user at once, and records who did it', async () => {
    const victim = await app.signIn(['editor']);
    const second = await app.request('POST', '/api/auth/login', { body: { email: victim.email, password: victim.password } });
    const patched = await app.request('PATCH', `/api/users/${victim.userId}`, {
      token: admin.token,
      body: { version: await versionOf(victim.userId), active: false },
    });
    expect(patched.body.active).toBe(false);
    expect((await app.request('GET', '/api/auth/me', { token: victim.token })).status).toBe(401);
    expect((await app.request('GET', '/api/auth/me', { token: second.body.token })).status).toBe(401);
    expect((await app.request('POST', '/api/auth/login', { body: { email: victim.email, password: victim.password } })).status).toBe(401);
    const audit = await app.request('GET', `/api/audit?entity=user&entityId=${victim.userId}&action=deactivate`, { token: admin.token });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ actorId: admin.userId, diff: { active: [true, false] } });
  });

  it('records role changes with before and after', async () => {
    const user = await app.signIn(['producer']);
    await app.request('PATCH', `/api/users/${user.userId}`, {
      token: admin.token,
      body: { version: await versionOf(user.userId), roles: ['producer', 'editor'] },
    });
    const audit = await app.request('GET', `/api/audit?action=role_change&entityId=${user.userId}`, { token: admin.token });
    expect(audit.body.items[0].diff.roles).toEqual([['producer'], ['producer', 'editor']]);
    expect((await app.request('GET', `/api/users/${user.userId}`, { token: admin.token })).body.roles).toEqual(['producer', 'editor']);
  });

  it('refuses a stale version with 409, the current version and the fields changed since', async () => {
    const user = await app.signIn(['editor']);
    const version = await versionOf(user.userId);
    const first = await app.request('PATCH', `/api/users/${user.userId}`, { token: admin.token, body: { version, name: 'Renamed Once' } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(version + 1);
    const stale = await app.request('PATCH', `/api/users/${user.userId}`, { token: admin.token, body: { version, roles: ['producer'] } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: version + 1, changedFields: ['name'] });
    const unchanged = await app.request('GET', `/api/users/${user.userId}`, { token: admin.token });
    expect(unchanged.body).toMatchObject({ name: 'Renamed Once', roles: ['editor'], version: version + 1 });
    const missing = await app.request('PATCH', `/api/users/${user.userId}`, { token: admin.token, body: { name: 'No Version' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('version');
  });

  it('stops an admin from locking themselves out', async () => {
    const version = await versionOf(admin.userId);
    const self = await app.request('PATCH', `/api/users/${admin.userId}`, { token: admin.token, body: { version, active: false } });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].field).toBe('active');
    expect(
      (await app.request('PATCH', `/api/users/${admin.userId}`, { token: admin.token, body: { version, roles: ['editor'] } })).body
        .errors[0].field,
    ).toBe('roles');
  });

  it('issues a reset link that voids the previous one and ends sessions when used', async () => {
    const user = await app.signIn(['editor']);
    const first = await app.request('POST', `/api/users/${user.userId}/reset-password`, { token: admin.token });
    const second = await app.request('POST', `/api/users/${user.userId}/reset-password`, { token: admin.token });
    expect((await app.request('POST', '/api/auth/set-password', { body: { token: first.body.token, password: STRONG } })).status).toBe(400);
    expect((await app.request('POST', '/api/auth/set-password', { body: { token: second.body.token, password: STRONG } })).status).toBe(
      204,
    );
    expect((await app.request('GET', '/api/auth/me', { token: user.token })).status).toBe(401);
  });

  it('lists users with search and keyset paging', async () => {
    const page = await app.request('GET', '/api/users?limit=2', { token: admin.token });
    expect(page.body.items).toHaveLength(2);
    const next = await app.request('GET', `/api/users?limit=2&cursor=${page.body.nextCursor}`, { token: admin.token });
    expect(next.body.items.map((u: { id: string }) => u.id)).not.toContain(page.body.items[0].id);
    expect(page.body.items[0]).not.toHaveProperty('passwordHash');
  });
});

describe('own account', () => {
  it('changes the password with the current one; other sessions end, this client gets a fresh token', async () => {
    const me = await app.signIn(['editor']);
    const other = await app.request('POST', '/api/auth/login', { body: { email: me.email, password: me.password } });
    const wrong = await app.request('POST', '/api/auth/password', {
      token: me.token,
      body: { currentPassword: 'nope', newPassword: STRONG },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('currentPassword');
    const changed = await app.request('POST', '/api/auth/password', {
      token: me.token,
      body: { currentPassword: me.password, newPassword: STRONG },
    });
    expect(changed.status).toBe(200);
    expect((await app.request('GET', '/api/auth/me', { token: me.token })).status).toBe(401);
    expect((await app.request('GET', '/api/auth/me', { token: other.body.token })).status).toBe(401);
    expect((await app.request('GET', '/api/auth/me', { token: changed.body.token })).status).toBe(200);
  });

  it("lists and revokes own sessions, and cannot touch another user's", async () => {
    const me = await app.signIn(['producer']);
    const second = await app.request('POST', '/api/auth/login', { body: { email: me.email, password: me.password } });
    const list = await app.request('GET', '/api/auth/sessions', { token: me.token });
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const otherSession = list.body.items.find((s: { current: boolean }) => !s.current);
    const stranger = await app.signIn(['editor']);
    expect((await app.request('DELETE', `/api/auth/sessions/${otherSession.id}`, { token: stranger.token })).status).toBe(404);
    expect((await app.request('DELETE', `/api/auth/sessions/${otherSession.id}`, { token: me.token })).status).toBe(204);
    expect((await app.request('GET', '/api/auth/me', { token: second.body.token })).status).toBe(401);
  });
});
