import { expect, test } from '@playwright/test';
import { StorySchema } from '@newsdesk/contracts';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoriesPage } from './pages/stories-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, createStoryViaApi, uniqueHeadline, wallTime } from './support/data';
import { getStoryViaApi } from './support/desk-data';
import { API_URL } from './support/servers';

test('an editor embargoes a live story in another time zone: it leaves the public API, the list and editor show the badge, the preview the banner; lifting it keeps the schedule', async ({
  page,
  request,
}) => {
  const headline = uniqueHeadline('Tillerson to visit Ankara');
  const created = await createStoryViaApi(request, {
    headline,
    teaser: 'An advance for partner stations.',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Embargoed advance text.' }] }] },
  });

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(created.id);
  await editor.publishButton.click();
  await expect(editor.status).toHaveText('Published');
  expect((await request.get(`${API_URL}/api/public/stories/${created.slug}`)).status()).toBe(200);

  // Embargo until the next full hour two days ahead, entered in Asia/Tokyo (UTC+09:00, no daylight saving).
  const until = new Date(Date.now() + 48 * 3600_000);
  until.setUTCMinutes(0, 0, 0);
  const embargo = editor.publishing.getByRole('group', { name: 'Embargo' });
  await embargo.getByLabel('Time zone', { exact: true }).selectOption('Asia/Tokyo');
  await embargo.getByLabel('Not for publication before', { exact: true }).fill(wallTime(until, 'Asia/Tokyo'));
  await expect(page.locator('#story-embargo-at-meaning')).toContainText(`${until.toISOString().replace('.000Z', 'Z')} UTC`);
  await expect(page.locator('#story-embargo-at-meaning')).toContainText('UTC+09:00');
  await embargo.getByRole('button', { name: 'Set embargo' }).click();
  await expect(editor.saveState).toHaveText('Embargo set: scheduled at the embargo.');
  await expect(editor.status).toHaveText('Scheduled');
  await expect(editor.publishing.locator('.facts .badge-embargo')).toContainText('Embargoed until');

  // Saved as the instant meant; the live story left the public API at once.
  const saved = StorySchema.parse(await getStoryViaApi(request, created.id));
  expect(saved).toMatchObject({ embargoUntil: until.toISOString(), publishedAt: until.toISOString(), status: 'scheduled' });
  expect((await request.get(`${API_URL}/api/public/stories/${created.slug}`)).status()).toBe(404);

  // The story list shows the badge.
  const stories = new StoriesPage(page);
  await stories.goto({ q: headline });
  await expect(stories.rows(headline).locator('.badge-embargo')).toContainText('Embargoed until');

  // The preview says so first, with the time in UTC and in the reader's zone.
  await page.goto(`/stories/${created.id}/preview`);
  const banner = page.getByRole('alert', { name: 'Embargo' });
  await expect(banner).toContainText('EMBARGOED — not for publication before');
  await expect(banner).toContainText('UTC');
  await expect(banner.locator('time')).toHaveAttribute('datetime', until.toISOString());

  // Lifting the embargo keeps the story where it is (scheduled at the former embargo).
  await editor.goto(created.id);
  await editor.publishing.getByRole('button', { name: 'Lift embargo' }).click();
  await expect(editor.saveState).toHaveText('Embargo lifted.');
  await expect(editor.publishing.locator('.badge-embargo')).toHaveCount(0);
  expect(StorySchema.parse(await getStoryViaApi(request, created.id))).toMatchObject({
    embargoUntil: null,
    publishedAt: until.toISOString(),
  });
});
