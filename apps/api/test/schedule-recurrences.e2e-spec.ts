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

async function addRule(programId: string, body: Record<string, unknown>) {
  const response = await app.request('POST', `/api/programs/${programId}/recurrences`, { token: producer, body });
  if (response.status !== 201) throw new Error(`adding a rule failed: ${response.status} ${response.text}`);
  return response.body;
}

async function materialize(stationId: string, from: string, days = 7) {
  const response = await app.request('POST', `/api/stations/${stationId}/slots/materialize`, { token: producer, body: { from, days } });
  expect(response.status).toBe(200);
  return response.body;
}

/** A New York station with Morning Edition on weekdays 05:00-09:00 from 2 March 2026 (DST starts Sunday 8 March). */
async function morningEditionStation() {
  const station = await createStation(app, producer);
  const program = await createProgram(app, producer, { name: `Morning Edition ${station.callSign}` });
  const rule = await addRule(program.id, {
    stationId: station.id,
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    startsOn: '2026-03-02',
    startTime: '05:00',
    durationSeconds: 4 * 3600,
  });
  return { station, program, rule };
}

describe('recurring slots', () => {
  it('stores the rule normalized and describes it', async () => {
    const { rule, program } = await morningEditionStation();
    expect(rule).toMatchObject({
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      startTime: '05:00',
      startsOn: '2026-03-02',
      title: program.name,
      kind: 'program',
      summary: 'Weekdays 05:00–09:00',
      version: 1,
    });
    const listed = await app.request('GET', `/api/programs/${program.id}/recurrences`, { token: editor });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([rule.id]);
  });

  it('refuses a rule outside the supported subset, naming the field', async () => {
    const { station, program } = await morningEditionStation();
    const response = await app.request('POST', `/api/programs/${program.id}/recurrences`, {
      token: producer,
      body: { stationId: station.id, rrule: 'FREQ=MONTHLY', startsOn: '2026-03-02', durationSeconds: 3600 },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toEqual({ field: 'rrule', message: 'FREQ must be DAILY or WEEKLY' });
  });

  it('keeps 05:00 station time across the spring-forward change, and materializing again changes nothing', async () => {
    const { station } = await morningEditionStation();
    const preview = await app.request('GET', `/api/stations/${station.id}/slots?from=2026-03-05&days=7`, { token: editor });
    expect(preview.status).toBe(200);
    expect(preview.body.items.map((slot: { startsAtLocal: string }) => slot.startsAtLocal)).toEqual([
      '2026-03-05T05:00:00-05:00',
      '2026-03-06T05:00:00-05:00',
      '2026-03-09T05:00:00-04:00',
      '2026-03-10T05:00:00-04:00',
      '2026-03-11T05:00:00-04:00',
    ]);
    expect(preview.body.items.map((slot: { startsAt: string }) => slot.startsAt.slice(11, 16))).toEqual([
      '10:00',
      '10:00',
      '09:00',
      '09:00',
      '09:00',
    ]);
    expect(preview.body.items.every((slot: { state: string }) => slot.state === 'open')).toBe(true);

    const first = await materialize(station.id, '2026-03-05');
    expect(first).toMatchObject({ created: 5, existing: 0, conflicts: 0 });
    const day = await app.request('GET', `/api/stations/${station.id}/schedule?from=2026-03-09`, { token: editor });
    expect(day.body.segments).toEqual([
      expect.objectContaining({
        startsAtLocal: '2026-03-09T05:00:00-04:00',
        endsAtLocal: '2026-03-09T09:00:00-04:00',
        durationSeconds: 14400,
      }),
    ]);

    const again = await materialize(station.id, '2026-03-05');
    expect(again).toMatchObject({ created: 0, existing: 5, conflicts: 0 });
    // Overlapping windows are idempotent too.
    expect(await materialize(station.id, '2026-03-02', 14)).toMatchObject({ created: 5, existing: 5 });
    const all = await app.request('GET', `/api/segments?stationId=${station.id}&limit=100`, { token: editor });
    expect(all.body.items).toHaveLength(10);
  });

  it('keeps the wall-clock end of an overnight block across both changes, so it still meets the morning', async () => {
    const { station } = await morningEditionStation();
    const overnight = await createProgram(app, producer, { name: `BBC World Service ${station.callSign}` });
    await addRule(overnight.id, {
      stationId: station.id,
      rrule: 'FREQ=DAILY',
      startsOn: '2026-01-01',
      startTime: '00:00',
      durationSeconds: 5 * 3600,
    });
    const spring = await materialize(station.id, '2026-03-08', 2);
    expect(spring.conflicts).toBe(0);
    const springNight = spring.items.find(
      (slot: { date: string; title: string }) => slot.date === '2026-03-08' && slot.title === overnight.name,
    );
    expect(springNight).toMatchObject({
      durationSeconds: 4 * 3600,
      endsAtLocal: '2026-03-08T05:00:00-04:00',
      note: expect.stringContaining('runs 4:00:00 instead of 5:00:00'),
    });
    const fall = await materialize(station.id, '2026-11-01', 2);
    expect(fall.conflicts).toBe(0);
    const fallNight = fall.items.find(
      (slot: { date: string; title: string }) => slot.date === '2026-11-01' && slot.title === overnight.name,
    );
    expect(fallNight).toMatchObject({ durationSeconds: 6 * 3600, endsAtLocal: '2026-11-01T05:00:00-05:00' });
    const monday = fall.items.find((slot: { date: string; title: string }) => slot.date === '2026-11-02' && slot.title !== overnight.name);
    expect(monday.startsAtLocal).toBe('2026-11-02T05:00:00-05:00');
  });

  it('reports a slot whose time another segment holds, and never overwrites it', async () => {
    const { station } = await morningEditionStation();
    const special = await createSegment(app, producer, station.id, '2026-03-10T06:00', 3600, { title: 'Election special', kind: 'other' });
    const preview = await app.request('GET', `/api/stations/${station.id}/slots?from=2026-03-10&days=1`, { token: editor });
    expect(preview.body.items[0]).toMatchObject({ state: 'conflict', conflict: { id: special.id, title: 'Election special' } });
    const result = await materialize(station.id, '2026-03-09', 3);
    expect(result).toMatchObject({ created: 2, conflicts: 1 });
    expect(result.items.find((slot: { outcome: string }) => slot.outcome === 'conflict')).toMatchObject({
      date: '2026-03-10',
      conflict: { id: special.id },
    });
    expect((await app.request('GET', `/api/segments/${special.id}`, { token: editor })).body.title).toBe('Election special');
  });

  it('finds a materialized slot again after a producer moved it, instead of making it twice', async () => {
    const { station } = await morningEditionStation();
    const made = await materialize(station.id, '2026-04-06', 1);
    const segmentId = made.items[0].segmentId;
    const moved = await app.request('PATCH', `/api/segments/${segmentId}`, {
      token: producer,
      body: { version: 1, startsAt: '2026-04-06T05:30', title: 'Morning Edition (late start)' },
    });
    expect(moved.status).toBe(200);
    const again = await materialize(station.id, '2026-04-06', 1);
    expect(again).toMatchObject({ created: 0, existing: 1, conflicts: 0 });
    expect(again.items[0].segmentId).toBe(segmentId);
  });

  it('makes each slot once when two producers materialize at the same time', async () => {
    const { station } = await morningEditionStation();
    const [a, b] = await Promise.all([
      app.request('POST', `/api/stations/${station.id}/slots/materialize`, { token: producer, body: { from: '2026-05-04', days: 7 } }),
      app.request('POST', `/api/stations/${station.id}/slots/materialize`, { token: producer, body: { from: '2026-05-04', days: 7 } }),
    ]);
    expect([a!.status, b!.status]).toEqual([200, 200]);
    expect(a!.body.created + b!.body.created).toBe(5);
    const all = await app.request('GET', `/api/segments?stationId=${station.id}&limit=100`, { token: editor });
    expect(all.body.items).toHaveLength(5);
  });

  it('edits and deletes rules with their version; editors only read', async () => {
    const { station, rule } = await morningEditionStation();
    const edited = await app.request('PATCH', `/api/recurrences/${rule.id}`, {
      token: producer,
      body: { version: 1, startTime: '04:00', durationSeconds: 5 * 3600 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ startTime: '04:00', summary: 'Weekdays 04:00–09:00', version: 2 });
    expect(
      (await app.request('PATCH', `/api/recurrences/${rule.id}`, { token: producer, body: { version: 1, active: false } })).status,
    ).toBe(409);
    expect((await app.request('PATCH', `/api/recurrences/${rule.id}`, { token: editor, body: { version: 2, active: false } })).status).toBe(
      403,
    );
    expect(
      (await app.request('POST', `/api/stations/${station.id}/slots/materialize`, { token: editor, body: { from: '2026-05-04' } })).status,
    ).toBe(403);
    expect((await app.request('DELETE', `/api/recurrences/${rule.id}?version=2`, { token: producer })).status).toBe(204);
    expect((await app.request('GET', `/api/stations/${station.id}/slots?from=2026-05-04`, { token: editor })).body.items).toEqual([]);
  });
});
