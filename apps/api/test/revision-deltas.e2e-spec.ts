import { RevisionDeltas1765230000000 } from '../src/database/migrations/1765230000000-RevisionDeltas.js';
import { KEYFRAME_EVERY } from '../src/stories/revision-delta.js';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, doc, word } from './support/desk.js';

/**
 * Revisions stored as keyframes and deltas (issue #16, stories/revision-delta.ts): a one-word
 * autosave of a 600-turn story stores a delta, not a copy; every revision still reads back whole,
 * diffs and restores; the migration rewrites full snapshots into deltas and back without loss.
 */
let app: TestApp;
let desk: Desk;
let editor: string;
let speaker: string;
beforeAll(async () => {
  app = await startTestApp({ OUTBOX_WORKER: 'false', PUBLIC_CACHE_SECONDS: '0' });
  editor = (await app.signIn(['editor'])).token;
  desk = new Desk(app, editor);
  speaker = (await desk.person(`Delta Speaker ${word()}`)).id;
});
afterAll(async () => {
  await app?.close();
});

const WORDS = 'harbour weather minister council budget river station morning evening report talks city market school'.split(' ');
/** Turn i's text: different words in every turn (so the snapshot does not compress to nothing), the same for the same i. */
const text = (i: number) =>
  `Turn ${i} says ${Array.from({ length: 12 }, (_, k) => WORDS[(i * 7 + k * k * 3 + i * k) % WORDS.length]).join(' ')} (${i * 7919}).`;
const turns = (count: number, edits: Record<number, string> = {}) =>
  Array.from({ length: count }, (_, i) => Desk.turn(speaker, edits[i] ?? text(i)));

type Stored = { n: number; keyframe: boolean; bytes: number };
const stored = async (storyId: string): Promise<Stored[]> =>
  (
    (await app.db.query(
      `SELECT n, snapshot IS NOT NULL AS keyframe, pg_column_size(coalesce(snapshot, delta)) AS bytes
         FROM story_revisions WHERE story_id = $1 ORDER BY n`,
      [storyId],
    )) as Array<{ n: number; keyframe: boolean; bytes: number }>
  ).map((row) => ({ ...row, bytes: Number(row.bytes) }));

const revision = async (storyId: string, n: number) => {
  const response = await app.request('GET', `/api/stories/${storyId}/revisions/${n}`, { token: editor });
  expect(response.status).toBe(200);
  return response.body.snapshot;
};

it('stores a one-word edit of turn 300 of a 600-turn story as a delta under 2 KB; the revision reads back whole', async () => {
  let story = await desk.story({ headline: `Long show ${word()}`, transcript: { turns: turns(600) }, body: doc('One.', 'Two.') });
  story = await desk.edit(story, { transcript: { turns: turns(600, { 300: text(300).replace('says', 'SAYS') }) } });
  const rows = await stored(story.id);
  expect(rows.map((row) => [row.n, row.keyframe])).toEqual([
    [1, true],
    [2, false],
  ]);
  expect(rows[0]!.bytes).toBeGreaterThan(20 * rows[1]!.bytes); // the keyframe is the whole transcript (compressed)
  expect(rows[1]!.bytes).toBeLessThan(2048);
  const second = await revision(story.id, 2);
  expect(second.transcript.turns).toHaveLength(600);
  expect(second.transcript.turns.map((t: { text: string }) => t.text)).toEqual(
    turns(600, { 300: text(300).replace('says', 'SAYS') }).map((t) => t.text),
  );
  const first = await revision(story.id, 1);
  expect(first.transcript.turns.map((t: { text: string }) => t.text)).toEqual(turns(600).map((t) => t.text));
});

it(`reads, diffs and restores every revision across a keyframe (one every ${KEYFRAME_EVERY}), inserted and removed turns too`, async () => {
  let story = await desk.story({ headline: 'Edit 0', teaser: 'Teaser', transcript: { turns: turns(20) } });
  const expected: Array<{ headline: string; texts: string[] }> = [{ headline: 'Edit 0', texts: turns(20).map((t) => t.text) }];
  let current = turns(20);
  for (let i = 1; i <= KEYFRAME_EVERY + 5; i++) {
    if (i % 7 === 0) current = [...current.slice(0, 5), Desk.turn(speaker, `Inserted at ${i}.`), ...current.slice(5)];
    else if (i % 11 === 0) current = current.filter((_, index) => index !== 3);
    else current = current.map((t, index) => (index === i % current.length ? { ...t, text: `Turn ${index} edited at ${i}.` } : t));
    story = await desk.edit(story, { headline: `Edit ${i}`, transcript: { turns: current } });
    expected.push({ headline: `Edit ${i}`, texts: current.map((t) => t.text) });
  }
  const rows = await stored(story.id);
  expect(rows).toHaveLength(KEYFRAME_EVERY + 6);
  expect(rows.filter((row) => row.keyframe).map((row) => row.n)).toEqual([1, KEYFRAME_EVERY + 1]);

  for (const n of [1, 2, 7, 11, KEYFRAME_EVERY, KEYFRAME_EVERY + 1, KEYFRAME_EVERY + 2, KEYFRAME_EVERY + 6]) {
    const snapshot = await revision(story.id, n);
    expect({ n, headline: snapshot.headline, texts: snapshot.transcript.turns.map((t: { text: string }) => t.text) }).toEqual({
      n,
      ...expected[n - 1],
    });
    expect(snapshot.teaser).toBe('Teaser');
  }

  const diff = await app.request('GET', `/api/stories/${story.id}/revisions/diff?from=6&to=${KEYFRAME_EVERY + 3}`, { token: editor });
  expect(diff.status).toBe(200);
  const headline = diff.body.fields.find((f: { field: string }) => f.field === 'headline');
  expect(headline).toMatchObject({ before: 'Edit 5', after: `Edit ${KEYFRAME_EVERY + 2}` });
  expect(diff.body.fields.map((f: { field: string }) => f.field)).toContain('transcript');

  const restored = await app.request('POST', `/api/stories/${story.id}/revisions/9/restore`, {
    token: editor,
    body: { version: story.version },
  });
  expect(restored.status).toBe(200);
  expect(restored.body.headline).toBe('Edit 8');
  expect(restored.body.transcript.turns.map((t: { text: string }) => t.text)).toEqual(expected[8]!.texts);
  const latest = await revision(story.id, KEYFRAME_EVERY + 7);
  expect(latest.transcript.turns.map((t: { text: string }) => t.text)).toEqual(expected[8]!.texts);

  // A 409 names the fields changed since the client's version: read from a delta revision.
  const stale = await app.request('PATCH', `/api/stories/${story.id}`, { token: editor, body: { version: 30, teaser: 'Late' } });
  expect(stale.status).toBe(409);
  expect(stale.body.changedFields).toEqual(expect.arrayContaining(['headline', 'transcript']));
});

it('the migration turns full snapshots into keyframes and deltas, and back, with every revision unchanged', async () => {
  let story = await desk.story({ headline: 'Migrated 0', transcript: { turns: turns(30) } });
  for (let i = 1; i <= 6; i++) story = await desk.edit(story, { headline: `Migrated ${i}` });
  const before = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => revision(story.id, n)));
  const migration = new RevisionDeltas1765230000000();
  const runner = app.db.createQueryRunner();
  try {
    await migration.down(runner);
    const full = (await app.db.query(`SELECT count(*)::int AS n FROM story_revisions WHERE story_id = $1 AND snapshot IS NOT NULL`, [
      story.id,
    ])) as Array<{ n: number }>;
    expect(full[0]!.n).toBe(7);
    await migration.up(runner);
  } finally {
    await runner.release();
  }
  expect((await stored(story.id)).map((row) => row.keyframe)).toEqual([true, false, false, false, false, false, false]);
  expect(await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => revision(story.id, n)))).toEqual(before);
});
