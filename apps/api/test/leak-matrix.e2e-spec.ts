import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENDPOINT_LIST as OPERATIONS } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, doc, word } from './support/desk.js';
import { png, upload } from './support/images.js';
import { renditionsSettled } from './support/renditions.js';
import { createProgram, createSegment, createStation } from './support/schedule.js';
import { insertExternalAudio, setAudioRights, tone, uploadAudio } from './support/audio.js';

/**
 * The leak matrix (issue #12): every state in which a record must not be public x every public GET
 * route of the route table -> 0 leaks. A leak is any distinctive string of a hidden record (its
 * headline word, name, slug, old slug) in a response's body or headers, other than the request's
 * own path echoed back (a 404's `instance`). Records that were live first are read while live (so
 * that the public cache holds them) before they are hidden: hiding must empty the cache too.
 *
 * A public GET route missing from PROBES fails the first test: a new public route joins the matrix.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

interface Hidden {
  /** What state this is ("story: draft", "tag only on hidden stories", ...). */
  state: string;
  /** Strings that must appear in no public answer. */
  secrets: string[];
}

interface Fixtures {
  storySlugs: string[];
  oldStorySlugs: string[];
  searchWords: string[];
  tagSlugs: string[];
  correspondentSlugs: string[];
  personSlugs: string[];
  station: string;
  segmentTimes: string[];
  mediaId: string;
  /** Rendition files of that media item (public by design, like its bytes): their answers must name nothing hidden. */
  renditionUrls: string[];
  /** Audio assets of hidden stories, and audio of live stories that listeners may not get. */
  audioIds: string[];
  /** A program whose podcast feed is enabled: every hidden story is in it, with audio. */
  programSlug: string;
  /** Share-link tokens of a hidden story: revoked, expired, and each with its last character changed. */
  sharedTokens: string[];
  /** A live story, tag and person: the positive control (its uploaded audio carries audioWord in its tags). */
  live: { slug: string; headlineWord: string; tagSlug: string; personSlug: string; personName: string; audioId: string; audioWord: string };
}

/** For each public GET route (path as in OPERATIONS), the requests that probe it. */
const PROBES: Record<string, (f: Fixtures) => string[]> = {
  '/health': () => ['/health'],
  '/health/live': () => ['/health/live'],
  '/health/ready': () => ['/health/ready'],
  '/api/openapi.json': () => ['/api/openapi.json'],
  // 404 without METRICS_TOKEN (as here), 401 without the token: no content either way.
  '/metrics': () => ['/metrics'],
  '/api/docs': () => ['/api/docs'],
  '/api/docs/{asset}': () => ['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js'],
  '/api/media/{id}': (f) => [`/api/media/${f.mediaId}`],
  '/api/public/images/{file}': (f) => f.renditionUrls,
  '/api/public/stories': (f) => [
    '/api/public/stories?limit=100',
    ...f.tagSlugs.map((slug) => `/api/public/stories?limit=100&tag=${slug}`),
    ...f.correspondentSlugs.map((slug) => `/api/public/stories?limit=100&correspondent=${slug}`),
  ],
  '/api/public/stories/{slug}': (f) => [...f.storySlugs, ...f.oldStorySlugs].map((slug) => `/api/public/stories/${slug}`),
  '/api/public/stories/{slug}/transcript.txt': (f) =>
    [...f.storySlugs, ...f.oldStorySlugs].map((slug) => `/api/public/stories/${slug}/transcript.txt`),
  '/api/public/stories/{slug}/transcript.html': (f) =>
    [...f.storySlugs, ...f.oldStorySlugs].map((slug) => `/api/public/stories/${slug}/transcript.html`),
  '/api/public/stories/{slug}/transcript.vtt': (f) =>
    [...f.storySlugs, ...f.oldStorySlugs].map((slug) => `/api/public/stories/${slug}/transcript.vtt`),
  '/api/public/stories/{slug}/transcript.srt': (f) =>
    [...f.storySlugs, ...f.oldStorySlugs].map((slug) => `/api/public/stories/${slug}/transcript.srt`),
  '/api/public/stories/{slug}/transcript.json': (f) =>
    [...f.storySlugs, ...f.oldStorySlugs].map((slug) => `/api/public/stories/${slug}/transcript.json`),
  '/api/public/stories/{slug}/chapters.json': (f) =>
    [...f.storySlugs, ...f.oldStorySlugs].map((slug) => `/api/public/stories/${slug}/chapters.json`),
  '/api/public/programs/{slug}/podcast.rss': (f) => [`/api/public/programs/${f.programSlug}/podcast.rss`],
  '/api/public/audio/{id}/{file}': (f) =>
    f.audioIds.flatMap((id) => [`/api/public/audio/${id}/original.mp3`, `/api/public/audio/${id}/mp3-128.mp3`]),
  '/api/public/search': (f) => [
    ...f.searchWords.map((q) => `/api/public/search?limit=100&q=${encodeURIComponent(q)}`),
    ...f.tagSlugs.map((slug) => `/api/public/search?limit=100&q=${f.live.headlineWord}&tag=${slug}`),
  ],
  '/api/public/tags/{slug}': (f) => f.tagSlugs.map((slug) => `/api/public/tags/${slug}`),
  '/api/public/feeds/latest.rss': () => ['/api/public/feeds/latest.rss'],
  '/api/public/feeds/latest.json': () => ['/api/public/feeds/latest.json'],
  '/api/public/feeds/tags/{file}': (f) =>
    f.tagSlugs.flatMap((slug) => [`/api/public/feeds/tags/${slug}.rss`, `/api/public/feeds/tags/${slug}.json`]),
  '/api/public/correspondents': () => ['/api/public/correspondents?limit=100', '/api/public/correspondents?limit=100&active=true'],
  '/api/public/correspondents/{slug}': (f) => f.correspondentSlugs.map((slug) => `/api/public/correspondents/${slug}`),
  '/api/public/people/{slug}': (f) => f.personSlugs.map((slug) => `/api/public/people/${slug}`),
  '/api/shared/{token}': (f) => [...f.sharedTokens, 'not-a-token'].map((token) => `/api/shared/${encodeURIComponent(token)}`),
  '/robots.txt': () => ['/robots.txt'],
  '/sitemap.xml': () => ['/sitemap.xml'],
  '/sitemaps/news.xml': () => ['/sitemaps/news.xml', '/sitemaps/news.xml?page=2'],
  '/sitemaps/stories.xml': () => ['/sitemaps/stories.xml', '/sitemaps/stories.xml?page=2'],
  '/sitemaps/correspondents.xml': () => ['/sitemaps/correspondents.xml', '/sitemaps/correspondents.xml?page=2'],
  '/sitemaps/tags.xml': () => ['/sitemaps/tags.xml', '/sitemaps/tags.xml?page=2'],
  '/sitemaps/programs.xml': () => ['/sitemaps/programs.xml', '/sitemaps/programs.xml?page=2'],
  '/api/public/stories/{slug}.ninjs.json': (f) =>
    [...f.storySlugs, ...f.oldStorySlugs].map((slug) => `/api/public/stories/${slug}.ninjs.json`),
  '/api/public/stations': () => ['/api/public/stations'],
  '/api/public/stations/{callSign}/now-next': (f) =>
    f.segmentTimes.map((at) => `/api/public/stations/${f.station}/now-next?at=${encodeURIComponent(at)}`),
};

const PUBLIC_GETS = OPERATIONS.filter((op) => op.permission === 'public' && op.method === 'get').map((op) => op.path);

const mediaDir = mkdtempSync(join(tmpdir(), 'newsdesk-leak-matrix-'));
const audioDir = mkdtempSync(join(tmpdir(), 'newsdesk-leak-matrix-audio-'));
let app: TestApp;
let desk: Desk;
const hidden: Hidden[] = [];
let fixtures: Fixtures;

/** Reads these URLs (while their records are live), so that the public cache holds them. */
async function warm(paths: string[]): Promise<void> {
  for (const path of paths) await app.request('GET', path);
}

/** What a request answered, as one lowercase text: the body without the echo of its own path, and every header. */
async function answer(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(app.url + path, { redirect: 'manual' });
  const body = Buffer.from(await response.arrayBuffer()).toString('latin1');
  const ownPath = path.split('?')[0]!;
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return { status: response.status, text: `${body.split(ownPath).join('')}\n${headers}`.toLowerCase() };
}

beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
  desk = new Desk(app, (await app.signIn(['admin'])).token);
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString();

  // The hidden tag (renamed once: its old slug; and another tag merged into it), the hidden person
  // (renamed: old slug), a draft profile, and a profile published (renamed) then unpublished.
  const tagWord = word('tagname');
  const tagOld = word('tagold');
  let tag = await desk.tag(`Minister ${tagWord} resigns`, tagOld);
  tag = await desk.call('PATCH', `/api/tags/${tag.id}`, { version: tag.version, slug: word('tagslug') });
  const mergedTag = await desk.tag(`Merged ${word('mergedname')}`, word('mergedslug'));
  await desk.call('POST', `/api/tags/${mergedTag.id}/merge`, { intoId: tag.id, version: mergedTag.version });
  hidden.push({
    state: 'tag only on hidden stories (renamed, and another merged into it)',
    secrets: [tagWord, tag.slug, tagOld, mergedTag.slug, mergedTag.name],
  });

  const personWord = word('source');
  const personOld = word('personold');
  let person = await desk.person(`Anonymous ${personWord}`, personOld);
  person = await desk.call('PATCH', `/api/people/${person.id}`, { version: person.version, slug: word('personslug') });
  hidden.push({ state: 'person only named by hidden stories (renamed)', secrets: [personWord, person.slug, personOld] });

  const draftWord = word('draftcorr');
  const draftProfile = await desk.call('POST', '/api/correspondents', {
    name: `Dana ${draftWord}`,
    title: 'Investigations',
    bureau: 'Kyiv',
    slug: word('draftprofile'),
    bio: `<p>Covers ${draftWord}.</p>`,
  });
  hidden.push({ state: 'correspondent profile in draft', secrets: [draftWord, draftProfile.slug] });

  const goneWord = word('gonecorr');
  const goneOld = word('goneold');
  let gone = await desk.call('POST', '/api/correspondents', {
    name: `Gale ${goneWord}`,
    title: 'Economics',
    bureau: 'Lagos',
    slug: goneOld,
    bio: `<p>Covers ${goneWord}.</p>`,
  });
  gone = await desk.call('POST', `/api/correspondents/${gone.id}/publish`, { version: gone.version });
  gone = await desk.call('PATCH', `/api/correspondents/${gone.id}`, { version: gone.version, slug: word('goneprofile') });
  await warm([
    '/api/public/correspondents?limit=100',
    `/api/public/correspondents/${gone.slug}`,
    `/api/public/correspondents/${goneOld}`,
    '/sitemaps/correspondents.xml',
  ]);
  gone = await desk.call('POST', `/api/correspondents/${gone.id}/unpublish`, { version: gone.version });
  hidden.push({ state: 'correspondent profile unpublished (renamed while published)', secrets: [goneWord, gone.slug, goneOld] });

  // A media item whose name and alt text are distinctive (its bytes are public by design).
  const mediaWord = word('mediaalt');
  const media = await upload(app, (await app.signIn(['admin'])).token, png(), {
    name: `${mediaWord}.png`,
    type: 'image/png',
    fields: { alt: `Alt ${mediaWord}`, credit: `Credit ${mediaWord}` },
  });
  expect(media.status).toBe(201);
  hidden.push({ state: "a media item's name, alt text and credit", secrets: [mediaWord] });
  const renditions = (await renditionsSettled(app, (await app.signIn(['admin'])).token, media.body.id)).renditions;
  expect(renditions.state).toBe('ready');
  const renditionUrls = (renditions.items as Array<{ url: string }>).map((item) => item.url).slice(0, 6);

  // A program published as a podcast: the hidden stories are its episodes (with audio).
  const program = await createProgram(app, (await app.signIn(['admin'])).token);
  await desk.call('PUT', `/api/programs/${program.id}/podcast`, { version: 1, enabled: true, ownerEmail: 'pod@radio.example' });
  const podcastUrl = `/api/public/programs/${program.slug}/podcast.rss`;

  // Uploaded MP3s whose ID3 title carries a secret word (so served bytes would show it), attached to
  // stories by SQL after the story's own audio (the stories API's audio field is another feature's).
  const audioToken = (await app.signIn(['admin'])).token;
  let tones = 0;
  const uploadedAudio = async (secret: string) => {
    const file = await tone(audioDir, 'mp3', { seconds: 1, frequency: 300 + ++tones * 11, title: `Audio ${secret}` });
    const uploaded = await uploadAudio(app, audioToken, file, { fields: { title: `Title ${secret}` } });
    expect(uploaded.status).toBe(201);
    return uploaded.body.id as string;
  };
  const attachAudio = (storyId: string, assetId: string) =>
    app.db.query(
      `INSERT INTO story_audio (story_id, position, asset_id) SELECT $1, coalesce(max(position) + 1, 0), $2 FROM story_audio WHERE story_id = $1`,
      [storyId, assetId],
    );
  const audioIds: string[] = [];

  // The live control's lead photo (issue 21): its alt, credit and caption are public; its file name and sha256 are staff-only.
  const leadFileWord = word('leadfile');
  const lead = await upload(app, (await app.signIn(['admin'])).token, png(40, 30), {
    name: `${leadFileWord}.png`,
    type: 'image/png',
    fields: { alt: 'A lead photo', credit: 'Newsdesk' },
  });
  expect(lead.status).toBe(201);
  expect((await renditionsSettled(app, (await app.signIn(['admin'])).token, lead.body.id)).renditions.state).toBe('ready');
  hidden.push({ state: "a live story's lead photo: its file name and sha256", secrets: [leadFileWord, lead.body.sha256] });
  // A draft's lead photo with a caption (the photo shows nowhere else): its caption never shows.
  const draftCaptionWord = word('draftcaption');
  const draftLead = await upload(app, (await app.signIn(['admin'])).token, png(30, 40), {
    name: 'draft-lead.png',
    type: 'image/png',
    fields: { alt: 'Draft lead', credit: 'Newsdesk' },
  });
  await desk.call('PATCH', `/api/media/${draftLead.body.id}`, { version: 1, caption: `Caption ${draftCaptionWord}` });
  await desk.story({ headline: `Drafted ${word('drafthead')}`, leadImageId: draftLead.body.id });
  hidden.push({ state: "a draft story's lead photo caption", secrets: [draftCaptionWord] });

  // The live control: a live story with its own tag and speaker.
  const liveTag = await desk.tag(`Live ${word('livetag')}`);
  const livePerson = await desk.person(`Speaker ${word('livespeaker')}`);
  const liveWord = word('livehead');
  const live = await desk.publish(
    await desk.story({
      headline: `Open ${liveWord}`,
      leadImageId: lead.body.id,
      tagIds: [liveTag.id],
      transcript: { turns: [Desk.turn(livePerson.id, 'On the record.')] },
      programId: program.id,
    }),
  );
  // A staff note (with a mention) on the live story: notes are never story content (issue 15).
  const noteWord = word('notetext');
  await desk.call('POST', `/api/stories/${live.id}/notes`, { body: `Note ${noteWord}`, mentions: [(await app.signIn(['editor'])).userId] });
  hidden.push({ state: 'a staff note on a live story', secrets: [noteWord] });
  const liveAudioWord = word('liveaudio');
  const liveAudioId = await uploadedAudio(liveAudioWord);
  await attachAudio(live.id, liveAudioId);

  // Every hidden state of a story, each carrying the hidden tag, the hidden person and the draft profile's byline.
  const storyWords: string[] = [];
  const storySlugs: string[] = [];
  const oldStorySlugs: string[] = [];
  const liveUrls = (slug: string, headlineWord: string) => [
    `/api/public/stories/${slug}`,
    `/api/public/stories/${slug}/transcript.txt`,
    `/api/public/stories/${slug}/transcript.html`,
    `/api/public/stories/${slug}/chapters.json`,
    podcastUrl,
    '/api/public/stories?limit=100',
    `/api/public/search?limit=100&q=${headlineWord}`,
    `/api/public/tags/${tag.slug}`,
    `/api/public/feeds/tags/${tag.slug}.rss`,
    `/api/public/feeds/tags/${tag.slug}.json`,
    '/api/public/feeds/latest.rss',
    '/api/public/feeds/latest.json',
    `/api/public/people/${person.slug}`,
    `/api/public/stories?limit=100&tag=${tag.slug}`,
    `/api/public/stories/${slug}.ninjs.json`,
    '/sitemap.xml',
    '/sitemaps/news.xml',
    '/sitemaps/stories.xml',
    '/sitemaps/tags.xml',
    '/sitemaps/programs.xml',
    ...segmentTimes.slice(-2).map((at) => `/api/public/stations/${station.callSign}/now-next?at=${encodeURIComponent(at)}`),
  ];
  // A station with a segment for each hidden story, titled by default (with the story's headline);
  // a deleted story's segment is unlinked from it.
  const station = await createStation(app, (await app.signIn(['admin'])).token, { name: 'Leak Matrix Radio' });
  const producer = (await app.signIn(['producer'])).token;
  const start = Date.UTC(2031, 0, 6, 10);
  const segmentTimes: string[] = [];

  /** A story carrying the hidden tag, person and draft byline, put into a hidden state by `hide` (which returns the story, or null once deleted). */
  const story = async (state: string, hide: (created: Body, headlineWord: string) => Promise<Body | null>) => {
    const headlineWord = word('headline');
    const slug = word('storyslug');
    const created = await desk.story({
      headline: `Embargoed ${headlineWord}`,
      slug,
      teaser: `Teaser ${headlineWord}`,
      body: doc(`Body ${headlineWord}.`),
      bylineIds: [draftProfile.id],
      tagIds: [tag.id],
      transcript: { turns: [Desk.turn(person.id, `Quote ${headlineWord}.`)] },
      programId: program.id,
    });
    const storyAudio = await uploadedAudio(headlineWord);
    await attachAudio(created.id, storyAudio);
    audioIds.push(storyAudio);
    const startsAt = new Date(start + segmentTimes.length * 1_800_000).toISOString();
    // No title: the segment takes the story's headline as its own.
    await createSegment(app, producer, station.id, startsAt, 3600, { title: undefined, kind: 'story', storyId: created.id });
    segmentTimes.push(startsAt, new Date(Date.parse(startsAt) - 60_000).toISOString());
    const final: Body | null = await hide(created, headlineWord);
    const renamed = final && final.slug !== slug ? (final.slug as string) : null;
    hidden.push({ state: `story: ${state}`, secrets: [headlineWord, slug, ...(renamed ? [renamed] : [])] });
    storyWords.push(headlineWord);
    storySlugs.push(renamed ?? slug);
    if (renamed) oldStorySlugs.push(slug);
  };
  /** Publishes, and reads it everywhere while it is live (filling the public cache). */
  const published = async (created: Body, headlineWord: string) => {
    const live = await desk.publish(created);
    await warm(liveUrls(live.slug, headlineWord));
    return live;
  };

  await story('draft', async (s) => s);
  // Share links of a hidden story, since revoked or expired: their tokens must show nothing (issue 15).
  const sharedTokens: string[] = [];
  await story('draft shared by links since revoked and expired', async (s) => {
    for (const end of ['revoke', 'expire'] as const) {
      const link = await desk.call('POST', `/api/stories/${s.id}/share-links`, {});
      sharedTokens.push(link.token, `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`);
      if (end === 'revoke') await desk.call('DELETE', `/api/share-links/${link.id}`);
      else
        await app.db.query(
          `UPDATE story_share_links SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE id = $1`,
          [link.id],
        );
    }
    return s;
  });
  await story('in review', (s) => desk.transition(s, 'submit'));
  await story('scheduled in the future', (s) => desk.publish(s, future));
  await story('unpublished', async (s, w) => desk.transition(await published(s, w), 'unpublish'));
  await story('published, then returned to draft', async (s, w) =>
    desk.transition(await desk.transition(await published(s, w), 'unpublish'), 'return-to-draft'),
  );
  await story('scheduled, then returned to draft', async (s) => desk.transition(await desk.publish(s, future), 'return-to-draft'));
  await story('published with one slug, renamed, then unpublished (old slug)', async (s, w) => {
    const renamed = await desk.edit(await published(s, w), { slug: word('renamedslug') });
    await warm([`/api/public/stories/${s.slug}`, `/api/public/stories/${renamed.slug}`, `/api/public/stories/${s.slug}/transcript.txt`]);
    return desk.transition(renamed, 'unpublish');
  });
  // Embargo (docs/embargo.md): a live story embargoed (read while live first), and one published under an embargo.
  const embargo = (s: Body) => desk.call('PUT', `/api/stories/${s.id}/embargo`, { version: s.version, embargoUntil: future });
  await story('published, then embargoed', async (s, w) => embargo(await published(s, w)));
  await story('published under an embargo (scheduled at it)', async (s) => desk.publish(await embargo(s)));
  await story('deleted draft (never published)', async (s) => {
    await desk.remove(s);
    return null;
  });
  await story('deleted (after being published)', async (s, w) => {
    await desk.remove(await published(s, w));
    return null;
  });

  // Audio of a live story that listeners may not get (outside its window, not streamable): its bytes never show.
  for (const [state, rights] of [
    [
      'uploaded audio of a live story, past its window',
      `available_from = now() - interval '1 day', available_until = now() - interval '1 second'`,
    ],
    ['uploaded audio of a live story, before its window', `available_from = now() + interval '1 day'`],
    ['uploaded audio of a live story, not streamable', `streamable = false`],
  ] as const) {
    const audioWord = word('audiofile');
    const assetId = await uploadedAudio(audioWord);
    const shown = await desk.publish(await desk.story({ headline: `Heard ${word('heard')}` }));
    await attachAudio(shown.id, assetId);
    await warm([`/api/public/audio/${assetId}/original.mp3`]);
    await app.db.query(`UPDATE audio_assets SET ${rights} WHERE id = $1`, [assetId]);
    hidden.push({ state, secrets: [audioWord] });
    audioIds.push(assetId);
  }

  // Audio (external) of a live story of the podcast that listeners may not get: its URL shows nowhere, feed included.
  for (const [state, rights] of [
    [
      'external audio of a live episode, past its window',
      { availableUntil: new Date(Date.now() - 1000), availableFrom: new Date(Date.now() - 60_000) },
    ],
    ['external audio of a live episode, before its window', { availableFrom: new Date(Date.now() + 86_400_000) }],
    ['external audio of a live episode, not streamable', { streamable: false }],
  ] as const) {
    const audioWord = word('audiofile');
    const assetId = await insertExternalAudio(app.db, { url: `https://cdn.example.org/${audioWord}.mp3` });
    const shown = await desk.publish(await desk.story({ headline: `Heard ${word('heard')}`, programId: program.id, audio: [{ assetId }] }));
    await warm([`/api/public/stories/${shown.slug}`, podcastUrl]);
    await setAudioRights(app.db, assetId, rights);
    hidden.push({ state, secrets: [audioWord] });
    audioIds.push(assetId);
  }

  fixtures = {
    programSlug: program.slug,
    sharedTokens,
    audioIds,
    storySlugs,
    oldStorySlugs,
    searchWords: [...storyWords, noteWord, tagWord, personWord, draftWord, goneWord, mediaWord, `Anonymous ${personWord}`],
    tagSlugs: [tag.slug, tagOld, mergedTag.slug],
    correspondentSlugs: [draftProfile.slug, gone.slug, goneOld],
    personSlugs: [
      person.slug,
      personOld,
      ...(await Promise.all(
        [draftProfile, gone].map(async (profile) => (await desk.call('GET', `/api/people/${profile.personId}`)).slug as string),
      )),
    ],
    station: station.callSign,
    segmentTimes,
    mediaId: media.body.id,
    renditionUrls,
    live: {
      slug: live.slug,
      headlineWord: liveWord,
      tagSlug: liveTag.slug,
      personSlug: livePerson.slug,
      personName: livePerson.displayName,
      audioId: liveAudioId,
      audioWord: liveAudioWord,
    },
  };
  // The heaviest fixture set of the suite (uploads, audio encodes, renditions, ~30 stories each read
  // on every public route while live): past Jest's default 30 s on a loaded CI machine.
}, 300_000);
afterAll(async () => {
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
  rmSync(audioDir, { recursive: true, force: true });
});

describe('the leak matrix', () => {
  it('probes every public GET route of the route table (a new public route must join the matrix)', () => {
    expect(PUBLIC_GETS.length).toBeGreaterThan(10);
    expect(PUBLIC_GETS.filter((path) => !PROBES[path])).toEqual([]);
    expect(Object.keys(PROBES).filter((path) => !PUBLIC_GETS.includes(path))).toEqual([]);
    for (const path of PUBLIC_GETS) expect(PROBES[path]!(fixtures).length).toBeGreaterThan(0);
  });

  it('sees a live record on the routes that show it (the matrix can find what it looks for)', async () => {
    const { live } = fixtures;
    const shown = [
      ['/api/public/stories?limit=100', live.headlineWord],
      [`/api/public/stories/${live.slug}`, live.headlineWord],
      [`/api/public/search?q=${live.headlineWord}`, live.slug],
      ['/api/public/feeds/latest.rss', live.headlineWord],
      ['/api/public/feeds/latest.json', live.headlineWord],
      [`/api/public/tags/${live.tagSlug}`, live.headlineWord],
      [`/api/public/feeds/tags/${live.tagSlug}.json`, live.headlineWord],
      [`/api/public/people/${live.personSlug}`, live.personName],
      [`/api/public/audio/${live.audioId}/original.mp3`, live.audioWord],
      [`/api/public/stories/${live.slug}`, live.audioId],
      [`/api/public/stories/${live.slug}/transcript.html`, 'On the record.'],
      [`/api/public/programs/${fixtures.programSlug}/podcast.rss`, live.headlineWord],
      [`/api/public/programs/${fixtures.programSlug}/podcast.rss`, live.audioId],
      ['/sitemaps/stories.xml', live.slug],
      ['/sitemaps/news.xml', live.headlineWord],
      ['/sitemaps/tags.xml', live.tagSlug],
      [`/api/public/stories/${live.slug}.ninjs.json`, live.headlineWord],
    ] as const;
    for (const [path, secret] of shown)
      expect({ path, found: (await answer(path)).text.includes(secret.toLowerCase()) }).toEqual({ path, found: true });
  });

  it('shows no hidden record on any public route: 0 leaks', async () => {
    expect(hidden.length).toBeGreaterThanOrEqual(14);
    const leaks: string[] = [];
    const statuses: Record<number, number> = {};
    let checks = 0;
    let requests = 0;
    for (const route of PUBLIC_GETS) {
      for (const path of PROBES[route]!(fixtures)) {
        const { status, text } = await answer(path);
        requests++;
        statuses[status] = (statuses[status] ?? 0) + 1;
        for (const record of hidden) {
          checks++;
          const found = record.secrets.filter((secret) => text.includes(secret.toLowerCase()));
          if (found.length) leaks.push(`${record.state}: ${found.join(', ')} in GET ${path} (${status})`);
        }
      }
    }
    process.stdout.write(
      `leak matrix: ${hidden.length} hidden states x ${PUBLIC_GETS.length} public routes (${requests} requests) = ${checks} checks, ${leaks.length} leaks; statuses ${JSON.stringify(statuses)}\n`,
    );
    expect(statuses[500] ?? 0).toBe(0);
    expect(leaks).toEqual([]);
  });
});
