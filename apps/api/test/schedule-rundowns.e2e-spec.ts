import { startTestApp, type TestApp } from './support/app.js';
import { createSegment, createStation } from './support/schedule.js';

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

const save = (segmentId: string, body: unknown, token = producer) =>
  app.request('PUT', `/api/segments/${segmentId}/rundown`, { token, body });

describe('rundowns', () => {
  it('starts empty at version 1, then front- and back-times the items against the hard out', async () => {
    const station = await createStation(app, producer);
    const block = await createSegment(app, producer, station.id, '2026-03-09T05:00', 600, { title: 'Morning Edition, first ten minutes' });
    const empty = await app.request('GET', `/api/segments/${block.id}/rundown`, { token: editor });
    expect(empty.body).toMatchObject({
      version: 1,
      items: [],
      plannedSeconds: 0,
      availableSeconds: 600,
      overUnderSeconds: -600,
      state: 'under',
      hardOut: '2026-03-09T09:10:00.000Z',
    });

    const story = (
      await app.request('POST', '/api/stories', {
        token: editor,
        body: { headline: `Kremlin pitches ${Date.now()}`, bylineIds: [app.bylineId] },
      })
    ).body;
    const saved = await save(block.id, {
      version: 1,
      items: [
        { title: 'Newscast', kind: 'newscast', durationSeconds: 300 },
        { title: 'Moscow: Kremlin pitches a joint fight', kind: 'story', durationSeconds: 240, storyId: story.id },
        { title: 'Underwriting', kind: 'underwriting', durationSeconds: 120 },
      ],
    });
    expect(saved.status).toBe(200);
    const body = saved.body;
    expect(body).toMatchObject({ version: 2, plannedSeconds: 660, availableSeconds: 600, overUnderSeconds: 60, state: 'over' });
    expect(body.items.map((item: { startsAt: string }) => item.startsAt.slice(11, 19))).toEqual(['09:00:00', '09:05:00', '09:09:00']);
    expect(body.items.map((item: { backTime: string }) => item.backTime.slice(11, 19))).toEqual(['08:59:00', '09:04:00', '09:08:00']);
    expect(body.items.map((item: { secondsToHardOut: number }) => item.secondsToHardOut)).toEqual([600, 300, 60]);
    expect(body.items.map((item: { pastHardOut: boolean }) => item.pastHardOut)).toEqual([false, false, true]);
    expect(body.items[1].story).toMatchObject({ id: story.id, slug: story.slug, status: 'draft' });
    expect((await app.request('GET', `/api/segments/${block.id}`, { token: editor })).body.rundownItems).toBe(3);
  });

  it('keeps item ids when reordering, refuses a stale save, and refuses foreign ids', async () => {
    const station = await createStation(app, producer);
    const block = await createSegment(app, producer, station.id, '2026-03-10T05:00', 3600);
    const first = (
      await save(block.id, {
        version: 1,
        items: [
          { title: 'One', kind: 'story', durationSeconds: 60 },
          { title: 'Two', kind: 'break', durationSeconds: 60 },
        ],
      })
    ).body;
    const [one, two] = first.items;
    const reordered = await save(block.id, { version: 2, items: [{ ...pick(two), durationSeconds: 90 }, pick(one)] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.items.map((item: { id: string; position: number }) => [item.id, item.position])).toEqual([
      [two.id, 1],
      [one.id, 2],
    ]);
    expect(reordered.body.items[1].startsAt.slice(11, 19)).toBe('09:01:30');

    const stale = await save(block.id, { version: 2, items: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(3);

    const other = await createSegment(app, producer, station.id, '2026-03-10T10:00', 3600);
    const foreign = await save(other.id, { version: 1, items: [{ ...pick(one) }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('items.0.id');
  });

  it('belongs to program blocks and newscasts only, and goes with its segment', async () => {
    const station = await createStation(app, producer);
    const music = await createSegment(app, producer, station.id, '2026-03-11T20:00', 3600, { kind: 'music' });
    expect((await save(music.id, { version: 1, items: [] })).status).toBe(400);
    const block = await createSegment(app, producer, station.id, '2026-03-11T05:00', 3600);
    await save(block.id, { version: 1, items: [{ title: 'One', kind: 'story', durationSeconds: 60 }] });
    expect((await app.request('DELETE', `/api/segments/${block.id}?version=1`, { token: producer })).status).toBe(204);
    expect((await app.request('GET', `/api/segments/${block.id}/rundown`, { token: editor })).status).toBe(404);
  });

  it('is read-only for editors', async () => {
    const station = await createStation(app, producer);
    const block = await createSegment(app, producer, station.id, '2026-03-12T05:00', 3600);
    expect((await app.request('GET', `/api/segments/${block.id}/rundown`, { token: editor })).status).toBe(200);
    expect((await save(block.id, { version: 1, items: [] }, editor)).status).toBe(403);
  });
});

function pick(item: { id: string; title: string; kind: string; durationSeconds: number; storyId: string | null; notes: string }) {
  return {
    id: item.id,
    title: item.title,
    kind: item.kind,
    durationSeconds: item.durationSeconds,
    storyId: item.storyId,
    notes: item.notes,
  };
}
