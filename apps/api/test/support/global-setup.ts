/**
 * Provides a PostgreSQL server for the run: TEST_DATABASE_URL or DATABASE_URL when set (CI uses the
 * machine's server), else an embedded one started here and stopped in global-teardown.
 * Each test file then creates its own database on that server (see app.ts).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const root = resolve(import.meta.dirname, '../../../..');
  const { startEmbeddedPostgres } = await import(join(root, 'scripts/lib/postgres.mjs'));
  mkdirSync(join(root, '.data'), { recursive: true });
  const dataDir = mkdtempSync(join(root, '.data/jest-postgres-'));
  const server = await startEmbeddedPostgres({ dataDir, persistent: false });
  process.env.TEST_DATABASE_URL = server.url;
  (globalThis as { __embeddedPostgres?: { stop(): Promise<void> } }).__embeddedPostgres = server;
}
