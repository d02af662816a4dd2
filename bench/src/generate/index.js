// The data generator: a fresh database, migrated by the API's own migrations, filled with COPY.
//
//   generateDatabase({ root, adminUrl, name, sizes, log }) -> { url, rows, seconds }
//
// Bulk-load technique: the big tables' secondary indexes are dropped first and rebuilt from their
// own definitions afterwards (one sort instead of 100,000 index inserts; the GIN search index
// especially), triggers and foreign-key checks are off for the loading sessions
// (session_replication_role = replica, superuser only; without it the load still works, slower),
// and VACUUM ANALYZE ends it, as autovacuum would on a live database.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createRandom } from './random.js';
import { copyImages } from './images.js';
import { copyCorrespondents, copyPeople, copyTags, makePeople } from './people.js';
import { copySchedule } from './schedule.js';
import { copyStories } from './stories.js';

/** Bump when the generated data changes shape, so `--reuse` regenerates. */
export const GENERATOR_VERSION = 3;

export const DEFAULT_SIZES = {
  stories: 10_000,
  correspondents: 500,
  tags: 5_000,
  people: 20_000,
  stations: 10,
  days: 365,
  transcriptShare: 0.2,
  turns: 30,
  bodyBytes: 4_000,
  /** Extra non-public stories (drafts, unpublished, scheduled), as a share of the published ones. */
  hiddenShare: 0.05,
  /** Photos (media with ready renditions; every tenth not publishable), lead photo of this share of stories. */
  images: 40,
  leadImageShare: 0.3,
};

const BIG_TABLES = ['stories', 'story_tags', 'story_bylines', 'transcript_turns', 'people', 'person_search_keys'];

/** @param {string} root @param {string} file */
const importApi = (root, file) => import(pathToFileURL(path.join(root, 'apps/api/dist', file)).href);

/** What a database was generated with: the sizes, the generator and the API's migrations. */
export async function signature(root, sizes) {
  const { MIGRATIONS } = await importApi(root, 'database/data-source.js');
  return JSON.stringify({ generator: GENERATOR_VERSION, sizes, migrations: MIGRATIONS.map((/** @type {any} */ m) => m.name) });
}

/** The signature stored on database `name` (a comment), or null. */
export async function storedSignature(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [
      name,
    ]);
    return rows[0]?.comment ?? null;
  } finally {
    await client.end();
  }
}

/**
 * @param {{ root: string, adminUrl: string, name: string, sizes: typeof DEFAULT_SIZES, log: (text: string) => void, progress: (text: string) => void }} options
 */
export async function generateDatabase({ root, adminUrl, name, sizes, log, progress }) {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  log(`migrating ${name} with the API's migrations`);
  const { openDatabase } = await importApi(root, 'database/data-source.js');
  const dataSource = await openDatabase(url.toString(), 2);
  await dataSource.destroy();
  const names = await importApi(root, 'people/person-names.js');

  const writers = await Promise.all(
    [0, 1].map(async () => {
      const client = new pg.Client({ connectionString: url.toString(), application_name: 'newsdesk-bench-generator' });
      await client.connect();
      await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'`);
      return client;
    }),
  );
  const [main] = writers;
  let replica = true;
  for (const client of writers) {
    await client.query(`SET session_replication_role = replica`).catch(() => {
      replica = false;
    });
  }
  if (!replica) log('not a superuser: loading with triggers and foreign-key checks on (slower)');
  const {
    rows: [{ exists: withTranscripts }],
  } = await main.query(`SELECT to_regclass('transcript_turns') IS NOT NULL AS exists`);
  if (!withTranscripts) log('transcript_turns does not exist in these migrations: transcripts go to stories.transcript_text only');

  const { rows: indexes } = await main.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
    [BIG_TABLES],
  );
  for (const index of indexes) await main.query(`DROP INDEX ${main.escapeIdentifier(index.name)}`);

  const random = createRandom(20_251_201);
  const rows = {};
  const people = makePeople(random, sizes.people, sizes.correspondents);
  await copyPeople(main, people, names);
  rows.people = people.length;
  const images = await copyImages(root, main, random, sizes.images);
  rows.media = images.length;
  const correspondents = await copyCorrespondents(main, random, people.slice(0, sizes.correspondents), images);
  rows.correspondents = correspondents.length;
  const tags = await copyTags(main, random, sizes.tags, people);
  rows.tags = tags.length;
  log(`images, people, correspondents, tags: done (${elapsed()})`);

  const hidden = Math.round(sizes.stories * sizes.hiddenShare);
  const stories = await copyStories(writers, random, {
    count: sizes.stories,
    drafts: hidden,
    correspondents,
    tags,
    newsmakers: people.slice(sizes.correspondents),
    transcriptShare: sizes.transcriptShare,
    turns: sizes.turns,
    bodyBytes: sizes.bodyBytes,
    withTranscripts,
    images,
    leadImageShare: sizes.leadImageShare,
    onProgress: (done) =>
      progress(`stories: ${done.toLocaleString('en-US')} / ${(sizes.stories + hidden).toLocaleString('en-US')} (${elapsed()})`),
  });
  Object.assign(rows, stories.rows);
  log(`stories: done (${elapsed()})`);

  rows.segments = await copySchedule(writers, random, {
    stations: sizes.stations,
    days: sizes.days,
    storyIds: stories.liveIds,
    onProgress: progress,
  });
  log(`stations and segments: done (${elapsed()})`);

  // Rebuild the dropped indexes, two at a time (one per connection).
  const queue = [...indexes];
  await Promise.all(
    writers.map(async (client) => {
      for (let index = queue.shift(); index; index = queue.shift()) {
        progress(`index ${index.name}`);
        await client.query(index.definition);
      }
    }),
  );
  log(`indexes rebuilt: ${indexes.map((i) => i.name).join(', ')} (${elapsed()})`);
  await main.query('VACUUM (ANALYZE)');
  log(`VACUUM ANALYZE: done (${elapsed()})`);
  await Promise.all(writers.map((client) => client.end()));

  await admin.query(`COMMENT ON DATABASE ${admin.escapeIdentifier(name)} IS ${admin.escapeLiteral(await signature(root, sizes))}`);
  await admin.end();
  return { url: url.toString(), rows, seconds: (Date.now() - started) / 1000 };
}
