import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The SQL of the readiness checks. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** Names of the migrations recorded as applied in the database. */
  async appliedMigrations(): Promise<Set<string>> {
    const table = this.db.options.migrationsTableName ?? 'migrations';
    const rows: Array<{ name: string }> = await this.db.query(`SELECT name FROM ${this.db.driver.escape(table)}`);
    return new Set(rows.map((row) => row.name));
  }

  /** Names of the migrations this build knows, in order. */
  knownMigrations(): string[] {
    return this.db.migrations.map((migration) => migration.name ?? migration.constructor.name);
  }
}
