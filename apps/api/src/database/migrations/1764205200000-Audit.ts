import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

export class Audit1764205200000 implements MigrationInterface {
  name = 'Audit1764205200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_entries (
        id bigserial PRIMARY KEY,
        at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        actor_email text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        diff jsonb NOT NULL DEFAULT '{}',
        ip text
      )`);
    await db.query(`CREATE INDEX audit_at_idx ON audit_entries (at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_entity_idx ON audit_entries (entity, entity_id, at DESC)`);
    await db.query(`CREATE INDEX audit_actor_idx ON audit_entries (actor_id, at DESC)`);
    await db.query(`CREATE INDEX audit_action_idx ON audit_entries (action, at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['audit_entries']);
    await db.query('DROP TABLE audit_entries');
  }
}
