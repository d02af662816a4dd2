import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { rows } from '../common/db.js';

/**
 * The public read side's repositories (public-stories, public-people, public-stations) run their
 * statements through this file: the body statements as named prepared statements on the pool
 * (publicRows / publicBody), the rest (old-slug lookups, feeds) through DataSource.query.
 * Each statement is a module function taking what runs SQL (the DataSource); the repository class
 * is the only way in (the API injects it; bench/src/explain.js constructs it over a stand-in).
 */
export type PublicDb = Pick<DataSource, 'query' | 'driver'>;

interface NamedQueryPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Statement names by text: one name per distinct text, as node-postgres requires. */
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `public-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a public read statement as a named prepared statement on node-postgres's pool: parsed and
 * planned once per connection instead of on every call, and without TypeORM's per-query runner
 * (measured by the benchmark harness, docs/performance.md). Falls back to `DataSource.query` when
 * the driver exposes no pool. For static statement texts only (a name per text is kept forever).
 */
export async function publicRows<T extends object>(db: PublicDb, text: string, values: unknown[]): Promise<T[]> {
  const pool = (db.driver as { master?: Partial<NamedQueryPool> }).master;
  if (typeof pool?.query === 'function') {
    return (await (pool as NamedQueryPool).query({ name: statementName(text), text, values })).rows as T[];
  }
  return rows<T>(db, text, values);
}

/** The `body` column of a public statement's single row, or null when it returned none. */
export async function publicBody(db: PublicDb, text: string, values: unknown[]): Promise<string | null> {
  const [row] = await publicRows<{ body: string }>(db, text, values);
  return row?.body ?? null;
}
