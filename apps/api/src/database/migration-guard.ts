import type { QueryRunner } from 'typeorm';

export class DataLossRefusedError extends Error {}

/**
 * Reverting a migration must never destroy newsroom data silently. Every `down` that drops a table
 * (or columns holding content) calls this first with what it would destroy: when any of them still
 * has rows, it throws, naming each table and its row count, and nothing is dropped (the runner's
 * transaction rolls back). Empty tables, triggers, indexes and derived columns revert freely.
 * To revert anyway: back the data up (pg_dump -t <table>), empty the tables, and run the revert again.
 */
export async function refuseIfData(db: QueryRunner, migration: string, tables: readonly string[]): Promise<void> {
  const holding: string[] = [];
  for (const table of tables) {
    const [exists] = (await db.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table])) as Array<{ present: boolean }>;
    if (!exists?.present) continue;
    const [row] = (await db.query(
      `SELECT count(*) AS n FROM (SELECT 1 FROM ${db.connection.driver.escape(table)} LIMIT 1000001) AS sample`,
    )) as Array<{ n: string }>;
    const n = Number(row?.n ?? 0);
    if (n > 0) holding.push(`${table} (${n > 1_000_000 ? 'over 1,000,000' : n.toLocaleString('en-US')} row${n === 1 ? '' : 's'})`);
  }
  if (holding.length) {
    throw new DataLossRefusedError(
      `Refusing to revert migration ${migration}: it would drop data in ${holding.join(', ')}. ` +
        `Back these tables up (pg_dump -t <table>) and empty them first if you really mean to lose it; nothing was changed.`,
    );
  }
}
