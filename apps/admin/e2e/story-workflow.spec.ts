import { expect, test } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';
import { getStoryViaApi } from './support/desk-data';

test('submitting a draft saves its edits and puts it in the review queue; it can go back to draft', async ({ page, request }) => {
  const headline = uniqueHeadline('School board weighs a four-day week');
  const story = await createStoryViaApi(request, { headline, teaser: 'First teaser.' });

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  const desk = new DeskPage(page);
  await expect(desk.heading).toBeVisible();
  await expect(desk.story('My drafts', headline)).toBeVisible();

  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);
  await editor.fill({ teaser: 'Teaser written just before asking for review.' });
  await editor.submitButton.click();
  await expect(editor.status).toHaveText('In review');
  await expect(editor.saveState).toHaveText('Submitted for review.');
  await expect(editor.submitButton).toHaveCount(0);
  expect((await getStoryViaApi(request, story.id)).teaser).toBe('Teaser written just before asking for review.');

  await desk.goto();
  await expect(desk.story('In review', headline)).toBeVisible();
  await expect(desk.story('My drafts', headline)).toHaveCount(0);
  await desk.story('In review', headline).getByRole('link').click();

  await editor.returnToDraftButton.click();
  await expect(editor.status).toHaveText('Draft');
  await expect(editor.saveState).toHaveText('Back to draft.');
  await expect(editor.submitButton).toBeVisible();
});
