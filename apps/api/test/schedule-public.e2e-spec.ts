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

describe('now / next while a live block overruns its planned end (issue 20)', () => {
  let callSign: string;
  let blockId: string;
  let followingId: string;
  const take = (segmentId: string, seq: number, itemId: string | null, plannedStart: string | null, seconds: number, takenAt: string) =>
    app.db.query(
      `INSERT INTO rundown_takes (segment_id, seq, item_id, title, kind, story_id, planned_start, planned_seconds, taken_at)
       VALUES ($1, $2, $3, 'Overrun take title', 'story', NULL, $4, $5, $6)`,
      [segmentId, seq, itemId, plannedStart, seconds, takenAt],
    );
  /** The bench's raw baseline (plain JS, no types) must answer the same body. */
  const BENCH_QUERIES: string = '../../../bench/src/baseline/queries.js';
  const baseline = async (sign: string, at: string) => {
    const { NOW_NEXT } = (await import(BENCH_QUERIES)) as { NOW_NEXT: string };
    const rows = (await app.db.query(NOW_NEXT, [sign, new Date(at)])) as Array<{ body: string }>;
    return JSON.parse(rows[0]?.body ?? 'null');
  };
  const expectSame = async (sign: string, at: string) => {
    const response = await nowNext(sign, at);
    expect(response.status).toBe(200);
    expect(await baseline(sign, at)).toEqual(response.body);
    return response;
  };
  beforeAll(async () => {
    const station = await createStation(app, producer);
    callSign = station.callSign;
    // 09:00-10:00 the block, 10:00-10:30 the following one, 11:00-12:00 a late show.
    blockId = (await createSegment(app, producer, station.id, '2026-06-05T09:00:00Z', 3600, { title: 'Overrunning block' })).id;
    followingId = (await createSegment(app, producer, station.id, '2026-06-05T10:00:00Z', 1800, { title: 'Following' })).id;
    await createSegment(app, producer, station.id, '2026-06-05T11:00:00Z', 3600, { title: 'Late show' });
    // Item 1 on time (planned 50 min); item 2 planned 09:50 for 10 min, taken 2 minutes late (due 10:02).
    await take(blockId, 1, '00000000-0000-4000-8000-000000000011', '2026-06-05T09:00:00Z', 3000, '2026-06-05T09:00:00Z');
    await take(blockId, 2, '00000000-0000-4000-8000-000000000012', '2026-06-05T09:50:00Z', 600, '2026-06-05T09:52:00Z');
    // The end take at 10:06, the following block's first take at 10:07.
    await take(blockId, 3, null, null, 0, '2026-06-05T10:06:00Z');
    await take(followingId, 1, '00000000-0000-4000-8000-000000000013', '2026-06-05T10:00:00Z', 600, '2026-06-05T10:07:00Z');
  });

  it('past its planned end the live block is still now; the block planned now is next, shifted', async () => {
    const response = await expectSame(callSign, '2026-06-05T10:01:00Z');
    expect(response.body.now).toMatchObject({
      title: 'Overrunning block',
      endsAt: '2026-06-05T10:00:00.000Z',
      actualStartsAt: '2026-06-05T09:00:00.000Z',
      expectedEndsAt: '2026-06-05T10:02:00.000Z',
    });
    expect(response.body.next).toMatchObject({
      title: 'Following',
      startsAt: '2026-06-05T10:00:00.000Z',
      expectedStartsAt: '2026-06-05T10:02:00.000Z',
    });
    expect(response.text).not.toContain('Overrun take title');
  });

  it('while the running item is past its planned end the expected times grow with the clock (whole seconds)', async () => {
    const first = await expectSame(callSign, '2026-06-05T10:05:30.400Z');
    expect(first.body.now.expectedEndsAt).toBe('2026-06-05T10:05:30.000Z');
    expect(first.body.next.expectedStartsAt).toBe('2026-06-05T10:05:30.000Z');
    // Such an answer holds for the rest of its second only.
    expect(Number(/max-age=(\d+)/.exec(first.headers.get('cache-control') ?? '')?.[1])).toBeLessThanOrEqual(1);
    const later = await expectSame(callSign, '2026-06-05T10:05:50Z');
    expect(later.body.now.expectedEndsAt).toBe('2026-06-05T10:05:50.000Z');
    expect(later.body.next.expectedStartsAt).toBe('2026-06-05T10:05:50.000Z');
    // Before the item's planned end the answer does not move, and may be kept until then.
    const steady = await expectSame(callSign, '2026-06-05T09:55:00Z');
    expect(steady.body.now.expectedEndsAt).toBe('2026-06-05T10:02:00.000Z');
    expect(steady.body.next).toMatchObject({ title: 'Following', expectedStartsAt: '2026-06-05T10:02:00.000Z' });
  });

  it('an ended block gives way: after its end take the block planned now is now, as planned', async () => {
    const response = await expectSame(callSign, '2026-06-05T10:06:30Z');
    expect(response.body.now.title).toBe('Following');
    expect(Object.keys(response.body.now).sort()).toEqual(['endsAt', 'kind', 'program', 'startsAt', 'story', 'title']);
    expect(response.body.next.title).toBe('Late show');
    // Once the following block has its first take it is live (its own actual times).
    const taken = await expectSame(callSign, '2026-06-05T10:08:00Z');
    expect(taken.body.now).toMatchObject({ title: 'Following', actualStartsAt: '2026-06-05T10:07:00.000Z' });
  });

  it('the following block’s first take ends the overrun even without an end take; the overrun is shown for an hour at most', async () => {
    const station = await createStation(app, producer);
    const late = (await createSegment(app, producer, station.id, '2026-06-06T09:00:00Z', 3600, { title: 'No end take' })).id;
    const next = (await createSegment(app, producer, station.id, '2026-06-06T10:00:00Z', 600, { title: 'Short newscast' })).id;
    await createSegment(app, producer, station.id, '2026-06-06T12:00:00Z', 3600, { title: 'Noon' });
    await take(late, 1, '00000000-0000-4000-8000-000000000021', '2026-06-06T09:00:00Z', 3600, '2026-06-06T09:00:00Z');
    await take(next, 1, '00000000-0000-4000-8000-000000000022', '2026-06-06T10:00:00Z', 600, '2026-06-06T10:04:00Z');
    const over = await expectSame(station.callSign, '2026-06-06T10:03:00Z');
    expect([over.body.now.title, over.body.next.title]).toEqual(['No end take', 'Short newscast']);
    expect(over.body.now.expectedEndsAt).toBe('2026-06-06T10:03:00.000Z');
    const given = await expectSame(station.callSign, '2026-06-06T10:05:00Z');
    expect(given.body.now).toMatchObject({ title: 'Short newscast', actualStartsAt: '2026-06-06T10:04:00.000Z' });
    expect(given.body.next.title).toBe('Noon');
    // In the gap after the newscast, the block without an end take is not now again: the newscast
    // (taken, not ended) is the one overrunning.
    const gapNow = await expectSame(station.callSign, '2026-06-06T10:20:00Z');
    expect(gapNow.body.now).toMatchObject({ title: 'Short newscast', expectedEndsAt: '2026-06-06T10:20:00.000Z' });
    expect(gapNow.body.next).toMatchObject({ title: 'Noon', expectedStartsAt: '2026-06-06T12:00:00.000Z' });
    // A block overrunning into a gap: now until an hour past its planned end, next keeps its planned start.
    const gap = await createStation(app, producer);
    const alone = (await createSegment(app, producer, gap.id, '2026-06-07T09:00:00Z', 3600, { title: 'Alone' })).id;
    await createSegment(app, producer, gap.id, '2026-06-07T12:00:00Z', 3600, { title: 'Much later' });
    await take(alone, 1, '00000000-0000-4000-8000-000000000031', '2026-06-07T09:00:00Z', 3600, '2026-06-07T09:00:00Z');
    const inGap = await expectSame(gap.callSign, '2026-06-07T10:30:00Z');
    expect(inGap.body.now).toMatchObject({ title: 'Alone', expectedEndsAt: '2026-06-07T10:30:00.000Z' });
    expect(inGap.body.next).toMatchObject({ title: 'Much later', expectedStartsAt: '2026-06-07T12:00:00.000Z' });
    const limit = await expectSame(gap.callSign, '2026-06-07T11:00:00Z');
    expect(limit.body.now).toBeNull();
    expect(limit.body.next.title).toBe('Much later');
  });
});
