import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { StoriesPage } from './pages/stories-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { UserPage } from './pages/user-page';
import { DEMO, createStoryViaApi, createUserViaApi, uniqueHeadline } from './support/data';
import { publishStoryViaApi } from './support/desk-data';
import { ADMIN_URL } from './support/servers';

test('a user deactivated while signed in is sent to sign in, with a notice, on their next action', async ({ page, browser, request }) => {
  const member = await createUserViaApi(request, { roles: ['editor'], name: 'Dana Deactivated' });
  const headline = uniqueHeadline('Council votes on the harbour budget');
  // Published, so nothing is autosaved (autosave is for drafts): the typed edit stays unsaved.
  const story = await publishStoryViaApi(request, await createStoryViaApi(request, { headline, teaser: 'The teaser before.' }));

  // The member works in a browser of their own: a story with unsaved edits, and the story list in another tab.
  const theirs = await browser.newContext({ baseURL: ADMIN_URL });
  try {
    const editorTab = await theirs.newPage();
    await new LoginPage(editorTab).goto(`/stories/${story.id}`);
    await new LoginPage(editorTab).signIn(member);
    const editor = new StoryEditorPage(editorTab);
    await expect(editor.headline).toHaveValue(headline);
    await editor.fill({ teaser: 'A teaser typed while the account was being deactivated.' });

    const listTab = await theirs.newPage();
    await new StoriesPage(listTab).goto();
    await expect(new StoriesPage(listTab).heading).toBeVisible();

    // Meanwhile an admin deactivates them.
    await new LoginPage(page).goto(`/users/${member.id}`);
    await new LoginPage(page).signIn(DEMO.admin);
    const user = new UserPage(page);
    await user.deactivate.click();
    await expect(page.getByText(`Deactivate ${member.name}?`)).toBeVisible();
    await user.confirmDeactivate.click();
    await expect(user.status).toHaveText('Deactivated');

    // Their next action goes straight to the sign-in page, which says why, and comes back here afterwards.
    // That is their click on Save, or the editor's own next call (a presence update or the story's
    // lock, sent while they typed) when it meets the ended session first: whichever comes first.
    await Promise.race([editor.saveButton.click().catch(() => undefined), editorTab.waitForURL(/\/login\?/)]);
    await expect(editorTab).toHaveURL(`/login?next=${encodeURIComponent(`/stories/${story.id}`)}&reason=session-ended`);
    const login = new LoginPage(editorTab);
    await expect(login.sessionEnded).toBeVisible();

    // Navigating in the other tab does the same.
    await new Masthead(listTab).account.click();
    await expect(listTab).toHaveURL(/\/login\?next=%2Faccount&reason=session-ended$/);
    await expect(new LoginPage(listTab).sessionEnded).toBeVisible();

    // A deactivated account cannot sign in.
    await login.signIn(member);
    await expect(login.alert('Email or password is incorrect.')).toBeVisible();

    // Once reactivated, they sign in again, land on the story, and get their unsaved edits back.
    await page.reload();
    await user.reactivate.click();
    await user.confirmReactivate.click();
    await expect(user.status).toHaveText('Active');

    await login.signIn(member);
    await expect(editorTab).toHaveURL(`/stories/${story.id}`);
    await expect(editor.teaser).toHaveValue('The teaser before.');
    await expect(editor.alert('You have edits that were not saved.')).toBeVisible();
    await editorTab.getByRole('button', { name: 'Restore my edits' }).click();
    await expect(editor.teaser).toHaveValue('A teaser typed while the account was being deactivated.');
    await editor.save();
    await expect(editor.saveState).toHaveText(/^Saved \d\d:\d\d$/);
    await editorTab.reload();
    await expect(editor.teaser).toHaveValue('A teaser typed while the account was being deactivated.');
    await expect(editor.alert('You have edits that were not saved.')).toHaveCount(0);
  } finally {
    await theirs.close();
  }
});
