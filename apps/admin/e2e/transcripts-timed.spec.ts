import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { TranscriptEditor } from './pages/transcript-editor';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';
import { getStoryViaApi } from './support/desk-data';
import { API_URL } from './support/servers';

/** Timed import (issue 19): a WebVTT file with a diarized speaker, mapped once, saved with its times; a split keeps them monotonic. */
const VTT = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:04.000',
  '<v SPEAKER_00>The council met on Tuesday. It voted to close the bridge.',
  '',
  '00:00:04.500 --> 00:00:06.000',
  '<v SPEAKER_00>Repairs start in March.',
  '',
  '00:00:06.000 --> 00:00:08.000',
  '(SOUNDBITE OF TRAFFIC)',
  '',
  '00:00:08.000 --> 00:00:11.000',
  '<v Sergey Lavrov>Nobody asked us.',
  '',
].join('\n');

test('an editor opens a VTT file, maps SPEAKER_00 once, saves the timed turns, splits one, and transcript.vtt answers', async ({
  page,
  request,
}) => {
  const story = await createStoryViaApi(request, { headline: uniqueHeadline('Bridge closes') });
  await new LoginPage(page).goto(`/stories/${story.id}`);
  await new LoginPage(page).signIn(DEMO.editor);
  const editor = new StoryEditorPage(page);
  const transcript = new TranscriptEditor(page);
  await expect(editor.headline).toHaveValue(story.headline);

  await transcript.importButton.click();
  await transcript.section
    .getByLabel('Or open a file')
    .setInputFiles({ name: 'bridge.vtt', mimeType: 'text/vtt', buffer: Buffer.from(VTT) });
  await expect(transcript.section.getByLabel('Format')).toHaveValue('vtt');
  await expect(transcript.section.getByLabel('The file’s text')).toHaveValue(VTT);
  await transcript.readButton.click();

  await expect(transcript.unresolvedLabel('SPEAKER_00')).toContainText('1 turn');
  await expect(transcript.section.getByRole('list', { name: 'Matched speakers' })).toContainText('Sergey Lavrov');
  await transcript.createPersonFor('SPEAKER_00', 'Mara Quell');
  await transcript.useTurns();
  await expect(transcript.text(1)).toHaveValue('The council met on Tuesday. It voted to close the bridge. Repairs start in March.');
  await expect(transcript.cue(2)).toHaveValue('SOUNDBITE OF TRAFFIC');
  await expect(transcript.turn(1).getByLabel('Times of turn 1')).toHaveText('0:01.0–0:06.0');
  await expect(transcript.turn(3).getByLabel('Times of turn 3')).toHaveText('0:08.0–0:11.0');

  // Split turn 1 after its first sentence: the times split inside the turn, the halves stay in order.
  await transcript.text(1).click();
  await transcript.text(1).evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(28, 28));
  await transcript.action(1, 'split').click();
  await expect(transcript.text(2)).toHaveValue('It voted to close the bridge. Repairs start in March.');
  await editor.saveButton.click();
  await expect(editor.saveState).toHaveText(/Saved/);

  const saved = await getStoryViaApi(request, story.id);
  const times = saved.transcript.turns.map((turn) => [turn.startMs, turn.endMs]);
  expect(times[0]![0]).toBe(1000);
  expect(times[1]![1]).toBe(6000);
  expect(times[0]![1]).toBeGreaterThan(1000);
  expect(times[1]![0]).toBe(times[0]![1]);
  expect(times.slice(2)).toEqual([
    [6000, 8000],
    [8000, 11000],
  ]);

  await editor.publish();
  await expect(editor.status).toHaveText('Published');
  const vtt = await request.get(`${API_URL}/api/public/stories/${saved.slug}/transcript.vtt`);
  expect(vtt.status()).toBe(200);
  const text = await vtt.text();
  expect(text).toContain('<v MARA QUELL>The council met on Tuesday.');
  expect(text).toContain('00:00:08.000 --> 00:00:11.000\n<v SERGEY LAVROV>Nobody asked us.');
});
