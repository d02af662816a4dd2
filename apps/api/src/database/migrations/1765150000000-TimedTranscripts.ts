import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataLossRefusedError } from '../migration-guard.js';

/**
 * Timed transcripts (issue 19): a turn may carry its start and end in milliseconds into the
 * story's primary audio, and sentence marks (`[{at, ms}]`: character offset of the turn's text
 * spoken at ms) kept from an import's word timings. Owned by the transcripts feature; the rules
 * (start < end, starts in order, inside the audio) are checked on write (contracts' timingProblems
 * and the API's audio check), the CHECKs below hold the per-row part.
 */
export class TimedTranscripts1765150000000 implements MigrationInterface {
  name = 'TimedTranscripts1765150000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE transcript_turns
        ADD COLUMN start_ms integer,
        ADD COLUMN end_ms integer,
        ADD COLUMN marks jsonb,
        ADD CONSTRAINT transcript_turns_times_check CHECK (
          (start_ms IS NULL) = (end_ms IS NULL) AND (start_ms IS NULL OR (start_ms >= 0 AND start_ms < end_ms))
          AND (marks IS NULL OR (start_ms IS NOT NULL AND jsonb_typeof(marks) = 'array')))`);
  }

  async down(db: QueryRunner): Promise<void> {
    const [row] = (await db.query(`SELECT count(*) AS n FROM transcript_turns WHERE start_ms IS NOT NULL`)) as Array<{ n: string }>;
    const n = Number(row?.n ?? 0);
    if (n > 0)
      throw new DataLossRefusedError(
        `Refusing to revert migration ${this.name}: it would drop the times of ${n.toLocaleString('en-US')} transcript turn${n === 1 ? '' : 's'}. ` +
          `Back them up (pg_dump -t transcript_turns) and clear start_ms/end_ms/marks first if you really mean to lose them; nothing was changed.`,
      );
    await db.query(
      `ALTER TABLE transcript_turns DROP CONSTRAINT transcript_turns_times_check, DROP COLUMN marks, DROP COLUMN end_ms, DROP COLUMN start_ms`,
    );
  }
}
