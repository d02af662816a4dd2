import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { PublicCorrespondentSchema, slugify } from '@newsdesk/contracts';
import { CorrespondentEditorPage } from './pages/correspondent-editor-page';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { DEMO } from './support/data';
import { pngPortrait } from './support/images';
import { API_URL } from './support/servers';

test('an admin creates a correspondent with a photo, publishes the profile, and the public API shows it', async ({ page, request }) => {
  const name = `Olga Petrova ${randomBytes(3).toString('hex')}`;
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.admin);
  // Signed in: the masthead is there (each role lands on its own start page).
  await expect(new Masthead(page).sections).toBeVisible();
  await new Masthead(page).sections.getByRole('link', { name: 'Correspondents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Correspondents' })).toBeVisible();
  await page.getByRole('link', { name: 'New correspondent' }).click();

  const editor = new CorrespondentEditorPage(page);
  await editor.name.fill(name);
  await editor.title.fill('Kyiv Correspondent');
  await editor.bureau.fill('Kyiv');
  await editor.email.fill('olga.petrova@newsdesk.local');
  await editor.bio.fill('<p>Olga Petrova reports from <strong>Kyiv</strong>.</p><script>alert(1)</script>');
  await editor.addBeat('Ukraine');
  await editor.addBeat('Energy');
  await editor.uploadPhoto('olga.png', pngPortrait());
  await expect(editor.photoPreview).toBeVisible();
  await expect(page.getByText('60 × 75 px')).toBeVisible();
  // Alt text now, the credit forgotten: the profile saves, but cannot be published.
  await editor.photoAlt.fill(`Portrait of ${name}`);
  await editor.saveButton.click();
  await expect(page).toHaveURL(/\/correspondents\/[0-9a-f-]{36}$/);
  await expect(editor.status).toHaveText('Draft');
  await expect(editor.bio).toHaveValue('<p>Olga Petrova reports from <strong>Kyiv</strong>.</p>');

  await editor.publishedSwitch.click();
  await expect(editor.alert('The photo needs a credit before publication')).toBeVisible();
  await expect(editor.publishedSwitch).toHaveAttribute('aria-checked', 'false');

  await editor.photoCredit.fill('Newsdesk staff');
  // Publication also waits for the photo's renditions (issue 21).
  await expect(page.getByTestId('renditions-state')).toHaveText(/^Renditions ready/, { timeout: 30_000 });
  await editor.publishedSwitch.click();
  await expect(editor.publishedSwitch).toHaveAttribute('aria-checked', 'true');
  await expect(editor.status).toHaveText('Published');
  await expect(editor.saveState).toHaveText('Published.');
  const slug = slugify(name);
  await expect(editor.publicLink).toHaveAttribute('href', `/api/public/correspondents/${slug}`);

  // The public API (no session) shows the profile, its photo, and never the email.
  const response = await request.get(`${API_URL}/api/public/correspondents/${slug}`);
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).not.toContain('olga.petrova@newsdesk.local');
  const profile = PublicCorrespondentSchema.parse(JSON.parse(text));
  expect(profile).toMatchObject({ name, title: 'Kyiv Correspondent', bureau: 'Kyiv', beats: ['Ukraine', 'Energy'], active: true });
  expect(profile.photo).toMatchObject({ alt: `Portrait of ${name}`, credit: 'Newsdesk staff', width: 60, height: 75 });
  const image = await request.get(`${API_URL}${profile.photo!.url}`);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
  // An original is public while a live output shows it, cacheable for an hour (docs/images.md "Originals").
  expect(image.headers()['cache-control']).toBe('public, max-age=3600');
  const list = await request.get(`${API_URL}/api/public/correspondents?limit=100`);
  expect(((await list.json()) as { items: Array<{ slug: string }> }).items.map((item) => item.slug)).toContain(slug);

  // Through the admin's proxy too, as the "Live at" link opens it.
  expect((await page.request.get(`/api/public/correspondents/${slug}`)).status()).toBe(200);
});

test('an editor reads correspondents but cannot create or edit them', async ({ page }) => {
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  // Signed in: the masthead is there (each role lands on its own start page).
  await expect(new Masthead(page).sections).toBeVisible();
  await new Masthead(page).sections.getByRole('link', { name: 'Correspondents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Correspondents' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New correspondent' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Lucian Kim', exact: true }).click();
  const editor = new CorrespondentEditorPage(page);
  await expect(editor.name).toHaveValue('Lucian Kim');
  await expect(editor.name).toBeDisabled();
  await expect(editor.bio).toBeDisabled();
  await expect(editor.photoPreview).toBeVisible();
  await expect(page.getByText('Profiles are managed by admins')).toBeVisible();
  await expect(editor.saveButton).toHaveCount(0);
  await expect(editor.publishedSwitch).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete profile' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Upload photo|Replace photo/ })).toHaveCount(0);
  await expect(editor.status).toHaveText('Published');

  await page.goto('/correspondents/new');
  await expect(page.getByText("Correspondents' profiles are managed by admins")).toBeVisible();
  await expect(editor.saveButton).toHaveCount(0);
});
