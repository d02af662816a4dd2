import { expect, test } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';
import { getStoryViaApi } from './support/desk-data';

const paragraph = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
});

test('history: two edits, a readable word diff, and restoring the first revision', async ({ page, request }) => {
  const headline = uniqueHeadline('Council votes on the river wall');
  const story = await createStoryViaApi(request, { headline, body: paragraph('The council met on Tuesday to vote on the wall.') });

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);
  await expect(editor.body).toContainText('The council met on Tuesday');

  await editor.replaceBody('The council met late on Wednesday to approve the wall.');
  await editor.save();
  await expect(editor.saveState).toHaveText(/^Saved \d\d:\d\d$/);
  await editor.fill({ headline: `${headline}: approved` });
  await editor.save();
  await expect(editor.revision(3)).toBeVisible();

  await expect(editor.revision(1)).toContainText('Create');
  await expect(editor.revision(2)).toContainText('Changed: Body');
  await expect(editor.revision(3)).toContainText('Changed: Headline');

  const diff = await editor.compareRevisions(1, 3);
  await expect(diff.getByRole('heading', { name: 'Headline' })).toBeVisible();
  await expect(diff.getByRole('heading', { name: 'Body' })).toBeVisible();
  await expect(diff.locator('del').filter({ hasText: 'Tuesday' })).toBeVisible();
  await expect(diff.locator('ins').filter({ hasText: 'Wednesday' })).toBeVisible();
  await expect(diff.locator('ins').filter({ hasText: 'approved' }).first()).toBeVisible();

  await editor.restoreRevision(1);
  await expect(editor.saveState).toHaveText('Restored revision 1.');
  await expect(editor.headline).toHaveValue(headline);
  await expect(editor.body).toHaveText('The council met on Tuesday to vote on the wall.');
  await expect(editor.revision(4)).toContainText('Restore of revision 1');

  const saved = await getStoryViaApi(request, story.id);
  expect(saved.headline).toBe(headline);
  expect(saved.body).toEqual(paragraph('The council met on Tuesday to vote on the wall.'));
});
