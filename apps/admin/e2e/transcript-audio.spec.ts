import { expect, test, type APIRequestContext } from '@playwright/test';
import { AudioAssetSchema } from '@newsdesk/contracts';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { TranscriptEditor } from './pages/transcript-editor';
import { wavTone } from './support/audio';
import { DEMO, apiToken, createStoryViaApi, uniqueHeadline, uniqueTag } from './support/data';
import { getStoryViaApi } from './support/desk-data';
import { API_URL } from './support/servers';

/**
 * Audio-synced editing (issue 19 item 5): with a playable primary audio (a WAV made here, uploaded
 * and encoded by the API), the transcript editor plays it, highlights the turn being heard, seeks
 * to a turn's time on click, and Alt+T stamps the playback time as a turn's start.
 */

async function playableWav(request: APIRequestContext, seconds: number) {
  const headers = { authorization: `Bearer ${await apiToken(request, DEMO.editor)}`, 'x-newsdesk-csrf': '1' };
  const uploaded = await request.post(`${API_URL}/api/audio`, {
    headers,
    multipart: {
      file: { name: 'tape.wav', mimeType: 'audio/wav', buffer: wavTone({ seconds, channels: 1, sampleRate: 8000 }) },
      title: `Tape ${uniqueTag()}`,
    },
  });
  if (uploaded.status() !== 201) throw new Error(`Upload failed: ${uploaded.status()} ${await uploaded.text()}`);
  const { id } = AudioAssetSchema.parse(await uploaded.json());
  await expect
    .poll(async () => AudioAssetSchema.parse(await (await request.get(`${API_URL}/api/audio/${id}`, { headers })).json()).playable, {
      timeout: 120_000,
    })
    .toBe(true);
  return id;
}

test('the editor plays the primary audio: the turn heard is highlighted, a time seeks, Alt+T stamps a start', async ({ page, request }) => {
  test.setTimeout(240_000);
  const assetId = await playableWav(request, 4);
  const story = await createStoryViaApi(request, {
    headline: uniqueHeadline('Bridge vote'),
    audio: [{ assetId, title: 'Bridge vote tape' }],
    transcript: {
      turns: [
        { personId: null, label: 'NORA QUILL, HOST', text: 'The council met.', startMs: 0, endMs: 2000 },
        { personId: null, label: 'UNIDENTIFIED MAN', text: 'We voted no.', startMs: 2000, endMs: 3000 },
        { personId: null, label: 'NORA QUILL, HOST', text: 'Not yet timed.' },
      ],
    },
  });
  await new LoginPage(page).goto(`/stories/${story.id}`);
  await new LoginPage(page).signIn(DEMO.editor);
  const editor = new StoryEditorPage(page);
  const transcript = new TranscriptEditor(page);
  // Signing in hashes a password: slow on a loaded machine.
  await expect(editor.headline).toHaveValue(story.headline, { timeout: 60_000 });
  const player = transcript.section.getByLabel('Play the primary audio, Bridge vote tape');
  await expect(player).toBeVisible();
  await player.evaluate(
    (audio: HTMLAudioElement) => new Promise((resolve) => (audio.readyState >= 1 ? resolve(null) : (audio.onloadedmetadata = resolve))),
  );

  // Clicking turn 2's time plays from 0:02.0: turn 2 is the one highlighted.
  await transcript.turn(2).getByRole('button', { name: 'Times of turn 2' }).click();
  await expect(transcript.turn(2)).toHaveAttribute('aria-current', 'true');
  await expect(transcript.turn(1)).not.toHaveAttribute('aria-current', 'true');
  await player.evaluate((audio: HTMLAudioElement) => audio.pause());
  expect(await player.evaluate((audio: HTMLAudioElement) => audio.currentTime)).toBeGreaterThanOrEqual(2);

  // Moving the playback moves the highlight.
  await player.evaluate((audio: HTMLAudioElement) => (audio.currentTime = 0.5));
  await expect(transcript.turn(1)).toHaveAttribute('aria-current', 'true');
  await expect(transcript.turn(2)).not.toHaveAttribute('aria-current', 'true');

  // Alt+T in turn 3 stamps the playback time (3.4 s) as its start; it ends at the audio's end.
  await player.evaluate((audio: HTMLAudioElement) => (audio.currentTime = 3.4));
  await expect(transcript.turn(1)).not.toHaveAttribute('aria-current', 'true');
  await transcript.text(3).focus();
  await page.keyboard.press('Alt+KeyT');
  await expect(transcript.turn(3).getByLabel('Times of turn 3')).toHaveText('0:03.4–0:04.0');
  await expect(transcript.turn(3)).toHaveAttribute('aria-current', 'true');
  await editor.save();
  await expect(editor.saveState).toHaveText(/Saved|No changes to save/);
  const saved = await getStoryViaApi(request, story.id);
  expect(saved.transcript.turns.map((turn) => [turn.startMs ?? null, turn.endMs ?? null])).toEqual([
    [0, 2000],
    [2000, 3000],
    [3400, 4000],
  ]);
});
