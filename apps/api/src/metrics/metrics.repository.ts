import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one } from '../common/db.js';
import { BOSS_SCHEMA } from '../jobs/job-queue.js';
import { STORY_EVENTS_QUEUE } from '../outbox/outbox.repository.js';

export interface OutboxStateRow {
  due: number;
  lag_seconds: number;
  failed: number;
}

/** The SQL behind the gauges read at scrape time. */
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: DataSource) {}

  /** Due story events not handled yet, the age of the oldest, and events that gave up (pg-boss `failed`). */
  async outbox(): Promise<OutboxStateRow> {
    const row = await one<{ due: string; lag_seconds: string | null; failed: string }>(
      this.db,
      `SELECT count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()) AS due,
              extract(epoch FROM now() - min(start_after) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())) AS lag_seconds,
              count(*) FILTER (WHERE state = 'failed') AS failed
         FROM ${BOSS_SCHEMA}.job WHERE name = $1`,
      [STORY_EVENTS_QUEUE],
    );
    return {
      due: Number(row?.due ?? 0),
      lag_seconds: Math.max(0, Number(row?.lag_seconds ?? 0)),
      failed: Number(row?.failed ?? 0),
    };
  }
}
