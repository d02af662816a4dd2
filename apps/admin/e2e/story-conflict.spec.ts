import { expect, test } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, createStoryViaApi, uniqueHeadline, type Credentials } from './support/data';
import { getStoryViaApi } from './support/desk-data';

test('a second browser editing the same draft gets the conflict message instead of overwriting (autosave and save)', async ({
  browser,
  request,
}) => {
  const headline = uniqueHeadline('Ferry service cut to the islands');
  const story = await createStoryViaApi(request, { headline, teaser: 'Original teaser.' });

  const open = async (who: Credentials) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await new LoginPage(page).goto();
    await new LoginPage(page).signIn(who);
    await expect(new DeskPage(page).heading).toBeVisible();
    const editor = new StoryEditorPage(page);
    await editor.goto(story.id);
    await expect(editor.headline).toHaveValue(headline);
    await expect(editor.body).toBeVisible();
    return { context, page, editor };
  };
  const first = await open(DEMO.editor);
  const second = await open(DEMO.admin);

  // The first editor's change is autosaved (a draft, a few seconds after the last keystroke).
  await first.editor.fill({ teaser: 'Teaser from the first editor.' });
  await expect(first.editor.saveState).toHaveText(/^Saved \d\d:\d\d$/, { timeout: 15_000 });

  // The second, still on the old version, edits too: autosave is refused and says so.
  await second.editor.fill({ headline: `${headline} (second)` });
  await second.editor.typeInBody('A paragraph from the second editor.');
  await expect(second.editor.conflict).toBeVisible({ timeout: 15_000 });
  await expect(second.editor.saveState).toHaveText('Not saved: changed elsewhere');
  await expect(second.editor.conflict).toContainText('Teaser');
  // Saving by hand is refused the same way; the edits stay in the form.
  await second.editor.save();
  await expect(second.editor.conflict).toBeVisible();
  await expect(second.editor.headline).toHaveValue(`${headline} (second)`);

  let saved = await getStoryViaApi(request, story.id);
  expect(saved.headline).toBe(headline);
  expect(saved.teaser).toBe('Teaser from the first editor.');
  expect(saved.body.content).toEqual([]);

  // Nothing is written behind the editor's back while the conflict stands.
  await second.page.waitForTimeout(4_000);
  saved = await getStoryViaApi(request, story.id);
  expect(saved.version).toBe(story.version + 1);

  second.page.once('dialog', (dialog) => void dialog.accept());
  await second.editor.reloadLatest.click();
  await expect(second.editor.conflict).toHaveCount(0);
  await expect(second.editor.teaser).toHaveValue('Teaser from the first editor.');
  await expect(second.editor.headline).toHaveValue(headline);

  await first.context.close();
  await second.context.close();
});
