import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request id (X-Request-Id) of the HTTP request behind each audit entry and each outbox
 * delivery (issue 17 item 4): a log line, an audit row and a webhook of one request share it.
 * Nullable: rows written before, and by workers or the CLI, have none. The down migration drops
 * only these columns (the ids are diagnostics, no record depends on them).
 */
export class RequestIds1765220000000 implements MigrationInterface {
  name = 'RequestIds1765220000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_entries ADD COLUMN request_id text CHECK (char_length(request_id) <= 64)`);
    await db.query(`ALTER TABLE outbox_deliveries ADD COLUMN request_id text CHECK (char_length(request_id) <= 64)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox_deliveries DROP COLUMN request_id`);
    await db.query(`ALTER TABLE audit_entries DROP COLUMN request_id`);
  }
}
