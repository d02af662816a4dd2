import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from './support/app.js';
import { assertBuilt, startApiProcess, type ApiProcess } from './support/processes.js';
import { createProgram, createSegment, createStation } from './support/schedule.js';
import { openSse } from './support/sse.js';

/**
 * Producers on air (issue 20): scripts and reading time, hour clocks (rundowns from them, the
 * preparation job run by two processes at once), takes (once-only under concurrent presses from
 * two processes), the live stream across processes, the as-run log and its CSV, a story's airings.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

let app: TestApp;
/** Two API processes: this test's in-process app and a child process (`node dist/main.js`). */
let one: { url: string };
let two: ApiProcess;
let producer: { token: string; userId: string };
let editor: { token: string; userId: string };

beforeAll(async () => {
  assertBuilt();
  app = await startTestApp();
  one = app;
  // A loaded machine (CI shares its cores) can take well over 15 s to start a process.
  two = await startApiProcess(app.config.DATABASE_URL, {}, 90_000);
  producer = await app.signIn(['producer']);
  editor = await app.signIn(['editor']);
}, 120_000);
afterAll(async () => {
  await two?.stop();
  await app?.close();
});

async function call(base: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Body }> {
  const response = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const CLOCK = [
  { title: 'Network newscast', kind: 'hard_post', durationSeconds: 300, postAt: '00:00' },
  { title: 'Local news', kind: 'news_hole', durationSeconds: 300 },
  { title: 'Floating break', kind: 'break', durationSeconds: 120 },
  { title: 'Music bed', kind: 'music_bed', durationSeconds: 60 },
  { title: 'Legal ID', kind: 'legal_id', durationSeconds: 10, postAt: '59:50' },
];

/** A station-time "YYYY-MM-DDTHH:MM" some days ahead in New York (blocks the job must prepare start in the future). */
function nyLocal(daysAhead: number, hour: number): string {
  const date = new Date(Date.now() + daysAhead * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
  return `${date}T${String(hour).padStart(2, '0')}:00`;
}

describe('scripts and reading time', () => {
  it("stores a rich-text script, estimates its reading time at the program's pace, offers a linked story's teaser and transcript", async () => {
    const station = await createStation(app, producer.token);
    const program = await createProgram(app, producer.token, { wordsPerMinute: 120 });
    expect(program.wordsPerMinute).toBe(120);
    const block = await createSegment(app, producer.token, station.id, '2026-03-09T05:00', 3600, { programId: program.id });
    const story = (
      await app.request('POST', '/api/stories', {
        token: editor.token,
        body: { headline: `Moscow ${Date.now()}`, teaser: 'The Kremlin pitches a joint fight.', bylineIds: [app.bylineId] },
      })
    ).body;
    await app.db.query(`INSERT INTO transcript_turns (story_id, position, cue) VALUES ($1, 1, 'SOUNDBITE OF ARCHIVED BROADCAST')`, [
      story.id,
    ]);
    const saved = await app.request('PUT', `/api/segments/${block.id}/rundown`, {
      token: producer.token,
      body: {
        version: 1,
        items: [
          { title: 'Intro', kind: 'other', durationSeconds: 60, script: doc(words(200)) },
          { title: 'Moscow', kind: 'story', durationSeconds: 240, storyId: story.id },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const [intro, moscow] = saved.body.items;
    expect(saved.body.wordsPerMinute).toBe(120);
    expect(intro.readingSeconds).toBe(100); // 200 words at 120 wpm
    expect(intro.scriptHtml).toBe(`<p>${words(200)}</p>`);
    expect(moscow).toMatchObject({
      storyTeaser: 'The Kremlin pitches a joint fight.',
      storyTranscript: '(SOUNDBITE OF ARCHIVED BROADCAST)',
      readingSeconds: 0,
    });
    expect(intro).toMatchObject({ storyTeaser: null, storyTranscript: null });
  });

  it('refuses bad values in every new field, naming it (400 problem+json, never 5xx)', async () => {
    const station = await createStation(app, producer.token);
    const program = await createProgram(app, producer.token);
    const block = await createSegment(app, producer.token, station.id, '2026-03-10T05:00', 3600, { programId: program.id });
    const cases: Array<[string, string, unknown, string]> = [
      ['PATCH', `/api/programs/${program.id}`, { version: 1, wordsPerMinute: 10 }, 'wordsPerMinute'],
      ['PATCH', `/api/programs/${program.id}`, { version: 1, wordsPerMinute: '160' }, 'wordsPerMinute'],
      [
        'PUT',
        `/api/segments/${block.id}/rundown`,
        { version: 1, items: [{ title: 'A', kind: 'other', durationSeconds: 1, script: '<p>x</p>' }] },
        'items.0.script',
      ],
      [
        'PUT',
        `/api/segments/${block.id}/rundown`,
        { version: 1, items: [{ title: 'A', kind: 'other', durationSeconds: 1, script: { type: 'doc', content: [{ type: 'script' }] } }] },
        'items.0.script',
      ],
      [
        'PUT',
        `/api/segments/${block.id}/rundown`,
        { version: 1, items: [{ title: 'A', kind: 'other', durationSeconds: 1, postAt: '05:00' }] },
        'items.0.postAt',
      ],
      [
        'PUT',
        `/api/segments/${block.id}/rundown`,
        { version: 2, items: [{ title: 'A', kind: 'other', durationSeconds: 1, postAt: '2026-03-10T08:00:00Z' }] },
        'items.0.postAt',
      ],
      [
        'PUT',
        `/api/programs/${program.id}/clock`,
        { version: 1, items: [{ title: 'News', kind: 'hard_post', durationSeconds: 300 }] },
        'items.0.postAt',
      ],
      [
        'PUT',
        `/api/programs/${program.id}/clock`,
        { version: 1, items: [{ title: 'X', kind: 'jingle', durationSeconds: 3 }] },
        'items.0.kind',
      ],
      [
        'PUT',
        `/api/programs/${program.id}/clock`,
        { version: 1, items: [{ title: 'X', kind: 'break', durationSeconds: -1 }] },
        'items.0.durationSeconds',
      ],
      [
        'PUT',
        `/api/programs/${program.id}/clock`,
        { version: 1, items: [{ title: 'X', kind: 'break', durationSeconds: 1, postAt: '60:00' }] },
        'items.0.postAt',
      ],
      [
        'PUT',
        `/api/programs/${program.id}/clock`,
        { version: 1, items: [{ title: '', kind: 'break', durationSeconds: 1 }] },
        'items.0.title',
      ],
      ['PUT', `/api/programs/${program.id}/clock`, { version: 'one', items: [] }, 'version'],
      ['POST', `/api/segments/${block.id}/rundown/take`, { expectedSeq: -1 }, 'expectedSeq'],
      ['POST', `/api/segments/${block.id}/rundown/take`, { expectedSeq: 'zero' }, 'expectedSeq'],
      ['POST', `/api/segments/${block.id}/rundown/take`, { expectedSeq: 0, itemId: 'nope' }, 'itemId'],
      ['POST', `/api/segments/${block.id}/rundown/take`, { expectedSeq: 0, itemId: '00000000-0000-4000-8000-000000000000' }, 'itemId'],
      ['POST', `/api/segments/${block.id}/rundown/take`, { expectedSeq: 0, extra: 1 }, 'extra'],
      ['POST', `/api/segments/${block.id}/rundown/from-clock`, { version: 2 }, '(body)'],
      ['POST', '/api/rundowns/prepare', { hours: 0 }, 'hours'],
      ['POST', '/api/rundowns/prepare', { hours: 10_000 }, 'hours'],
    ];
    await app.request('PUT', `/api/segments/${block.id}/rundown`, {
      token: producer.token,
      body: { version: 1, items: [{ title: 'Only', kind: 'other', durationSeconds: 60 }] },
    });
    for (const [method, path, body, field] of cases) {
      const response = await app.request(method, path, { token: producer.token, body });
      expect({ path, field, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        field,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      const fields = response.body.errors.map((error: { field: string }) => error.field) as string[];
      expect({ path, fields: fields.filter((name) => name === field || name.startsWith(`${field}.`)).length > 0 }).toEqual({
        path,
        fields: true,
      });
    }
    // Editors read, but may not write the schedule.
    expect(
      (await app.request('PUT', `/api/programs/${program.id}/clock`, { token: editor.token, body: { version: 1, items: [] } })).status,
    ).toBe(403);
    expect((await app.request('GET', `/api/programs/${program.id}/clock`, { token: editor.token })).status).toBe(200);
    expect((await app.request('GET', `/api/programs/00000000-0000-4000-8000-000000000000/clock`, { token: editor.token })).status).toBe(
      404,
    );
  });
});

describe('hour clocks', () => {
  it('a block starts from its clock: hard posts pinned in station time, over/under before each post, on the 25-hour day too', async () => {
    const station = await createStation(app, producer.token);
    const program = await createProgram(app, producer.token);
    const clock = await app.request('PUT', `/api/programs/${program.id}/clock`, {
      token: producer.token,
      body: { version: 1, items: CLOCK },
    });
    expect(clock.status).toBe(200);
    expect(clock.body).toMatchObject({ version: 2, plannedSeconds: 790 });
    // 00:00-03:00 on the fall-back night is four hours of air: the clock four times.
    const block = await createSegment(app, producer.token, station.id, '2026-11-01T00:00', 4 * 3600, { programId: program.id });
    const made = await app.request('POST', `/api/segments/${block.id}/rundown/from-clock`, { token: producer.token, body: { version: 1 } });
    expect(made.status).toBe(200);
    const posts = made.body.items.filter((item: Body) => item.kind === 'hard_post').map((item: Body) => item.postAt);
    expect(posts).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-11-01T07:00:00.000Z']);
    expect(made.body.items.filter((item: Body) => item.kind === 'legal_id').map((item: Body) => item.startsAt)).toEqual([
      '2026-11-01T04:59:50.000Z',
      '2026-11-01T05:59:50.000Z',
      '2026-11-01T06:59:50.000Z',
      '2026-11-01T07:59:50.000Z',
    ]);
    // Sections: before each pinned item (8), then the last stretch to the hard out.
    expect(made.body.sections).toHaveLength(9);
    expect(made.body.sections[1]).toMatchObject({ plannedSeconds: 780, availableSeconds: 3590, overUnderSeconds: -2810, state: 'under' });
    // Stale version: 409.
    expect(
      (await app.request('POST', `/api/segments/${block.id}/rundown/from-clock`, { token: producer.token, body: { version: 1 } })).status,
    ).toBe(409);
  });

  it('two API processes preparing rundowns from clocks at once make each block one rundown, once', async () => {
    const station = await createStation(app, producer.token);
    const program = await createProgram(app, producer.token);
    await app.request('PUT', `/api/programs/${program.id}/clock`, { token: producer.token, body: { version: 1, items: CLOCK } });
    const blocks: Body[] = [];
    for (let hour = 5; hour < 10; hour++) {
      blocks.push(await createSegment(app, producer.token, station.id, nyLocal(1, hour), 3600, { programId: program.id }));
    }
    // A block that has a rundown already is left alone.
    await app.request('PUT', `/api/segments/${blocks[0].id}/rundown`, {
      token: producer.token,
      body: { version: 1, items: [{ title: 'Written by hand', kind: 'other', durationSeconds: 60 }] },
    });
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call(i % 2 ? two.url : one.url, 'POST', '/api/rundowns/prepare', producer.token, { hours: 72 })),
    );
    expect(runs.map((run) => run.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const created = runs.flatMap((run) => run.body.segmentIds as string[]).filter((id) => blocks.some((block) => block.id === id));
    expect(created.sort()).toEqual(
      blocks
        .slice(1)
        .map((block) => block.id)
        .sort(),
    );
    const counts = (await app.db.query(
      `SELECT segment_id, count(*)::int AS n FROM rundown_items WHERE segment_id = ANY($1::uuid[]) GROUP BY segment_id`,
      [blocks.map((block) => block.id)],
    )) as Array<{ segment_id: string; n: number }>;
    const bySegment = new Map(counts.map((row) => [row.segment_id, row.n]));
    expect(bySegment.get(blocks[0].id)).toBe(1);
    for (const block of blocks.slice(1)) expect(bySegment.get(block.id)).toBe(CLOCK.length);
    // Again: nothing to do.
    const again = await call(one.url, 'POST', '/api/rundowns/prepare', producer.token, { hours: 72 });
    expect(again.body.segmentIds.filter((id: string) => blocks.some((block) => block.id === id))).toEqual([]);
  });
});

describe('on air', () => {
  async function liveBlock(items: unknown[]): Promise<Body> {
    const station = await createStation(app, producer.token);
    const program = await createProgram(app, producer.token, { name: `All Things Considered ${Date.now()}` });
    const startsAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toISOString().replace('.000Z', 'Z');
    const block = await createSegment(app, producer.token, station.id, startsAt, 3600, { programId: program.id });
    const saved = await app.request('PUT', `/api/segments/${block.id}/rundown`, { token: producer.token, body: { version: 1, items } });
    expect(saved.status).toBe(200);
    return { ...saved.body, station, program };
  }

  it('records a take once under concurrent presses from two clients on two processes; a double press does not skip', async () => {
    const live = await liveBlock([
      { title: 'Billboard', kind: 'other', durationSeconds: 60 },
      { title: 'Interview', kind: 'interview', durationSeconds: 420 },
      { title: 'Break', kind: 'break', durationSeconds: 120 },
    ]);
    const path = `/api/segments/${live.segmentId}/rundown/take`;
    const presses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call(i % 2 ? two.url : one.url, 'POST', path, producer.token, { expectedSeq: 0 })),
    );
    expect(presses.map((press) => press.status)).toEqual(Array(12).fill(200));
    expect(presses.filter((press) => press.body.recorded)).toHaveLength(1);
    for (const press of presses) expect(press.body.rundown.live).toMatchObject({ seq: 1, currentItemId: live.items[0].id });
    // A double press of the next take: the second one sees it is stale.
    const [first, second] = await Promise.all([
      call(one.url, 'POST', path, producer.token, { expectedSeq: 1 }),
      call(two.url, 'POST', path, producer.token, { expectedSeq: 1 }),
    ]);
    expect([first.body.recorded, second.body.recorded].sort()).toEqual([false, true]);
    const state = (await app.request('GET', `/api/segments/${live.segmentId}/rundown`, { token: editor.token })).body;
    expect(state.live).toMatchObject({ seq: 2, currentItemId: live.items[1].id, ended: false });
    expect(state.items[0].actualEnd).toBe(state.items[1].actualStart);
    expect(state.items[2].actualStart).toBeNull();
    const takes = (await app.db.query(`SELECT count(*)::int AS n FROM rundown_takes WHERE segment_id = $1`, [live.segmentId])) as Array<{
      n: number;
    }>;
    expect(takes[0]!.n).toBe(2);
  });

  it('streams every take to producers on the other process, and ends the block once', async () => {
    const live = await liveBlock([
      { title: 'One', kind: 'other', durationSeconds: 30 },
      { title: 'Two', kind: 'other', durationSeconds: 30 },
    ]);
    const stream = await openSse(`${two.url}/api/segments/${live.segmentId}/rundown/stream`, producer.token);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      await stream.next((event) => event.event === 'rundown' && event.data.live.seq === 0);
      await call(one.url, 'POST', `/api/segments/${live.segmentId}/rundown/take`, producer.token, { expectedSeq: 0 });
      const seen = await stream.next((event) => event.event === 'rundown' && event.data.live.seq === 1);
      expect(seen.data.live.currentItemId).toBe(live.items[0].id);
      await call(one.url, 'POST', `/api/segments/${live.segmentId}/rundown/take`, producer.token, { expectedSeq: 1 });
      const ended = await call(one.url, 'POST', `/api/segments/${live.segmentId}/rundown/take`, producer.token, {
        expectedSeq: 2,
        end: true,
      });
      expect(ended.body.rundown.live).toMatchObject({ seq: 3, ended: true, currentItemId: null });
      await stream.next((event) => event.event === 'rundown' && event.data.live.ended === true);
      expect((await call(two.url, 'POST', `/api/segments/${live.segmentId}/rundown/take`, producer.token, { expectedSeq: 3 })).status).toBe(
        409,
      );
    } finally {
      stream.close();
    }
    const missing = await openSse(`${one.url}/api/segments/00000000-0000-4000-8000-000000000000/rundown/stream`, producer.token);
    expect(missing.status).toBe(404);
    missing.close();
  });

  it('keeps the as-run log (planned vs actual, drift), exports it as CSV a CSV parser reads back, and records the story airing', async () => {
    const story = (
      await app.request('POST', '/api/stories', {
        token: editor.token,
        body: { headline: `Aired ${Date.now()}`, bylineIds: [app.bylineId] },
      })
    ).body;
    const tricky = 'Quotes "and", commas,\nnew lines';
    const live = await liveBlock([
      { title: tricky, kind: 'other', durationSeconds: 30 },
      { title: '=HYPERLINK("x")', kind: 'story', durationSeconds: 30, storyId: story.id },
    ]);
    for (let seq = 0; seq < 2; seq++) {
      const take = await app.request('POST', `/api/segments/${live.segmentId}/rundown/take`, {
        token: producer.token,
        body: { expectedSeq: seq },
      });
      expect(take.body.recorded).toBe(true);
    }
    const log = (await app.request('GET', `/api/segments/${live.segmentId}/as-run`, { token: editor.token })).body;
    expect(log.entries).toHaveLength(2);
    expect(log.entries[0]).toMatchObject({ seq: 1, title: tricky, plannedSeconds: 30, plannedStart: live.segment.startsAt });
    // Taken a minute or so after the block started: late by about that.
    expect(log.entries[0].driftSeconds).toBeGreaterThanOrEqual(59);
    expect(log.entries[0].actualEnd).toBe(log.entries[1].actualStart);
    expect(typeof log.totalDriftSeconds).toBe('number');

    const csv = await fetch(`${app.url}/api/segments/${live.segmentId}/as-run.csv`, {
      headers: { authorization: `Bearer ${editor.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const records = parse(await csv.text(), { columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      seq: '1',
      title: tricky,
      kind: 'other',
      planned_seconds: '30',
      actual_start_utc: log.entries[0].actualStart,
    });
    expect(records[0]!.actual_start_local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    // A formula is defused for spreadsheets.
    expect(records[1]!.title).toBe(`'=HYPERLINK("x")`);

    const airings = await app.request('GET', `/api/stories/${story.id}/airings`, { token: editor.token });
    expect(airings.status).toBe(200);
    expect(airings.body.items).toHaveLength(1);
    expect(airings.body.items[0].label).toMatch(
      new RegExp(`^aired on ${live.station.callSign}, ${live.program.name}, \\d{1,2}:\\d\\d [AP]M E[SD]T$`),
    );
    expect((await app.request('GET', `/api/stories/00000000-0000-4000-8000-000000000000/airings`, { token: editor.token })).status).toBe(
      404,
    );
  });
});
