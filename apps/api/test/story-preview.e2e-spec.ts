import { PublicStorySchema, StoryPreviewSchema, type Role, type Story } from '@newsdesk/contracts';
import pg from 'pg';
import { MOSCOW_TRANSCRIPT } from '../src/database/demo-transcripts.js';
import { PublicCache } from '../src/public/public-cache.service.js';
import { insertExternalAudio } from './support/audio.js';
import { doc } from './support/desk.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * Staff preview (issue #15 item 1): `GET /api/stories/{id}/preview` answers any story, in any state,
 * with the public story JSON built by the public read side's one serializer, and leaves no trace in
 * the public API or its cache. (The route x role matrix of test/routes.e2e-spec.ts and the generated
 * bad inputs of test/adversarial.e2e-spec.ts cover the route from the route table as well.)
 */
let app: TestApp;
let editor: string;
const tokens = new Map<Role, string>();
const unique = () => Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  // A long-lived public cache, so that anything a preview put in it would still be there to find.
  // No outbox worker: its notifications would clear the cache at moments of their own.
  app = await startTestApp({ PUBLIC_CACHE_SECONDS: '600', OUTBOX_WORKER: 'false' });
  for (const role of ['admin', 'editor', 'producer'] as const) tokens.set(role, (await app.signIn([role])).token);
  editor = tokens.get('editor') ?? '';
  for (const body of [
    { displayName: 'Lucian Kim' },
    { displayName: 'Donald Trump', labelTitle: 'PRESIDENT' },
    { displayName: 'Sergey Lavrov' },
  ]) {
    expect((await app.request('POST', '/api/people', { token: editor, body })).status).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
});

async function call(method: string, path: string, body?: unknown, token = editor) {
  return app.request(method, path, { token, body });
}

/** A story with everything the public JSON carries: body, tag, transcript with labels, credit, audio (one item readers may not get). */
async function fullStory(): Promise<Story> {
  const tag = await call('POST', '/api/tags', { name: `Preview tag ${unique()}`, type: 'topic' });
  expect(tag.status).toBe(201);
  const parsed = await call('POST', '/api/transcripts/parse', { text: MOSCOW_TRANSCRIPT });
  expect(parsed.status).toBe(200);
  const created = await call('POST', '/api/stories', {
    headline: `Preview story ${unique()}`,
    teaser: 'What readers will see',
    dateline: 'MOSCOW',
    body: doc('First paragraph of the preview.', 'Second paragraph.'),
    bylineIds: [app.bylineId],
    tagIds: [tag.body.id],
    transcript: { turns: parsed.body.turns },
    credit: parsed.body.credit,
  });
  expect(created.status).toBe(201);
  const playable = await insertExternalAudio(app.db);
  const expired = await insertExternalAudio(app.db, { availableUntil: new Date(Date.now() - 60_000) });
  await app.db.query(`INSERT INTO story_audio (story_id, position, asset_id, title) VALUES ($1, 0, $2, ''), ($1, 1, $3, 'Expired')`, [
    created.body.id,
    playable,
    expired,
  ]);
  return created.body;
}

function preview(id: string, token = editor) {
  return app.request('GET', `/api/stories/${id}/preview`, { token });
}

/** Every key and body the public cache holds now (its entries are private: read for the test). */
function cacheContents(): string[] {
  const cache = app.nest.get(PublicCache) as unknown as { entries: Map<string, { body: string }> };
  return [...cache.entries].map(([key, value]) => `${key}\n${value.body}`);
}

describe('GET /api/stories/{id}/preview', () => {
  it('shows a draft, an in-review, a scheduled (future) and an unpublished story to each staff role; 401 without a session', async () => {
    const draft = await fullStory();
    const inReview = (await call('POST', `/api/stories/${(await fullStory()).id}/submit`, { version: 1 })).body as Story;
    expect(inReview.status).toBe('in_review');
    const future = new Date(Date.now() + 24 * 3600_000).toISOString();
    const scheduled = (await call('POST', `/api/stories/${(await fullStory()).id}/publish`, { version: 1, publishAt: future }))
      .body as Story;
    expect(scheduled.status).toBe('scheduled');
    const toUnpublish = await fullStory();
    const published = (await call('POST', `/api/stories/${toUnpublish.id}/publish`, { version: 1 })).body as Story;
    const unpublished = (await call('POST', `/api/stories/${toUnpublish.id}/unpublish`, { version: published.version })).body as Story;
    expect(unpublished.status).toBe('unpublished');

    for (const story of [draft, inReview, scheduled, unpublished]) {
      for (const role of ['admin', 'editor', 'producer'] as const) {
        const response = await preview(story.id, tokens.get(role));
        expect(response.status).toBe(200);
        const body = StoryPreviewSchema.parse(response.body);
        expect(body.story.headline).toBe(story.headline);
        expect(body.story.slug).toBe(story.slug);
        expect(body.story.bodyHtml).toContain('First paragraph of the preview.');
        expect(body.story.transcript.turns.map((turn) => ('label' in turn ? turn.label : null))[0]).toBe('LUCIAN KIM, BYLINE');
        // The availability rule of the public story: the expired asset is not in a preview either.
        expect(body.story.audioItems.map((item) => item.primary)).toEqual([true]);
        expect(body.preview).toMatchObject({
          storyId: story.id,
          status: story.status,
          version: story.version,
          revision: null,
          live: false,
        });
        expect(Number.isNaN(Date.parse(body.preview.generatedAt))).toBe(false);
      }
      expect((await app.request('GET', `/api/stories/${story.id}/preview`)).status).toBe(401);
    }
    // A scheduled story carries its future publication instant; a draft has none yet.
    expect(StoryPreviewSchema.parse((await preview(scheduled.id)).body).story.publishedAt).toBe(scheduled.publishedAt);
    expect(StoryPreviewSchema.parse((await preview(draft.id)).body).story.publishedAt).toBeNull();
  });

  it('is no-store and noindex', async () => {
    const story = await fullStory();
    const response = await preview(story.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toBe('noindex');
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('x-cache')).toBeNull();
  });

  it("is the public story's JSON: one serializer (the draft's preview equals its public JSON once published, but for the publication instants)", async () => {
    const draft = await fullStory();
    const before = StoryPreviewSchema.parse((await preview(draft.id)).body);
    const published = (await call('POST', `/api/stories/${draft.id}/publish`, { version: draft.version })).body as Story;
    const publicAnswer = await app.request('GET', `/api/public/stories/${published.slug}`);
    expect(publicAnswer.status).toBe(200);
    const publicJson = PublicStorySchema.parse(publicAnswer.body);
    // Raw bodies compared too (the schemas strip nothing the serializer adds).
    expect(Object.keys(publicAnswer.body).sort()).toEqual(Object.keys(before.story).sort());
    // The JSON-LD repeats the instants (datePublished, dateModified): left out there too.
    const withoutInstants = ({
      publishedAt: _p,
      updatedAt: _u,
      jsonLd,
      ...rest
    }: {
      publishedAt: unknown;
      updatedAt: unknown;
      jsonLd: object;
    }) => {
      const { datePublished: _dp, dateModified: _dm, ...ld } = jsonLd as Record<string, unknown>;
      return { ...rest, jsonLd: ld };
    };
    expect(withoutInstants(before.story)).toEqual(withoutInstants(publicJson));
    expect(publicJson.audioItems).toHaveLength(1);
    expect(publicJson.transcript.turns.length).toBeGreaterThan(0);

    // Live now: the preview and the public story are the same JSON, instants included.
    const after = (await preview(draft.id)).body;
    expect(after.preview).toMatchObject({ status: 'published', live: true });
    expect(after.story).toEqual(publicAnswer.body);
  });

  it('leaves no trace in the public API: the public slug 404s and the public cache holds nothing of it', async () => {
    const draft = await fullStory();
    for (let i = 0; i < 3; i++) expect((await preview(draft.id)).status).toBe(200);
    const traces = () =>
      cacheContents().filter((entry) => entry.includes(draft.slug) || entry.includes(draft.id) || entry.includes(draft.headline));
    expect(traces()).toEqual([]);
    // Two public readers: neither sees it, fresh or from the cache.
    for (let reader = 0; reader < 2; reader++) {
      const answer = await app.request('GET', `/api/public/stories/${draft.slug}`);
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain(draft.headline);
      const list = await app.request('GET', '/api/public/stories');
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(draft.slug);
    }
    // The cache is at work (the public list is in it), and holds nothing of the draft.
    expect(cacheContents().some((entry) => entry.startsWith('/api/public/stories '))).toBe(true);
    expect(cacheContents().some((entry) => entry.includes(draft.headline) || entry.includes(draft.id))).toBe(false);
    // No preview route on the public side.
    expect((await app.request('GET', `/api/public/stories/${draft.id}/preview`)).status).toBe(404);
    expect((await app.request('GET', `/api/public/stories/${draft.slug}/preview`)).status).toBe(404);
  });

  it('answers bad ids and queries with 400 and unknown stories with 404, never 5xx', async () => {
    const story = await fullStory();
    expect((await app.request('GET', '/api/stories/not-a-uuid/preview', { token: editor })).status).toBe(400);
    expect((await app.request('GET', `/api/stories/${story.id}/preview?fresh=1`, { token: editor })).status).toBe(400);
    const missing = await app.request('GET', '/api/stories/8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d/preview', { token: editor });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    await call('DELETE', `/api/stories/${story.id}?version=${story.version}`);
    expect((await preview(story.id)).status).toBe(404);
  });
});

describe('GET /api/stories/{id}/preview?revision=n', () => {
  /** Everything a restore writes, as text: the story row, its revisions, links, audit, outbox jobs and redirects. */
  async function footprint(id: string): Promise<string> {
    const parts = await Promise.all([
      app.db.query(`SELECT row_to_json(s)::text AS t FROM stories s WHERE id = $1`, [id]),
      app.db.query(`SELECT count(*)::int AS n, max(n) AS last FROM story_revisions WHERE story_id = $1`, [id]),
      app.db.query(`SELECT count(*)::int AS n, max(id) AS last FROM audit_entries`),
      app.db.query(`SELECT count(*)::int AS n FROM pgboss.job`),
      app.db.query(`SELECT string_agg(slug, ',' ORDER BY slug) AS t FROM story_slug_redirects`),
      app.db.query(`SELECT string_agg(tag_id::text, ',' ORDER BY position) AS t FROM story_tags WHERE story_id = $1`, [id]),
      app.db.query(`SELECT string_agg(asset_id::text, ',' ORDER BY position) AS t FROM story_audio WHERE story_id = $1`, [id]),
      app.db.query(
        `SELECT count(*)::int AS n, string_agg(coalesce(text, ''), '|' ORDER BY position) AS t FROM transcript_turns WHERE story_id = $1`,
        [id],
      ),
    ]);
    return JSON.stringify(parts);
  }

  it('shows the story as restoring revision n makes it, then rolls everything back: no version, revision, audit, outbox, NOTIFY or cache change', async () => {
    const draft = await fullStory();
    const published = (await call('POST', `/api/stories/${draft.id}/publish`, { version: draft.version })).body as Story;
    const edited = (
      await call('PATCH', `/api/stories/${draft.id}`, {
        version: published.version,
        headline: `${draft.headline} (second)`,
        slug: `${draft.slug}-second`,
        body: doc('The second body.'),
        tagIds: [],
        transcript: { turns: [] },
      })
    ).body as Story;
    expect(edited.headline).toBe(`${draft.headline} (second)`);

    // Readers' side, warmed into the cache.
    const publicBefore = await app.request('GET', `/api/public/stories/${edited.slug}`);
    expect(publicBefore.status).toBe(200);
    expect((await app.request('GET', '/api/public/stories')).status).toBe(200);
    const cacheBefore = cacheContents();
    expect(cacheBefore.length).toBeGreaterThan(0);
    const before = await footprint(draft.id);

    // Every NOTIFY of the public cache channel, until a marker sent after the previews.
    const listener = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    let marker: () => void = () => undefined;
    const markerHeard = new Promise<void>((resolve) => (marker = resolve));
    listener.on('notification', (message) => (message.channel === 'preview_test_marker' ? marker() : heard.push(message.channel)));
    await listener.query('LISTEN newsdesk_public_cache');
    await listener.query('LISTEN preview_test_marker');
    try {
      for (const role of ['admin', 'editor', 'producer'] as const) {
        const answer = await app.request('GET', `/api/stories/${draft.id}/preview?revision=1`, { token: tokens.get(role) });
        expect(answer.status).toBe(200);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.headers.get('x-robots-tag')).toBe('noindex');
        const shown = StoryPreviewSchema.parse(answer.body);
        expect(shown.story.headline).toBe(draft.headline);
        expect(shown.story.slug).toBe(draft.slug);
        expect(shown.story.bodyHtml).toContain('First paragraph of the preview.');
        expect(shown.story.tags).toHaveLength(1);
        expect(shown.story.transcript.turns.length).toBeGreaterThan(0);
        expect(shown.preview).toMatchObject({ storyId: draft.id, revision: 1, version: edited.version, status: 'published', live: true });
      }
      await app.db.query(`NOTIFY preview_test_marker`);
      await markerHeard;
    } finally {
      await listener.end();
    }
    expect(heard).toEqual([]);
    expect(await footprint(draft.id)).toBe(before);
    expect(cacheContents()).toEqual(cacheBefore);
    for (let reader = 0; reader < 2; reader++) {
      const again = await app.request('GET', `/api/public/stories/${edited.slug}`);
      expect(again.text).toBe(publicBefore.text);
      expect(again.headers.get('etag')).toBe(publicBefore.headers.get('etag'));
      expect(again.headers.get('cache-control')).toBe(publicBefore.headers.get('cache-control'));
      expect(again.headers.get('x-cache')).toBe('hit');
    }

    // The same code as a restore: restoring revision 1 for real gives the story the preview showed (but for when it was saved).
    const shownBefore = StoryPreviewSchema.parse((await preview(draft.id)).body);
    expect(shownBefore.story.headline).toBe(edited.headline);
    const atRevision = StoryPreviewSchema.parse(
      (await app.request('GET', `/api/stories/${draft.id}/preview?revision=1`, { token: editor })).body,
    );
    const restored = await call('POST', `/api/stories/${draft.id}/revisions/1/restore`, { version: edited.version });
    expect(restored.status).toBe(200);
    const after = StoryPreviewSchema.parse((await preview(draft.id)).body);
    // dateModified in the JSON-LD is updatedAt again.
    const withoutUpdatedAt = ({ updatedAt: _u, jsonLd, ...rest }: { updatedAt: unknown; jsonLd: object }) => {
      const { dateModified: _dm, ...ld } = jsonLd as Record<string, unknown>;
      return { ...rest, jsonLd: ld };
    };
    expect(withoutUpdatedAt(after.story)).toEqual(withoutUpdatedAt(atRevision.story));
  });

  it('refuses bad revision numbers with a 400 naming revision, and answers 404 for a revision the story does not have', async () => {
    const story = await fullStory();
    for (const value of ['0', '-1', '1.5', 'abc', '', '2147483648', '1&revision=2']) {
      const answer = await app.request('GET', `/api/stories/${story.id}/preview?revision=${value}`, { token: editor });
      expect({ value, status: answer.status }).toEqual({ value, status: 400 });
      expect((answer.body.errors as Array<{ field: string }>).map((error) => error.field)).toEqual(['revision']);
    }
    const missing = await app.request('GET', `/api/stories/${story.id}/preview?revision=99`, { token: editor });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const noStory = await app.request('GET', '/api/stories/8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d/preview?revision=1', { token: editor });
    expect(noStory.status).toBe(404);
    expect((await app.request('GET', `/api/stories/${story.id}/preview?revision=1`)).status).toBe(401);
    const current = StoryPreviewSchema.parse(
      (await app.request('GET', `/api/stories/${story.id}/preview?revision=1`, { token: editor })).body,
    );
    expect(current.preview.revision).toBe(1);
  });
});
