import { StoryPreviewSchema, StorySchema, type Role, type Story } from '@newsdesk/contracts';
import { demoEmbargoInstant, loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { PublicCache } from '../src/public/public-cache.service.js';
import { insertExternalAudio } from './support/audio.js';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, doc, word } from './support/desk.js';
import { createProgram, createSegment, createStation } from './support/schedule.js';
import { revertMigrationsAfter } from './support/migrations.js';

/**
 * Embargo (issue 15 item 3, docs/embargo.md). The invariant `published_at >= embargo_until` for a
 * published or scheduled story (a CHECK constraint) lets the public read rule stay as it is: an
 * embargoed story is hidden to the second on every public output, and its cache and outbox edges
 * are those of a scheduled story. These tests read every public path of one story before and after
 * its embargo instant, by the database's clock (what LIVE_SQL compares with).
 */
let app: TestApp;
let desk: Desk;
const tokens = new Map<Role, string>();

/** What a public story's fixtures are: every public path that shows it, and the word that finds it there. */
interface Probe {
  story: Story;
  headlineWord: string;
  paths: string[];
}

let tagSlug = '';
let tagId = '';
let personId = '';
let personSlug = '';
let correspondentId = '';
let correspondentSlug = '';
let programId = '';
let programSlug = '';
let stationId = '';
let callSign = '';
let segments = 0;
const segmentBase = Date.UTC(2032, 2, 1, 9);

beforeAll(async () => {
  app = await startTestApp();
  for (const role of ['admin', 'editor', 'producer'] as const) tokens.set(role, (await app.signIn([role])).token);
  desk = new Desk(app, tokens.get('editor')!);
  const admin = new Desk(app, tokens.get('admin')!);
  const tag = await desk.tag(`Embargo ${word('tag')}`);
  tagSlug = tag.slug;
  tagId = tag.id;
  const person = await desk.person(`Speaker ${word('person')}`);
  personId = person.id;
  personSlug = person.slug;
  let profile = await admin.call('POST', '/api/correspondents', {
    name: `Erin ${word('corr')}`,
    title: 'Diplomatic correspondent',
    bureau: 'Brussels',
    slug: word('corrslug'),
    bio: '<p>Covers the European Union.</p>',
  });
  profile = await admin.call('POST', `/api/correspondents/${profile.id}/publish`, { version: profile.version });
  correspondentId = profile.id;
  correspondentSlug = profile.slug;
  const program = await createProgram(app, tokens.get('admin')!);
  await admin.call('PUT', `/api/programs/${program.id}/podcast`, { version: 1, enabled: true, ownerEmail: 'pod@radio.example' });
  programId = program.id;
  programSlug = program.slug;
  const station = await createStation(app, tokens.get('admin')!, { name: 'Embargo Radio' });
  stationId = station.id;
  callSign = station.callSign;
});
afterAll(async () => {
  await app?.close();
});

/** The database's clock (LIVE_SQL's now()). */
async function dbNow(): Promise<number> {
  const [row] = (await app.db.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
  return row!.now.getTime();
}

/** A story on every public path: tag, byline (a published profile), a speaker, a podcast episode with audio, a segment. */
async function fullStory(fields: Record<string, unknown> = {}): Promise<Probe> {
  const headlineWord = word('headline');
  const assetId = await insertExternalAudio(app.db);
  const story: Story = await desk.story({
    headline: `Summit ${headlineWord}`,
    teaser: `Teaser ${headlineWord}`,
    body: doc(`Body ${headlineWord}.`),
    bylineIds: [correspondentId],
    tagIds: [tagId],
    transcript: { turns: [Desk.turn(personId, `Quote ${headlineWord}.`)] },
    programId,
    audio: [{ assetId }],
    ...fields,
  });
  const startsAt = new Date(segmentBase + segments++ * 3_600_000).toISOString();
  await createSegment(app, tokens.get('producer')!, stationId, startsAt, 1800, { title: undefined, kind: 'story', storyId: story.id });
  const paths = [
    '/api/public/stories?limit=100',
    `/api/public/stories?limit=100&tag=${tagSlug}`,
    `/api/public/stories?limit=100&correspondent=${correspondentSlug}`,
    `/api/public/stories?limit=100&program=${programSlug}`,
    `/api/public/stories/${story.slug}`,
    `/api/public/stories/${story.slug}/transcript.txt`,
    `/api/public/stories/${story.slug}/transcript.html`,
    `/api/public/tags/${tagSlug}`,
    `/api/public/correspondents/${correspondentSlug}`,
    `/api/public/people/${personSlug}`,
    `/api/public/search?limit=100&q=${headlineWord}`,
    '/api/public/feeds/latest.rss',
    '/api/public/feeds/latest.json',
    `/api/public/feeds/tags/${tagSlug}.rss`,
    `/api/public/feeds/tags/${tagSlug}.json`,
    `/api/public/programs/${programSlug}/podcast.rss`,
    `/api/public/stations/${callSign}/now-next?at=${encodeURIComponent(startsAt)}`,
  ];
  return { story, headlineWord, paths };
}

/** Whether a public answer shows the story (its headline word anywhere in the body). */
async function shows(path: string, headlineWord: string): Promise<boolean> {
  const response = await fetch(app.url + path, { redirect: 'manual' });
  // Without the echo of its own path (a 404's `instance`: the slug holds the headline word).
  const text = (await response.text()).split(path.split('?')[0]!).join('');
  expect({ path, status: response.status < 500 }).toEqual({ path, status: true });
  return text.toLowerCase().includes(headlineWord.toLowerCase());
}

/** Every body the public cache holds now, lowercase (its entries are private: read for the test; keys echo the query). */
function cacheContents(): string[] {
  const cache = app.nest.get(PublicCache) as unknown as { entries: Map<string, { body: string }> };
  return [...cache.entries.values()].map((value) => value.body.toLowerCase());
}

/**
 * Absent on every path (and from the cache, after those reads) while the DB clock is before `until`;
 * then, polling, present on every path, and never present before `until`.
 */
async function hiddenUntil(probes: Probe[], until: number): Promise<void> {
  // The write's NOTIFY reaches the cache's LISTEN connection within milliseconds (as for an unpublish): wait for it.
  const notified = Date.now() + 3000;
  const holds = () => cacheContents().some((entry) => probes.some((probe) => entry.toLowerCase().includes(probe.headlineWord)));
  while (holds() && Date.now() < notified) await new Promise((done) => setTimeout(done, 20));
  for (const probe of probes) {
    for (const path of probe.paths) expect({ path, shown: await shows(path, probe.headlineWord) }).toEqual({ path, shown: false });
    const cached = cacheContents();
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.filter((entry) => entry.toLowerCase().includes(probe.headlineWord.toLowerCase()))).toEqual([]);
  }
  // The absent reads above count only if they all ran before the embargo instant.
  expect(await dbNow()).toBeLessThan(until);

  const pending = new Set(probes.flatMap((probe) => probe.paths.map((path) => `${probe.headlineWord} ${path}`)));
  const deadline = until + 20_000;
  while (pending.size && (await dbNow()) < deadline) {
    for (const key of [...pending]) {
      const [headlineWord, path] = key.split(' ') as [string, string];
      const shown = await shows(path, headlineWord);
      const after = await dbNow();
      if (shown) {
        // Never shown before the instant (the clock read after the answer is the latest it could have been built).
        expect({ path, shownBeforeEmbargo: after < until }).toEqual({ path, shownBeforeEmbargo: false });
        pending.delete(key);
      }
    }
    if (pending.size) await new Promise((done) => setTimeout(done, 200));
  }
  expect([...pending]).toEqual([]);
}

function embargo(story: { id: string; version: number }, embargoUntil: string | null, role: Role = 'editor') {
  return app.request('PUT', `/api/stories/${story.id}/embargo`, {
    token: tokens.get(role),
    body: { version: story.version, embargoUntil },
  });
}

/** The outbox events of a story that are not cancelled (superseded): id, type, publishedAt, due (start_after). */
async function publicationJobs(
  storyId: string,
  states = ['created', 'retry', 'active', 'completed', 'failed'],
): Promise<Array<{ id: string; type: string; publishedAt: string | null; due: Date }>> {
  return app.db.query(
    `SELECT id::text AS id, data->>'type' AS type, data->>'publishedAt' AS "publishedAt", start_after AS due FROM pgboss.job
      WHERE name = 'story-events' AND data->>'storyId' = $1 AND state::text = ANY($2) ORDER BY start_after, data->>'type' DESC`,
    [storyId, states],
  );
}

/** The events a write added (those not in `before`). */
async function newJobs(storyId: string, before: Array<{ id: string }>) {
  const known = new Set(before.map((job) => job.id));
  return (await publicationJobs(storyId)).filter((job) => !known.has(job.id));
}

describe('embargo: hidden to the second on every public path', () => {
  it('an embargo on a live story takes it down at once; a story published under an embargo is scheduled at it; both appear at the instant', async () => {
    const live = await fullStory();
    let liveStory: Story = await desk.publish(live.story);
    live.story = liveStory;
    const held = await fullStory();
    // Read while live: every path shows it and the public cache holds it.
    // The publish's NOTIFY reaches the cache's listener asynchronously and empties the cache when it
    // lands, which on a loaded machine can be after the first reads: read again until the cache holds it.
    let cached = false;
    for (let round = 0; round < 50 && !cached; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      for (const path of live.paths) expect({ path, shown: await shows(path, live.headlineWord) }).toEqual({ path, shown: true });
      cached = cacheContents().some((entry) => entry.toLowerCase().includes(live.headlineWord));
    }
    expect(cached).toBe(true);

    const until = new Date((await dbNow()) + 10_000);
    until.setUTCMilliseconds(0);
    const untilIso = until.toISOString();

    const jobsBefore = await publicationJobs(liveStory.id);
    const embargoed = await embargo(liveStory, untilIso);
    expect(embargoed.status).toBe(200);
    liveStory = StorySchema.parse(embargoed.body);
    expect(liveStory).toMatchObject({ status: 'scheduled', publishedAt: untilIso, embargoUntil: untilIso });
    // The outbox: a story.unpublished now, a story.published at the embargo instant (the reschedule path).
    const jobs = await newJobs(liveStory.id, jobsBefore);
    expect(jobs.map((job) => job.type)).toEqual(['story.unpublished', 'story.published']);
    expect(jobs[1]).toMatchObject({ publishedAt: untilIso, due: until });
    // Nothing else is pending for it: its earlier story.published was delivered or cancelled.
    const pending = (await publicationJobs(liveStory.id, ['created', 'retry', 'active'])).map((job) => [job.type, job.publishedAt]);
    expect(pending).toEqual(
      [
        ['story.unpublished', null],
        ['story.published', untilIso],
      ].filter(([type]) => pending.some(([t]) => t === type)),
    );
    expect(pending.filter(([type]) => type === 'story.published')).toEqual([['story.published', untilIso]]);

    let heldStory = StorySchema.parse((await embargo(held.story, untilIso)).body);
    expect(heldStory).toMatchObject({ status: 'draft', publishedAt: null, embargoUntil: untilIso });
    const published = await app.request('POST', `/api/stories/${heldStory.id}/publish`, {
      token: tokens.get('editor'),
      body: { version: heldStory.version },
    });
    expect(published.status).toBe(200);
    heldStory = StorySchema.parse(published.body);
    expect(heldStory).toMatchObject({ status: 'scheduled', publishedAt: untilIso, embargoUntil: untilIso });
    expect((await newJobs(heldStory.id, [])).map((job) => [job.type, job.publishedAt, job.due.getTime()])).toEqual([
      ['story.published', untilIso, until.getTime()],
    ]);
    held.story = heldStory;

    await hiddenUntil([live, held], until.getTime());
    // Once the instant passed, the staff view reads published, with the embargo still recorded.
    expect((await desk.call('GET', `/api/stories/${liveStory.id}`)) as Story).toMatchObject({ status: 'published', publishedAt: untilIso });
  });

  it('a schedule later than the embargo keeps its own instant; an earlier one moves to the embargo', async () => {
    const later = await fullStory();
    const earlier = await fullStory();
    const until = new Date(Date.now() + 3_600_000);
    until.setUTCMilliseconds(0);
    for (const probe of [later, earlier]) probe.story = StorySchema.parse((await embargo(probe.story, until.toISOString())).body);
    const laterAt = new Date(until.getTime() + 60_000).toISOString();
    expect(await desk.publish(later.story, laterAt)).toMatchObject({ status: 'scheduled', publishedAt: laterAt });
    const earlierAt = new Date(until.getTime() - 600_000).toISOString();
    expect(await desk.publish(earlier.story, earlierAt)).toMatchObject({ status: 'scheduled', publishedAt: until.toISOString() });
    // Scheduled before the embargo was set: setting it moves the schedule; lifting it does not move it back.
    const scheduled = await fullStory();
    const first = await desk.publish(scheduled.story, earlierAt);
    const moved = StorySchema.parse((await embargo(first, until.toISOString())).body);
    expect(moved).toMatchObject({ status: 'scheduled', publishedAt: until.toISOString() });
    const lifted = StorySchema.parse((await embargo(moved, null)).body);
    expect(lifted).toMatchObject({ status: 'scheduled', publishedAt: until.toISOString(), embargoUntil: null });
  });
});

describe('PUT /api/stories/{id}/embargo', () => {
  it('is versioned (409 with the current version), audited, 403 for a producer and 401 without a session', async () => {
    const { story } = await fullStory();
    const until = new Date(Date.now() + 86_400_000).toISOString();
    expect((await embargo(story, until, 'producer')).status).toBe(403);
    expect(
      (await app.request('PUT', `/api/stories/${story.id}/embargo`, { body: { version: story.version, embargoUntil: until } })).status,
    ).toBe(401);
    const first = await embargo(story, until, 'admin');
    expect(first.status).toBe(200);
    const stale = await embargo(story, null);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(first.body.version);
    const lifted = await embargo(first.body, null);
    expect(lifted.body.embargoUntil).toBeNull();
    const audit = await app.request('GET', `/api/audit?entity=story&entityId=${story.id}`, { token: tokens.get('admin') });
    const entries = (audit.body.items as Array<{ action: string; diff: Record<string, unknown> }>).filter((e) => e.action === 'embargo');
    expect(entries).toHaveLength(2);
    expect(JSON.stringify(entries)).toContain(new Date(until).toISOString());
    expect(JSON.stringify(entries[0]!.diff)).toContain('embargoUntil');
    expect(
      (
        await app.request('PUT', `/api/stories/00000000-0000-4000-8000-000000000000/embargo`, {
          token: tokens.get('editor'),
          body: { version: 1, embargoUntil: until },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses bad values with a 400 naming embargoUntil', async () => {
    const { story } = await fullStory();
    const past = new Date(Date.now() - 1000).toISOString();
    for (const value of [
      'tomorrow',
      '2031-01-01',
      '2031-01-01T10:00:00',
      '10000-01-01T00:00:00Z',
      '+010000-01-01T00:00:00Z',
      '2031-02-30T10:00:00Z',
      '2031-01-01T25:00:00Z',
      '0000-06-01T00:00:00Z',
      '',
      12,
      true,
      {},
      [],
      past,
    ]) {
      const response = await app.request('PUT', `/api/stories/${story.id}/embargo`, {
        token: tokens.get('editor'),
        body: { version: story.version, embargoUntil: value },
      });
      expect({ value, status: response.status }).toEqual({ value, status: 400 });
      expect({ value, fields: response.body.errors.map((e: { field: string }) => e.field) }).toEqual({ value, fields: ['embargoUntil'] });
    }
    const missing = await app.request('PUT', `/api/stories/${story.id}/embargo`, {
      token: tokens.get('editor'),
      body: { version: story.version },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['embargoUntil']);
    const extra = await app.request('PUT', `/api/stories/${story.id}/embargo`, {
      token: tokens.get('editor'),
      body: { version: story.version, embargoUntil: null, publishedAt: past },
    });
    expect(extra.status).toBe(400);
    // Nothing changed.
    expect((await desk.call('GET', `/api/stories/${story.id}`)).version).toBe(story.version);
  });

  it('keeps the invariant under parallel publish, schedule, embargo and unpublish requests: never a violating row, never a 5xx', async () => {
    const violations: unknown[] = [];
    const statuses: Record<number, number> = {};
    for (let round = 0; round < 4; round++) {
      const { story } = await fullStory();
      let current: Story = StorySchema.parse((await embargo(story, new Date(Date.now() + 3_600_000).toISOString())).body);
      for (let wave = 0; wave < 3; wave++) {
        const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
        const requests = Array.from({ length: 10 }, (_, i) => {
          const version = current.version;
          const path = `/api/stories/${current.id}`;
          const token = tokens.get(i % 2 ? 'editor' : 'admin');
          switch (i % 5) {
            case 0:
              return app.request('POST', `${path}/publish`, { token, body: { version } });
            case 1:
              return app.request('PUT', `${path}/embargo`, { token, body: { version, embargoUntil: soon(7_200_000 + i * 1000) } });
            case 2:
              return app.request('POST', `${path}/publish`, { token, body: { version, publishAt: soon(1_800_000) } });
            case 3:
              return app.request('PUT', `${path}/embargo`, { token, body: { version, embargoUntil: i > 5 ? null : soon(600_000) } });
            default:
              return app.request('POST', `${path}/unpublish`, { token, body: { version } });
          }
        });
        for (const response of await Promise.all(requests)) statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        current = await desk.call('GET', `/api/stories/${current.id}`);
        violations.push(
          ...(await app.db.query(
            `SELECT id, status, published_at, embargo_until FROM stories
              WHERE embargo_until IS NOT NULL AND status IN ('published','scheduled') AND published_at < embargo_until`,
          )),
        );
      }
    }
    expect(violations).toEqual([]);
    expect(Object.keys(statuses).filter((status) => Number(status) >= 500)).toEqual([]);
    // One request of a wave wins the version; the others are told 409 (stale, or a transition the state does not allow).
    expect(statuses[200]).toBeGreaterThanOrEqual(1);
    expect(Object.keys(statuses).filter((status) => !['200', '409'].includes(status))).toEqual([]);
  });

  it('the database refuses a row that breaks the invariant (the CHECK constraint)', async () => {
    const { story } = await fullStory();
    const held = StorySchema.parse((await embargo(story, new Date(Date.now() + 3_600_000).toISOString())).body);
    await expect(app.db.query(`UPDATE stories SET status = 'published', published_at = now() WHERE id = $1`, [held.id])).rejects.toThrow(
      /stories_embargo_check/,
    );
  });
});

describe('the staff preview carries the embargo', () => {
  it('shows embargoUntil to every staff role, and null without an embargo', async () => {
    const { story } = await fullStory();
    const until = new Date(Date.now() + 86_400_000);
    until.setUTCMilliseconds(0);
    const plain = await app.request('GET', `/api/stories/${story.id}/preview`, { token: tokens.get('editor') });
    expect(StoryPreviewSchema.parse(plain.body).preview.embargoUntil).toBeNull();
    const held = StorySchema.parse((await embargo(story, until.toISOString())).body);
    for (const role of ['admin', 'editor', 'producer'] as const) {
      const response = await app.request('GET', `/api/stories/${held.id}/preview`, { token: tokens.get(role) });
      expect(response.status).toBe(200);
      expect(StoryPreviewSchema.parse(response.body).preview).toMatchObject({ embargoUntil: until.toISOString(), live: false });
    }
    // Published under the embargo: scheduled, not live, the embargo shown.
    const scheduled = await desk.publish(held);
    const preview = StoryPreviewSchema.parse(
      (await app.request('GET', `/api/stories/${held.id}/preview`, { token: tokens.get('producer') })).body,
    ).preview;
    expect(preview).toMatchObject({ status: 'scheduled', live: false, embargoUntil: until.toISOString(), version: scheduled.version });
  });

  it('lists the embargo in the staff list and the desk', async () => {
    const { story } = await fullStory();
    const until = new Date(Date.now() + 86_400_000);
    until.setUTCMilliseconds(0);
    await embargo(story, until.toISOString());
    const list = (await desk.call('GET', `/api/stories?limit=100`)) as { items: Array<{ id: string; embargoUntil: string | null }> };
    expect(list.items.find((item) => item.id === story.id)?.embargoUntil).toBe(until.toISOString());
    const dashboard = (await desk.call('GET', '/api/stories/dashboard')) as {
      myDrafts: Array<{ id: string; embargoUntil: string | null }>;
    };
    expect(dashboard.myDrafts.find((item) => item.id === story.id)?.embargoUntil).toBe(until.toISOString());
  });
});

describe('the demo newsroom', () => {
  it('has one story embargoed until the next full hour a day from loading: scheduled at it, not public, shown on its preview', async () => {
    const before = demoEmbargoInstant(new Date(Date.now() - 60_000));
    await loadDemoNewsroom(app.db);
    const after = demoEmbargoInstant();
    const list = (await desk.call('GET', `/api/stories?limit=100&status=scheduled`)) as { items: Story[] };
    const demo = list.items.filter((item) => item.slug === 'tillerson-lavrov-to-meet-in-bonn');
    expect(demo).toHaveLength(1);
    const story = demo[0]!;
    expect([before.toISOString(), after.toISOString()]).toContain(story.embargoUntil);
    expect(story.publishedAt).toBe(story.embargoUntil);
    expect((await app.request('GET', `/api/public/stories/${story.slug}`)).status).toBe(404);
    const preview = await app.request('GET', `/api/stories/${story.id}/preview`, { token: tokens.get('producer') });
    expect(StoryPreviewSchema.parse(preview.body).preview).toMatchObject({ embargoUntil: story.embargoUntil, live: false });
  });
});

describe('the migration', () => {
  it('refuses to revert while an embargo is ahead (a draft could otherwise be published before it), changing nothing', async () => {
    const [{ n }] = (await app.db.query(`SELECT count(*)::int AS n FROM stories WHERE embargo_until > now()`)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    // Later migrations (share links, presence, notes: empty tables here) are reverted first, so that this one is the last.
    await revertMigrationsAfter(app.db, 'Embargo1765100000000');
    await expect(app.db.undoLastMigration({ transaction: 'each' })).rejects.toThrow(
      new RegExp(`^Refusing to revert migration Embargo1765100000000: ${n} stories are embargoed until a future instant`),
    );
    const [column] = (await app.db.query(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'stories' AND column_name = 'embargo_until'`,
    )) as Array<{ n: number }>;
    expect(column!.n).toBe(1);
  });
});
