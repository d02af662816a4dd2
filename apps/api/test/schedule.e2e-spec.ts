import { startTestApp, type TestApp } from './support/app.js';
import { createProgram, createSegment, createStation, postSegment, uniqueCallSign } from './support/schedule.js';

let app: TestApp;
let producer: string;
let editor: string;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  producer = (await app.signIn(['producer'])).token;
  editor = (await app.signIn(['editor'])).token;
  admin = (await app.signIn(['admin'])).token;
});
afterAll(async () => {
  await app?.close();
});

describe('stations and programs', () => {
  it('creates a station with a canonical zone and an upper-case call sign, and refuses a second with the same call sign', async () => {
    const callSign = uniqueCallSign('K');
    const station = await createStation(app, producer, {
      callSign: callSign.toLowerCase(),
      timezone: 'america/los_angeles',
      city: 'San Francisco',
    });
    expect(station).toMatchObject({ callSign, timezone: 'America/Los_Angeles', band: 'FM', frequency: '88.5', active: true, version: 1 });
    const again = await app.request('POST', '/api/stations', {
      token: producer,
      body: { callSign, name: 'Copy', band: 'FM', frequency: '90.1', timezone: 'UTC' },
    });
    expect(again.status).toBe(400);
    expect(again.body.errors[0]).toMatchObject({ field: 'callSign' });
  });

  it('names each invalid station field', async () => {
    const response = await app.request('POST', '/api/stations', {
      token: producer,
      body: { callSign: 'W', name: '', band: 'FM', frequency: '1500', timezone: 'Mars/Olympus', streamUrl: 'ftp://nope' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'callSign',
      'frequency',
      'name',
      'streamUrl',
      'timezone',
    ]);
    const frequency = await app.request('POST', '/api/stations', {
      token: producer,
      body: { callSign: uniqueCallSign(), name: 'X', band: 'FM', frequency: '1500', timezone: 'UTC' },
    });
    expect(frequency.body.errors).toEqual([{ field: 'frequency', message: expect.stringContaining('87.5 to 108.0') }]);
  });

  it('edits a station with its version, refusing a stale one', async () => {
    const station = await createStation(app, producer);
    const edited = await app.request('PATCH', `/api/stations/${station.id}`, {
      token: producer,
      body: { version: 1, name: 'WAMU 88.5', band: 'AM', frequency: '1500' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'WAMU 88.5', band: 'AM', frequency: '1500', version: 2 });
    const stale = await app.request('PATCH', `/api/stations/${station.id}`, { token: producer, body: { version: 1, name: 'Stale' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const badBand = await app.request('PATCH', `/api/stations/${station.id}`, { token: producer, body: { version: 2, band: 'FM' } });
    expect(badBand.body.errors[0].field).toBe('frequency');
  });

  it('creates programs with hosts (display names) and a slug from the name', async () => {
    const program = await createProgram(app, producer, { name: 'All Things Considered', hosts: ['Ari Shapiro', 'Mary Louise Kelly'] });
    expect(program).toMatchObject({ slug: 'all-things-considered', hosts: ['Ari Shapiro', 'Mary Louise Kelly'], version: 1 });
    const listed = await app.request('GET', '/api/programs', { token: editor });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(program.id);
  });
});

describe('segments in station time', () => {
  it('reads the start as station-local time and answers with both forms', async () => {
    const station = await createStation(app, producer);
    const program = await createProgram(app, producer);
    const segment = await createSegment(app, producer, station.id, '2026-01-15T05:00', 4 * 3600, {
      title: undefined,
      programId: program.id,
    });
    expect(segment).toMatchObject({
      startsAt: '2026-01-15T10:00:00.000Z',
      endsAt: '2026-01-15T14:00:00.000Z',
      startsAtLocal: '2026-01-15T05:00:00-05:00',
      endsAtLocal: '2026-01-15T09:00:00-05:00',
      title: program.name,
      program: { id: program.id, name: program.name, slug: program.slug },
      status: 'planned',
      version: 1,
    });
    // A UTC instant is taken as it is.
    const utc = await createSegment(app, producer, station.id, '2026-01-15T14:00:00Z', 600);
    expect(utc.startsAtLocal).toBe('2026-01-15T09:00:00-05:00');
  });

  it('refuses a time in the spring-forward gap of America/New_York, naming it', async () => {
    const station = await createStation(app, producer);
    const response = await postSegment(app, producer, station.id, '2026-03-08T02:30', 1800);
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toEqual({
      field: 'startsAt',
      message: expect.stringContaining('2026-03-08 02:30 does not exist in America/New_York'),
    });
    expect(response.body.errors[0].message).toContain('from 02:00 to 03:00');
    expect((await postSegment(app, producer, station.id, '2026-03-08T03:00', 1800)).status).toBe(201);
  });

  it('needs an offset for the repeated fall-back hour, and then keeps both 01:30s apart', async () => {
    const station = await createStation(app, producer);
    const ambiguous = await postSegment(app, producer, station.id, '2026-11-01T01:30', 1800);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors[0].message).toMatch(/happens twice.*-04:00 \(EDT\).*-05:00 \(EST\)/);
    const first = await createSegment(app, producer, station.id, '2026-11-01T01:30-04:00', 1800, { title: 'First 01:30' });
    const second = await createSegment(app, producer, station.id, '2026-11-01T01:30-05:00', 1800, { title: 'Second 01:30' });
    expect(first.startsAt).toBe('2026-11-01T05:30:00.000Z');
    expect(second.startsAt).toBe('2026-11-01T06:30:00.000Z');
    expect([first.startsAtLocal, second.startsAtLocal]).toEqual(['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00']);
    const wrongOffset = await postSegment(app, producer, station.id, '2026-11-01T03:00-04:00', 600);
    expect(wrongOffset.status).toBe(400);
  });

  it('has no gap or repeated hour in Europe/Moscow on the US change days', async () => {
    const station = await createStation(app, producer, { timezone: 'Europe/Moscow', city: 'Moscow', callSign: uniqueCallSign('R') });
    const spring = await createSegment(app, producer, station.id, '2026-03-08T02:30', 1800);
    const fall = await createSegment(app, producer, station.id, '2026-11-01T01:30', 1800);
    expect(spring.startsAtLocal).toBe('2026-03-08T02:30:00+03:00');
    expect(fall.startsAt).toBe('2026-10-31T22:30:00.000Z');
    expect((await postSegment(app, producer, station.id, '2026-11-01T04:30+04:00', 600)).status).toBe(400);
  });

  it('shows whole local days: 23 hours when clocks spring forward, 25 when they fall back', async () => {
    const station = await createStation(app, producer);
    const overnight = await createSegment(app, producer, station.id, '2026-03-07T22:00', 4 * 3600, { title: 'Overnight' });
    const spring = await app.request('GET', `/api/stations/${station.id}/schedule?from=2026-03-08`, { token: editor });
    expect(spring.status).toBe(200);
    expect(spring.body.days).toEqual([
      { date: '2026-03-08', startsAt: '2026-03-08T05:00:00.000Z', endsAt: '2026-03-09T04:00:00.000Z', hours: 23 },
    ]);
    expect(spring.body.segments.map((segment: { id: string }) => segment.id)).toEqual([overnight.id]);
    const fall = await app.request('GET', `/api/stations/${station.id}/schedule?from=2026-11-01&to=2026-11-02`, { token: editor });
    expect(fall.body.days.map((day: { hours: number }) => day.hours)).toEqual([25, 24]);
    const tooLong = await app.request('GET', `/api/stations/${station.id}/schedule?from=2026-01-01&to=2026-03-01`, { token: editor });
    expect(tooLong.status).toBe(400);
  });
});

describe('no overlaps', () => {
  it('refuses an overlapping segment with 409 naming the one in the way; back to back is fine', async () => {
    const station = await createStation(app, producer);
    const morning = await createSegment(app, producer, station.id, '2026-04-06T05:00', 4 * 3600, { title: 'Morning Edition' });
    expect((await postSegment(app, producer, station.id, '2026-04-06T09:00', 3600)).status).toBe(201);
    expect((await postSegment(app, producer, station.id, '2026-04-06T04:00', 3600)).status).toBe(201);
    const overlap = await postSegment(app, producer, station.id, '2026-04-06T08:30', 1800, { title: 'Too early' });
    expect(overlap.status).toBe(409);
    expect(overlap.headers.get('content-type')).toContain('application/problem+json');
    expect(overlap.body.conflict).toMatchObject({
      id: morning.id,
      title: 'Morning Edition',
      startsAtLocal: '2026-04-06T05:00:00-04:00',
      endsAtLocal: '2026-04-06T09:00:00-04:00',
    });
    expect(overlap.body.detail).toContain('Overlaps "Morning Edition"');
    expect(overlap.body.errors).toEqual([{ field: 'startsAt', message: expect.stringContaining('05:00–09:00') }]);
    // Another station's schedule is its own.
    const other = await createStation(app, producer);
    expect((await postSegment(app, producer, other.id, '2026-04-06T08:30', 1800)).status).toBe(201);
  });

  it('lets exactly one of concurrent overlapping inserts win', async () => {
    const station = await createStation(app, producer);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        postSegment(app, producer, station.id, `2026-05-01T10:${String(i * 5).padStart(2, '0')}`, 3600, { title: `Attempt ${i}` }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const winner = attempts.find((attempt) => attempt.status === 201)!.body;
    for (const loser of attempts.filter((attempt) => attempt.status === 409)) expect(loser.body.conflict.id).toBe(winner.id);
    const day = await app.request('GET', `/api/stations/${station.id}/schedule?from=2026-05-01`, { token: producer });
    expect(day.body.segments).toHaveLength(1);
  });

  it('lets exactly one of two concurrent identical inserts win', async () => {
    const station = await createStation(app, producer);
    const [a, b] = await Promise.all([
      postSegment(app, producer, station.id, '2026-05-02T12:00', 600),
      postSegment(app, producer, station.id, '2026-05-02T12:00', 600),
    ]);
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
  });

  it('refuses moving a segment onto another, and a stale edit, and deletes with the current version', async () => {
    const station = await createStation(app, producer);
    const first = await createSegment(app, producer, station.id, '2026-06-01T16:00', 3600, { title: 'All Things Considered' });
    const second = await createSegment(app, producer, station.id, '2026-06-01T18:00', 1800, { title: 'Marketplace' });
    const moved = await app.request('PATCH', `/api/segments/${second.id}`, {
      token: producer,
      body: { version: 1, startsAt: '2026-06-01T16:30' },
    });
    expect(moved.status).toBe(409);
    expect(moved.body.conflict).toMatchObject({ id: first.id, title: 'All Things Considered' });
    const longer = await app.request('PATCH', `/api/segments/${first.id}`, {
      token: producer,
      body: { version: 1, durationSeconds: 7200, status: 'confirmed', notes: 'Extended for the election' },
    });
    expect(longer.status).toBe(200);
    expect(longer.body).toMatchObject({ endsAtLocal: '2026-06-01T18:00:00-04:00', status: 'confirmed', version: 2 });
    const stale = await app.request('PATCH', `/api/segments/${first.id}`, { token: producer, body: { version: 1, title: 'Stale' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await app.request('DELETE', `/api/segments/${second.id}?version=3`, { token: producer })).status).toBe(409);
    expect((await app.request('DELETE', `/api/segments/${second.id}?version=1`, { token: producer })).status).toBe(204);
    expect((await app.request('GET', `/api/segments/${second.id}`, { token: producer })).status).toBe(404);
  });
});

describe('references, listing and audit', () => {
  it('names a missing station, program or story as a field', async () => {
    const station = await createStation(app, producer);
    const missing = '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d';
    const response = await postSegment(app, producer, station.id, '2026-07-01T10:00', 600, { programId: missing, storyId: missing });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['programId', 'storyId']);
    expect((await postSegment(app, producer, missing, '2026-07-01T10:00', 600)).body.errors[0].field).toBe('stationId');
    expect((await postSegment(app, producer, station.id, '2026-07-01T10:00', 600, { title: undefined })).body.errors[0].field).toBe(
      'title',
    );
    expect((await postSegment(app, producer, station.id, '2026-07-01T10:00', 600, { extra: true })).status).toBe(400);
  });

  it('links a story and lets it go when the story is deleted', async () => {
    const station = await createStation(app, producer);
    const story = (
      await app.request('POST', '/api/stories', {
        token: editor,
        body: { headline: `Kremlin pitches ${Date.now()}`, bylineIds: [app.bylineId] },
      })
    ).body;
    const segment = await createSegment(app, producer, station.id, '2026-07-02T09:00', 360, {
      title: undefined,
      kind: 'story',
      storyId: story.id,
    });
    expect(segment).toMatchObject({ title: story.headline, story: { id: story.id, slug: story.slug, status: 'draft' } });
    expect((await app.request('DELETE', `/api/stories/${story.id}?version=1`, { token: editor })).status).toBe(204);
    expect((await app.request('GET', `/api/segments/${segment.id}`, { token: producer })).body).toMatchObject({
      storyId: null,
      story: null,
    });
  });

  it('lists segments by station and window with a keyset cursor', async () => {
    const station = await createStation(app, producer);
    for (let hour = 10; hour < 15; hour++) await createSegment(app, producer, station.id, `2026-08-01T${hour}:00`, 3600);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `stationId=${station.id}&from=2026-08-01T15:00:00Z&to=2026-08-01T18:30:00Z&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await app.request('GET', `/api/segments?${query}`, { token: editor });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { startsAtLocal: string }) => item.startsAtLocal.slice(11, 16)));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['11:00', '12:00', '13:00', '14:00']);
  });

  it('records schedule writes in the audit log', async () => {
    const station = await createStation(app, producer);
    const segment = await createSegment(app, producer, station.id, '2026-08-02T10:00', 600, { title: 'Audited' });
    const log = await app.request('GET', `/api/audit?entity=segment&limit=100`, { token: admin });
    expect(log.status).toBe(200);
    expect(
      log.body.items.some((entry: { entityId: string; action: string }) => entry.entityId === segment.id && entry.action === 'create'),
    ).toBe(true);
  });
});

describe('who may do what', () => {
  it('lets an editor read the schedule but not change it', async () => {
    const station = await createStation(app, producer);
    const segment = await createSegment(app, producer, station.id, '2026-09-01T10:00', 600);
    expect((await app.request('GET', `/api/stations/${station.id}/schedule?from=2026-09-01`, { token: editor })).status).toBe(200);
    expect((await postSegment(app, editor, station.id, '2026-09-01T11:00', 600)).status).toBe(403);
    expect((await app.request('PATCH', `/api/segments/${segment.id}`, { token: editor, body: { version: 1, title: 'x' } })).status).toBe(
      403,
    );
    expect((await app.request('DELETE', `/api/segments/${segment.id}?version=1`, { token: editor })).status).toBe(403);
    expect((await app.request('PATCH', `/api/stations/${station.id}`, { token: editor, body: { version: 1, name: 'x' } })).status).toBe(
      403,
    );
    expect((await app.request('POST', '/api/programs', { token: editor, body: { name: 'x' } })).status).toBe(403);
  });

  it('lets a producer schedule but not write or publish stories', async () => {
    const story = (
      await app.request('POST', '/api/stories', { token: editor, body: { headline: `For air ${Date.now()}`, bylineIds: [app.bylineId] } })
    ).body;
    expect((await app.request('POST', `/api/stories/${story.id}/publish`, { token: producer, body: { version: 1 } })).status).toBe(403);
    expect((await app.request('POST', '/api/stories', { token: producer, body: { headline: 'x' } })).status).toBe(403);
    const station = await createStation(app, producer);
    expect((await postSegment(app, producer, station.id, '2026-09-02T10:00', 600, { kind: 'story', storyId: story.id })).status).toBe(201);
  });
});
