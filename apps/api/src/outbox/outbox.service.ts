import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { CONFIG, type Config } from '../config.js';
import type { StoryEvent } from './story-events.js';

export const STORY_EVENTS_QUEUE = 'story-events';

/** Listeners inside this process (e.g. the public read cache), called once per handled event. */
export type StoryEventListener = (event: StoryEvent) => void | Promise<void>;

/**
 * The transactional outbox, on pg-boss: events are enqueued with the same transaction as the
 * change (so a rolled-back change sends nothing), become due at `startAfter` (a scheduled story's
 * event waits for its publication instant), are fetched by exactly one worker across all API
 * processes (SKIP LOCKED), and retried after a crash or a failed delivery. Each handler records
 * the event id in outbox_deliveries in a transaction that commits only after it has acted, so a
 * redelivered event is skipped; only a crash between a webhook's answer and that commit can repeat
 * a webhook, which carries the event id (X-Newsdesk-Delivery) for receivers to drop duplicates.
 */
@Injectable()
export class OutboxService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('outbox');
  private readonly boss: PgBoss;
  private readonly listeners: StoryEventListener[] = [];

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly db: DataSource,
  ) {
    this.boss = new PgBoss({ connectionString: config.DATABASE_URL, schema: 'pgboss', max: 3, application_name: 'newsdesk-outbox', supervise: config.OUTBOX_WORKER, schedule: false });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'outbox error'));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(STORY_EVENTS_QUEUE, { name: STORY_EVENTS_QUEUE, retryLimit: 20, retryDelay: 2, retryBackoff: true, expireInSeconds: 60 });
    if (this.config.OUTBOX_WORKER) {
      await this.boss.work<StoryEvent>(STORY_EVENTS_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 20 }, async (jobs) => {
        for (const job of jobs) await this.handle(job.id, job.data);
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }

  onStoryEvent(listener: StoryEventListener): void {
    this.listeners.push(listener);
  }

  /** Enqueues inside the caller's transaction. */
  async enqueue(tx: EntityManager, event: StoryEvent, startAfter?: Date): Promise<void> {
    const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.query(text, values) }) };
    await this.boss.send(STORY_EVENTS_QUEUE, event, { db, ...(startAfter ? { startAfter } : {}) });
  }

  private async handle(jobId: string, event: StoryEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (await this.claim(tx, jobId, 'webhooks', event)) await this.deliverWebhooks(jobId, event);
    });
    for (const listener of this.listeners) await listener(event);
  }

  /** Records that `handler` handles this event; false when it already has (a redelivery). */
  private async claim(tx: EntityManager, jobId: string, handler: string, event: StoryEvent): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO outbox_deliveries (event_id, handler, event, story_id, handled_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [jobId, handler, event.type, event.storyId, `pid ${process.pid}`],
    );
    return rows.length > 0;
  }

  /** Throws when any endpoint fails, so the job is retried (the claim rolls back with it). */
  private async deliverWebhooks(jobId: string, event: StoryEvent): Promise<void> {
    const body = JSON.stringify({ id: jobId, ...event });
    const signature = this.config.WEBHOOK_SECRET ? createHmac('sha256', this.config.WEBHOOK_SECRET).update(body).digest('hex') : undefined;
    await Promise.all(this.config.WEBHOOK_URLS.map(async (url) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-newsdesk-event': event.type, 'x-newsdesk-delivery': jobId, ...(signature ? { 'x-newsdesk-signature': `sha256=${signature}` } : {}) },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`webhook ${url} answered ${response.status}`);
    }));
  }
}
