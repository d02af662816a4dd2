import type { MigrationInterface, QueryRunner } from 'typeorm';
import { encodeRevision, replay, type Delta, type JsonValue } from '../../stories/revision-delta.js';

type Stored = { n: number; snapshot: JsonValue | null; delta: Delta | null };

/**
 * Revisions as keyframes and deltas (issue #16): `snapshot` becomes nullable, `delta` holds what
 * changed since the previous revision (stories/revision-delta.ts), exactly one of the two is set.
 * Existing full snapshots are rewritten story by story with the same rule new revisions follow
 * (a keyframe every KEYFRAME_EVERY revisions, a delta when it is under half the snapshot); `down`
 * replays the deltas back into full snapshots, so nothing is lost either way.
 */
export class RevisionDeltas1765230000000 implements MigrationInterface {
  name = 'RevisionDeltas1765230000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE story_revisions
        ALTER COLUMN snapshot DROP NOT NULL,
        ADD COLUMN delta jsonb,
        ADD CONSTRAINT story_revisions_snapshot_or_delta CHECK ((snapshot IS NULL) <> (delta IS NULL))`);
    const stories = (await db.query(`SELECT story_id FROM story_revisions GROUP BY story_id HAVING count(*) > 1`)) as Array<{
      story_id: string;
    }>;
    for (const { story_id } of stories) {
      const revisions = (await db.query(`SELECT n, snapshot FROM story_revisions WHERE story_id = $1 ORDER BY n`, [story_id])) as Stored[];
      let previous: JsonValue | undefined;
      for (const revision of revisions) {
        const stored = encodeRevision(revision.n, previous, revision.snapshot as JsonValue);
        if (stored.delta)
          await db.query(`UPDATE story_revisions SET snapshot = NULL, delta = $3 WHERE story_id = $1 AND n = $2`, [
            story_id,
            revision.n,
            JSON.stringify(stored.delta),
          ]);
        previous = revision.snapshot as JsonValue;
      }
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE story_revisions DROP CONSTRAINT story_revisions_snapshot_or_delta`);
    const stories = (await db.query(`SELECT DISTINCT story_id FROM story_revisions WHERE delta IS NOT NULL`)) as Array<{
      story_id: string;
    }>;
    for (const { story_id } of stories) {
      const revisions = (await db.query(`SELECT n, snapshot, delta FROM story_revisions WHERE story_id = $1 ORDER BY n`, [
        story_id,
      ])) as Stored[];
      const chain: Stored[] = [];
      for (const revision of revisions) {
        chain.push(revision);
        if (revision.delta)
          await db.query(`UPDATE story_revisions SET snapshot = $3 WHERE story_id = $1 AND n = $2`, [
            story_id,
            revision.n,
            JSON.stringify(replay(chain)),
          ]);
      }
    }
    await db.query(`
      ALTER TABLE story_revisions
        DROP COLUMN delta,
        ALTER COLUMN snapshot SET NOT NULL`);
  }
}
