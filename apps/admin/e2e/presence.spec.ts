import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, apiToken, createStoryViaApi, uniqueHeadline, type Credentials } from './support/data';
import { getStoryViaApi } from './support/desk-data';
import { ADMIN_PORT, API_PORT, API_URL } from './support/servers';

/**
 * Presence and soft locks (docs/presence.md) across two API processes: editor A uses the admin
 * and API that playwright.config.ts started; editor B a second admin server in front of a second
 * API process on the same database (ports E2E_API_PORT_2 / E2E_ADMIN_PORT_2, by default 10 above
 * the first pair). What one does reaches the other only through PostgreSQL's NOTIFY.
 */
const API_PORT_2 = Number(process.env.E2E_API_PORT_2 ?? API_PORT + 10);
const ADMIN_PORT_2 = Number(process.env.E2E_ADMIN_PORT_2 ?? ADMIN_PORT + 10);
const API_URL_2 = `http://localhost:${API_PORT_2}`;
const ADMIN_URL_2 = `http://localhost:${ADMIN_PORT_2}`;
const children: ChildProcess[] = [];

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${url} did not come up`);
}

function start(command: string[], env: Record<string, string>): void {
  const child = spawn(process.execPath, command, {
    cwd: path.resolve(__dirname, '..'),
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  start(['../api/dist/main.js'], {
    PORT: String(API_PORT_2),
    DATABASE_URL: process.env.E2E_DATABASE_URL!,
    NODE_ENV: 'test',
    ADMIN_ORIGIN: ADMIN_URL_2,
    TRUST_PROXY: '127.0.0.1,::1',
    MEDIA_DIR: path.join(tmpdir(), `newsdesk-e2e-media-${API_PORT}`),
  });
  await waitFor(`${API_URL_2}/health`);
  start(['server/server.mjs', '-p', String(ADMIN_PORT_2)], { API_URL: API_URL_2, NEXT_TELEMETRY_DISABLED: '1' });
  await waitFor(`${ADMIN_URL_2}/login`);
});

test.afterAll(async () => {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }),
  );
});

async function open(browser: Browser, who: Credentials, baseURL: string | undefined, storyId: string) {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(who);
  await expect(new DeskPage(page).heading).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(storyId);
  await expect(editor.body).toBeVisible();
  return { context, page, editor };
}

test('two editors on two API processes see each other, one takes over, the other keeps its text and still gets the conflict', async ({
  browser,
  request,
}) => {
  const headline = uniqueHeadline('Bridge repairs');
  const created = await createStoryViaApi(request, { headline, teaser: 'Original teaser.' });
  // In review: no autosave, so only the explicit saves below write.
  const submitted = await request.post(`${API_URL}/api/stories/${created.id}/submit`, {
    data: { version: created.version },
    headers: { authorization: `Bearer ${await apiToken(request, DEMO.editor)}`, 'x-newsdesk-csrf': '1' },
  });
  expect(submitted.status()).toBe(200);

  const a = await open(browser, DEMO.editor, undefined, created.id); // Edith Editor, API process 1
  const b = await open(browser, DEMO.admin, ADMIN_URL_2, created.id); // Ada Admin, API process 2
  const opened = Date.now();
  const avatarOfB = a.page.locator('.presence-avatar[title="Ada Admin"]');
  await expect(avatarOfB).toBeVisible();
  // Reported, not asserted (timings are measured, not tested): from B's editor showing to A seeing B.
  console.log(`presence: B's avatar appeared for A ${Date.now() - opened} ms after B's editor showed`);
  await expect(b.page.locator('.presence-avatar[title="Edith Editor"]')).toBeVisible();
  await expect(avatarOfB).toHaveText(/AA/);

  // A's first change takes the lock; B is told who is editing, and that A is typing in the headline.
  await a.editor.headline.fill(`${headline} (A's unsaved edit)`);
  await expect(b.page.getByText(/^Edith Editor is editing since \d\d:\d\d$/)).toBeVisible();
  await expect(b.page.getByText('Edith Editor is typing in Headline')).toBeVisible();

  // B takes over: A is told, and A's unsaved text is kept.
  await b.page.getByRole('button', { name: 'Take over' }).click();
  await expect(a.page.getByText(/^Ada Admin took over editing at \d\d:\d\d\.$/)).toBeVisible();
  await expect(b.page.getByText('is editing since')).toHaveCount(0);

  // B saves a change of its own (the version moves on).
  await b.editor.teaser.fill('Teaser from B.');
  await b.editor.save();
  await expect(b.editor.saveState).toHaveText(/^Saved \d\d:\d\d$/);
  expect((await getStoryViaApi(request, created.id)).version).toBe(created.version + 2);

  // A reloads: its text is offered back; restored and saved on the old version, it gets the conflict.
  a.page.once('dialog', (dialog) => void dialog.accept());
  await a.page.reload();
  await expect(a.page.getByText('Another editor took over the story before you saved them')).toBeVisible();
  await expect(a.editor.headline).toHaveValue(headline);
  await a.page.getByRole('button', { name: 'Restore my edits' }).click();
  await expect(a.editor.headline).toHaveValue(`${headline} (A's unsaved edit)`);
  await a.editor.save();
  await expect(a.editor.conflict).toBeVisible();
  const saved = await getStoryViaApi(request, created.id);
  expect(saved.headline).toBe(headline);
  expect(saved.teaser).toBe('Teaser from B.');

  // B closing the story: A no longer sees B.
  await b.context.close();
  await expect(avatarOfB).toHaveCount(0);
  await a.context.close();
});
