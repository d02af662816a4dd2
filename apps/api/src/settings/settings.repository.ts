import { Injectable } from '@nestjs/common';
import type { NewsroomSettings, UnverifiedSpellingRule } from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { iso } from '../common/sql.js';
import { one, type Db } from '../common/db.js';

export interface SettingsRow {
  unverified_spellings: UnverifiedSpellingRule;
  version: number;
  updated_at: string;
}

const COLUMNS = `unverified_spellings, version, ${iso('updated_at')} AS updated_at`;

export const settingsOf = (row: SettingsRow): NewsroomSettings => ({
  unverifiedSpellings: row.unverified_spellings,
  version: row.version,
  updatedAt: row.updated_at,
});

/** The one row of `newsroom_settings` (migration 1765250000000-TranscriptSpellings). */
@Injectable()
export class SettingsRepository {
  constructor(private readonly db: DataSource) {}

  async get(db: Db = this.db): Promise<SettingsRow> {
    const row = await one<SettingsRow>(db, `SELECT ${COLUMNS} FROM newsroom_settings`);
    if (!row) throw new Error('newsroom_settings has no row (migration 1765250000000-TranscriptSpellings inserts it)');
    return row;
  }

  lock(tx: EntityManager): Promise<SettingsRow | undefined> {
    return one<SettingsRow>(tx, `SELECT ${COLUMNS} FROM newsroom_settings FOR UPDATE`);
  }

  async update(tx: EntityManager, rule: UnverifiedSpellingRule, userId: string): Promise<SettingsRow> {
    const row = await one<SettingsRow>(
      tx,
      `UPDATE newsroom_settings SET unverified_spellings = $1, version = version + 1, updated_at = now(), updated_by = $2 RETURNING ${COLUMNS}`,
      [rule, userId],
    );
    if (!row) throw new Error('newsroom_settings has no row');
    return row;
  }
}
