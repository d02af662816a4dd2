import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { exec, one } from '../common/db.js';

/** The channel the database announces public-content changes on (see the PublicCacheNotify migration). */
export const CACHE_CHANNEL = 'newsdesk_public_cache';

/** The public cache's statements: its LISTEN (on its own connection), the scheduled-publication probe, and its NOTIFY. */
@Injectable()
export class PublicCacheRepository {
  constructor(private readonly db: DataSource) {}

  /** On the cache's dedicated connection (a pg.Client, not the pool). */
  async listen(client: Pick<pg.Client, 'query'>): Promise<void> {
    await client.query(`LISTEN ${CACHE_CHANNEL}`);
  }

  /** Tells every process (this one included) that a scheduled story went live. */
  async notifyScheduled(): Promise<void> {
    await exec(this.db, `SELECT pg_notify($1, 'scheduled')`, [CACHE_CHANNEL]);
  }

  /** The next instant a scheduled story goes live, or null. */
  async nextPublication(): Promise<Date | null> {
    const row = await one<{ next: Date | null }>(
      this.db,
      `SELECT min(published_at) AS next FROM stories WHERE status = 'scheduled' AND published_at > now()`,
    );
    return row?.next ?? null;
  }
}
