import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { exec, rows } from '../common/db.js';

/** The SQL of the readiness checks. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await exec(this.db, 'SELECT 1');
  }

  /** Names of the migrations recorded as applied in the database. */
  async appliedMigrations(): Promise<Set<string>> {
    const table = this.db.options.migrationsTableName ?? 'migrations';
    const applied = await rows<{ name: string }>(this.db, `SELECT name FROM ${this.db.driver.escape(table)}`);
    return new Set(applied.map((row) => row.name));
  }

  /** Names of the migrations this build knows, in order. */
  knownMigrations(): string[] {
    return this.db.migrations.map((migration) => migration.name ?? migration.constructor.name);
  }
}
