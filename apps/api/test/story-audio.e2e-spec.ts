import { insertExternalAudio, setAudioRights, waitUntil } from './support/audio.js';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, word } from './support/desk.js';
import { appliedMigrations, revertMigrationsAfter } from './support/migrations.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

/**
 * A story's audio (#14): the `audio` list in story_audio, the deprecated audioUrl fields as an
 * external primary asset, revisions, the broadcast publish check, and the public story JSON's
 * audioItems under the rights and the availability window (exact second, through the public cache).
 */
let app: TestApp;
let desk: Desk;
let editor: string;
const API = 'https://api.radio.example/newsdesk';

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_API_URL: API });
  editor = (await app.signIn(['editor'])).token;
  desk = new Desk(app, editor);
});
afterAll(async () => {
  await app?.close();
});

describe('a story\u2019s audio (staff)', () => {
  it('replaces the list as a whole, in order, with each asset\u2019s summary; unknown asset ids are a 400 naming audio.<i>.assetId', async () => {
    const first = await insertExternalAudio(app.db, { durationMs: 90_400 });
    const second = await insertExternalAudio(app.db, { url: 'https://cdn.example.org/b.m4a', contentType: 'audio/mp4' });
    const story = await desk.story({ headline: word('Audio'), audio: [{ assetId: first, title: 'Listen' }, { assetId: second }] });
    expect(story.audio).toHaveLength(2);
    expect(story.audio[0]).toMatchObject({
      assetId: first,
      title: 'Listen',
      primary: true,
      asset: { id: first, kind: 'external', playable: true },
    });
    expect(story.audio[1]).toMatchObject({ assetId: second, title: 'Test audio', primary: false });
    expect(story.audio[0].asset).toMatchObject({ contentType: 'audio/mpeg', durationSeconds: 90.4, encoding: 'none' });
    // The deprecated fields are derived from the primary.
    expect(story.audioUrl).toMatch(/^https:\/\/cdn\.example\.org\/audio\/.*\.mp3$/);
    expect(story.audioDurationSeconds).toBe(90);
    expect(story).toMatchObject({ broadcast: false, episodeSeason: null, episodeNumber: null, episodeType: 'full' });

    const swapped = await desk.edit(story, { audio: [{ assetId: second }, { assetId: first }], episodeNumber: 3, episodeType: 'bonus' });
    expect(swapped.audio.map((item: { assetId: string }) => item.assetId)).toEqual([second, first]);
    expect(swapped.audioUrl).toBe('https://cdn.example.org/b.m4a');
    expect(swapped).toMatchObject({ episodeNumber: 3, episodeType: 'bonus' });

    const missing = '00000000-0000-4000-8000-000000000000';
    const bad = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: { version: swapped.version, audio: [{ assetId: first }, { assetId: missing }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'audio.1.assetId' })]);
    const duplicate = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: { version: swapped.version, audio: [{ assetId: first }, { assetId: first }] },
    });
    expect(duplicate.status).toBe(400);
    const cleared = await desk.edit(swapped, { audio: [] });
    expect(cleared).toMatchObject({ audio: [], audioUrl: null, audioDurationSeconds: null });
  });

  it('takes the deprecated audioUrl (+ audioDurationSeconds) as an external primary asset, reused for the same URL; null removes the primary', async () => {
    const story = await desk.story({
      headline: word('Legacy'),
      audioUrl: 'https://cdn.example.org/show/ep1.m4a?token=1',
      audioDurationSeconds: 125,
    });
    expect(story.audio).toHaveLength(1);
    expect(story.audio[0].asset).toMatchObject({ kind: 'external', contentType: 'audio/mp4', durationSeconds: 125, playable: true });
    expect(story).toMatchObject({ audioUrl: 'https://cdn.example.org/show/ep1.m4a?token=1', audioDurationSeconds: 125 });
    const assetId = story.audio[0].assetId;
    // Made by the audio feature as /api/audio/external makes them: the URL is what plays, no renditions.
    const renditions = await app.db.query(`SELECT profile FROM audio_renditions WHERE asset_id = $1`, [assetId]);
    expect(renditions).toEqual([]);

    const extra = await insertExternalAudio(app.db);
    const withExtra = await desk.edit(story, { audio: [{ assetId, title: 'Main' }, { assetId: extra }] });
    // Same URL again (with its duration, or without one): the same asset; the extras stay.
    const same = await desk.edit(withExtra, {
      headline: `${story.headline} again`,
      audioUrl: 'https://cdn.example.org/show/ep1.m4a?token=1',
    });
    expect(same.audio.map((item: { assetId: string }) => item.assetId)).toEqual([assetId, extra]);
    expect(same.audio[0].title).toBe('Main');
    // `audio` wins when both are sent.
    const both = await desk.edit(same, { audio: [{ assetId: extra }], audioUrl: 'https://cdn.example.org/ignored.mp3' });
    expect(both.audio.map((item: { assetId: string }) => item.assetId)).toEqual([extra]);
    // A new URL: a new asset as the primary; an .ogg is typed from its extension; no extension → audio/mpeg.
    const ogg = await desk.edit(both, { audioUrl: 'https://cdn.example.org/x.ogg', audioDurationSeconds: 5 });
    expect(ogg.audio[0].asset.contentType).toBe('audio/ogg');
    // The primary (extra) was replaced.
    expect(ogg.audio).toHaveLength(1);
    const plain = await desk.edit(ogg, { audioUrl: 'https://cdn.example.org/stream', audioDurationSeconds: null });
    expect(plain.audio[0].asset).toMatchObject({ contentType: 'audio/mpeg', durationSeconds: null });
    expect(plain.audioDurationSeconds).toBeNull();
    const two = await desk.edit(plain, { audio: [{ assetId: plain.audio[0].assetId }, { assetId: extra }] });
    const removed = await desk.edit(two, { audioUrl: null });
    expect(removed.audio.map((item: { assetId: string }) => item.assetId)).toEqual([extra]);
    expect(removed.audio[0].primary).toBe(true);
    const bad = await app.request('PATCH', `/api/stories/${story.id}`, {
      token: editor,
      body: { version: removed.version, audioUrl: 'javascript:alert(1)' },
    });
    expect(bad.status).toBe(400);
  });

  it('keeps audio, broadcast and episode fields in revisions: changedFields, 409s, restore (also of a revision saved before audio assets)', async () => {
    const a = await insertExternalAudio(app.db);
    const b = await insertExternalAudio(app.db);
    const v1 = await desk.story({ headline: word('Revised'), audio: [{ assetId: a }] });
    const v2 = await desk.edit(v1, { audio: [{ assetId: b }], broadcast: true, episodeSeason: 2 });
    const revisions = (await app.request('GET', `/api/stories/${v1.id}/revisions`, { token: editor })).body.items;
    expect(revisions[0].changedFields).toEqual(expect.arrayContaining(['audio', 'broadcast', 'episodeSeason']));
    const stale = await app.request('PATCH', `/api/stories/${v1.id}`, { token: editor, body: { version: 1, headline: 'Stale' } });
    expect(stale.status).toBe(409);
    expect(stale.body.changedFields).toEqual(expect.arrayContaining(['audio', 'broadcast', 'episodeSeason']));
    const diff = await app.request('GET', `/api/stories/${v1.id}/revisions/diff?from=1&to=2`, { token: editor });
    if (diff.status === 200) expect(diff.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['audio']));

    const restored = await app.request('POST', `/api/stories/${v1.id}/revisions/1/restore`, {
      token: editor,
      body: { version: v2.version },
    });
    expect(restored.status).toBe(200);
    expect(restored.body.audio.map((item: { assetId: string }) => item.assetId)).toEqual([a]);
    expect(restored.body).toMatchObject({ broadcast: false, episodeSeason: null });

    // A revision from before the AudioPodcasts migration: only audioUrl/audioDurationSeconds in its snapshot.
    const [{ snapshot }] = (await app.db.query(`SELECT snapshot FROM story_revisions WHERE story_id = $1 AND n = 1`, [v1.id])) as [
      { snapshot: Record<string, unknown> },
    ];
    const old: Record<string, unknown> = { ...snapshot, audioUrl: 'https://cdn.example.org/archive/old.mp3', audioDurationSeconds: 42 };
    for (const key of ['audio', 'broadcast', 'episodeSeason', 'episodeNumber', 'episodeType']) delete old[key];
    await app.db.query(
      `INSERT INTO story_revisions (story_id, n, story_version, snapshot, reason, changed_fields) VALUES ($1, 99, 1, $2, 'old', '{}')`,
      [v1.id, JSON.stringify(old)],
    );
    const twoItems = await desk.edit(restored.body, { audio: [{ assetId: a }, { assetId: b }] });
    const fromOld = await app.request('POST', `/api/stories/${v1.id}/revisions/99/restore`, {
      token: editor,
      body: { version: twoItems.version },
    });
    expect(fromOld.status).toBe(200);
    expect(fromOld.body).toMatchObject({ audioUrl: 'https://cdn.example.org/archive/old.mp3', audioDurationSeconds: 42 });
    expect(fromOld.body.audio).toHaveLength(1);
    expect(fromOld.body.audio[0].asset.kind).toBe('external');
  });

  it('refuses to publish a broadcast piece whose primary audio is missing, unplayable or outside its window at the publish instant (field audio)', async () => {
    const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
    const none = await desk.story({ headline: word('Broadcast'), broadcast: true });
    const r1 = await app.request('POST', `/api/stories/${none.id}/publish`, { token: editor, body: { version: none.version } });
    expect(r1.status).toBe(400);
    expect(fieldsOf(r1.body)).toEqual(['audio']);

    const wav = await insertExternalAudio(app.db, { url: 'https://cdn.example.org/master.wav', contentType: 'audio/wav' });
    const unplayable = await desk.story({ headline: word('Broadcast'), broadcast: true, audio: [{ assetId: wav }] });
    const r2 = await app.request('POST', `/api/stories/${unplayable.id}/publish`, { token: editor, body: { version: unplayable.version } });
    expect(r2.status).toBe(400);
    expect(r2.body.errors[0].message).toMatch(/not playable/);

    const opensAt = new Date(Date.now() + 3_600_000);
    const later = await insertExternalAudio(app.db, { availableFrom: opensAt });
    const early = await desk.story({ headline: word('Broadcast'), broadcast: true, audio: [{ assetId: later }] });
    const r3 = await app.request('POST', `/api/stories/${early.id}/publish`, { token: editor, body: { version: early.version } });
    expect(r3.status).toBe(400);
    expect(fieldsOf(r3.body)).toEqual(['audio']);
    // Scheduled for the instant the window opens: fine; a second earlier: not.
    const before = await app.request('POST', `/api/stories/${early.id}/publish`, {
      token: editor,
      body: { version: early.version, publishAt: new Date(opensAt.getTime() - 1000).toISOString() },
    });
    expect(before.status).toBe(400);
    const atOpening = await app.request('POST', `/api/stories/${early.id}/publish`, {
      token: editor,
      body: { version: early.version, publishAt: opensAt.toISOString() },
    });
    expect(atOpening.status).toBe(200);

    const hidden = await insertExternalAudio(app.db, { streamable: false });
    const notStreamable = await desk.story({ headline: word('Broadcast'), broadcast: true, audio: [{ assetId: hidden }] });
    const r4 = await app.request('POST', `/api/stories/${notStreamable.id}/publish`, {
      token: editor,
      body: { version: notStreamable.version },
    });
    expect(r4.status).toBe(400);
    expect(r4.body.errors[0].message).toMatch(/not streamable/);

    // Not a broadcast piece: published without audio.
    const plain = await desk.story({ headline: word('Plain') });
    expect((await desk.publish(plain)).status).toBe('published');
    const ok = await desk.story({ headline: word('Broadcast'), broadcast: true, audio: [{ assetId: await insertExternalAudio(app.db) }] });
    expect((await desk.publish(ok)).status).toBe('published');
  });
});

describe('the public story JSON', () => {
  it('lists audioItems (absolute URLs, streamable and available only) and the deprecated audio from the primary', async () => {
    const primary = await insertExternalAudio(app.db, { durationMs: 61_600, byteSize: 1234 });
    const extra = await insertExternalAudio(app.db, { url: 'https://cdn.example.org/extra.m4a', contentType: 'audio/mp4' });
    const hidden = await insertExternalAudio(app.db, { streamable: false });
    const unplayable = await insertExternalAudio(app.db, { url: 'https://cdn.example.org/raw.flac', contentType: 'audio/flac' });
    // An upload without a ready rendition (encoding still queued) is absent too.
    const [{ id: queued }] = (await app.db.query(
      `WITH a AS (INSERT INTO audio_assets (kind, sha256, content_type) VALUES ('upload', $1, 'audio/wav') RETURNING id),
            r AS (INSERT INTO audio_renditions (asset_id, profile, status) SELECT id, 'mp3-128', 'queued' FROM a)
       SELECT id FROM a`,
      ['a'.repeat(64)],
    )) as [{ id: string }];
    const story = await desk.story({
      headline: word('Public'),
      audio: [{ assetId: primary, title: 'Listen' }, { assetId: hidden }, { assetId: unplayable }, { assetId: queued }, { assetId: extra }],
    });
    await desk.publish(story);
    const shown = (await app.request('GET', `/api/public/stories/${story.slug}`)).body;
    expect(shown.audioItems).toEqual([
      {
        title: 'Listen',
        primary: true,
        url: expect.stringMatching(/^https:\/\/cdn\.example\.org\/audio\//),
        contentType: 'audio/mpeg',
        byteSize: 1234,
        durationSeconds: 61.6,
        downloadable: true,
        embeddable: true,
        availableUntil: null,
      },
      expect.objectContaining({ primary: false, url: 'https://cdn.example.org/extra.m4a', contentType: 'audio/mp4' }),
    ]);
    expect(shown.audio).toEqual({ url: shown.audioItems[0].url, durationSeconds: 62 });

    // An uploaded asset's URL: PUBLIC_API_URL + publicAudioPath of its best playable rendition (mp3-128 for a WAV master).
    await app.db.query(`UPDATE audio_renditions SET status = 'ready', content_type = 'audio/mpeg', byte_size = 999 WHERE asset_id = $1`, [
      queued,
    ]);
    // (The public cache hears of the change by its NOTIFY, asynchronously: read until it has.)
    let urls: string[] = [];
    for (let i = 0; i < 100 && !urls.includes(`${API}/api/public/audio/${queued}/mp3-128.mp3`); i++) {
      if (i) await new Promise((resolve) => setTimeout(resolve, 20));
      urls = (await app.request('GET', `/api/public/stories/${story.slug}`)).body.audioItems.map((item: { url: string }) => item.url);
    }
    expect(urls).toContain(`${API}/api/public/audio/${queued}/mp3-128.mp3`);
  });

  it('drops and restores audio at the exact second its window closes or opens (through the public cache)', async () => {
    const asset = await insertExternalAudio(app.db);
    const story = await desk.story({ headline: word('Window'), audio: [{ assetId: asset }] });
    await desk.publish(story);
    /**
     * After a change: until the cache has heard of it (its NOTIFY arrives asynchronously: a miss shows
     * the entry was dropped and computed again) and then kept the new answer (a hit). A hit before
     * the first miss is the old answer, still kept.
     */
    const settled = async () => {
      let dropped = false;
      for (let i = 0; i < 250; i++) {
        const cache = (await app.request('GET', `/api/public/stories/${story.slug}`)).headers.get('x-cache');
        if (cache === 'miss') dropped = true;
        else if (cache === 'hit' && dropped) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('the public cache never dropped and kept the story again');
    };
    const items = async () => {
      const response = await app.request('GET', `/api/public/stories/${story.slug}`);
      expect(response.status).toBe(200);
      return { count: response.body.audioItems.length as number, audio: response.body.audio, cache: response.headers.get('x-cache') };
    };
    expect((await items()).count).toBe(1);
    // A margin the cache settles within even on a loaded machine (the settled() loop takes up to 2 s).
    const closes = new Date(Date.now() + 4000);
    await setAudioRights(app.db, asset, { availableUntil: closes });
    await settled();
    expect(await items()).toMatchObject({ count: 1, cache: 'hit' });
    await waitUntil(closes);
    expect(await items()).toMatchObject({ count: 0, audio: null });

    const opens = new Date(Date.now() + 4000);
    await setAudioRights(app.db, asset, { availableFrom: opens, availableUntil: null });
    await settled();
    expect(await items()).toMatchObject({ count: 0, cache: 'hit' });
    await waitUntil(opens);
    expect((await items()).count).toBe(1);
    // Not streamable: gone from the public JSON.
    await setAudioRights(app.db, asset, { streamable: false });
    await settled();
    expect((await items()).count).toBe(0);
  });
});

describe('transcript.html', () => {
  it('is an HTML5 document with transcript.txt\u2019s content, escaped; 404 without a transcript; old slugs 301', async () => {
    const speaker = await desk.person(`Ann <b>O'Hara</b> ${word('p')}`);
    const story = await desk.story({
      headline: `Rates & <Markets> ${word('h')}`,
      credit: 'Copyright & co',
      transcript: { turns: [Desk.turn(speaker.id, 'Prices rose <script>alert(1)</script> & fell.')] },
    });
    const live = await desk.publish(story);
    const txt = await app.request('GET', `/api/public/stories/${live.slug}/transcript.txt`);
    const html = await app.request('GET', `/api/public/stories/${live.slug}/transcript.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('etag')).toBeTruthy();
    expect(html.text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.text).not.toContain('<script>');
    expect(html.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; fell.');
    expect(html.text).toContain('<h1>Rates &amp; &lt;Markets&gt;');
    // Same content: the text of the paragraphs is transcript.txt's blocks.
    const unescape = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
    // Labels are in <strong>, cues in <em>, the credit is <p class="credit"> (docs/transcripts-desk.md).
    expect(html.text).toContain('<strong>');
    const paragraphs = [...html.text.matchAll(/<p(?: class="[a-z]+")?>([\s\S]*?)<\/p>/g)].map((m) =>
      unescape(m[1]!.replace(/<br>/g, '\n').replace(/<\/?(?:strong|em)>/g, '')),
    );
    expect(paragraphs.join('\n\n') + '\n').toBe(txt.text);
    const again = await app.request('GET', `/api/public/stories/${live.slug}/transcript.html`, {
      headers: { 'if-none-match': html.headers.get('etag')! },
    });
    expect(again.status).toBe(304);

    const bare = await desk.publish(await desk.story({ headline: word('Bare') }));
    expect((await app.request('GET', `/api/public/stories/${bare.slug}/transcript.html`)).status).toBe(404);
    const draft = await desk.story({ headline: word('Draft'), transcript: { turns: [Desk.turn(speaker.id, 'Secret')] } });
    expect((await app.request('GET', `/api/public/stories/${draft.slug}/transcript.html`)).status).toBe(404);

    const renamed = await desk.edit(live, { slug: `${live.slug}-new` });
    const moved = await fetch(`${app.url}/api/public/stories/${live.slug}/transcript.html`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`/api/public/stories/${renamed.slug}/transcript.html`);
    expect((await app.request('GET', `/api/public/stories/${live.slug}/transcript.html?x=1`)).status).toBe(400);
  });
});

describe('the AudioPodcasts migration of the old audio fields', () => {
  it('moves stories.audio_url/audio_duration_seconds into an external primary asset (public JSON unchanged for readers), and back down', async () => {
    const other = await startTestApp({ PUBLIC_API_URL: API });
    try {
      const db = other.db;
      // Later migrations are reverted first (their tables are empty here), so that this one is the last.
      const revertAudioPodcasts = async () => {
        await revertMigrationsAfter(db, 'AudioPodcasts1765000000000');
        await db.undoLastMigration({ transaction: 'each' });
      };
      await revertAudioPodcasts();
      expect(await appliedMigrations(db)).not.toContain('AudioPodcasts1765000000000');
      const slug = word('migrated');
      const [{ id }] = (await db.query(
        `INSERT INTO stories (slug, headline, status, published_at, audio_url, audio_duration_seconds)
         VALUES ($1, 'Migrated story', 'published', now() - interval '1 minute', 'https://cdn.example.org/old/show.m4a', 321) RETURNING id`,
        [slug],
      )) as [{ id: string }];
      await db.query(`INSERT INTO stories (slug, headline) VALUES ($1, 'No audio')`, [word('silent')]);
      await db.runMigrations({ transaction: 'each' });

      const assets = (await db.query(
        `SELECT a.kind, a.external_url, a.content_type, a.duration_ms, sa.position,
                (SELECT count(*)::int FROM audio_renditions r WHERE r.asset_id = a.id) AS renditions
           FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id`,
      )) as Body[];
      expect(assets).toEqual([
        {
          kind: 'external',
          external_url: 'https://cdn.example.org/old/show.m4a',
          content_type: 'audio/mp4',
          duration_ms: 321_000,
          position: 0,
          renditions: 0,
        },
      ]);
      const shown = (await other.request('GET', `/api/public/stories/${slug}`)).body;
      expect(shown.audio).toEqual({ url: 'https://cdn.example.org/old/show.m4a', durationSeconds: 321 });
      expect(shown.audioItems).toEqual([
        expect.objectContaining({
          primary: true,
          url: 'https://cdn.example.org/old/show.m4a',
          contentType: 'audio/mp4',
          durationSeconds: 321,
        }),
      ]);
      const staffToken = (await other.signIn(['editor'])).token;
      const staff = (await other.request('GET', `/api/stories/${id}`, { token: staffToken })).body;
      expect(staff).toMatchObject({ audioUrl: 'https://cdn.example.org/old/show.m4a', audioDurationSeconds: 321 });

      // Down: the external primary goes back into the old columns.
      await revertAudioPodcasts();
      expect(await db.query(`SELECT audio_url, audio_duration_seconds FROM stories WHERE id = $1`, [id])).toEqual([
        { audio_url: 'https://cdn.example.org/old/show.m4a', audio_duration_seconds: 321 },
      ]);
      // Up again, then an uploaded asset: down refuses (it would lose it).
      await db.runMigrations({ transaction: 'each' });
      await db.query(`INSERT INTO audio_assets (kind, sha256, content_type) VALUES ('upload', $1, 'audio/mpeg')`, ['b'.repeat(64)]);
      await revertMigrationsAfter(db, 'AudioPodcasts1765000000000');
      await expect(db.undoLastMigration({ transaction: 'each' })).rejects.toThrow(
        /Refusing to revert migration AudioPodcasts1765000000000.*audio_assets/,
      );
    } finally {
      await other.close();
    }
  });
});
