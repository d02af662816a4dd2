#!/usr/bin/env node
// Backup and restore of a Newsdesk installation: the database (pg_dump custom format, restored
// with pg_restore) and the media/audio storage directory (MEDIA_DIR: uploaded images, their
// renditions, audio and its encodes), with a manifest of row counts and checksums of every table
// and the size and SHA-256 of every stored file. A restore is verified against that manifest.
//
//   DATABASE_URL=... MEDIA_DIR=... npm run backup  [-- --out backups/]      -> backups/newsdesk-<time>/
//   DATABASE_URL=... MEDIA_DIR=... npm run restore -- backups/newsdesk-<time>
//
// restore refuses a database that already has tables, and a MEDIA_DIR that is not empty (restore
// into a fresh one, then point the API at it). With S3 media storage (S3_BUCKET), back up the bucket
// with the provider's tools (versioning, replication); MEDIA_DIR is then not used.
// pg_dump must be at least the server's major version: PG_BIN names the directory of the right
// client binaries (e.g. /usr/lib/postgresql/16/bin); without it the newest found is used.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MANIFEST = 'manifest.json';
const DUMP = 'database.dump';

/** The client binary `name` (pg_dump, pg_restore) able to talk to a server of `serverMajor`. */
export function pgTool(name, serverMajor) {
  const dirs = [];
  if (process.env.PG_BIN) dirs.push(process.env.PG_BIN);
  if (existsSync('/usr/lib/postgresql'))
    for (const version of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)))
      dirs.push(`/usr/lib/postgresql/${version}/bin`);
  const candidates = [...dirs.map((dir) => path.join(dir, name)).filter((file) => existsSync(file)), name];
  const found = [];
  for (const candidate of candidates) {
    const result = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (result.status !== 0) continue;
    const major = Number(/(\d+)(?:\.\d+)?/.exec(result.stdout.replace(/^[^\d]*/, ''))?.[1]);
    found.push(`${candidate} (${major})`);
    if (major >= serverMajor) return { path: candidate, major };
  }
  throw new Error(
    `${name} for a PostgreSQL ${serverMajor} server was not found (${found.length ? `found: ${found.join(', ')}` : `no ${name} installed`}). ` +
      `${name} must be at least the server's major version: install postgresql-client-${serverMajor} and/or set PG_BIN to its bin directory.`,
  );
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quote = (name) => `"${name.replaceAll('"', '""')}"`;

/** Row count and an order-independent checksum of every table outside the system schemas. */
export async function tableManifest(url) {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1, 2`,
    );
    const tables = {};
    for (const { schema, name } of rows) {
      const table = `${quote(schema)}.${quote(name)}`;
      const {
        rows: [row],
      } = await client.query(
        `SELECT count(*)::bigint AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS checksum
           FROM (SELECT md5(t::text) AS h FROM ${table} t) hashed`,
      );
      tables[`${schema}.${name}`] = { rows: Number(row.rows), checksum: row.checksum };
    }
    const {
      rows: [server],
    } = await client.query(`SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS version`);
    return { tables, serverMajor: Math.floor(server.num / 10000), serverVersion: server.version };
  });
}

async function sha256(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

/** Size and SHA-256 of every file under `dir` (relative paths, sorted). */
export async function fileManifest(dir) {
  const files = {};
  if (!existsSync(dir)) return files;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const list = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
  for (const file of list) {
    const full = path.join(dir, file);
    files[file.split(path.sep).join('/')] = { bytes: (await stat(full)).size, sha256: await sha256(full) };
  }
  return files;
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed (exit ${result.status}): ${result.stderr.trim()}`);
  return result;
}

/** Compares two manifests; returns the list of differences (empty: equal). */
export function compareManifests(expected, actual) {
  const differences = [];
  for (const kind of ['tables', 'files']) {
    const names = new Set([...Object.keys(expected[kind]), ...Object.keys(actual[kind])]);
    for (const name of [...names].sort()) {
      const a = JSON.stringify(expected[kind][name] ?? null);
      const b = JSON.stringify(actual[kind][name] ?? null);
      if (a !== b) differences.push(`${kind === 'tables' ? 'table' : 'file'} ${name}: backed up ${a}, restored ${b}`);
    }
  }
  return differences;
}

export async function backup({ databaseUrl, mediaDir, outDir }) {
  const { tables, serverMajor, serverVersion } = await tableManifest(databaseUrl);
  const pgDump = pgTool('pg_dump', serverMajor);
  const target = path.join(outDir, `newsdesk-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(target, { recursive: true });
  // Custom format: compressed, restorable table by table; no owners or privileges (restore as any role).
  run(pgDump.path, ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(target, DUMP)}`, `--dbname=${databaseUrl}`]);
  if (existsSync(mediaDir)) await cp(mediaDir, path.join(target, 'media'), { recursive: true });
  const files = await fileManifest(path.join(target, 'media'));
  const sourceFiles = await fileManifest(mediaDir);
  const changed = compareManifests({ tables: {}, files: sourceFiles }, { tables: {}, files });
  if (changed.length) throw new Error(`media changed while it was copied (run the backup again): ${changed.slice(0, 3).join('; ')}`);
  // Table checksums again after the dump: a write during the backup shows as a difference.
  const after = await tableManifest(databaseUrl);
  const moved = compareManifests({ tables, files: {} }, { tables: after.tables, files: {} });
  const manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    server: serverVersion,
    pgDump: pgDump.major,
    dump: { file: DUMP, bytes: (await stat(path.join(target, DUMP))).size, sha256: await sha256(path.join(target, DUMP)) },
    // The dump is one consistent snapshot; the manifest is the state after it when writes went on meanwhile.
    writesDuringBackup: moved.length,
    tables: after.tables,
    files,
  };
  await writeFile(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir: target, manifest };
}

export async function restore({ databaseUrl, mediaDir, fromDir }) {
  const manifest = JSON.parse(await readFile(path.join(fromDir, MANIFEST), 'utf8'));
  const dumpFile = path.join(fromDir, manifest.dump.file);
  if ((await sha256(dumpFile)) !== manifest.dump.sha256) throw new Error(`${dumpFile} does not match its checksum in the manifest`);
  const existing = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n, current_setting('server_version_num')::int AS num FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    return rows[0];
  });
  if (existing.n > 0) throw new Error(`the target database already has ${existing.n} tables: restore into a new, empty database`);
  if (existsSync(mediaDir) && (await readdir(mediaDir)).length > 0)
    throw new Error(`MEDIA_DIR ${mediaDir} is not empty: restore into a new directory`);
  const pgRestore = pgTool('pg_restore', Math.floor(existing.num / 10000));
  run(pgRestore.path, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${databaseUrl}`, dumpFile]);
  await mkdir(mediaDir, { recursive: true });
  if (existsSync(path.join(fromDir, 'media'))) await cp(path.join(fromDir, 'media'), mediaDir, { recursive: true });
  const { tables } = await tableManifest(databaseUrl);
  const files = await fileManifest(mediaDir);
  const differences = manifest.writesDuringBackup ? [] : compareManifests(manifest, { tables, files });
  if (manifest.writesDuringBackup) differences.push(...compareManifests({ tables: {}, files: manifest.files }, { tables: {}, files }));
  return { manifest, tables, files, differences };
}

async function cli() {
  const [command, ...args] = process.argv.slice(2);
  const databaseUrl = process.env.DATABASE_URL;
  const mediaDir = path.resolve(process.env.MEDIA_DIR || '.data/media');
  if (!databaseUrl || !['backup', 'restore'].includes(command)) {
    console.error('usage: DATABASE_URL=postgres://... [MEDIA_DIR=dir] node scripts/backup.mjs backup [--out dir] | restore <backup dir>');
    process.exit(2);
  }
  if (command === 'backup') {
    const outIndex = args.indexOf('--out');
    const outDir = path.resolve(outIndex >= 0 ? args[outIndex + 1] : 'backups');
    const { dir, manifest } = await backup({ databaseUrl, mediaDir, outDir });
    const rows = Object.values(manifest.tables).reduce((sum, table) => sum + table.rows, 0);
    console.log(`backup written to ${dir}`);
    console.log(
      `  ${Object.keys(manifest.tables).length} tables, ${rows} rows; ${Object.keys(manifest.files).length} media files; dump ${manifest.dump.bytes} bytes`,
    );
    if (manifest.writesDuringBackup)
      console.log(`  note: ${manifest.writesDuringBackup} tables changed during the backup (the dump is a consistent snapshot)`);
  } else {
    const fromDir = path.resolve(args[0] ?? '');
    const { tables, files, differences } = await restore({ databaseUrl, mediaDir, fromDir });
    if (differences.length) {
      console.error(`restored, but ${differences.length} differences from the manifest:\n  ${differences.join('\n  ')}`);
      process.exit(1);
    }
    console.log(
      `restored and verified: ${Object.keys(tables).length} tables and ${Object.keys(files).length} media files equal to the manifest`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  cli().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
