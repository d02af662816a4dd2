import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/**
 * Transcripts: a story's turns as rows, so "every story in which this person speaks" is an indexed
 * query (transcript_turns_person_idx), not a JSON scan. The table design is fixed (the benchmark
 * harness generates rows into it directly); see docs/transcripts.md.
 *
 * `rendered_label` is the broadcast label as the public sees it ('LUCIAN KIM, BYLINE', then
 * 'KIM'; no colon), computed with the contracts' renderTranscript on every save of the story's
 * transcript and recomputed when a person in it is renamed or merged, so the public read path
 * stays one SQL statement with no rendering.
 */
export class Transcripts1764600000000 implements MigrationInterface {
  name = 'Transcripts1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE transcript_turns (
        story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        position integer NOT NULL,
        person_id uuid REFERENCES people (id),
        unidentified text,
        unidentified_number integer,
        role text,
        title text,
        annotation text,
        text text,
        cue text,
        label text,
        rendered_label text,
        PRIMARY KEY (story_id, position),
        CHECK ((cue IS NULL) <> (text IS NULL))
      )`);
    await db.query(`CREATE INDEX transcript_turns_person_idx ON transcript_turns (person_id, story_id) WHERE person_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['transcript_turns']);
    await db.query(`DROP TABLE transcript_turns`);
  }
}
