import { PodcastChaptersSchema } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, word } from './support/desk.js';
import { createSegment, createStation } from './support/schedule.js';

/**
 * podcast:chapters from the as-run log (issue 20 item 4, docs/schedule.md "Airings"): a story that
 * aired in a block with takes offers what aired, at the times it aired (seconds from the block's
 * first take), titles as public as the planned rundown's (a draft story's headline never shows).
 */
let app: TestApp;
let producer: string;
let desk: Desk;
beforeAll(async () => {
  app = await startTestApp();
  const admin = (await app.signIn(['admin'])).token;
  producer = (await app.signIn(['producer'])).token;
  desk = new Desk(app, admin);
});
afterAll(async () => {
  await app?.close();
});

const T0 = Date.parse('2025-03-04T12:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

async function airedBlock(storyId: string, items: Array<Record<string, unknown>>) {
  const station = await createStation(app, producer);
  const segment = await createSegment(app, producer, station.id, at(0), 1800, { kind: 'program', storyId, status: 'aired' });
  const rundown = (await app.request('GET', `/api/segments/${segment.id}/rundown`, { token: producer })).body;
  const saved = await app.request('PUT', `/api/segments/${segment.id}/rundown`, {
    token: producer,
    body: { version: rundown.version, items },
  });
  expect(saved.status).toBe(200);
  return {
    segmentId: segment.id as string,
    items: saved.body.items as Array<{ id: string; title: string; kind: string; storyId: string | null }>,
  };
}

const take = (
  segmentId: string,
  seq: number,
  item: { id: string; title: string; kind: string; storyId: string | null } | null,
  seconds: number,
) =>
  app.db.query(
    `INSERT INTO rundown_takes (segment_id, seq, item_id, title, kind, story_id, planned_start, planned_seconds, taken_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 60, $8)`,
    [
      segmentId,
      seq,
      item?.id ?? null,
      item?.title ?? 'End of block',
      item?.kind ?? 'other',
      item?.storyId ?? null,
      at(seconds),
      at(seconds),
    ],
  );

async function chapters(slug: string, until?: (body: { chapters?: Array<{ endTime?: number }> }) => boolean) {
  for (let i = 0; i < 100; i++) {
    const response = await app.request('GET', `/api/public/stories/${slug}/chapters.json`);
    if (!until || (response.status === 200 && until(response.body))) return response;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the cached chapters were not dropped after the takes');
}

describe('chapters from the as-run log', () => {
  it('lists the items that aired at their actual times, with ends; never a draft headline; valid JSON chapters 1.2.0', async () => {
    const episode = await desk.publish(await desk.story({ headline: word('Episode') }));
    const live = await desk.publish(await desk.story({ headline: word('LiveItem') }));
    const draft = await desk.story({ headline: `Draft headline ${word('Secret')}` });
    const { segmentId, items } = await airedBlock(episode.id, [
      { title: 'Headlines', kind: 'newscast', durationSeconds: 60 },
      { title: 'Planned but dropped', kind: 'interview', durationSeconds: 300 },
      { title: draft.headline, kind: 'story', durationSeconds: 120, storyId: draft.id },
      { title: 'Old title of the live story', kind: 'story', durationSeconds: 30, storyId: live.id },
    ]);
    // Before any take: the planned rundown (front-timed), as before.
    const planned = await chapters(episode.slug);
    expect(planned.status).toBe(200);
    expect(planned.body.chapters.map((c: { startTime: number }) => c.startTime)).toEqual([0, 60, 360, 480]);
    expect(planned.body.chapters[1].endTime).toBeUndefined();
    // What aired: Headlines ran 65.5 s, the interview was dropped, the draft item, then the live story, then the end.
    const [headlines, , drafted, liveItem] = items;
    await take(segmentId, 1, headlines!, 0);
    await take(segmentId, 2, drafted!, 65.5);
    await take(segmentId, 3, liveItem!, 190);
    await take(segmentId, 4, null, 222.25);
    const response = await chapters(episode.slug, (body) => body.chapters?.[0]?.endTime !== undefined);
    expect(response.headers.get('content-type')).toBe('application/json+chapters; charset=utf-8');
    expect(response.body).toEqual({
      version: '1.2.0',
      chapters: [
        { startTime: 0, title: 'Headlines', endTime: 65.5 },
        { startTime: 65.5, title: 'Story', endTime: 190 },
        { startTime: 190, title: live.headline, endTime: 222.25 },
      ],
    });
    expect(PodcastChaptersSchema.safeParse(response.body).success).toBe(true);
    expect(response.text).not.toContain(draft.headline);
    expect(response.text).not.toContain('Old title of the live story');
    expect(response.text).not.toContain('Planned but dropped');
  });

  it('a block still without its end take: the last item has no end; a block that aired late starts at 0 from its first take', async () => {
    const episode = await desk.publish(await desk.story({ headline: word('Episode') }));
    const { segmentId, items } = await airedBlock(episode.id, [
      { title: 'Open', kind: 'other', durationSeconds: 30 },
      { title: 'Feature', kind: 'interview', durationSeconds: 600 },
    ]);
    await take(segmentId, 1, items[0]!, 45);
    await take(segmentId, 2, items[1]!, 80.125);
    const response = await chapters(episode.slug);
    expect(response.body).toEqual({
      version: '1.2.0',
      chapters: [
        { startTime: 0, title: 'Open', endTime: 35.125 },
        { startTime: 35.125, title: 'Feature' },
      ],
    });
    expect(PodcastChaptersSchema.safeParse(response.body).success).toBe(true);
  });

  it('a story that is not live has no chapters, takes or not', async () => {
    const draft = await desk.story({ headline: word('DraftEpisode') });
    const { segmentId, items } = await airedBlock(draft.id, [{ title: 'Secret item', kind: 'other', durationSeconds: 30 }]);
    await take(segmentId, 1, items[0]!, 0);
    const response = await app.request('GET', `/api/public/stories/${draft.slug}/chapters.json`);
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('Secret item');
  });
});
