import { expect, test, type APIRequestContext } from '@playwright/test';
import { loginFrom } from '../../api/test/support/client';
import { LoginPage } from './pages/login-page';
import { DEMO, apiToken, createUserViaApi, uniqueTag } from './support/data';
import { ADMIN_PORT, API_URL } from './support/servers';

/**
 * Sign-in throttling through the admin's /api proxy (issue #22). Each "client" connects to the admin
 * from its own 127.0.0.x source address; the admin's server decides the client's address from the
 * socket and passes it on in X-Forwarded-For; the API trusts that header from the admin only.
 * The browser (127.0.0.1) is never throttled by these tests: they use addresses of their own.
 */
const ADMIN = `http://127.0.0.1:${ADMIN_PORT}`;
const nobody = (tag: string, i: number) => `nobody-${tag}-${i}@newsdesk.test`;

async function failedSignIns(request: APIRequestContext, email: string): Promise<Array<{ ip: string | null }>> {
  const token = await apiToken(request, DEMO.admin);
  const response = await request.get(`${API_URL}/api/audit?action=login_failed&limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { items } = (await response.json()) as { items: Array<{ ip: string | null; diff: { email?: [null, string] } }> };
  return items.filter((item) => item.diff.email?.[1] === email);
}

test('20+ failures from one address through the admin throttle that address only: another signs in', async ({ request }) => {
  const tag = uniqueTag();
  const user = await createUserViaApi(request, { roles: ['editor'] });
  for (let i = 0; i < 20; i++) expect((await loginFrom('127.0.0.51', ADMIN, nobody(tag, i), 'wrong-password')).status).toBe(401);
  const throttled = await loginFrom('127.0.0.51', ADMIN, user.email, user.password);
  expect(throttled.status).toBe(429);
  expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  expect((await loginFrom('127.0.0.52', ADMIN, user.email, user.password)).status).toBe(200);
});

test('5+ failures for one account from A: the account signs in from B, A stays throttled for it', async ({ request }) => {
  const user = await createUserViaApi(request, { roles: ['producer'] });
  for (let i = 0; i < 5; i++) expect((await loginFrom('127.0.0.53', ADMIN, user.email, `wrong-${i}`)).status).toBe(401);
  expect((await loginFrom('127.0.0.53', ADMIN, user.email, user.password)).status).toBe(429);
  expect((await loginFrom('127.0.0.54', ADMIN, user.email, user.password)).status).toBe(200);
  expect((await loginFrom('127.0.0.53', ADMIN, user.email, user.password)).status).toBe(429);
});

test('password spraying through the admin (30 accounts x 1 password from one address) is stopped', async () => {
  const tag = uniqueTag();
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) statuses.push((await loginFrom('127.0.0.55', ADMIN, nobody(tag, i), 'Winter2026!')).status);
  expect(statuses.filter((status) => status === 401)).toHaveLength(20);
  expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
});

test('a forged X-Forwarded-For sent to the admin does not change the address the API uses', async ({ request }) => {
  const tag = uniqueTag();
  const forged = nobody(`forged-${tag}`, 0);
  await loginFrom('127.0.0.56', ADMIN, forged, 'wrong-password', { 'x-forwarded-for': '203.0.113.9' });
  expect((await failedSignIns(request, forged)).map((item) => item.ip)).toEqual(['127.0.0.56']);
  // Naming a new address on every attempt does not escape the per-address limit either.
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) {
    statuses.push(
      (await loginFrom('127.0.0.56', ADMIN, nobody(`rotate-${tag}`, i), 'wrong-password', { 'x-forwarded-for': `198.51.100.${i}` })).status,
    );
  }
  expect(statuses.at(-1)).toBe(429);
});

test('the sign-in page says when sign-in is paused and for how long', async ({ page, request }) => {
  const user = await createUserViaApi(request, { roles: ['editor'] });
  // Five failures for this account from the browser's own address (localhost: 127.0.0.1 or ::1)
  // throttle that account there only.
  for (let i = 0; i < 5; i++) {
    expect((await loginFrom('127.0.0.1', ADMIN, user.email, `wrong-${i}`)).status).toBe(401);
    expect((await loginFrom('::1', `http://[::1]:${ADMIN_PORT}`, user.email, `wrong-${i}`)).status).toBe(401);
  }
  const login = new LoginPage(page);
  await page.goto(`/login`);
  await login.signIn(user);
  await expect(
    login.alert(/Too many sign-in attempts from your network\. Sign-in is paused here; try again in 1[45] minutes \(at /),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});

test('an admin sees throttled addresses from the Users page and clears one', async ({ page }) => {
  const tag = uniqueTag();
  for (let i = 0; i < 20; i++) await loginFrom('127.0.0.57', ADMIN, nobody(`view-${tag}`, i), 'wrong-password');
  expect((await loginFrom('127.0.0.57', ADMIN, nobody(`view-${tag}`, 99), 'wrong-password')).status).toBe(429);

  await page.goto(`/login?next=%2Fusers`);
  await new LoginPage(page).signIn(DEMO.admin);
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByText('Sign-in throttling in force')).toBeVisible();
  await page.getByRole('link', { name: 'Review sign-in throttling' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in throttling' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '127.0.0.57' });
  await expect(row).toContainText('Address (all accounts)');
  await expect(row).toContainText('20 of 20');
  await expect(row).toContainText(nobody(`view-${tag}`, 0));
  await row.getByRole('button', { name: 'Clear 127.0.0.57' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cleared: 127.0.0.57 may sign in again.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '127.0.0.57' })).toHaveCount(0);
  expect((await loginFrom('127.0.0.57', ADMIN, nobody(`view-${tag}`, 100), 'wrong-password')).status).toBe(401);
});
