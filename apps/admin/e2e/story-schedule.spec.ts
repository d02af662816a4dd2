import { expect, test } from '@playwright/test';
import { PublicStoryPageSchema, slugify } from '@newsdesk/contracts';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, uniqueTag } from './support/data';
import { createTagViaApi, getStoryViaApi, utcInputValue } from './support/desk-data';
import { API_URL } from './support/servers';

test('an editor writes a formatted story, accepts a suggested tag and schedules it a minute ahead; the desk counts down, the public API waits', async ({
  page,
  request,
}) => {
  const suffix = uniqueTag();
  const place = `Volgograd ${suffix}`;
  const tag = await createTagViaApi(request, place, 'place');
  const headline = `Floods reach ${place} as the river rises`;

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  const desk = new DeskPage(page);
  await expect(desk.heading).toBeVisible(); // editors land on their desk
  await desk.newStory.click();

  const editor = new StoryEditorPage(page);
  await editor.fill({ headline, teaser: 'Emergency crews are moving families out of low-lying streets.' });
  await editor.body.click();
  await page.keyboard.type('Water reached ');
  await editor.toolbar('Bold').click();
  await page.keyboard.type('the old town');
  await editor.toolbar('Bold').click();
  await page.keyboard.type(' overnight. Residents were told:');
  await page.keyboard.press('Enter');
  await editor.toolbar('Bulleted list').click();
  await page.keyboard.type('Move to higher ground');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Boil drinking water');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // leaves the list
  await page.keyboard.type('Updates from ');
  // A link that is not http(s)/mailto is refused by the dialog.
  const dialog = await editor.addLink('javascript:alert(1)');
  await expect(dialog.getByRole('alert')).toHaveText(/http\(s\) or mailto/);
  await dialog.getByLabel('Link address').fill('https://example.org/flood-updates');
  await dialog.getByRole('button', { name: 'Apply link' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(editor.body.locator('strong')).toHaveText('the old town');
  await expect(editor.body.locator('ul > li')).toHaveCount(2);
  await expect(editor.body.getByRole('link', { name: 'https://example.org/flood-updates' })).toBeVisible();
  await editor.addByline('Lucian Kim');

  await editor.save();
  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/);
  await expect(editor.status).toHaveText('Draft');

  // The saved story suggests the tag whose name is in the headline; one click adds it.
  const suggestion = editor.suggestion(place);
  await expect(suggestion).toHaveText(new RegExp(`^\\+ ${place} \\(headline.*, \\d+×\\)$`));
  await suggestion.click();
  await expect(editor.tags.getByText(place, { exact: true })).toBeVisible();
  await expect(suggestion).toHaveCount(0);
  await editor.save();
  await expect(editor.saveState).toHaveText(/^Saved \d\d:\d\d$/);

  const saved = await getStoryViaApi(request, editor.storyId());
  expect(saved.tags.map((t) => t.id)).toEqual([tag.id]);
  const blocks = saved.body.content;
  expect(blocks.map((block) => block.type)).toEqual(['paragraph', 'bulletList', 'paragraph']);
  expect(JSON.stringify(blocks[0])).toContain('"type":"bold"');
  expect(JSON.stringify(blocks[2])).toContain('"href":"https://example.org/flood-updates"');

  // Schedule a minute ahead, read in UTC: the panel shows the instant it means before sending.
  const at = new Date(Date.now() + 60_000);
  at.setUTCMilliseconds(0);
  await editor.timeZone.selectOption('UTC');
  await editor.publishAt.fill(utcInputValue(at));
  await expect(editor.scheduleMeaning).toContainText(`${at.toISOString().replace('.000Z', 'Z')} UTC`);
  await expect(editor.scheduleMeaning).toContainText('UTC+00:00');
  await editor.scheduleButton.click();
  await expect(editor.status).toHaveText('Scheduled');
  await expect(editor.saveState).toHaveText('Scheduled.');
  await expect(editor.countdown).toHaveText(/^in 00:[0-5]\d$/);

  // Not public yet: neither the story nor the list shows it before publishAt.
  const slug = slugify(headline);
  expect((await request.get(`${API_URL}/api/public/stories/${slug}`)).status()).toBe(404);
  const list = PublicStoryPageSchema.parse(await (await request.get(`${API_URL}/api/public/stories?limit=100`)).json());
  expect(list.items.map((item) => item.slug)).not.toContain(slug);

  await desk.goto();
  const line = desk.story('Scheduled', headline);
  await expect(line).toBeVisible();
  await expect(line.locator('.countdown')).toHaveText(/^goes live in (00:[0-5]\d|01:00)$/);
  expect(Date.now()).toBeLessThan(at.getTime()); // all of the above happened before the story went live
});
