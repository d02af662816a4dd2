import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataLossRefusedError, refuseIfData } from '../migration-guard.js';

/**
 * The "(ph)" desk (issue 19 item 4). `transcript_turns.spellings`: the turn's spelling spans
 * (`[{at, end, verified, note, verifiedBy, verifiedByName, verifiedAt}]`, contracts' spellings.ts);
 * `public_text`: the turn's text as the public reads it (" (ph)" after each unverified span), set on
 * every write, NULL when the turn has no unverified span, so "the turns with unverified spellings"
 * is the partial index below (the desk queue and the publish check). `newsroom_settings`: one row
 * of newsroom-wide settings; `unverified_spellings` decides whether unverified spellings block
 * publishing ('block') or print "(ph)" in public outputs ('render', the default).
 * `transcript_speaker_memory`: per program, which person an imported label the registry cannot
 * resolve by name (a diarized SPEAKER_00) was mapped to by the editor, offered first next time.
 */
export class TranscriptSpellings1765250000000 implements MigrationInterface {
  name = 'TranscriptSpellings1765250000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE transcript_turns
        ADD COLUMN spellings jsonb,
        ADD COLUMN public_text text,
        ADD CONSTRAINT transcript_turns_spellings_check CHECK (
          (spellings IS NULL OR (jsonb_typeof(spellings) = 'array' AND cue IS NULL)) AND (public_text IS NULL OR spellings IS NOT NULL))`);
    await db.query(`CREATE INDEX transcript_turns_unverified_idx ON transcript_turns (story_id, position) WHERE public_text IS NOT NULL`);
    await db.query(`
      CREATE TABLE newsroom_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        unverified_spellings text NOT NULL DEFAULT 'render' CHECK (unverified_spellings IN ('render', 'block')),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL)`);
    await db.query(`INSERT INTO newsroom_settings (id) VALUES (true)`);
    await db.query(`
      CREATE TABLE transcript_speaker_memory (
        program_id uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        last_used_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (program_id, label, person_id))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['transcript_speaker_memory']);
    const [row] = (await db.query(
      `SELECT (SELECT count(*) FROM transcript_turns WHERE spellings IS NOT NULL) AS n,
              (SELECT count(*) FROM newsroom_settings WHERE unverified_spellings <> 'render') AS changed`,
    )) as Array<{ n: string; changed: string }>;
    const n = Number(row?.n ?? 0);
    if (n > 0 || Number(row?.changed ?? 0) > 0)
      throw new DataLossRefusedError(
        `Refusing to revert migration ${this.name}: it would drop ${n > 0 ? `the spelling marks of ${n.toLocaleString('en-US')} transcript turn${n === 1 ? '' : 's'}` : 'the newsroom setting for unverified spellings'}. ` +
          `Back them up (pg_dump -t transcript_turns -t newsroom_settings), clear transcript_turns.spellings and reset the setting to 'render' first if you really mean to lose them; nothing was changed.`,
      );
    await db.query(`DROP TABLE transcript_speaker_memory`);
    await db.query(`DROP TABLE newsroom_settings`);
    await db.query(`DROP INDEX transcript_turns_unverified_idx`);
    await db.query(
      `ALTER TABLE transcript_turns DROP CONSTRAINT transcript_turns_spellings_check, DROP COLUMN public_text, DROP COLUMN spellings`,
    );
  }
}
