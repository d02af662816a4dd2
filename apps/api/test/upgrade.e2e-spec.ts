import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { MIGRATIONS, openDatabase } from '../src/database/data-source.js';
import { loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { appliedMigrations, revertMigrationsAfter } from './support/migrations.js';
import { assertBuilt, startApiProcess, type ApiProcess } from './support/processes.js';

/**
 * Upgrades (issue 17 item 6): two replicas started together on an empty database apply every
 * migration once (the advisory lock in data-source.ts serialises them; the second finds nothing to
 * do); and a database at the previous release's schema (every migration but the last), holding a
 * newsroom, is upgraded with no loss: every column that existed before holds the same values after.
 */
const created: string[] = [];
const processes: ApiProcess[] = [];

async function server<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<string> {
  const name = `newsdesk_upgrade_${randomBytes(5).toString('hex')}`;
  await server((client) => client.query(`CREATE DATABASE ${name}`));
  created.push(name);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  await Promise.all(processes.map((process) => process.stop()));
  for (const name of created) await server((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
});

it('two replicas starting together on an empty database apply every migration exactly once, and both serve', async () => {
  assertBuilt();
  const url = await freshDatabase();
  const [a, b] = await Promise.all([startApiProcess(url), startApiProcess(url)]);
  processes.push(a, b);
  for (const api of [a, b]) expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
  const rows = await server(async () => {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      return (await db.query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name ORDER BY min(id)`)).rows as Array<{
        name: string;
        n: number;
      }>;
    } finally {
      await db.end();
    }
  });
  expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => new migration().name ?? migration.name));
  expect(rows.filter((row) => row.n !== 1)).toEqual([]);
  await Promise.all([a.stop(), b.stop()]);
}, 120_000);

/** Per table: for each column, an order-independent checksum of its values (plus the row count). */
async function columnChecksums(db: DataSource): Promise<Record<string, Record<string, string>>> {
  const columns = (await db.query(
    `SELECT table_schema AS schema, table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE')
      ORDER BY 1, 2, 3`,
  )) as Array<{ schema: string; table: string; column: string }>;
  const result: Record<string, Record<string, string>> = {};
  for (const { table, column } of columns) {
    const [row] = (await db.query(
      `SELECT count(*)::text || ':' || md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS sum
         FROM (SELECT md5(coalesce(t."${column}"::text, '<null>')) AS h FROM public."${table}" t) x`,
    )) as Array<{ sum: string }>;
    (result[table] ??= {})[column] = row!.sum;
  }
  return result;
}

it("upgrades a database at the previous release's schema, holding a newsroom, with no loss", async () => {
  const url = await freshDatabase();
  // The fixture: the demo newsroom, written with today's code, then the schema taken back to the
  // previous release (every migration but the last), as a station running that release would have it.
  let db = await openDatabase(url, 2);
  expect(await loadDemoNewsroom(db)).toBe(true);
  const previous = MIGRATIONS.at(-2)!;
  await revertMigrationsAfter(db, new previous().name ?? previous.name);
  expect(await appliedMigrations(db)).toHaveLength(MIGRATIONS.length - 1);
  const before = await columnChecksums(db);
  const stories = Number(((await db.query(`SELECT count(*) AS n FROM stories`)) as Array<{ n: string }>)[0]!.n);
  expect(stories).toBeGreaterThan(5);
  await db.destroy();

  // The upgrade, as the new release's API does it at start.
  db = await openDatabase(url, 2);
  try {
    expect(await appliedMigrations(db)).toHaveLength(MIGRATIONS.length);
    const after = await columnChecksums(db);
    // Every table but the migrations log (which gains the new release's rows) keeps every value.
    delete before.migrations;
    for (const [table, columns] of Object.entries(before))
      for (const [column, sum] of Object.entries(columns))
        expect({ table, column, sum: after[table]?.[column] }).toEqual({ table, column, sum });
  } finally {
    await db.destroy();
  }
}, 120_000);
