import type { EntityManager } from 'typeorm';
import { NotFoundError, StaleVersionError } from '../common/errors.js';

export type ScheduleTable = 'stations' | 'programs' | 'segments' | 'recurrences';

/**
 * The versioned write path's first step, for the schedule's tables: SELECT ... FOR UPDATE of the
 * row at `version` inside the caller's transaction; 404 when missing, 409 with the current version
 * when stale.
 */
export async function lockVersioned<T extends { version: number }>(
  tx: EntityManager,
  table: ScheduleTable,
  id: string,
  version: number,
  what: string,
): Promise<T> {
  const [row]: T[] = await tx.query(`SELECT * FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!row) throw new NotFoundError(what.charAt(0).toUpperCase() + what.slice(1));
  if (row.version !== version) throw new StaleVersionError(what, row.version);
  return row;
}

/** `UPDATE <table> SET <changes>, version = version + 1 ...` from { column: value }; returns the new row. */
export async function updateVersioned<T>(tx: EntityManager, table: ScheduleTable, id: string, changes: Record<string, unknown>, actorId: string): Promise<T> {
  const entries = Object.entries(changes);
  const sets = entries.map(([column], i) => `${column} = $${i + 3}`);
  const [rows]: [T[], number] = await tx.query(
    `UPDATE ${table} SET ${[...sets, 'version = version + 1', 'updated_at = now()', 'updated_by = $2'].join(', ')} WHERE id = $1 RETURNING *`,
    [id, actorId, ...entries.map(([, value]) => value)],
  );
  return rows[0]!;
}

/** Only the entries whose value is not undefined, renamed from API fields to columns. */
export function columnsOf(input: Record<string, unknown>, columns: Record<string, string>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns)) {
    if (input[field] !== undefined) changes[column] = input[field];
  }
  return changes;
}

/** Is this a PostgreSQL error with this SQLSTATE (through TypeORM's QueryFailedError or raw)? */
export function isPgError(error: unknown, code: string): boolean {
  const driver = (error as { driverError?: { code?: string }; code?: string } | null);
  return driver?.driverError?.code === code || driver?.code === code;
}
