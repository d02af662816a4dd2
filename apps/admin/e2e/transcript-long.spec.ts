import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { TranscriptEditor } from './pages/transcript-editor';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';
import { getStoryViaApi } from './support/desk-data';

/**
 * A long transcript (issue #16: a 2-hour show has 600+ turns): the first 40 turns open as full
 * rows, the others as their text until they come near the viewport, are clicked or focused, or
 * something needs them (a link to the turn, Alt+↓ into one). Nothing of the editor's behaviour
 * may depend on which turns are awake.
 */

const TURNS = 120;
const speakers = ['NORA QUILL, HOST', 'LUCIAN KIM, BYLINE'];
const textOf = (i: number) => `Line ${i + 1} of the Moscow talks show, about the ceasefire and the grain corridor.`;

async function openLongStory(page: Page, request: APIRequestContext, hash = '') {
  const story = await createStoryViaApi(request, {
    headline: uniqueHeadline('Two-hour show'),
    transcript: { turns: Array.from({ length: TURNS }, (_, i) => ({ personId: null, label: speakers[i % 2]!, text: textOf(i) })) },
  });
  await new LoginPage(page).goto(`/stories/${story.id}${hash}`);
  await new LoginPage(page).signIn(DEMO.editor);
  // Signing in hashes a password: slow on a loaded machine.
  await expect(new StoryEditorPage(page).headline).toHaveValue(story.headline, { timeout: 60_000 });
  return story;
}

test('far turns open as text and become editable near the viewport or when clicked; the edit is saved', async ({ page, request }) => {
  const story = await openLongStory(page, request);
  const transcript = new TranscriptEditor(page);
  const editor = new StoryEditorPage(page);

  await expect(transcript.text(40)).toBeVisible();
  // Turn 100 is there (its text, for reading and the browser's find) without its controls.
  await expect(transcript.turn(100)).toContainText(textOf(99));
  await expect(transcript.text(100)).toHaveCount(0);
  await expect(transcript.turns.getByRole('listitem')).toHaveCount(TURNS);

  // Pressing on a far turn's text puts the caret in it (dispatched: a click would scroll it near first).
  await transcript.turn(100).getByText(textOf(99)).dispatchEvent('pointerdown');
  await expect(transcript.text(100)).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' Officials said no.');

  // Scrolling towards a far turn wakes it.
  await expect(transcript.text(TURNS)).toHaveCount(0);
  await transcript.turn(TURNS).scrollIntoViewIfNeeded();
  await expect(transcript.text(TURNS)).toHaveValue(textOf(TURNS - 1));

  await editor.save();
  await expect(editor.saveState).toHaveText(/^Saved/);
  const saved = await getStoryViaApi(request, story.id);
  expect(saved.transcript.turns[99]).toMatchObject({ text: `${textOf(99)} Officials said no.` });
  expect(saved.transcript.turns).toHaveLength(TURNS);

  // The preview has every turn.
  await expect(transcript.preview.getByText(textOf(TURNS - 2))).toHaveCount(1);
});

test('a link to a far turn puts the caret in it; Alt+↓ moves a turn into the far ones with the focus', async ({ page, request }) => {
  const story = await openLongStory(page, request, '#turn-89');
  const transcript = new TranscriptEditor(page);
  await expect(transcript.text(90)).toBeFocused();
  await expect(transcript.text(90)).toHaveValue(textOf(89));

  // Turn 40 is the last row opened in full; moving it down wakes turn 41 and the focus follows.
  await transcript.text(40).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(transcript.text(41)).toBeFocused();
  await expect(transcript.text(41)).toHaveValue(textOf(39));
  await expect(transcript.text(40)).toHaveValue(textOf(40));
  await page.keyboard.press('Alt+ArrowDown');
  await expect(transcript.text(42)).toBeFocused();
  await expect(transcript.text(42)).toHaveValue(textOf(39));

  const editor = new StoryEditorPage(page);
  await editor.save();
  await expect(editor.saveState).toHaveText(/^Saved/);
  const turns = (await getStoryViaApi(request, story.id)).transcript.turns;
  expect(turns.slice(39, 42).map((turn) => ('text' in turn ? turn.text : null))).toEqual([textOf(40), textOf(41), textOf(39)]);
});
