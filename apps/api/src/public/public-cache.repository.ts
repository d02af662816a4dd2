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

  /**
   * The next instant a public output changes by itself, or null: a scheduled story goes live, or an
   * availability window of audio used by a live or scheduled story opens or closes (audio-live.ts).
   */
  async nextPublication(): Promise<Date | null> {
    const row = await one<{ next: Date | null }>(
      this.db,
      `SELECT least(
         (SELECT min(published_at) FROM stories WHERE status = 'scheduled' AND published_at > now()),
         (SELECT min(t) FROM audio_assets a
                 CROSS JOIN LATERAL (VALUES (a.available_from), (a.available_until)) w(t)
           WHERE t > now() AND EXISTS (SELECT 1 FROM story_audio sa JOIN stories s ON s.id = sa.story_id
                                        WHERE sa.asset_id = a.id AND s.status IN ('published','scheduled')))) AS next`,
    );
    return row?.next ?? null;
  }
}
