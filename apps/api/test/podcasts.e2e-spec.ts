import { PODCAST_PAGE_SIZE } from '@newsdesk/contracts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseRssFeed } from 'feedsmith';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoAudio } from '../src/database/demo-audio.js';
import { loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { loadDemoPodcast } from '../src/database/demo-podcast.js';
import { refreshDemoSchedule } from '../src/database/demo-schedule.js';
import { createMediaStorage } from '../src/media/media-storage.js';
import { podcastGuid } from '../src/podcasts/podcast-guid.js';
import { PublicCache } from '../src/public/public-cache.service.js';
import { insertExternalAudio, setAudioRights, settled, tone, uploadAudio, waitUntil } from './support/audio.js';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, word } from './support/desk.js';
import { png, upload, webp } from './support/images.js';
import { createProgram, createSegment, createStation } from './support/schedule.js';

/**
 * Programs as podcasts (#14): settings (versioned, first save inserts, artwork and category rules),
 * the feed check and the episode list, and the public feed, parsed by an independent parser
 * (feedsmith) and checked for well-formedness (fast-xml-parser): Apple's required tags, the
 * Podcasting 2.0 tags, rights windows at the exact second, paging, ETag/304, and the chapters JSON.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

const API = 'https://api.radio.example';
const SITE = 'https://radio.example';
const mediaDir = mkdtempSync(join(tmpdir(), 'newsdesk-podcasts-'));
let app: TestApp;
let admin: string;
let producer: string;
let editor: string;
let desk: Desk;

beforeAll(async () => {
  app = await startTestApp({
    PUBLIC_API_URL: API,
    PUBLIC_SITE_URL: SITE,
    STORY_URL_TEMPLATE: `${SITE}/stories/{slug}`,
    MEDIA_DIR: mediaDir,
  });
  admin = (await app.signIn(['admin'])).token;
  producer = (await app.signIn(['producer'])).token;
  editor = (await app.signIn(['editor'])).token;
  desk = new Desk(app, admin);
});
afterAll(async () => {
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

/** A public URL of ours, fetched from the test server (PUBLIC_API_URL names the deployed origin). */
const local = (url: string) => (url.startsWith(API) ? app.url + url.slice(API.length) : url);

async function artwork(size = 1400, height = size): Promise<string> {
  const response = await upload(app, admin, png(size, height), { name: 'art.png', type: 'image/png' });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function feedOf(slug: string, query = ''): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await app.request('GET', `/api/public/programs/${slug}/podcast.rss${query}`);
  return { status: response.status, text: response.text, headers: response.headers };
}

/** Well-formed XML (fast-xml-parser), then parsed by feedsmith as podcast apps would. */
function parse(text: string): Body {
  expect(XMLValidator.validate(text)).toBe(true);
  return parseRssFeed(text);
}

const raw = (text: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(text) as Body;

async function enabledProgram(fields: Record<string, unknown> = {}): Promise<{ program: Body; settings: Body }> {
  const program = await createProgram(app, admin, { description: 'The morning news.' });
  const settings = await desk.call('PUT', `/api/programs/${program.id}/podcast`, {
    version: 1,
    enabled: true,
    title: `${program.name} podcast`,
    description: 'Daily news from the newsroom & beyond.',
    artworkMediaId: await artwork(),
    category: 'News',
    subcategory: 'Daily News',
    ownerName: 'Newsroom',
    ownerEmail: 'podcasts@radio.example',
    author: 'Test Public Radio',
    ...fields,
  });
  return { program, settings };
}

async function episode(programId: string, fields: Record<string, unknown> = {}, audio: Parameters<typeof insertExternalAudio>[1] = {}) {
  const assetId = await insertExternalAudio(app.db, { byteSize: 480_000, durationMs: 30_000, ...audio });
  return {
    story: await desk.publish(await desk.story({ headline: word('Episode'), programId, audio: [{ assetId }], ...fields })),
    assetId,
  };
}

describe('podcast settings', () => {
  it('answers defaults until first saved; the first save with version 1 inserts; stale versions get 409 with changedFields', async () => {
    const program = await createProgram(app, admin);
    const defaults = await desk.call('GET', `/api/programs/${program.id}/podcast`);
    const feedUrl = `${API}/api/public/programs/${program.slug}/podcast.rss`;
    expect(defaults).toMatchObject({
      programId: program.id,
      enabled: false,
      title: '',
      artworkMediaId: null,
      category: null,
      explicit: false,
      language: 'en-US',
      type: 'episodic',
      locked: false,
      version: 1,
      updatedAt: null,
      feedUrl,
      guid: podcastGuid(feedUrl),
      artworkUrl: null,
    });
    const saved = await app.request('PUT', `/api/programs/${program.id}/podcast`, {
      token: producer,
      body: { version: 1, enabled: true, category: 'Science', ownerEmail: 'a@radio.example' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, enabled: true, category: 'Science', ownerEmail: 'a@radio.example', title: '' });
    const stale = await app.request('PUT', `/api/programs/${program.id}/podcast`, { token: admin, body: { version: 1, title: 'Late' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect(stale.body.changedFields).toEqual(expect.arrayContaining(['enabled', 'category', 'ownerEmail']));
    const next = await desk.call('PUT', `/api/programs/${program.id}/podcast`, { version: 2, title: 'Science Hour' });
    expect(next).toMatchObject({ version: 3, title: 'Science Hour', category: 'Science' });
    // Editors read but do not write (schedule.write); unknown programs are 404.
    expect((await app.request('GET', `/api/programs/${program.id}/podcast`, { token: editor })).status).toBe(200);
    expect((await app.request('PUT', `/api/programs/${program.id}/podcast`, { token: editor, body: { version: 3 } })).status).toBe(403);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await app.request('GET', `/api/programs/${missing}/podcast`, { token: admin })).status).toBe(404);
    expect((await app.request('PUT', `/api/programs/${missing}/podcast`, { token: admin, body: { version: 1 } })).status).toBe(404);
    const audit = (await app.request('GET', `/api/audit?entity=podcast&entityId=${program.id}`, { token: admin })).body;
    if (audit?.items) expect(audit.items.length).toBeGreaterThanOrEqual(2);
  });

  it('takes as artwork only a square JPEG or PNG media record of 1400 to 3000 px (400 naming artworkMediaId); a subcategory of the category', async () => {
    const program = await createProgram(app, admin);
    const put = (body: Record<string, unknown>) =>
      app.request('PUT', `/api/programs/${program.id}/podcast`, { token: admin, body: { version: 1, ...body } });
    const fieldOf = (response: { body: Body }) => response.body.errors?.map((e: { field: string }) => e.field);
    for (const id of [
      await artwork(1400, 1000),
      await artwork(1000),
      (await upload(app, admin, webp(1400, 1400), { name: 'a.webp', type: 'image/webp' })).body.id,
      '00000000-0000-4000-8000-000000000000',
    ]) {
      const response = await put({ artworkMediaId: id });
      expect(response.status).toBe(400);
      expect(fieldOf(response)).toEqual(['artworkMediaId']);
    }
    expect(fieldOf(await put({ category: 'News', subcategory: 'Buddhism' }))).toEqual(['subcategory']);
    expect(fieldOf(await put({ subcategory: 'Daily News' }))).toEqual(['subcategory']);
    expect(fieldOf(await put({ category: 'Nonsense' }))).toEqual(['category']);
    const ok = await put({ artworkMediaId: await artwork(1400), category: 'News', subcategory: 'Daily News' });
    expect(ok.status).toBe(200);
    expect(ok.body.artworkUrl).toBe(`${API}/api/media/${ok.body.artworkMediaId}`);
    // The subcategory is checked against the category as saved.
    const other = await app.request('PUT', `/api/programs/${program.id}/podcast`, {
      token: admin,
      body: { version: 2, category: 'Science' },
    });
    expect(other.status).toBe(400);
    expect(fieldOf(other)).toEqual(['subcategory']);
  });

  it('lets one of parallel first saves win; the others get 409', async () => {
    const program = await createProgram(app, admin);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        app.request('PUT', `/api/programs/${program.id}/podcast`, { token: admin, body: { version: 1, title: `Title ${i}` } }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = responses.find((r) => r.status === 200)!.body;
    expect((await desk.call('GET', `/api/programs/${program.id}/podcast`)).title).toBe(winner.title);
  });
});

describe('the feed check and the episode list', () => {
  it('lists what Apple and Podcast Index would reject, and each story of the program with why it is (not) in the feed', async () => {
    const program = await createProgram(app, admin, { description: '' });
    const check = await desk.call('GET', `/api/programs/${program.id}/podcast/check`);
    expect(check.ok).toBe(false);
    expect(
      check.items
        .filter((i: Body) => i.severity === 'error')
        .map((i: Body) => i.field)
        .sort(),
    ).toEqual(['artworkMediaId', 'category', 'description', 'enabled', 'episodes', 'ownerEmail'].sort());
    expect(check.items.filter((i: Body) => i.severity === 'warning').map((i: Body) => i.field)).toContain('author');

    const { program: good } = await enabledProgram();
    const inFeed = await episode(good.id, { episodeNumber: 1 });
    await episode(good.id, {}, { downloadable: false });
    await episode(good.id, {}, { url: 'https://cdn.example.org/a.wav', contentType: 'audio/wav' });
    const draft = await desk.story({ headline: word('Draft'), programId: good.id });
    const list = (await desk.call('GET', `/api/programs/${good.id}/episodes`)).items as Body[];
    expect(list).toHaveLength(4);
    expect(list.find((e) => e.storyId === inFeed.story.id)).toMatchObject({ inFeed: true, reason: null, episode: 1, durationSeconds: 30 });
    expect(list.find((e) => e.storyId === draft.id)).toMatchObject({ inFeed: false, reason: 'not live' });
    expect(list.map((e) => e.reason)).toEqual(expect.arrayContaining(['primary audio not downloadable', 'primary audio not playable']));
    const goodCheck = await desk.call('GET', `/api/programs/${good.id}/podcast/check`);
    expect(goodCheck).toMatchObject({ ok: true, episodeCount: 1 });
    expect((await app.request('GET', `/api/programs/${good.id}/episodes`, { token: producer })).status).toBe(200);
  });
});

describe('the public feed', () => {
  it('is RSS 2.0 with Apple\u2019s required tags and the Podcasting 2.0 tags; items are live stories with playable, downloadable, available audio', async () => {
    const { program, settings } = await enabledProgram({ explicit: false, locked: true, type: 'serial' });
    const station = await createStation(app, admin, { streamUrl: 'https://stream.radio.example/live.mp3' });
    const guest = await desk.person(`Guest ${word('g')}`);
    const first = await episode(program.id, {
      teaser: 'Rates & <markets>',
      episodeSeason: 2,
      episodeNumber: 7,
      episodeType: 'full',
      transcript: { turns: [Desk.turn(guest.id, 'Hello.')] },
    });
    const second = await episode(program.id, { episodeType: 'bonus' }, { durationMs: 90_500 });
    // Not episodes: a draft, not downloadable, not streamable, before its window, after its window, unplayable, another program's.
    const draftInProgram = await desk.story({
      headline: word('Draft'),
      programId: program.id,
      audio: [{ assetId: await insertExternalAudio(app.db) }],
    });
    const excluded = [
      await episode(program.id, {}, { downloadable: false }),
      await episode(program.id, {}, { streamable: false }),
      await episode(program.id, {}, { availableFrom: new Date(Date.now() + 3_600_000) }),
      await episode(program.id, {}, { availableUntil: new Date(Date.now() - 1000), availableFrom: new Date(Date.now() - 3_600_000) }),
      await episode(program.id, {}, { url: 'https://cdn.example.org/x.flac', contentType: 'audio/flac' }),
    ];
    const noAudio = await desk.publish(await desk.story({ headline: word('NoAudio'), programId: program.id }));
    // The aired segment with a rundown (chapters), and the next slot on a station with a stream (liveItem).
    const aired = await createSegment(
      app,
      producer,
      station.id,
      new Date(Date.now() - 7200_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      1800,
      {
        kind: 'program',
        storyId: first.story.id,
        programId: program.id,
        status: 'aired',
      },
    );
    const rundown = (await app.request('GET', `/api/segments/${aired.id}/rundown`, { token: producer })).body;
    const saved = await app.request('PUT', `/api/segments/${aired.id}/rundown`, {
      token: producer,
      body: {
        version: rundown.version,
        items: [
          { title: 'Headlines', kind: 'newscast', durationSeconds: 60 },
          { title: 'Interview', kind: 'interview', durationSeconds: 300 },
          { title: 'Not the draft title', kind: 'story', durationSeconds: 120, storyId: draftInProgram.id },
          { title: 'A live story', kind: 'story', durationSeconds: 30, storyId: noAudio.id },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const next = new Date(Math.ceil(Date.now() / 1000) * 1000 + 86_400_000);
    await createSegment(app, producer, station.id, next.toISOString().replace(/\.\d+Z$/, 'Z'), 3600, {
      kind: 'program',
      programId: program.id,
    });

    const response = await feedOf(program.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const feed = parse(response.text);
    const xml = raw(response.text);
    const channel = xml.rss.channel;
    expect(xml.rss['@version']).toBe('2.0');
    expect(xml.rss['@xmlns:itunes']).toBe('http://www.itunes.com/dtds/podcast-1.0.dtd');
    expect(xml.rss['@xmlns:podcast']).toBe('https://podcastindex.org/namespace/1.0');
    // Apple's required channel tags.
    expect(feed.title).toBe(settings.title);
    expect(feed.description).toBe('Daily news from the newsroom & beyond.');
    expect(feed.language).toBe('en-US');
    expect(feed.link).toBe(SITE);
    expect(feed.itunes.image).toBe(settings.artworkUrl);
    expect(feed.itunes.categories).toEqual([{ text: 'News', categories: [{ text: 'Daily News' }] }]);
    expect(feed.itunes.explicit).toBe(false);
    expect(feed.itunes.owner).toEqual({ name: 'Newsroom', email: 'podcasts@radio.example' });
    expect(feed.itunes.author).toBe('Test Public Radio');
    expect(feed.itunes.type).toBe('serial');
    expect(feed.podcast.guid).toBe(settings.guid);
    expect(feed.podcast.guid).toBe(podcastGuid(settings.feedUrl));
    expect(feed.podcast.locked).toEqual({ value: true, owner: 'podcasts@radio.example' });
    expect(channel['atom:link']).toMatchObject({ '@rel': 'self', '@href': settings.feedUrl });
    expect(feed.podcast.persons.map((p: Body) => [p.display, p.role])).toEqual([
      ['Steve Inskeep', 'host'],
      ['Leila Fadel', 'host'],
    ]);
    expect(feed.podcast.liveItems).toEqual([expect.objectContaining({ status: 'pending', start: next.toISOString() })]);
    expect(channel['podcast:liveItem'].enclosure['@url']).toBe('https://stream.radio.example/live.mp3');

    // The items: newest first, exactly the two episodes.
    expect(feed.items.map((i: Body) => i.guid.value)).toEqual([second.story.id, first.story.id]);
    const [two, one] = feed.items as Body[];
    for (const item of feed.items as Body[]) {
      // Apple's required item tags.
      expect(item.title).toBeTruthy();
      expect(item.enclosures).toHaveLength(1);
      expect(item.guid.isPermaLink).toBe(false);
      expect(item.pubDate).toBeTruthy();
    }
    expect(one).toMatchObject({
      title: first.story.headline,
      link: `${SITE}/stories/${first.story.slug}`,
      description: 'Rates & <markets>',
      enclosures: [{ url: expect.stringMatching(/^https:\/\/cdn\.example\.org\/audio\//), length: 480_000, type: 'audio/mpeg' }],
      itunes: { duration: 30, season: 2, episode: 7, episodeType: 'full' },
    });
    expect(new Date(one.pubDate).toISOString()).toBe(new Date(first.story.publishedAt).toISOString().replace(/\.\d+Z$/, '.000Z'));
    expect(two.itunes).toMatchObject({ duration: 91, episodeType: 'bonus' });
    expect(one.podcast.transcripts).toEqual([
      { url: `${API}/api/public/stories/${first.story.slug}/transcript.html`, type: 'text/html' },
      { url: `${API}/api/public/stories/${first.story.slug}/transcript.txt`, type: 'text/plain' },
    ]);
    expect(two.podcast?.transcripts).toBeUndefined();
    expect(one.podcast.chapters).toEqual({
      url: `${API}/api/public/stories/${first.story.slug}/chapters.json`,
      type: 'application/json+chapters',
    });
    expect(two.podcast?.chapters).toBeUndefined();
    expect(one.podcast.persons).toEqual([
      expect.objectContaining({ display: 'Tess Reporter', role: 'reporter', group: 'cast' }),
      { display: guest.displayName, role: 'guest', group: 'cast', href: `${API}/api/public/people/${guest.slug}` },
    ]);
    expect(response.text).not.toContain(noAudio.headline);
    expect(response.text).not.toContain(draftInProgram.headline);
    for (const gone of excluded) expect(response.text).not.toContain(gone.story.id);

    // Every link of ours resolves with 200 and the right type (enclosures of uploads: see below).
    const links: Array<[string, string]> = [
      [one.podcast.transcripts[0].url, 'text/html; charset=utf-8'],
      [one.podcast.transcripts[1].url, 'text/plain; charset=utf-8'],
      [one.podcast.chapters.url, 'application/json+chapters; charset=utf-8'],
      [settings.artworkUrl, 'image/png'],
      [`${API}/api/public/people/${guest.slug}`, 'application/json; charset=utf-8'],
    ];
    for (const [url, type] of links) {
      const got = await fetch(local(url));
      expect([url, got.status, got.headers.get('content-type')]).toEqual([url, 200, type]);
    }
    const chapters = await (await fetch(local(one.podcast.chapters.url))).json();
    expect(chapters).toEqual({
      version: '1.2.0',
      chapters: [
        { startTime: 0, title: 'Headlines' },
        { startTime: 60, title: 'Interview' },
        { startTime: 360, title: 'Story' },
        { startTime: 480, title: noAudio.headline },
      ],
    });

    // ETag / 304 through the public cache.
    const again = await app.request('GET', `/api/public/programs/${program.slug}/podcast.rss`, {
      headers: { 'if-none-match': response.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 for an unknown program, a disabled feed and a page past the end; 400 for a bad query', async () => {
    const program = await createProgram(app, admin);
    expect((await feedOf(program.slug)).status).toBe(404);
    await desk.call('PUT', `/api/programs/${program.id}/podcast`, { version: 1, enabled: false, title: 'Off' });
    expect((await feedOf(program.slug)).status).toBe(404);
    expect((await feedOf('no-such-program')).status).toBe(404);
    const { program: on } = await enabledProgram();
    expect((await feedOf(on.slug)).status).toBe(200);
    expect(parse((await feedOf(on.slug)).text).items ?? []).toEqual([]);
    expect((await feedOf(on.slug, '?page=2')).status).toBe(404);
    for (const query of ['?page=0', '?page=x', '?page=1.5', '?cb=1']) expect((await feedOf(on.slug, query)).status).toBe(400);
    // Disabling it takes it down at once (through the cache).
    const settings = await desk.call('GET', `/api/programs/${on.id}/podcast`);
    await desk.call('PUT', `/api/programs/${on.id}/podcast`, { version: settings.version, enabled: false });
    expect((await feedOf(on.slug)).status).toBe(404);
  });

  it('drops an episode at the exact second its audio window closes, and adds one when it opens', async () => {
    const { program } = await enabledProgram();
    const closing = await episode(program.id);
    const opening = await episode(program.id, {}, { availableFrom: new Date(Date.now() + 3_600_000) });
    const ids = async () => (parse((await feedOf(program.slug)).text).items ?? []).map((i: Body) => i.guid.value as string);
    expect(await ids()).toEqual([closing.story.id]);
    // The window changes 8 s ahead: room for a loaded machine to see the cached answer before it
    // (at 1.5 s, a loaded CI run reached the check after the change second, when a miss is right).
    const at = new Date(Date.now() + 8000);
    await setAudioRights(app.db, closing.assetId, { availableUntil: at });
    await setAudioRights(app.db, opening.assetId, { availableFrom: at });
    // Until the cache has heard of the change (its NOTIFY arrives asynchronously) and kept the new answer.
    while (Date.now() < at.getTime() - 3000 && (await feedOf(program.slug)).headers.get('x-cache') !== 'hit')
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await ids()).toEqual([closing.story.id]);
    expect((await feedOf(program.slug)).headers.get('x-cache')).toBe('hit');
    await waitUntil(at);
    expect(await ids()).toEqual([opening.story.id]);
  });

  it(`pages ${PODCAST_PAGE_SIZE} items a page with first/last/next/prev links; [figure] 500 episodes cold and cached`, async () => {
    const { program } = await enabledProgram();
    await app.db.query(
      `WITH s AS (
         INSERT INTO stories (headline, slug, status, published_at, program_id, teaser, episode_number)
         SELECT 'Bulk episode ' || n, 'bulk-${program.slug}-' || n, 'published', now() - make_interval(mins => n), $1, 'Teaser ' || n, n
           FROM generate_series(1, 500) n RETURNING id),
       a AS (
         INSERT INTO audio_assets (kind, external_url, content_type, duration_ms, byte_size)
         SELECT 'external', 'https://cdn.example.org/bulk/' || s.id || '.mp3', 'audio/mpeg', 600000, 9600000 FROM s RETURNING id, external_url),
       r AS (INSERT INTO audio_renditions (asset_id, profile, status, progress, content_type, duration_ms, byte_size)
             SELECT id, 'original', 'ready', 1, 'audio/mpeg', 600000, 9600000 FROM a)
       INSERT INTO story_audio (story_id, position, asset_id)
       SELECT s.id, 0, a.id FROM s JOIN a ON a.external_url = 'https://cdn.example.org/bulk/' || s.id || '.mp3'`,
      [program.id],
    );
    // The insert's NOTIFY reaches the cache's listener asynchronously and empties the cache when it
    // lands (on a loaded machine, possibly between the two reads): measure again until a pair is cold then cached.
    let cold, cached, coldMs, cachedMs;
    for (let round = 0; ; round++) {
      const t0 = performance.now();
      cold = await feedOf(program.slug);
      coldMs = performance.now() - t0;
      const t1 = performance.now();
      cached = await feedOf(program.slug);
      cachedMs = performance.now() - t1;
      if (cached.headers.get('x-cache') === 'hit' || round === 20) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      app.nest.get(PublicCache).clear();
    }
    expect(cold.headers.get('x-cache')).toBe('miss');
    expect(cached.headers.get('x-cache')).toBe('hit');
    console.log(
      `[figure] podcast feed, 500 episodes (page 1 of 2, ${PODCAST_PAGE_SIZE} items, ${(cold.text.length / 1024).toFixed(0)} KiB): cold ${coldMs.toFixed(1)} ms, cached ${cachedMs.toFixed(1)} ms`,
    );
    const feedUrl = `${API}/api/public/programs/${program.slug}/podcast.rss`;
    const links = (text: string) =>
      Object.fromEntries(([] as Body[]).concat(raw(text).rss.channel['atom:link']).map((l: Body) => [l['@rel'], l['@href']]));
    const page1 = parse(cold.text);
    expect(page1.items).toHaveLength(PODCAST_PAGE_SIZE);
    expect(page1.items[0].itunes.episode).toBe(1);
    expect(links(cold.text)).toEqual({ self: feedUrl, first: feedUrl, last: `${feedUrl}?page=2`, next: `${feedUrl}?page=2` });
    const second = await feedOf(program.slug, '?page=2');
    expect(second.status).toBe(200);
    expect(parse(second.text).items).toHaveLength(500 - PODCAST_PAGE_SIZE);
    expect(links(second.text)).toEqual({ self: `${feedUrl}?page=2`, first: feedUrl, last: `${feedUrl}?page=2`, prev: feedUrl });
    expect((await feedOf(program.slug, '?page=3')).status).toBe(404);
  });
});

describe('links of the feed', () => {
  it('resolve with 200 and the right type: enclosures of uploaded audio (exact length), transcripts, people, chapters, artwork, stories', async () => {
    const { program, settings } = await enabledProgram();
    // A WAV master: its 128 kbit/s MP3, encoded by the audio module's job, is what the feed serves.
    const uploaded = await uploadAudio(app, admin, await tone(mediaDir, 'wav', { seconds: 3 }), { name: 'episode.wav' });
    expect(uploaded.status).toBe(201);
    const asset: Body = await settled(app, admin, uploaded.body.id);
    expect(asset.renditions.map((r: Body) => [r.profile, r.status])).toContainEqual(['mp3-128', 'ready']);
    expect(asset.playable).toBe(true);
    const guest = await desk.person(`Guest ${word('g')}`);
    const story = await desk.publish(
      await desk.story({
        headline: word('Uploaded'),
        programId: program.id,
        audio: [{ assetId: asset.id }],
        broadcast: true,
        transcript: { turns: [Desk.turn(guest.id, 'Hello.')] },
      }),
    );
    const station = await createStation(app, admin);
    const aired = await createSegment(app, producer, station.id, '2021-03-01T10:00:00Z', 600, {
      kind: 'program',
      storyId: story.id,
      status: 'aired',
    });
    const rundown = (await app.request('GET', `/api/segments/${aired.id}/rundown`, { token: producer })).body;
    await app.request('PUT', `/api/segments/${aired.id}/rundown`, {
      token: producer,
      body: { version: rundown.version, items: [{ title: 'Top', kind: 'story', durationSeconds: 90 }] },
    });
    const feed = parse((await feedOf(program.slug)).text);
    const [item] = feed.items as Body[];
    expect(item.guid.value).toBe(story.id);
    const enclosure = item.enclosures[0];
    expect(enclosure).toMatchObject({ url: `${API}/api/public/audio/${asset.id}/mp3-128.mp3`, type: 'audio/mpeg' });
    const served = await fetch(local(enclosure.url));
    const bytes = Buffer.from(await served.arrayBuffer());
    expect([served.status, served.headers.get('content-type')?.split(';')[0], bytes.length]).toEqual([200, 'audio/mpeg', enclosure.length]);
    expect(item.itunes.duration).toBeGreaterThanOrEqual(2);
    // The public story JSON plays the same rendition.
    const json = (await app.request('GET', `/api/public/stories/${story.slug}`)).body;
    expect(json.audioItems[0]).toMatchObject({ url: enclosure.url, contentType: 'audio/mpeg', byteSize: enclosure.length, primary: true });
    const links: Array<[string, string]> = [
      ...item.podcast.transcripts.map((t: Body): [string, string] => [t.url, t.type]),
      [item.podcast.chapters.url, 'application/json+chapters'],
      ...item.podcast.persons.filter((p: Body) => p.href).map((p: Body): [string, string] => [p.href, 'application/json']),
      [settings.artworkUrl, 'image/png'],
      // The story behind the guid (the item's link is the site's page; its JSON is ours).
      [`${API}/api/public/stories/${story.slug}`, 'application/json'],
    ];
    expect(links.length).toBeGreaterThanOrEqual(6);
    for (const [url, type] of links) {
      const got = await fetch(local(url));
      expect([url, got.status, got.headers.get('content-type')?.split(';')[0]]).toEqual([url, 200, type]);
    }
  });
});

describe('chapters.json', () => {
  it('answers 404 for a story that did not air in a segment with a rundown, and for a story that is not live', async () => {
    const { program } = await enabledProgram();
    const { story } = await episode(program.id);
    expect((await app.request('GET', `/api/public/stories/${story.slug}/chapters.json`)).status).toBe(404);
    const draft = await desk.story({ headline: word('Draft') });
    const station = await createStation(app, admin);
    const seg = await createSegment(app, producer, station.id, '2020-01-06T10:00:00Z', 600, {
      kind: 'program',
      storyId: draft.id,
      status: 'aired',
    });
    const rundown = (await app.request('GET', `/api/segments/${seg.id}/rundown`, { token: producer })).body;
    await app.request('PUT', `/api/segments/${seg.id}/rundown`, {
      token: producer,
      body: { version: rundown.version, items: [{ title: 'Secret', kind: 'story', durationSeconds: 60 }] },
    });
    expect((await app.request('GET', `/api/public/stories/${draft.slug}/chapters.json`)).status).toBe(404);
    expect((await app.request('GET', `/api/public/stories/${story.slug}/chapters.json?x=1`)).status).toBe(400);
  });
});

describe('the demo podcast', () => {
  it('makes Morning Edition a podcast with square artwork and numbered episodes; a valid feed once its stories have audio', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'newsdesk-demo-podcast-'));
    const demo = await startTestApp({ PUBLIC_API_URL: API, MEDIA_DIR: demoDir });
    try {
      await loadDemoNewsroom(demo.db);
      await refreshDemoSchedule(demo.db);
      expect(await loadDemoPodcast(demo.db, createMediaStorage(demo.config))).toBe(true);
      expect(await loadDemoPodcast(demo.db, createMediaStorage(demo.config))).toBe(false);
      const token = (await demo.signIn(['admin'])).token;
      const [{ id }] = (await demo.db.query(`SELECT id FROM programs WHERE slug = 'morning-edition'`)) as [{ id: string }];
      const settings = (await demo.request('GET', `/api/programs/${id}/podcast`, { token })).body;
      expect(settings).toMatchObject({
        enabled: true,
        category: 'News',
        subcategory: 'Daily News',
        ownerEmail: 'podcasts@newsdesk.example',
      });
      const art = await fetch(local(settings.artworkUrl).replace(app.url, demo.url));
      expect([art.status, art.headers.get('content-type')]).toEqual([200, 'image/png']);
      const before = (await demo.request('GET', `/api/programs/${id}/podcast/check`, { token })).body;
      expect(before.items.filter((i: Body) => i.severity === 'error').map((i: Body) => i.field)).toEqual(['episodes']);
      // The audio demo (as `npm start` runs it): a tone per published story, encoded, as its primary audio.
      expect(await loadDemoAudio(demo.db, createMediaStorage(demo.config), demo.config)).toBe(3);
      expect((await demo.request('GET', `/api/programs/${id}/podcast/check`, { token })).body).toMatchObject({ ok: true, episodeCount: 3 });
      const feed = parse((await demo.request('GET', '/api/public/programs/morning-edition/podcast.rss')).text);
      expect(feed.items.map((i: Body) => i.itunes.episode)).toEqual([3, 2, 1]);
      expect(feed.itunes.image).toBe(settings.artworkUrl);
      for (const item of feed.items as Body[]) {
        const enclosure = item.enclosures[0];
        const got = await fetch(enclosure.url.replace(API, demo.url));
        expect([got.status, got.headers.get('content-type')?.split(';')[0], (await got.arrayBuffer()).byteLength]).toEqual([
          200,
          enclosure.type,
          enclosure.length,
        ]);
      }
    } finally {
      await demo.close();
      rmSync(demoDir, { recursive: true, force: true });
    }
  });
});
