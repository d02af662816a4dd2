import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataLossRefusedError } from '../migration-guard.js';

/**
 * Embargo (issue 15 item 3, docs/embargo.md): `stories.embargo_until`, stored like published_at
 * (timestamptz(3)), and the invariant the public read rule rests on: a published or scheduled story
 * is never published before its embargo. With it, LIVE_SQL (`published_at <= now()`) hides an
 * embargoed story to the second on every public output without knowing embargoes exist.
 */
export class Embargo1765100000000 implements MigrationInterface {
  name = 'Embargo1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE stories ADD COLUMN embargo_until timestamptz(3)`);
    await db.query(`ALTER TABLE stories ADD CONSTRAINT stories_embargo_check
      CHECK (embargo_until IS NULL OR status NOT IN ('published','scheduled') OR published_at >= embargo_until)`);
  }

  /** Refuses while an embargo is still ahead: without it, a draft could be published before its embargo. */
  async down(db: QueryRunner): Promise<void> {
    const [row] = (await db.query(`SELECT count(*)::int AS n FROM stories WHERE embargo_until > now()`)) as Array<{ n: number }>;
    if ((row?.n ?? 0) > 0)
      throw new DataLossRefusedError(
        `Refusing to revert migration ${this.name}: ${row?.n} stories are embargoed until a future instant (stories.embargo_until). ` +
          `Lift those embargoes first if you really mean to lose them; nothing was changed.`,
      );
    await db.query(`ALTER TABLE stories DROP CONSTRAINT stories_embargo_check`);
    await db.query(`ALTER TABLE stories DROP COLUMN embargo_until`);
  }
}
