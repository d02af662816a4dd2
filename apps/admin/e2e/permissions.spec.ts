import { expect, test } from '@playwright/test';
import { MediaSchema } from '@newsdesk/contracts';
import { AudioLibraryPage, PodcastPage } from './pages/audio-pages';
import { AuditPage } from './pages/audit-page';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { UsersPage } from './pages/users-page';
import { createProgramViaApi } from './support/audio';
import { DEMO, apiToken } from './support/data';
import { pngPortrait } from './support/images';
import { API_URL } from './support/servers';

test('an editor sees no Users or Audit link, and gets the not-allowed page there', async ({ page }) => {
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();

  const masthead = new Masthead(page);
  await expect(masthead.section('Stories')).toBeVisible();
  await expect(masthead.section('Users')).toHaveCount(0);
  await expect(masthead.section('Audit')).toHaveCount(0);
  await expect(masthead.account).toBeVisible();

  const users = new UsersPage(page);
  await users.goto();
  await expect(users.notAllowed).toBeVisible();
  await expect(page.getByText('Only admins can manage staff accounts.')).toBeVisible();
  await expect(users.addUser).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);

  await page.goto('/users/new');
  await expect(users.notAllowed).toBeVisible();

  const audit = new AuditPage(page);
  await audit.goto();
  await expect(audit.notAllowed).toBeVisible();
  await expect(page.getByText('Only admins can read the audit log.')).toBeVisible();
  await expect(audit.apply).toHaveCount(0);
});

test('a producer opens the audio library with upload, and a program’s podcast settings to change (artwork uploads are for editors)', async ({
  page,
  request,
}) => {
  const program = await createProgramViaApi(request);
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.producer);
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible(); // a producer lands on the schedule

  const masthead = new Masthead(page);
  await masthead.section('Audio').click();
  const library = new AudioLibraryPage(page);
  await expect(library.heading).toBeVisible();
  await expect(library.file).toBeEnabled();
  await expect(library.search).toBeVisible();

  const podcast = new PodcastPage(page);
  await podcast.goto(program.id);
  await expect(podcast.heading).toBeVisible();
  await expect(podcast.saveButton).toBeVisible();
  await expect(page.getByLabel('Owner email')).toBeEditable();
  await expect(page.getByLabel('Upload artwork')).toHaveCount(0);
  await expect(podcast.feedCheck).toBeVisible();

  // Artwork an editor uploaded is used by its address, and saved by the producer.
  const uploaded = await request.post(`${API_URL}/api/media`, {
    headers: { authorization: `Bearer ${await apiToken(request, DEMO.editor)}`, 'x-newsdesk-csrf': '1' },
    multipart: { file: { name: 'cover.png', mimeType: 'image/png', buffer: pngPortrait(1400, 1400) } },
  });
  expect(uploaded.status()).toBe(201);
  const { id } = MediaSchema.parse(await uploaded.json());
  await page.getByLabel('Or an image already uploaded').fill(`${API_URL}/api/media/${id}`);
  await page.getByRole('button', { name: 'Use image' }).click();
  await expect(page.getByTestId('podcast-artwork')).toBeVisible();
  await podcast.saveButton.click();
  await expect(podcast.saveState).toHaveText('Saved.');
  await expect(podcast.feedCheck.getByText(/^Artwork:/)).toHaveCount(0);
});

test('an editor reads a program’s podcast settings without changing them', async ({ page, request }) => {
  const program = await createProgramViaApi(request);
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  await expect(new Masthead(page).section('Audio')).toBeVisible();

  const podcast = new PodcastPage(page);
  await podcast.goto(program.id);
  await expect(podcast.heading).toBeVisible();
  await expect(page.getByText('You can read these settings but not change them')).toBeVisible();
  await expect(podcast.saveButton).toHaveCount(0);
  await expect(page.getByLabel('Owner email')).toBeDisabled();
  await expect(podcast.feedCheck).toBeVisible();
  await expect(podcast.checkAgain).toBeEnabled();
});
