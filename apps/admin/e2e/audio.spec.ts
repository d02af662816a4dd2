import { expect, test } from '@playwright/test';
import { AudioAssetSchema, StorySchema } from '@newsdesk/contracts';
import { AudioAssetPage, AudioLibraryPage, PodcastPage } from './pages/audio-pages';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { StoryEditorPage } from './pages/story-editor-page';
import { createProgramViaApi, wavTone } from './support/audio';
import { DEMO, apiToken, createStoryViaApi, uniqueHeadline, uniqueTag } from './support/data';
import { pngPortrait } from './support/images';
import { API_URL } from './support/servers';

/**
 * Issue #14's admin: upload a WAV with a progress bar, see it encode, attach it to a story of a
 * program, publish, play it in the admin's player, and read the program's feed check.
 */
test('an editor uploads a WAV, sees it encode, attaches it to a story, publishes it and plays it; the program’s feed check reports', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const program = await createProgramViaApi(request);
  const headline = uniqueHeadline('Council passes the budget');
  const story = await createStoryViaApi(request, { headline, teaser: 'The vote was close.', programId: program.id });
  const title = `Budget tape ${uniqueTag()}`;

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  await new Masthead(page).section('Audio').click();
  const library = new AudioLibraryPage(page);
  await expect(library.heading).toBeVisible();

  // Upload at 1 MB/s (Chromium's network emulation), so the progress bar is seen moving.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });
  const wav = wavTone({ seconds: 10 });
  await library.title.fill(title);
  await library.file.setInputFiles({ name: 'budget-tape.wav', mimeType: 'audio/wav', buffer: wav });
  await expect(library.progress).toBeVisible();
  // Part-way: a real figure from the upload's progress events, neither 0 nor done.
  await page.waitForFunction(() => {
    const bar = document.querySelector<HTMLProgressElement>('[data-testid="upload-progress"]');
    const value = bar?.getAttribute('value');
    return value !== null && value !== undefined && Number(value) > 0 && Number(value) < 100;
  });
  await expect(library.uploadStatus).toHaveText(/Uploading budget-tape\.wav: \d+%|Checking and storing/);
  await page.screenshot({ path: test.info().outputPath('upload-progress.png') });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  // The asset page: what was read from the file, and the MP3 encode until it is ready.
  const asset = new AudioAssetPage(page);
  await expect(page).toHaveURL(/\/audio\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(asset.saveState).toHaveText('Uploaded.');
  await expect(asset.duration).toHaveText('0:10');
  await expect(page.getByText('44.1 kHz')).toBeVisible();
  await expect(page.getByText('Stereo', { exact: true })).toBeVisible();
  await expect(asset.rendition('mp3-128')).toContainText('Ready', { timeout: 90_000 });
  await expect(asset.rendition('mp3-128')).toContainText('MP3');
  await expect(asset.player).toBeVisible();
  const assetId = asset.assetId();
  await page.screenshot({ path: test.info().outputPath('asset-encoded.png'), fullPage: true });

  // The library lists it with its file name, duration, type and encode state.
  await library.goto(title);
  await expect(library.row(title)).toContainText('budget-tape.wav');
  await expect(library.row(title)).toContainText('0:10');
  await expect(library.row(title)).toContainText('WAV');
  await expect(library.row(title)).toContainText('Ready');
  await page.screenshot({ path: test.info().outputPath('library.png'), fullPage: true });

  // Attach it to the story (a story of the program: its episode fields show), mark it a broadcast piece, publish.
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);
  await expect(page.getByLabel('Audio URL')).toHaveCount(0);
  await editor.addAudioFromLibrary(title, title);
  await expect(editor.audioList.getByRole('listitem').first()).toContainText('Primary · Listen');
  await expect(editor.audioList.getByRole('listitem').first()).toContainText('playable');
  await editor.broadcast.check();
  await page.getByLabel('Season').fill('1');
  await page.getByLabel('Episode number').fill('3');
  await page.getByLabel('Title of audio 1').fill('The vote, as aired');
  await editor.save();
  await expect(editor.saveState).toHaveText(/Saved/);
  await editor.publish();
  await expect(editor.status).toHaveText('Published');
  await page.screenshot({ path: test.info().outputPath('story-audio.png'), fullPage: true });

  const saved = await request.get(`${API_URL}/api/stories/${story.id}`, {
    headers: { authorization: `Bearer ${await apiToken(request, DEMO.editor)}` },
  });
  const savedStory = StorySchema.parse(await saved.json());
  expect(savedStory.audio.map((item) => [item.assetId, item.title, item.primary])).toEqual([[assetId, 'The vote, as aired', true]]);
  expect(savedStory).toMatchObject({ broadcast: true, episodeSeason: 1, episodeNumber: 3, status: 'published' });

  // Play it in the admin's player (through the /api proxy, which passes Range requests on: it can seek).
  await page.goto(`/audio/${assetId}`);
  await expect(asset.usedBy.getByRole('link', { name: headline })).toBeVisible();
  const played = await asset.play(6);
  expect(played.readyState).toBeGreaterThanOrEqual(2);
  expect(played.currentTime).toBeGreaterThan(0.25);
  expect(played.seekedTo).toBeGreaterThanOrEqual(5.5);
  expect(played.duration).toBeGreaterThan(9.5);
  const ranged = await page.request.get(`/api/audio/${assetId}/play`, { headers: { range: 'bytes=100-199' } });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()['content-range']).toMatch(/^bytes 100-199\/\d+$/);
  expect((await ranged.body()).length).toBe(100);

  // The program's feed check panel, from the programs list.
  await page.goto('/schedule/programs');
  await page.getByRole('link', { name: `${program.name} podcast` }).click();
  const podcast = new PodcastPage(page);
  await expect(podcast.heading).toBeVisible();
  await expect(podcast.feedCheck).toBeVisible();
  await expect(podcast.feedCheckSummary).toBeVisible();
  // Never configured: Apple would reject it (no artwork, no owner email) — an editor reads it, producers and admins set it.
  await expect(podcast.findings('Errors').first()).toBeVisible();
  await expect(page.getByText('You can read these settings but not change them')).toBeVisible();
  await expect(podcast.episodes.getByRole('row').filter({ hasText: headline })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('feed-check-editor.png'), fullPage: true });
});

test('an admin sets up a program’s podcast and the feed check follows; audio from a URL is added; a file that is not audio is refused in words', async ({
  page,
  request,
}) => {
  const program = await createProgramViaApi(request);
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.admin);
  await expect(new DeskPage(page).heading).toBeVisible();

  const podcast = new PodcastPage(page);
  await podcast.goto(program.id);
  await expect(podcast.heading).toBeVisible();
  await expect(podcast.feedUrl).toHaveValue(new RegExp(`/api/public/programs/${program.slug}/podcast\\.rss$`));
  const before = await podcast.findings('Errors').allTextContents();
  expect(before.length).toBeGreaterThan(0);

  await page.getByLabel('Publish the feed').check();
  await page.getByLabel('Upload artwork').setInputFiles({
    name: 'artwork.png',
    mimeType: 'image/png',
    buffer: pngPortrait(1400, 1400),
  });
  await expect(page.getByTestId('podcast-artwork')).toBeVisible();
  await page.getByLabel('Category', { exact: true }).selectOption('News');
  await page.getByLabel('Subcategory').selectOption('Daily News');
  await page.getByLabel('Owner name').fill('E2E Public Radio');
  await page.getByLabel('Owner email').fill('podcasts@e2e.example.org');
  await page.getByLabel('Author', { exact: true }).fill('E2E Public Radio');
  await podcast.saveButton.click();
  await expect(podcast.saveState).toHaveText('Saved.');

  // Saving checks again: artwork and owner are no longer findings.
  await expect(podcast.feedCheck.getByText(/^Artwork:/)).toHaveCount(0);
  await expect(podcast.feedCheck.getByText(/^Owner email:/)).toHaveCount(0);
  await podcast.checkAgain.click();
  await expect(podcast.checkAgain).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('feed-check-admin.png'), fullPage: true });

  // Audio that lives elsewhere: registered with its declared type and length.
  const library = new AudioLibraryPage(page);
  await library.goto();
  const externalTitle = `Hour one ${uniqueTag()}`;
  const externalUrl = `https://cdn.example.org/audio/${uniqueTag()}.mp3`;
  await page.getByText('Or add audio from a URL').click();
  await page.getByLabel('Audio URL').fill(externalUrl);
  await page.getByLabel('Length').fill('7:30');
  await page.getByLabel('Title', { exact: true }).fill(externalTitle);
  await page.getByRole('button', { name: 'Add audio from URL' }).click();
  await expect(page.getByRole('heading', { level: 1, name: externalTitle })).toBeVisible();
  await expect(page.locator('.save-state')).toHaveText('Added.');
  await expect(new AudioAssetPage(page).duration).toHaveText('7:30');
  await expect(page.getByText(externalUrl)).toBeVisible();

  // An HTML page renamed .mp3 is refused (415), and said so.
  await library.goto();
  await library.file.setInputFiles({
    name: 'not-audio.mp3',
    mimeType: 'audio/mpeg',
    buffer: Buffer.from('<!doctype html><html><body>Not audio</body></html>'),
  });
  await expect(library.alert(/This file is not audio Newsdesk can take/)).toBeVisible();
  await expect(library.alert(/Upload MP3, M4A\/AAC, WAV, FLAC or OGG\/Opus\./)).toBeVisible();
});

test('a WAV whose codec FFmpeg cannot decode fails its encode with the reason, and Retry queues it again', async ({ page }) => {
  test.setTimeout(120_000);
  const title = `Unknown codec ${uniqueTag()}`;
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const library = new AudioLibraryPage(page);
  await library.goto();
  await library.title.fill(title);
  // A RIFF/WAVE file (the type is sniffed as WAV, the duration read from its header) with a format tag no decoder knows.
  await library.file.setInputFiles({
    name: 'unknown-codec.wav',
    mimeType: 'audio/wav',
    buffer: wavTone({ seconds: 2, formatTag: 0x7a7a }),
  });
  await expect(page).toHaveURL(/\/audio\/[0-9a-f-]{36}$/);

  const asset = new AudioAssetPage(page);
  const mp3 = asset.rendition('mp3-128');
  await expect(mp3).toContainText('Failed', { timeout: 60_000 });
  await expect(mp3.locator('.field-error')).toHaveText(/^Failed: .+/);
  await expect(asset.player).toHaveCount(0);
  await expect(page.getByText('Not playable: no rendition is ready.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('encode-failed.png'), fullPage: true });

  await mp3.getByRole('button', { name: 'Retry MP3 128 kbit/s' }).click();
  await expect(asset.saveState).toHaveText('MP3 128 kbit/s: queued again.');
  // Polled until it settles: it fails again, now after two attempts.
  await expect(mp3).toContainText('Failed after 2 attempts', { timeout: 60_000 });

  await library.goto(title);
  await expect(library.row(title)).toContainText('Encode failed');
});

test('the rights form saves the window as instants and shows a concurrent change as a conflict; the story editor uploads and attaches in place', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const title = `Rights tape ${uniqueTag()}`;
  const token = await apiToken(request, DEMO.editor);
  const auth = { authorization: `Bearer ${token}`, 'x-newsdesk-csrf': '1' };
  const uploaded = await request.post(`${API_URL}/api/audio`, {
    headers: auth,
    multipart: { title, file: { name: 'rights.wav', mimeType: 'audio/wav', buffer: wavTone({ seconds: 2, frequency: 660 }) } },
  });
  expect(uploaded.status()).toBe(201);
  const { id } = AudioAssetSchema.parse(await uploaded.json());

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const asset = new AudioAssetPage(page);
  await page.goto(`/audio/${id}`);
  await page.getByLabel('Embeddable').uncheck();
  await page.getByLabel('Available until').fill('2031-05-01T09:30');
  await asset.saveButton.click();
  await expect(asset.saveState).toHaveText('Saved.');
  const saved = AudioAssetSchema.parse(await (await request.get(`${API_URL}/api/audio/${id}`, { headers: auth })).json());
  expect(saved.embeddable).toBe(false);
  // The browser's zone is the machine's: the instant is the wall time read there.
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const expected = await page.evaluate(() => new Date('2031-05-01T09:30').toISOString());
  expect(saved.availableUntil && new Date(saved.availableUntil).toISOString(), `read in ${zone}`).toBe(expected);

  // Someone else saves meanwhile: this form's version is stale, the save is refused and says so.
  const other = await request.patch(`${API_URL}/api/audio/${id}`, {
    headers: auth,
    data: { version: saved.version, title: `${title} (edited)` },
  });
  expect(other.ok()).toBe(true);
  await page.getByLabel('Title', { exact: true }).fill(`${title} (mine)`);
  await asset.saveButton.click();
  await expect(page.getByRole('alert').filter({ hasText: 'This audio changed since you opened it.' })).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Reload the latest version' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(`${title} (edited)`);

  // Upload in place from the story editor: the new audio is attached as the primary.
  const story = await createStoryViaApi(request, { headline: uniqueHeadline('Upload in place') });
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);
  await page.getByText('Upload new audio').click();
  await page
    .getByLabel('Upload and attach')
    .setInputFiles({ name: 'in-place.wav', mimeType: 'audio/wav', buffer: wavTone({ seconds: 3, frequency: 550 }) });
  await expect(editor.audioList.getByRole('listitem').first()).toContainText('Primary · Listen');
  await expect(editor.audioList.getByRole('link', { name: 'in-place' })).toBeVisible();
  await editor.save();
  await expect(editor.saveState).toHaveText(/Saved/);
  const withAudio = StorySchema.parse(await (await request.get(`${API_URL}/api/stories/${story.id}`, { headers: auth })).json());
  expect(withAudio.audio).toHaveLength(1);
  expect(withAudio.audio[0]?.asset.originalName).toBe('in-place.wav');
});
