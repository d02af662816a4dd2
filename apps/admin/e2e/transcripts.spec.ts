import { expect, test } from '@playwright/test';
import { PublicStorySchema } from '@newsdesk/contracts';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { TranscriptEditor } from './pages/transcript-editor';
import { DEMO, createStoryViaApi, uniqueHeadline, uniqueTag, updateStoryViaApi } from './support/data';
import { getStoryViaApi } from './support/desk-data';
import { API_URL } from './support/servers';

/** A family name no earlier run has used: letters only, as broadcast labels print them. */
const uniqueFamilyName = () => `Orlova${uniqueTag().replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)] ?? 'x')}`;

test('an editor pastes a transcript, creates the unknown reporter on the spot, publishes, and the public transcript has the broadcast labels', async ({
  page,
  request,
}) => {
  const family = uniqueFamilyName();
  const full = `Nadia ${family}`;
  const FULL = full.toUpperCase();
  const FAMILY = family.toUpperCase();
  const story = await createStoryViaApi(request, { headline: uniqueHeadline('First snow in Moscow') });

  await new LoginPage(page).goto(`/stories/${story.id}`);
  await new LoginPage(page).signIn(DEMO.editor);
  const editor = new StoryEditorPage(page);
  const transcript = new TranscriptEditor(page);
  await expect(editor.headline).toHaveValue(story.headline);

  await transcript.paste(
    [
      `${FULL}, BYLINE: Snow came early to Moscow this year, and the city was not ready for it.`,
      'SERGEY LAVROV: (Speaking Russian).',
      `${FAMILY}: The ministry had nothing to add. ${full}, Newsdesk News, Moscow. Transcript provided by Newsdesk, Copyright Newsdesk.`,
    ].join('\n\n'),
  );
  // The review: the reporter is unknown (with both of their turns), Lavrov is matched.
  await expect(transcript.unresolvedLabel(`${FULL}, BYLINE`)).toContainText('2 turns');
  await expect(transcript.section.getByRole('list', { name: 'Matched speakers' })).toContainText('Sergey Lavrov');
  await expect(transcript.section.getByRole('button', { name: 'Use these turns' })).toBeDisabled();
  await transcript.createPersonFor(`${FULL}, BYLINE`);
  await expect(transcript.unresolvedLabel(`${FULL}, BYLINE`)).toContainText(`→ ${full}`);
  await transcript.useTurns();

  await expect(transcript.label(1)).toHaveText(`${FULL}, BYLINE:`);
  await expect(transcript.label(2)).toHaveText('SERGEY LAVROV:');
  await expect(transcript.label(3)).toHaveText(`${FAMILY}:`);
  await expect(transcript.turn(2).getByLabel('Annotation')).toHaveValue('Speaking Russian');
  await expect(editor.credit).toHaveValue('Transcript provided by Newsdesk, Copyright Newsdesk.');
  await expect(transcript.preview).toContainText(`${FAMILY}: The ministry had nothing to add.`);

  await editor.publish();
  await expect(editor.status).toHaveText('Published');

  const txt = await request.get(`${API_URL}/api/public/stories/${story.slug}/transcript.txt`);
  expect(txt.status()).toBe(200);
  const text = await txt.text();
  expect(text.startsWith(`${FULL}, BYLINE: Snow came early`)).toBe(true);
  expect(text).toContain(`\n\nSERGEY LAVROV: (Speaking Russian).\n\n${FAMILY}: The ministry had nothing to add.`);
  expect(text.endsWith('\n\nTranscript provided by Newsdesk, Copyright Newsdesk.\n')).toBe(true);
  const published = PublicStorySchema.parse(await (await request.get(`${API_URL}/api/public/stories/${story.slug}`)).json());
  expect(published.transcript.turns.map((turn) => ('label' in turn ? turn.label : turn.cue))).toEqual([
    `${FULL}, BYLINE`,
    'SERGEY LAVROV',
    FAMILY,
  ]);
  expect(published.transcript.turns[0]).toMatchObject({ speaker: { name: full } });
});

test('turns are added, split at the cursor, reordered by keyboard and drag, merged; a stale save gets the conflict message', async ({
  page,
  request,
}) => {
  const story = await createStoryViaApi(request, { headline: uniqueHeadline('Lavrov on the talks') });
  await new LoginPage(page).goto(`/stories/${story.id}`);
  await new LoginPage(page).signIn(DEMO.editor);
  const editor = new StoryEditorPage(page);
  const transcript = new TranscriptEditor(page);

  await transcript.addTurn.click();
  await transcript.chooseSpeaker(1, 'lavr', 'Sergey Lavrov');
  await expect(transcript.label(1)).toHaveText('SERGEY LAVROV:');
  await transcript.text(1).fill('The talks went well. We will meet again.');
  // Split after "well." (the caret placed by the keyboard).
  await transcript.text(1).press('Home');
  for (let i = 0; i < 'The talks went well.'.length; i++) await transcript.text(1).press('ArrowRight');
  await transcript.action(1, 'split').click();
  await expect(transcript.text(1)).toHaveValue('The talks went well.');
  await expect(transcript.text(2)).toHaveValue('We will meet again.');
  await expect(transcript.label(2)).toHaveText('LAVROV:');

  await transcript.addCue.click();
  await transcript.cue(3).fill('laughter');
  await expect(transcript.cue(3)).toHaveValue('LAUGHTER');
  await transcript.cue(3).press('Alt+ArrowUp');
  await expect(transcript.cue(2)).toHaveValue('LAUGHTER');
  await expect(transcript.cue(2)).toBeFocused();
  await expect(transcript.action(3, 'merge')).toBeDisabled();
  await transcript.cue(2).press('Alt+ArrowDown');
  await expect(transcript.cue(3)).toHaveValue('LAUGHTER');

  await transcript.action(2, 'merge').click();
  await expect(transcript.text(1)).toHaveValue('The talks went well.\n\nWe will meet again.');
  // Both turns in view first: a drag that has to scroll the page on its way loses its drop in Chromium
  // (turn 1 is taller since it has a "Mark as (ph)" row).
  await transcript.handle(1).scrollIntoViewIfNeeded();
  await transcript.handle(2).dragTo(transcript.turn(1));
  await expect(transcript.cue(1)).toHaveValue('LAUGHTER');
  await expect(transcript.label(2)).toHaveText('SERGEY LAVROV:');
  await expect(transcript.preview).toContainText('(LAUGHTER)');

  await editor.save();
  await expect(editor.saveState).toHaveText(/^Saved/);
  const current = await getStoryViaApi(request, story.id);
  expect(current.transcript.turns).toMatchObject([
    { cue: 'LAUGHTER' },
    { renderedLabel: 'SERGEY LAVROV', text: 'The talks went well.\n\nWe will meet again.' },
  ]);
  const saved = await updateStoryViaApi(request, story.id, { version: current.version, teaser: 'Changed by someone else.' });
  expect(saved.transcript.turns).toHaveLength(2);

  await transcript.text(2).fill('A different answer.');
  await editor.save();
  await expect(editor.conflict).toBeVisible();
  await expect(editor.conflict).toContainText('Changed there: Teaser.');
});
