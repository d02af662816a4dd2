import { expect, test, type APIRequestContext } from '@playwright/test';
import { StorySchema } from '@newsdesk/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, apiToken, createStoryViaApi, uniqueHeadline, wallTime } from './support/data';
import { API_URL } from './support/servers';

/**
 * Issue 18 item 4: an editor publishes, sees the Distribution panel go from pending to sent for a
 * CDS on loopback (a real HTTP server in this test, answering after a moment), sees a failing
 * destination's reason (nothing listens on its port), and resends once it is up.
 */
const received: string[] = [];
function cds(delayMs: number): Server {
  return createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), delayMs);
    });
  });
}
const listen = (server: Server, port = 0) =>
  new Promise<number>((done) => server.listen(port, '127.0.0.1', () => done((server.address() as AddressInfo).port)));

const servers: Server[] = [];
const destinations: Array<{ id: string; version: number }> = [];

async function admin(request: APIRequestContext) {
  return { authorization: `Bearer ${await apiToken(request, DEMO.admin)}`, 'x-newsdesk-csrf': '1' };
}

test.afterAll(async ({ request }) => {
  // Leave no live destination (nor failed deliveries) behind for the other specs.
  const headers = await admin(request);
  for (const destination of destinations)
    await request.delete(`${API_URL}/api/distribution/destinations/${destination.id}?version=${destination.version}`, { headers });
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
});

test('an editor publishes, sees pending then sent, a failing destination’s reason, and resends', async ({ page, request }) => {
  // Two real destinations, a 3 s answer and two failed attempts: more than the default budget on a busy machine.
  test.setTimeout(180_000);
  const good = cds(3000);
  servers.push(good);
  const goodPort = await listen(good);
  // A port nothing listens on (yet): take one, then free it.
  const probe = createServer();
  const brokenPort = await listen(probe);
  await new Promise((done) => probe.close(done));

  const headers = await admin(request);
  for (const [name, port] of [
    ['Loopback CDS', goodPort],
    ['Broken CDS', brokenPort],
  ] as const) {
    const created = await request.post(`${API_URL}/api/distribution/destinations`, {
      headers,
      data: { name, kind: 'cds', url: `http://127.0.0.1:${port}`, token: 'e2e-cds-token' },
    });
    expect(created.status()).toBe(201);
    destinations.push(await created.json());
  }

  const story = await createStoryViaApi(request, { headline: uniqueHeadline('Distributed story'), teaser: 'Pushed to NPR.' });
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);
  const panel = page.getByRole('region', { name: 'Distribution' });
  await expect(panel.getByRole('status', { name: 'CDS checks' })).toContainText('No playable primary audio');
  await expect(panel.locator('[data-destination="Loopback CDS"] .badge')).toHaveText('Not sent');

  await editor.publish();
  await expect(editor.status).toHaveText('Published');
  const goodRow = panel.locator('[data-destination="Loopback CDS"]');
  const brokenRow = panel.locator('[data-destination="Broken CDS"]');
  await expect(goodRow.locator('.badge')).toHaveText('Pending');
  await expect(goodRow.locator('.badge')).toHaveText('Sent', { timeout: 20_000 });
  await expect(brokenRow.locator('.badge')).toHaveText('Failed', { timeout: 20_000 });
  await expect(brokenRow).toContainText('Could not connect: ECONNREFUSED (after 2 attempts)');
  expect(received).toContain(`PUT /v1/documents/demo-${story.id} Bearer e2e-cds-token`);

  // The failure is on every page until it is made good.
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'failed delivery' })).toBeVisible();

  const back = cds(0);
  servers.push(back);
  await listen(back, brokenPort);
  await expect(brokenRow.locator('.badge')).toHaveText('Failed');
  await brokenRow.getByRole('button', { name: 'Resend' }).click();
  await expect(brokenRow.locator('.badge')).toHaveText('Sent', { timeout: 20_000 });
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'failed delivery' })).toHaveCount(0);
  // Destinations changed since: keep their versions for the clean-up.
  const list = await request.get(`${API_URL}/api/distribution/destinations`, { headers });
  const items: Array<{ id: string; version: number }> = (await list.json()).items;
  for (const destination of destinations)
    destination.version = items.find((item) => item.id === destination.id)?.version ?? destination.version;
});

test('an editor sets "Recommend until (NPR One)" in another time zone: saved with the story, it is the CDS recommendUntilDateTime; clearing it removes it', async ({
  page,
  request,
}) => {
  const story = await createStoryViaApi(request, { headline: uniqueHeadline('Recommended story'), teaser: 'For NPR One.' });
  const headers = await admin(request);
  const cdsOf = async () => {
    const response = await request.get(`${API_URL}/api/stories/${story.id}/cds`, { headers });
    expect(response.status()).toBe(200);
    return (await response.json()) as { recommendUntilDateTime?: string };
  };
  expect(await cdsOf()).not.toHaveProperty('recommendUntilDateTime');

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);

  // The next full hour three days ahead, entered in Asia/Tokyo (UTC+09:00, no daylight saving).
  const until = new Date(Date.now() + 3 * 86_400_000);
  until.setUTCMinutes(0, 0, 0);
  const group = page.getByRole('group', { name: 'Recommend until (NPR One)' });
  await group.getByLabel('Time zone', { exact: true }).selectOption('Asia/Tokyo');
  await group.getByLabel('Recommend until', { exact: true }).fill(wallTime(until, 'Asia/Tokyo'));
  await expect(page.locator('#story-recommend-at-meaning')).toContainText(`${until.toISOString().replace('.000Z', 'Z')} UTC`);
  await expect(page.locator('#story-recommend-at-meaning')).toContainText('UTC+09:00');
  await group.getByRole('button', { name: 'Set recommend until' }).click();
  await expect(group.locator('.recommend-current time')).toHaveAttribute('datetime', until.toISOString());
  await expect(editor.saveState).toHaveText(/^Unsaved changes/);
  // Save (the draft's autosave may get there first: then there is nothing left to save).
  await editor.save();
  await expect(editor.saveState).toHaveText(/^(Saved \d\d:\d\d|No changes to save\.)$/);

  // Through the story update (a new version), and out as the CDS document's recommendUntilDateTime.
  const storyNow = async () => StorySchema.parse(await (await request.get(`${API_URL}/api/stories/${story.id}`, { headers })).json());
  await expect.poll(async () => (await storyNow()).recommendUntil).toBe(until.toISOString());
  expect((await storyNow()).version).toBe(story.version + 1);
  expect((await cdsOf()).recommendUntilDateTime).toBe(until.toISOString().replace('.000Z', 'Z'));

  // After a reload the editor shows what is recorded; clearing and saving removes it from the document.
  await page.reload();
  await expect(group.locator('.recommend-current time')).toHaveAttribute('datetime', until.toISOString());
  await group.getByRole('button', { name: 'Clear recommend until' }).click();
  await expect(group).toContainText('No end');
  await expect(editor.saveState).toHaveText(/^Unsaved changes/);
  await editor.save();
  await expect(editor.saveState).toHaveText(/^(Saved \d\d:\d\d|No changes to save\.)$/);
  await expect.poll(async () => (await storyNow()).recommendUntil).toBeNull();
  expect(await cdsOf()).not.toHaveProperty('recommendUntilDateTime');
});
