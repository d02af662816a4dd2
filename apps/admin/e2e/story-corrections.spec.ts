import { expect, test } from '@playwright/test';
import { PublicStorySchema } from '@newsdesk/contracts';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';
import { publishStoryViaApi } from './support/desk-data';
import { API_URL } from './support/servers';

test('a correction added to a published story appears on the public API; the publication time stays', async ({ page, request }) => {
  const headline = uniqueHeadline('Bridge reopens after repairs');
  const story = await publishStoryViaApi(request, await createStoryViaApi(request, { headline, teaser: 'Traffic is back.' }));

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);
  await expect(editor.status).toHaveText('Published');
  await expect(editor.corrections.getByText('No corrections.')).toBeVisible();

  await editor.corrections.getByRole('button', { name: 'Add correction' }).click();
  await expect(editor.corrections.getByRole('alert')).toHaveText('Describe the correction');

  const text = 'An earlier version of this story gave the wrong reopening date.';
  await editor.addCorrection(text);
  await expect(editor.saveState).toHaveText('Correction added.');
  await expect(editor.corrections.getByRole('listitem').filter({ hasText: text })).toBeVisible();
  await expect(editor.corrections.getByLabel('Add correction')).toHaveValue('');

  const response = await request.get(`${API_URL}/api/public/stories/${story.slug}`);
  expect(response.status()).toBe(200);
  const published = PublicStorySchema.parse(await response.json());
  expect(published.corrections.map((correction) => correction.text)).toEqual([text]);
  expect(published.publishedAt).toBe(story.publishedAt);
});
