import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows } from '../common/db.js';
import { BOSS_SCHEMA } from '../jobs/job-queue.js';
import { PUBLICATION_EVENTS, type StoryEvent, type StoryStateRow } from './story-events.js';

export { BOSS_SCHEMA } from '../jobs/job-queue.js';
/** The queue of story events (pg-boss, see JobQueue). */
export const STORY_EVENTS_QUEUE = 'story-events';

export interface OutboxLagRow {
  /** Due events waiting to be handled (created or retry, start_after passed). */
  due: number;
  /** Seconds since the oldest of them became due (0 when none). */
  lag_seconds: number;
}

/** Every SQL statement of the outbox that is not pg-boss's own. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Cancels, in the writer's transaction, every publication event of this story that is not done
   * yet (waiting, due, retrying, or being handled right now): a reschedule, a withdrawal or a
   * publish-now supersedes them. A handler that is running checks its job's state after locking
   * the story (see `jobCancelled`), so it sees this cancellation once the writer commits.
   */
  async supersedePublication(tx: EntityManager, storyId: string): Promise<number> {
    const cancelled = await rows<{ id: string }>(
      tx,
      `UPDATE ${BOSS_SCHEMA}.job SET state = 'cancelled', completed_on = now()
        WHERE name = $1 AND state < 'completed' AND data->>'storyId' = $2 AND data->>'type' = ANY($3::text[])
        RETURNING id`,
      [STORY_EVENTS_QUEUE, storyId, PUBLICATION_EVENTS],
    );
    return cancelled.length;
  }

  /** The story's state for an event's handler, share-locked until the handler's transaction ends (a writer waits for it). */
  async lockStory(tx: EntityManager, storyId: string): Promise<StoryStateRow | null> {
    const row = await one<StoryStateRow>(
      tx,
      `SELECT status, version, published_at, (status IN ('published','scheduled') AND published_at <= now()) AS is_public
         FROM stories WHERE id = $1 FOR SHARE`,
      [storyId],
    );
    return row ?? null;
  }

  /** True when the job was superseded (cancelled by a later write) or is gone. */
  async jobCancelled(tx: EntityManager, jobId: string): Promise<boolean> {
    const row = await one<{ state: string }>(tx, `SELECT state::text AS state FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = $2`, [
      STORY_EVENTS_QUEUE,
      jobId,
    ]);
    return !row || row.state === 'cancelled';
  }

  /** Records that `handler` handles this event; false when it already has (a redelivery). */
  async claim(tx: EntityManager, jobId: string, handler: string, event: StoryEvent): Promise<boolean> {
    const claimed = await rows<{ claimed: number }>(
      tx,
      `INSERT INTO outbox_deliveries (event_id, handler, event, story_id, handled_by, request_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
      [jobId, handler, event.type, event.storyId, `pid ${process.pid}`, event.requestId ?? null],
    );
    return claimed.length > 0;
  }

  /** How far the outbox is behind: due events not handled yet, and the age of the oldest one. */
  async lag(): Promise<OutboxLagRow> {
    const row = await one<{ due: string; lag_seconds: string | null }>(
      this.db,
      `SELECT count(*) AS due, extract(epoch FROM now() - min(start_after)) AS lag_seconds
         FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry') AND start_after <= now()`,
      [STORY_EVENTS_QUEUE],
    );
    return { due: Number(row?.due ?? 0), lag_seconds: Math.max(0, Number(row?.lag_seconds ?? 0)) };
  }
}
