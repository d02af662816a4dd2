import { SESSION_COOKIE } from '@newsdesk/contracts';
import { MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS } from '../src/auth/login-throttle.service.js';
import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('auth', () => {
  it('logs in with a token and an httpOnly cookie, and /me answers with either', async () => {
    const { email, password } = await app.signIn(['editor']);
    const login = await app.request('POST', '/api/auth/login', { body: { email: email.toUpperCase(), password } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email, roles: ['editor'] });
    expect(login.body.user).not.toHaveProperty('passwordHash');
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${SESSION_COOKIE}=${login.body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    expect((await app.request('GET', '/api/auth/me', { token: login.body.token })).body.email).toBe(email);
    const viaCookie = await app.request('GET', '/api/auth/me', { headers: { cookie: `${SESSION_COOKIE}=${login.body.token}` } });
    expect(viaCookie.status).toBe(200);
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const { email } = await app.signIn(['producer']);
    const wrong = await app.request('POST', '/api/auth/login', { body: { email, password: 'not-the-password' } });
    const unknown = await app.request('POST', '/api/auth/login', {
      body: { email: 'nobody@test.newsdesk.local', password: 'whatever-it-is' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
  });

  it('names the invalid field of a malformed login', async () => {
    const response = await app.request('POST', '/api/auth/login', { body: { email: 'not-an-email', password: '' } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['email', 'password']);
  });

  it('throttles an account after repeated failures with 429 and Retry-After', async () => {
    const { email, password } = await app.signIn(['editor']);
    for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS; i++) {
      expect((await app.request('POST', '/api/auth/login', { body: { email, password: `wrong-${i}` } })).status).toBe(401);
    }
    const throttled = await app.request('POST', '/api/auth/login', { body: { email, password } });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ends the session on logout', async () => {
    const { token } = await app.signIn(['editor']);
    expect((await app.request('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await app.request('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const { token } = await app.signIn(['editor']);
    const cookie = `${SESSION_COOKIE}=${token}`;
    const forged = await app.request('POST', '/api/stories', { headers: { cookie }, body: { headline: 'Forged' } });
    expect(forged.status).toBe(403);
    const real = await app.request('POST', '/api/stories', { headers: { cookie, 'x-newsdesk-csrf': '1' }, body: { headline: 'Real' } });
    expect(real.status).toBe(201);
  });

  it('checks the Origin of cookie-authenticated writes: the admin origin passes, a foreign one is refused even with the header', async () => {
    const { token } = await app.signIn(['editor']);
    const cookie = `${SESSION_COOKIE}=${token}`;
    const adminOrigin = new URL(app.config.ADMIN_ORIGIN).origin;
    let n = 0;
    const write = (headers: Record<string, string>) =>
      app.request('POST', '/api/stories', { headers: { cookie, ...headers }, body: { headline: `Origin check ${++n}` } });
    for (const origin of ['https://evil.example', 'null', `${adminOrigin}.evil.example`, adminOrigin.replace('http:', 'https:')]) {
      const foreign = await write({ origin, 'x-newsdesk-csrf': '1' });
      expect(foreign.status).toBe(403);
      expect(foreign.body.detail).toContain('ADMIN_ORIGIN');
    }
    expect((await write({ origin: adminOrigin })).status).toBe(201);
    expect((await write({ origin: adminOrigin, 'x-newsdesk-csrf': '1' })).status).toBe(201);
    expect((await write({ 'x-newsdesk-csrf': '1' })).status).toBe(201);
    // Bearer tokens are not ambient credentials: no Origin check (scripts and integrations).
    expect(
      (await app.request('POST', '/api/stories', { token, headers: { origin: 'https://evil.example' }, body: { headline: 'Bearer' } }))
        .status,
    ).toBe(201);
  });

  it('requires a session on staff routes', async () => {
    expect((await app.request('GET', '/api/stories')).status).toBe(401);
    expect((await app.request('GET', '/api/stories', { token: 'forged-token' })).status).toBe(401);
  });
});
