import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one way SQL is run outside migrations: from a `<feature>.repository.ts`, through these
 * helpers, with the row type named at the call. Anything that runs SQL: the DataSource or a
 * transaction's EntityManager.
 */
export type Db = Pick<DataSource, 'query'> | Pick<EntityManager, 'query'>;

/** TypeORM answers UPDATE/DELETE (... RETURNING) with `[rows, affectedCount]` and SELECT/INSERT with rows. */
function rowsOf(result: unknown): unknown[] {
  if (!Array.isArray(result)) return [];
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as unknown[];
  return result;
}

/** One statement's rows, typed as `Row` (the repository states the shape its SQL returns). */
export async function rows<Row extends object>(db: Db, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  return rowsOf(await db.query(sql, [...params])) as Row[];
}

/** The first row, or undefined. */
export async function one<Row extends object>(db: Db, sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
  return (await rows<Row>(db, sql, params))[0];
}

/** A statement whose rows nobody reads (INSERT/UPDATE/DELETE without RETURNING, NOTIFY, locks). */
export async function exec(db: Db, sql: string, params: readonly unknown[] = []): Promise<void> {
  await db.query(sql, [...params]);
}
