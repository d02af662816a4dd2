import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { DEMO } from './support/data';

/**
 * The admin's security headers (issue #12): a Content-Security-Policy, no framing, a referrer
 * policy, no MIME sniffing — on every page, and the same ones in deploy/Caddyfile. The pages
 * still work under the policy: no violation while an editor and an admin go through them.
 */

const REQUIRED = {
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

/** The header values the Caddyfile sets on the admin's route. */
function caddyHeaders(): Record<string, string> {
  const caddyfile = readFileSync(path.join(__dirname, '../../../deploy/Caddyfile'), 'utf8');
  const block = /handle \{\s*header \{([\s\S]*?)\n\t\t\}/.exec(caddyfile)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^\s*([A-Za-z-]+) "([^"]*)"/gm)].map(([, name, value]) => [name!.toLowerCase(), value!]));
}

test('every admin page sends the CSP, frame, referrer and sniffing headers, the same as the Caddyfile', async ({ request }) => {
  const caddy = caddyHeaders();
  expect(Object.keys(caddy)).toEqual(expect.arrayContaining(['content-security-policy', ...Object.keys(REQUIRED)]));
  for (const url of ['/login', '/desk', '/no-such-page', '/set-password?token=x']) {
    const response = await request.get(url, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers).toMatchObject(REQUIRED);
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    for (const [name, value] of Object.entries(caddy)) expect({ name, value: headers[name] }).toEqual({ name, value });
  }
});

test('the admin works under its policy: no CSP violation while signing in and using the pages', async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`Refused to load (CSP): ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`),
    );
  });

  const login = new LoginPage(page);
  await login.goto('/stories');
  await login.signIn(DEMO.admin);
  await expect(page).toHaveURL(/\/stories$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Stories' })).toBeVisible();
  await page.goto('/stories/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New story' })).toBeVisible();
  await page.locator('.ProseMirror').first().click();
  await page.keyboard.type('Typed under the content security policy.');
  await new DeskPage(page).goto();
  await expect(new DeskPage(page).heading).toBeVisible();
  for (const url of ['/schedule', '/correspondents', '/people', '/users', '/audit']) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.goto('/stories?q=moscow');
  await expect(page.getByRole('heading', { level: 1, name: 'Stories' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('admin-under-csp.png'), fullPage: true });
  expect(violations).toEqual([]);
});
