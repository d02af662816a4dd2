import { addDays, localDateOf, startOfLocalDay } from '@newsdesk/contracts';
import { loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { DEMO_READER, refreshDemoOnAir } from '../src/database/demo-onair.js';
import { refreshDemoSchedule } from '../src/database/demo-schedule.js';
import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await loadDemoNewsroom(app.db);
});
afterAll(async () => {
  await app?.close();
});

/** Seconds of the local day [date 00:00, next 00:00) that no segment covers. */
async function uncovered(callSign: string, date: string): Promise<number> {
  const [station]: Array<{ id: string; timezone: string }> = await app.db.query(`SELECT id, timezone FROM stations WHERE call_sign = $1`, [
    callSign,
  ]);
  const { id, timezone } = station!;
  const start = new Date(startOfLocalDay(date, timezone));
  const end = new Date(startOfLocalDay(addDays(date, 1), timezone));
  const [row]: Array<{ covered: number }> = await app.db.query(
    `SELECT COALESCE(sum(extract(epoch FROM LEAST(ends_at, $3) - GREATEST(starts_at, $2))), 0)::float AS covered
       FROM segments WHERE station_id = $1 AND starts_at < $3 AND ends_at > $2`,
    [id, start, end],
  );
  return (end.getTime() - start.getTime()) / 1000 - row!.covered;
}

/** The next spring-forward and fall-back days after `from` (US zones change on the same dates). */
function nextClockChanges(zone: string, from: string): Array<{ date: string; hours: number }> {
  const found: Array<{ date: string; hours: number }> = [];
  for (let day = from; found.length < 2; day = addDays(day, 1)) {
    const hours = (startOfLocalDay(addDays(day, 1), zone) - startOfLocalDay(day, zone)) / 3_600_000;
    if (hours !== 24) found.push({ date: day, hours });
  }
  return found;
}

describe('the demo schedule', () => {
  it('fills every second of today at each station, so Now / Next Up always answers', async () => {
    const result = await refreshDemoSchedule(app.db);
    expect(result.created).toBeGreaterThan(100);
    for (const [callSign, zone] of [
      ['WAMU', 'America/New_York'],
      ['KQED', 'America/Los_Angeles'],
      ['WBEZ', 'America/Chicago'],
    ] as const) {
      const today = localDateOf(Date.now(), zone);
      expect(await uncovered(callSign, today)).toBe(0);
      const response = await app.request('GET', `/api/public/stations/${callSign}/now-next`);
      expect(response.status).toBe(200);
      expect(response.body.now).not.toBeNull();
      expect(response.body.next).not.toBeNull();
    }
  });

  it('is idempotent, and carries a rundown with the Moscow story inside the morning block', async () => {
    expect(await refreshDemoSchedule(app.db)).toEqual({ created: 0 });
    const [segment]: Array<{ id: string }> = await app.db.query(
      `SELECT g.id FROM segments g JOIN stations st ON st.id = g.station_id JOIN rundowns r ON r.segment_id = g.id
         JOIN programs p ON p.id = g.program_id WHERE st.call_sign = 'WAMU' AND p.slug IN ('morning-edition', 'weekend-edition')`,
    );
    const { token } = await app.signIn(['producer']);
    const rundown = await app.request('GET', `/api/segments/${segment!.id}/rundown`, { token });
    expect(rundown.body.segment.title).toMatch(/Morning Edition|Weekend Edition/);
    expect(rundown.body.items.map((item: { story: { slug: string } | null }) => item.story?.slug)).toContain(
      'kremlin-pitches-joint-fight-against-isis-to-trump',
    );
  });

  it('tiles the next days clocks change too, with no conflicts between its rules', async () => {
    const changes = nextClockChanges('America/New_York', localDateOf(Date.now(), 'America/New_York'));
    expect(changes.map((change) => change.hours).sort()).toEqual([23, 25]);
    for (const { date } of changes) {
      await refreshDemoSchedule(app.db, new Date(`${date}T17:00:00Z`));
      for (const callSign of ['WAMU', 'KQED', 'WBEZ']) expect(await uncovered(callSign, date)).toBe(0);
    }
  });

  it('on air: a clocked block on air has scripts read by a demo host at their own pace (issue 20)', async () => {
    await refreshDemoSchedule(app.db);
    const editor = await app.signIn(['editor']);
    const host = await app.request('POST', '/api/people', {
      token: editor.token,
      body: { displayName: 'Lucian Kim', slug: DEMO_READER.slug },
    });
    expect(host.status).toBe(201);
    const { token } = await app.signIn(['producer']);
    const today = localDateOf(Date.now(), 'America/New_York');
    let read: Array<{ kind: string; readerId: string | null; wordsPerMinute: number; readingSeconds: number }> = [];
    // Afternoon hours in Washington, until one falls in a block of a clocked program.
    for (const hour of [17, 18, 19, 20, 21, 22, 23]) {
      const at = new Date(`${today}T${hour}:30:00Z`);
      await refreshDemoOnAir(app.db, at);
      const [block]: Array<{ id: string }> = await app.db.query(
        `SELECT g.id FROM segments g JOIN stations st ON st.id = g.station_id
          WHERE st.call_sign = 'WAMU' AND g.starts_at <= $1 AND g.ends_at > $1`,
        [at],
      );
      const rundown = await app.request('GET', `/api/segments/${block!.id}/rundown`, { token });
      read = rundown.body.items.filter((item: { kind: string }) => DEMO_READER.kinds.includes(item.kind));
      if (read.length) break;
    }
    expect(read.length).toBeGreaterThan(0);
    for (const item of read) {
      expect(item).toMatchObject({ readerId: host.body.id, wordsPerMinute: DEMO_READER.wordsPerMinute });
      expect(item.readingSeconds).toBeGreaterThan(0);
    }
    const person = await app.request('GET', `/api/people/${host.body.id}`, { token: editor.token });
    expect(person.body.wordsPerMinute).toBe(DEMO_READER.wordsPerMinute);
  });

  it("as run: yesterday's morning block aired, so its stories list their airings (once, however often the demo refreshes)", async () => {
    await refreshDemoSchedule(app.db);
    await refreshDemoSchedule(app.db);
    const [story]: Array<{ id: string }> = await app.db.query(
      `SELECT id FROM stories WHERE slug = 'kremlin-pitches-joint-fight-against-isis-to-trump'`,
    );
    const { token } = await app.signIn(['producer']);
    const airings = await app.request('GET', `/api/stories/${story!.id}/airings`, { token });
    expect(airings.status).toBe(200);
    const wamu = airings.body.items.filter((item: { stationCallSign: string }) => item.stationCallSign === 'WAMU');
    // One airing per time the story's items ran in yesterday's morning block (not doubled by the second refresh).
    expect(wamu.length).toBeGreaterThan(0);
    const yesterday = addDays(localDateOf(Date.now(), 'America/New_York'), -1);
    for (const airing of wamu) {
      expect(airing.label).toMatch(/^aired on WAMU, (Morning|Weekend) Edition, \d{1,2}:\d{2} AM E[SD]T$/);
      expect(airing.airedAtLocal.slice(0, 10)).toBe(yesterday);
    }
    const [block]: Array<{ segment_id: string; takes: number; ends: number }> = await app.db.query(
      `SELECT segment_id, count(*)::int AS takes, count(*) FILTER (WHERE item_id IS NULL)::int AS ends FROM rundown_takes
        WHERE segment_id = $1 GROUP BY segment_id`,
      [wamu[0].segmentId],
    );
    expect(block!.ends).toBe(1);
    const asRun = await app.request('GET', `/api/segments/${wamu[0].segmentId}/as-run`, { token });
    expect(asRun.status).toBe(200);
    expect(asRun.body.entries.length).toBe(block!.takes);
  });
});
