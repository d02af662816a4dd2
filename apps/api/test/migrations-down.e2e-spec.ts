import { startTestApp, type TestApp } from './support/app.js';

/**
 * Reverting migrations never drops data silently (issue #12): a `down` that would drop a table
 * with rows refuses, names the tables, and changes nothing; once they are empty it goes through.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

const applied = async () =>
  ((await app.db.query(`SELECT name FROM migrations ORDER BY id`)) as Array<{ name: string }>).map((row) => row.name);
const exists = async (table: string) =>
  ((await app.db.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table])) as Array<{ present: boolean }>)[0]!.present;

it('reverts migrations whose tables are empty, refuses one whose tables hold data (naming them), and reverts it once they are empty', async () => {
  // The test app has a correspondent (a person with a staff profile) and no transcript turns.
  const revert = () => app.db.undoLastMigration({ transaction: 'each' });
  for (const name of [
    'HostPace1765310000000',
    'RenditionCleanup1765300000000',
    'LeadImageCaption1765260000000',
    'TranscriptSpellings1765250000000',
    'OnAir1765240000000',
    'RevisionDeltas1765230000000',
    'RequestIds1765220000000',
    'Distribution1765200000000',
    'TimedTranscripts1765150000000',
    'ImageRenditions1765140000000',
    'Notes1765130000000',
    'Presence1765120000000',
    'ShareLinks1765110000000',
    'Embargo1765100000000',
    'AudioPodcasts1765000000000',
    'LoginThrottleUserVersion1764900100000',
    'PublicCacheProfilesSchedule1764810000000',
    'SearchRanking1764800000000',
    'PublicReadIndexes1764700000000',
    'TranscriptReferences1764610000000',
    'Transcripts1764600000000',
    'StoryLinks1764550000000',
    'PublicCacheNotify1764500000000',
  ]) {
    expect((await applied()).at(-1)).toBe(name);
    await revert();
  }
  expect(await exists('transcript_turns')).toBe(false);

  const before = await applied();
  expect(before.at(-1)).toBe('PeopleCorrespondentsMedia1764400000000');
  await expect(revert()).rejects.toThrow(
    /Refusing to revert migration PeopleCorrespondentsMedia1764400000000: it would drop data in correspondents \(1 row\), people \(1 row\)/,
  );
  // Nothing changed: the tables and the migration's record are still there.
  expect(await applied()).toEqual(before);
  for (const table of ['correspondents', 'people', 'media', 'story_bylines']) expect(await exists(table)).toBe(true);

  await app.db.query(`DELETE FROM story_bylines`);
  await app.db.query(`DELETE FROM correspondents`);
  await app.db.query(`DELETE FROM person_search_keys`);
  await app.db.query(`DELETE FROM people`);
  await revert();
  expect(await exists('correspondents')).toBe(false);
  expect((await applied()).at(-1)).toBe('Schedule1764300000000');

  // Further down, empty tables revert until the audit log, which holds this test's writes.
  let refusal: Error | undefined;
  while (!refusal && (await applied()).length) await revert().catch((error: Error) => (refusal = error));
  expect(refusal?.message).toMatch(/^Refusing to revert migration Audit1764205200000: it would drop data in audit_entries \(\d+ rows?\)/);
  expect(await exists('audit_entries')).toBe(true);
  expect(await exists('users')).toBe(true);
});
