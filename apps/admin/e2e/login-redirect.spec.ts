import { expect, test, type APIRequestContext } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { DEMO } from './support/data';
import { ADMIN_URL } from './support/servers';

/**
 * Issue #12, finding 7: the sign-in page's `next` must never send anyone off the admin's origin.
 * `next=%2F%09%2Fhost` used to answer `Location: /\t/host` (which browsers read as `//host`), and
 * `next=%0A` a 500. Known open-redirect payloads (OWASP's cheat sheet, PayloadsAllTheThings, the
 * Next.js and Django advisories), sent through real HTTP to the built admin.
 */

const ORIGIN = new URL(ADMIN_URL).origin;

/** `next` values as the page receives them (decoded); each is sent percent-encoded. */
const PAYLOADS: readonly string[] = [
  '//evil.example',
  '///evil.example',
  '////evil.example/%2e%2e',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/\r\n/evil.example',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '/\u0000/evil.example',
  '/\u007f/evil.example',
  '/\u0085/evil.example',
  '/\u2028/evil.example',
  '/\u3000/evil.example',
  ' //evil.example',
  'https://evil.example',
  'http://evil.example',
  'HtTpS://evil.example',
  'https:evil.example',
  'https:/evil.example',
  'https:\\\\evil.example',
  '//evil.example@localhost',
  `//${new URL(ADMIN_URL).host}@evil.example`,
  `${ADMIN_URL}@evil.example`,
  `${ADMIN_URL}.evil.example`,
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '/%09/evil.example',
  '/%0A/evil.example',
  '/%0D%0ALocation:%20https://evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/a/..//evil.example',
  '/%2e//evil.example',
  '/%2e%2e//evil.example',
  '/./\\evil.example',
  '/%', // malformed percent-encoding
  '/%E0%A4%A',
  'evil.example',
  '.evil.example',
  '@evil.example',
  '?//evil.example',
  '#//evil.example',
  '/login?next=//evil.example',
  '/api/auth/logout',
];

/** Raw query strings, for what a list of decoded values cannot express. */
const RAW_QUERIES: readonly string[] = [
  'next=%2F%09%2Fhost',
  'next=%0A',
  'next=%0D',
  'next=%0D%0A',
  'next=%00',
  'next=%2F%2Fevil.example&next=%2Fdesk',
  'next=%E0%A4%A',
  'next=%25',
];

async function signedInRequest(request: APIRequestContext): Promise<void> {
  const login = await request.post(`${ADMIN_URL}/api/auth/login`, { data: DEMO.editor });
  expect(login.status()).toBe(200);
}

test('a signed-in visit to /login?next=<payload> redirects on the admin origin only, never 5xx (known open-redirect payloads)', async ({
  request,
}) => {
  expect(PAYLOADS.length + RAW_QUERIES.length).toBeGreaterThanOrEqual(30);
  await signedInRequest(request);
  const queries = [...PAYLOADS.map((payload) => `next=${encodeURIComponent(payload)}`), ...RAW_QUERIES];
  const outcomes: Array<{ query: string; status: number; location: string | undefined; sameOrigin: boolean }> = [];
  for (const query of queries) {
    const response = await request.get(`${ADMIN_URL}/login?${query}`, { maxRedirects: 0 });
    const location = response.headers()['location'];
    // Resolved as a browser does (WHATWG URL: tabs and newlines stripped, backslashes read as slashes).
    const target = location === undefined ? null : new URL(location, ADMIN_URL);
    outcomes.push({
      query,
      status: response.status(),
      location,
      sameOrigin: target?.origin === ORIGIN && !/^[/\\]{2}/.test(location!.replace(/[\t\n\r]/g, '')),
    });
  }
  const bad = outcomes.filter((outcome) => outcome.status >= 500 || outcome.status < 300 || outcome.status > 399 || !outcome.sameOrigin);
  expect(bad).toEqual([]);
  // Every payload lands on the admin's home; nothing was passed through.
  expect(outcomes.filter((outcome) => new URL(outcome.location!, ADMIN_URL).pathname !== '/')).toEqual([]);
});

test('a signed-in visit keeps a safe next target, query and all', async ({ request }) => {
  await signedInRequest(request);
  for (const [next, expected] of [
    ['/stories?q=harbour%20fees&status=draft', '/stories?q=harbour%20fees&status=draft'],
    ['/schedule', '/schedule'],
    ['/stories/./new', '/stories/new'],
  ] as const) {
    const response = await request.get(`${ADMIN_URL}/login?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()['location']).toBe(expected);
  }
});

test('signing in through the form with a hostile next stays on the admin', async ({ page }) => {
  const login = new LoginPage(page);
  for (const payload of ['/\t/evil.example', '//evil.example', '/.//evil.example', 'https://evil.example']) {
    await page.context().clearCookies();
    await login.goto(payload);
    await login.signIn(DEMO.editor);
    await expect(new DeskPage(page).heading).toBeVisible();
    expect(new URL(page.url()).origin).toBe(ORIGIN);
  }
});

test('an unknown page visited signed out goes to sign-in with a next that stays on the admin', async ({ request }) => {
  for (const path of ['//evil.example/x', '/%2F%2Fevil.example', '/%5Cevil.example', '/stories/%0Anew']) {
    const response = await request.get(`${ADMIN_URL}${path}`, { maxRedirects: 0 });
    expect(response.status()).toBeLessThan(500);
    const location = response.headers()['location'];
    if (location) expect(new URL(location, ADMIN_URL).origin).toBe(ORIGIN);
  }
});
