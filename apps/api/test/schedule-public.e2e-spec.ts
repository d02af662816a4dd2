import { startTestApp, type TestApp } from './support/app.js';
import { createProgram, createSegment, createStation } from './support/schedule.js';

let app: TestApp;
let producer: string;
let editor: string;
beforeAll(async () => {
  app = await startTestApp();
  producer = (await app.signIn(['producer'])).token;
  editor = (await app.signIn(['editor'])).token;
});
afterAll(async () => {
  await app?.close();
});

const nowNext = (callSign: string, at?: string) =>
  app.request('GET', `/api/public/stations/${callSign}/now-next${at ? `?at=${encodeURIComponent(at)}` : ''}`);
const titles = (body: { now: { title: string } | null; next: { title: string } | null }) => [
  body.now?.title ?? null,
  body.next?.title ?? null,
];

describe('public stations', () => {
  it('lists active stations with their stream URLs, and nothing private', async () => {
    const on = await createStation(app, producer, { streamUrl: 'https://stream.example.org/wamu' });
    const off = await createStation(app, producer);
    await app.request('PATCH', `/api/stations/${off.id}`, { token: producer, body: { version: 1, active: false } });
    const response = await app.request('GET', '/api/public/stations');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('public');
    const callSigns = response.body.items.map((item: { callSign: string }) => item.callSign);
    expect(callSigns).toContain(on.callSign);
    expect(callSigns).not.toContain(off.callSign);
    const item = response.body.items.find((station: { callSign: string }) => station.callSign === on.callSign);
    expect(item).toEqual({
      callSign: on.callSign,
      name: on.name,
      band: 'FM',
      frequency: '88.5',
      city: 'Washington',
      timezone: 'America/New_York',
      streamUrl: 'https://stream.example.org/wamu',
    });
    expect((await nowNext(off.callSign)).status).toBe(404);
  });
});

describe('now / next', () => {
  let callSign: string;
  beforeAll(async () => {
    const station = await createStation(app, producer);
    callSign = station.callSign;
    const program = await createProgram(app, producer, { name: 'All Things Considered', slug: 'atc', hosts: ['Ari Shapiro'] });
    // 10:00-11:00 A, 11:00-11:30 B, gap, 12:00-13:00 C (UTC instants).
    await createSegment(app, producer, station.id, '2026-06-01T10:00:00Z', 3600, { title: 'A', programId: program.id });
    await createSegment(app, producer, station.id, '2026-06-01T11:00:00Z', 1800, { title: 'B', kind: 'newscast' });
    await createSegment(app, producer, station.id, '2026-06-01T12:00:00Z', 3600, { title: 'C' });
  });

  it('includes the start and excludes the end', async () => {
    expect(titles((await nowNext(callSign, '2026-06-01T09:59:59Z')).body)).toEqual([null, 'A']);
    expect(titles((await nowNext(callSign, '2026-06-01T10:00:00Z')).body)).toEqual(['A', 'B']);
    expect(titles((await nowNext(callSign, '2026-06-01T10:59:59.999Z')).body)).toEqual(['A', 'B']);
    expect(titles((await nowNext(callSign, '2026-06-01T11:00:00Z')).body)).toEqual(['B', 'C']);
    expect(titles((await nowNext(callSign, '2026-06-01T11:30:00Z')).body)).toEqual([null, 'C']);
    expect(titles((await nowNext(callSign, '2026-06-01T11:45:00Z')).body)).toEqual([null, 'C']);
    expect(titles((await nowNext(callSign, '2026-06-01T12:59:59Z')).body)).toEqual(['C', null]);
    expect(titles((await nowNext(callSign, '2026-06-01T13:00:00Z')).body)).toEqual([null, null]);
  });

  it('answers the fixed shape, with the program and its hosts', async () => {
    const response = await nowNext(callSign.toLowerCase(), '2026-06-01T10:30:00+00:00');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      station: expect.objectContaining({ callSign, timezone: 'America/New_York' }),
      now: {
        title: 'A',
        kind: 'program',
        startsAt: '2026-06-01T10:00:00.000Z',
        endsAt: '2026-06-01T11:00:00.000Z',
        program: { name: 'All Things Considered', slug: 'atc', hosts: ['Ari Shapiro'] },
        story: null,
      },
      next: {
        title: 'B',
        kind: 'newscast',
        startsAt: '2026-06-01T11:00:00.000Z',
        endsAt: '2026-06-01T11:30:00.000Z',
        program: null,
        story: null,
      },
    });
  });

  it('may be cached until the next boundary, capped at a minute, and revalidates with the ETag', async () => {
    const near = await nowNext(callSign, '2026-06-01T10:59:30Z');
    expect(near.headers.get('cache-control')).toBe('public, max-age=30');
    const far = await nowNext(callSign, '2026-06-01T10:10:00Z');
    expect(far.headers.get('cache-control')).toBe('public, max-age=60');
    const inGap = await nowNext(callSign, '2026-06-01T11:59:50Z');
    expect(inGap.headers.get('cache-control')).toBe('public, max-age=10');
    // The same answer anywhere within a segment has the same ETag.
    const etag = far.headers.get('etag')!;
    expect((await nowNext(callSign, '2026-06-01T10:20:00Z')).headers.get('etag')).toBe(etag);
    const revalidated = await app.request('GET', `/api/public/stations/${callSign}/now-next?at=2026-06-01T10:20:00Z`, {
      headers: { 'if-none-match': etag },
    });
    expect(revalidated.status).toBe(304);
  });

  it('defaults `at` to now, and refuses a malformed one or an unknown station', async () => {
    const current = await nowNext(callSign);
    expect(current.status).toBe(200);
    expect(current.body.now).toBeNull();
    expect((await nowNext(callSign, 'yesterday')).status).toBe(400);
    expect((await nowNext('WXYZQ')).status).toBe(404);
  });

  it('shows a story only while it is live, never a draft', async () => {
    const station = await createStation(app, producer);
    const story = (
      await app.request('POST', '/api/stories', {
        token: editor,
        body: { headline: 'Kremlin Pitches A Joint Fight Against ISIS', slug: `kremlin-pitches-${Date.now()}`, bylineIds: [app.bylineId] },
      })
    ).body;
    await createSegment(app, producer, station.id, '2026-06-02T09:00:00Z', 360, {
      kind: 'story',
      storyId: story.id,
      title: 'Moscow report',
    });
    const draft = await nowNext(station.callSign, '2026-06-02T09:01:00Z');
    // While its story is not live, a segment is announced by its program or kind, not its own title
    // (which may be the headline, or tell what the story says).
    expect(draft.body.now).toMatchObject({ title: 'Story', story: null });
    expect(draft.text).not.toContain(story.slug);
    await app.request('POST', `/api/stories/${story.id}/publish`, { token: editor, body: { version: 1 } });
    const live = await nowNext(station.callSign, '2026-06-02T09:01:00Z');
    expect(live.body.now).toMatchObject({ title: 'Moscow report', story: { slug: story.slug, headline: story.headline } });
    await app.request('POST', `/api/stories/${story.id}/unpublish`, { token: editor, body: { version: 2 } });
    expect((await nowNext(station.callSign, '2026-06-02T09:01:00Z')).body.now.story).toBeNull();
  });

  it('uses the same instant rules on DST days: a segment over the spring-forward jump is on air through it', async () => {
    const station = await createStation(app, producer);
    await createSegment(app, producer, station.id, '2026-03-08T01:00', 2 * 3600, { title: 'Overnight' });
    // 01:00 EST + 2 h = 04:00 EDT; 03:30 EDT is inside it.
    expect(titles((await nowNext(station.callSign, '2026-03-08T07:30:00Z')).body)).toEqual(['Overnight', null]);
    expect(titles((await nowNext(station.callSign, '2026-03-08T08:00:00Z')).body)).toEqual([null, null]);
  });
});

describe('now / next while a block is live (issue 20: actual and expected times)', () => {
  let callSign: string;
  let blockId: string;
  const at = '2026-06-03T10:40:00Z';
  const take = (seq: number, itemId: string | null, plannedStart: string | null, takenAt: string, storyId: string | null = null) =>
    app.db.query(
      `INSERT INTO rundown_takes (segment_id, seq, item_id, title, kind, story_id, planned_start, planned_seconds, taken_at)
       VALUES ($1, $2, $3, 'Secret take title', 'story', $4, $5, 600, $6)`,
      [blockId, seq, itemId, storyId, plannedStart, takenAt],
    );
  /** A take NOTIFYs the public cache on commit; the cached answer is dropped shortly after. */
  const settled = async (when: string, done: (body: { now?: { actualStartsAt?: string; expectedEndsAt?: string } | null }) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const response = await nowNext(callSign, when);
      if (done(response.body)) return response;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the public cache was not invalidated by the take');
  };
  beforeAll(async () => {
    const station = await createStation(app, producer);
    callSign = station.callSign;
    // 10:00-11:00 block, 11:00-11:30 next.
    blockId = (await createSegment(app, producer, station.id, '2026-06-03T10:00:00Z', 3600, { title: 'Live block' })).id;
    await createSegment(app, producer, station.id, '2026-06-03T11:00:00Z', 1800, { title: 'After' });
  });

  it('without takes the answer is unchanged (no extra fields)', async () => {
    const response = await nowNext(callSign, at);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.now).sort()).toEqual(['endsAt', 'kind', 'program', 'startsAt', 'story', 'title']);
    expect(Object.keys(response.body.next).sort()).toEqual(['endsAt', 'kind', 'program', 'startsAt', 'story', 'title']);
  });

  it('running late: now has the first take as actual start and the end shifted by the drift; next starts late', async () => {
    const story = (
      await app.request('POST', '/api/stories', {
        token: editor,
        body: { headline: 'Unpublished take headline', slug: `take-draft-${Date.now()}`, bylineIds: [app.bylineId] },
      })
    ).body;
    // First item taken 30 s late; the latest (at 10:33:00, planned 10:30:00) 3 minutes late.
    await take(1, '00000000-0000-4000-8000-000000000001', '2026-06-03T10:00:00Z', '2026-06-03T10:00:30Z');
    await take(2, '00000000-0000-4000-8000-000000000002', '2026-06-03T10:30:00Z', '2026-06-03T10:33:00Z', story.id);
    // A take after `at` does not count yet.
    await take(3, '00000000-0000-4000-8000-000000000003', '2026-06-03T10:45:00Z', '2026-06-03T10:50:00Z');
    const response = await settled(at, (body) => body.now?.actualStartsAt !== undefined);
    expect(response.status).toBe(200);
    expect(response.body.now).toMatchObject({
      title: 'Live block',
      startsAt: '2026-06-03T10:00:00.000Z',
      endsAt: '2026-06-03T11:00:00.000Z',
      actualStartsAt: '2026-06-03T10:00:30.000Z',
      expectedEndsAt: '2026-06-03T11:03:00.000Z',
    });
    expect(response.body.next).toMatchObject({
      title: 'After',
      startsAt: '2026-06-03T11:00:00.000Z',
      endsAt: '2026-06-03T11:30:00.000Z',
      expectedStartsAt: '2026-06-03T11:03:00.000Z',
    });
    expect(response.body.next.expectedEndsAt).toBeUndefined();
    expect(response.body.now.expectedStartsAt).toBeUndefined();
    // Takes' titles and stories (a draft here) never leak.
    expect(response.text).not.toContain('Secret take title');
    expect(response.text).not.toContain('Unpublished take headline');
    expect(response.text).not.toContain(story.slug);
    // At 10:55 the third take (planned 10:45, taken 10:50) sets the drift: 5 minutes late.
    const later = await nowNext(callSign, '2026-06-03T10:55:00Z');
    expect(later.body.now.expectedEndsAt).toBe('2026-06-03T11:05:00.000Z');
    expect(later.body.next.expectedStartsAt).toBe('2026-06-03T11:05:00.000Z');
    // Before the first take, nothing is live.
    const before = await nowNext(callSign, '2026-06-03T10:00:10Z');
    expect(before.body.now.actualStartsAt).toBeUndefined();
    expect(before.body.next.expectedStartsAt).toBeUndefined();
  });

  it('running early: the expected end is earlier; next keeps its planned start', async () => {
    // Take 4 at 10:56:00, planned 10:58:00: 2 minutes early.
    await take(4, '00000000-0000-4000-8000-000000000004', '2026-06-03T10:58:00Z', '2026-06-03T10:56:00Z');
    const response = await settled('2026-06-03T10:57:00Z', (body) => body.now?.expectedEndsAt === '2026-06-03T10:58:00.000Z');
    expect(response.body.now.actualStartsAt).toBe('2026-06-03T10:00:30.000Z');
    expect(response.body.next.expectedStartsAt).toBe('2026-06-03T11:00:00.000Z');
  });

  it('after the block ends (the end take), the answer is the normal one again', async () => {
    await take(5, null, null, '2026-06-03T10:58:30Z');
    const response = await settled('2026-06-03T10:59:00Z', (body) => body.now?.actualStartsAt === undefined);
    expect(Object.keys(response.body.now).sort()).toEqual(['endsAt', 'kind', 'program', 'startsAt', 'story', 'title']);
    expect(Object.keys(response.body.next).sort()).toEqual(['endsAt', 'kind', 'program', 'startsAt', 'story', 'title']);
    // After the planned end, the next segment is on air as planned.
    const after = await nowNext(callSign, '2026-06-03T11:10:00Z');
    expect(after.body.now).toMatchObject({ title: 'After' });
    expect(after.body.now.actualStartsAt).toBeUndefined();
  });
});
