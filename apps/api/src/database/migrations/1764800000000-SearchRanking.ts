import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A small second search vector, headline (A) and teaser (B) only, kept in the row. Ranking every
 * match of a common word on the full vector (`search`, ~3 KB with the body and transcript, stored
 * out of line) read each match's TOASTed vector: 7,000 matches at 100,000 stories cost 120-600 ms.
 * Search now orders all matches by this vector (cheap: it is in the heap row), then ranks only the
 * best of them on the full one (stories/story-search.ts).
 */
export class SearchRanking1764800000000 implements MigrationInterface {
  name = 'SearchRanking1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE stories ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', headline), 'A') ||
        setweight(to_tsvector('english', teaser), 'B')) STORED`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE stories DROP COLUMN search_head');
  }
}
