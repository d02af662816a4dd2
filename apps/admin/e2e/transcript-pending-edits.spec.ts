import { expect, test, type Page, type Route } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { TranscriptEditor } from './pages/transcript-editor';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';
import { getStoryViaApi, publishStoryViaApi } from './support/desk-data';

/**
 * The transcript editor keeps its own copy of the turns while someone types and hands it to the
 * form after a pause (issue #16: a keystroke in a 600-turn transcript). Nothing typed may be lost to
 * that pause: a save sends what was typed a moment before, and an edit made while a save is on its
 * way survives the save's answer, whether it reached the form before the answer or not.
 */

const turns = [
  { personId: null, label: 'NORA QUILL, HOST', text: 'Talks in Moscow ended without a date.' },
  { personId: null, label: 'LUCIAN KIM, BYLINE', text: 'Officials said little.' },
];

async function openStory(page: Page, storyId: string, headline: string) {
  await new LoginPage(page).goto(`/stories/${storyId}`);
  await new LoginPage(page).signIn(DEMO.editor);
  // Signing in hashes a password: slow on a loaded machine.
  await expect(new StoryEditorPage(page).headline).toHaveValue(headline, { timeout: 60_000 });
}

test('Ctrl+S at once after typing saves what was typed', async ({ page, request }) => {
  // Published: no autosave, so the shortcut's save is the only one.
  const draft = await createStoryViaApi(request, { headline: uniqueHeadline('Pending save'), transcript: { turns } });
  const story = await publishStoryViaApi(request, draft);
  await openStory(page, story.id, story.headline);
  const transcript = new TranscriptEditor(page);
  const editor = new StoryEditorPage(page);

  await transcript.text(2).click();
  await transcript.text(2).press('End');
  await transcript.text(2).pressSequentially(' Not yet.');
  const sent = page.waitForRequest((req) => req.method() === 'PATCH' && req.url().endsWith(`/api/stories/${story.id}`));
  await page.keyboard.press('Control+s');
  expect((await sent).postDataJSON()).toMatchObject({ transcript: { turns: [{}, { text: 'Officials said little. Not yet.' }] } });
  await expect(editor.saveState).toHaveText(/^Saved/);

  expect((await getStoryViaApi(request, story.id)).transcript.turns[1]).toMatchObject({ text: 'Officials said little. Not yet.' });
});

for (const when of ['still in the editor', 'already in the form'] as const) {
  test(`an edit made while an autosave is on its way survives the save's answer (${when})`, async ({ page, request }) => {
    const story = await createStoryViaApi(request, { headline: uniqueHeadline('Pending answer'), transcript: { turns } });
    await openStory(page, story.id, story.headline);
    const transcript = new TranscriptEditor(page);
    const editor = new StoryEditorPage(page);

    // Hold the first save's answer until the second edit is made.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    let saves = 0;
    await page.route(`**/api/stories/${story.id}`, async (route: Route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      saves += 1;
      if (saves > 1) return route.fallback();
      const response = await route.fetch();
      held();
      await released;
      await route.fulfill({ response });
    });

    await transcript.text(1).click();
    await transcript.text(1).press('End');
    await transcript.text(1).pressSequentially(' First.');
    await holding; // the autosave (a few seconds after the last change) has been answered by the API, not yet by the page

    await transcript.text(1).pressSequentially(' Second.');
    // Leaving the transcript hands the editor's copy to the form at once (else after a pause).
    if (when === 'already in the form') await editor.headline.focus();
    release();

    await expect(editor.saveState).not.toHaveText('Saving…');
    await expect(transcript.text(1)).toHaveValue('Talks in Moscow ended without a date. First. Second.');
    await editor.save();
    await expect(editor.saveState).toHaveText(/^Saved/);
    expect((await getStoryViaApi(request, story.id)).transcript.turns[0]).toMatchObject({
      text: 'Talks in Moscow ended without a date. First. Second.',
    });
  });
}
