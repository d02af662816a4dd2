import type { DataSource } from 'typeorm';

/** The applied migrations' names, oldest first. */
export async function appliedMigrations(db: DataSource): Promise<string[]> {
  return ((await db.query(`SELECT name FROM migrations ORDER BY id`)) as Array<{ name: string }>).map((row) => row.name);
}

/**
 * Reverts the migrations applied after `name` (newest first), so that `name` is the last one applied:
 * a test of one migration's `down` keeps working when later migrations are added.
 */
export async function revertMigrationsAfter(db: DataSource, name: string): Promise<void> {
  for (;;) {
    const last = (await appliedMigrations(db)).at(-1);
    if (last === name) return;
    if (last === undefined) throw new Error(`Migration ${name} is not applied`);
    await db.undoLastMigration({ transaction: 'each' });
  }
}
