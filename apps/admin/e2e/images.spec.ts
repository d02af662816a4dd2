import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { PublicCorrespondentSchema, slugify } from '@newsdesk/contracts';
import { CorrespondentEditorPage } from './pages/correspondent-editor-page';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { DEMO } from './support/data';
import { pngPortrait } from './support/images';
import { API_URL } from './support/servers';

test('an admin uploads a photo, moves its focal point with the keyboard, sees the square crop move, publishes, and the public JSON offers the new renditions', async ({
  page,
  request,
}) => {
  const name = `Ines Focal ${randomBytes(3).toString('hex')}`;
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.admin);
  await expect(new Masthead(page).sections).toBeVisible();
  await new Masthead(page).sections.getByRole('link', { name: 'Correspondents' }).click();
  await page.getByRole('link', { name: 'New correspondent' }).click();
  const editor = new CorrespondentEditorPage(page);
  await editor.name.fill(name);
  await editor.title.fill('Photo Correspondent');
  await editor.bio.fill('<p>Takes pictures.</p>');
  // 800 × 400: the square crop is 400 × 400, centred at first (from x = 200).
  await editor.uploadPhoto('wide.png', pngPortrait(800, 400));
  const state = page.getByTestId('renditions-state');
  await expect(state).toHaveText(/^Renditions ready: \d+ files\.$/, { timeout: 30_000 });
  const square = page.getByTestId('square-preview');
  await expect(square).toHaveAttribute('data-crop', '200,0,400,400');
  // Every aspect is listed with its files and sizes, the credit under each preview.
  for (const aspect of ['original', 'wide', 'square', 'standard', 'social'])
    await expect(page.getByTestId(`aspect-${aspect}`)).toBeVisible();
  await expect(page.getByTestId('aspect-square').getByRole('link', { name: '320 × 320 WebP' })).toBeVisible();
  const squareBefore = await page.getByTestId('aspect-square').getByRole('link', { name: '320 × 320 JPEG' }).getAttribute('href');

  // The focal point, with the keyboard only: focus the photo, Shift+Right four times (0.5 -> 0.9).
  const focal = page.getByRole('slider', { name: /Focal point/ });
  // The photo is the original, which nothing public references yet: staff-only (docs/images.md
  // "Originals"). The admin loads it through its /api proxy with the session (800 px decoded); a
  // request without a session gets 404.
  const original = focal.locator('img');
  await expect.poll(() => original.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(800);
  const originalPath = await original.getAttribute('src');
  expect(originalPath).toMatch(/^\/api\/media\/[0-9a-f-]{36}$/);
  expect((await request.get(`${API_URL}${originalPath}`)).status()).toBe(404);
  await focal.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(focal).toHaveAttribute('aria-valuetext', '90% from the left, 50% from the top');
  // The square crop follows before saving (clamped to the right edge).
  await expect(square).toHaveAttribute('data-crop', '400,0,400,400');
  await page.getByRole('button', { name: 'Save focal point' }).click();
  await expect(page.getByRole('button', { name: 'Save focal point' })).toBeDisabled();
  await expect(state).toHaveText(/^Renditions ready: \d+ files\.$/, { timeout: 30_000 });
  const squareAfter = await page.getByTestId('aspect-square').getByRole('link', { name: '320 × 320 JPEG' }).getAttribute('href');
  expect(squareAfter).not.toBe(squareBefore);

  await editor.photoAlt.fill(`Portrait of ${name}`);
  await editor.photoCredit.fill('Newsdesk staff');
  await editor.saveButton.click();
  await expect(page).toHaveURL(/\/correspondents\/[0-9a-f-]{36}$/);
  await editor.publishedSwitch.click();
  await expect(editor.status).toHaveText('Published');

  const response = await request.get(`${API_URL}/api/public/correspondents/${slugify(name)}`);
  expect(response.status()).toBe(200);
  const photo = PublicCorrespondentSchema.parse(await response.json()).photo!;
  expect(photo).toMatchObject({ credit: 'Newsdesk staff', width: 800, height: 400, focal: { x: 0.9, y: 0.5 } });
  expect(photo.srcset.square!.jpeg).toContain(`${squareAfter} 320w`);
  expect(photo.renditions.map((r) => r.url)).not.toContain(squareBefore);
  const file = await request.get(`${API_URL}${squareAfter}`);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('image/jpeg');
  expect(file.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  // The URL of the earlier crop still answers (it may be published somewhere).
  expect((await request.get(`${API_URL}${squareBefore}`)).status()).toBe(200);
});
