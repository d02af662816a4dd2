import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequestId } from '../common/logger.js';
import { CONFIG, type Config } from '../config.js';
import { DistributionRepository } from '../distribution/distribution.repository.js';
import { JobQueue } from '../jobs/job-queue.js';
import { OutboxRepository, STORY_EVENTS_QUEUE } from './outbox.repository.js';
import { eventVerdict, type StoryEvent } from './story-events.js';

export { STORY_EVENTS_QUEUE } from './outbox.repository.js';

/**
 * Stories of one batch handled at once (each a transaction on the API's pool of 10, shared with the
 * readers): one at a time, a storm of 100 drained at ~9 events/s with both processes busy serving
 * readers (docs/performance.md, "Publish storm").
 */
const BATCH_CONCURRENCY = 4;

/**
 * Listeners inside this process (e.g. the public read cache), called once per batch of handled
 * events with the events it delivered (never empty): a publish storm of 1,000 stories is ~50 calls,
 * not 1,000 (docs/performance.md, "Publish storm").
 */
export type StoryEventListener = (events: StoryEvent[]) => void | Promise<void>;

/**
 * The transactional outbox, on pg-boss: events are enqueued with the same transaction as the
 * change (so a rolled-back change sends nothing), become due at `startAfter` (a scheduled story's
 * event waits for its publication instant), are fetched by exactly one worker across all API
 * processes (SKIP LOCKED), and retried after a crash or a failed delivery. Each handler records
 * the event id in outbox_deliveries in a transaction that commits only after it has acted, so a
 * redelivered event is skipped; only a crash between a webhook's answer and that commit can repeat
 * a webhook, which carries the event id (X-Newsdesk-Delivery) for receivers to drop duplicates.
 *
 * An event is delivered only if it still describes the story when it runs: the handler share-locks
 * the story row, skips a job a later write cancelled (`supersede`), and checks the event against
 * the story's state (`eventVerdict`). A write that changes a story's publication cancels its earlier
 * publication events in its own transaction, so a reschedule or a withdrawal never lets the old
 * time fire. While the database is down the worker keeps polling (pg-boss logs each failed fetch)
 * and resumes by itself.
 */
@Injectable()
export class OutboxService implements OnModuleInit {
  private readonly logger = new Logger('outbox');
  private readonly listeners: StoryEventListener[] = [];

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly db: DataSource,
    private readonly repository: OutboxRepository,
    private readonly jobs: JobQueue,
    private readonly distribution: DistributionRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.createQueue(STORY_EVENTS_QUEUE, {
      retryLimit: 20,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: 60,
    });
    if (this.jobs.workers) {
      await this.jobs.boss.work<StoryEvent>(STORY_EVENTS_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 20 }, (jobs) =>
        this.handleBatch(jobs),
      );
    }
  }

  onStoryEvent(listener: StoryEventListener): void {
    this.listeners.push(listener);
  }

  /** Cancels the story's publication events not yet handled, inside the caller's transaction. */
  async supersede(tx: EntityManager, storyId: string): Promise<number> {
    await this.distribution.supersede(tx, storyId);
    return this.repository.supersedePublication(tx, storyId);
  }

  /**
   * Enqueues inside the caller's transaction: the event, and one delivery per enabled distribution
   * destination, due at the same instant (docs/distribution.md).
   */
  async enqueue(tx: EntityManager, event: StoryEvent, startAfter?: Date): Promise<void> {
    const requestId = event.requestId ?? currentRequestId() ?? undefined;
    await this.jobs.send(STORY_EVENTS_QUEUE, requestId ? { ...event, requestId } : event, startAfter ? { startAfter } : {}, tx);
    await this.distribution.enqueue(tx, event, startAfter ?? null);
  }

  /**
   * A batch from pg-boss: its stories' events are handled BATCH_CONCURRENCY stories at a time (each
   * story's own events one after the other, in the batch's order), so a publish storm does not
   * wait for each event's round trips in turn; then the listeners are told once, with every
   * delivered event, also when a job threw (that error then fails the batch: pg-boss retries its
   * jobs, and those already handled are skipped by the ledger, see `claim`).
   */
  private async handleBatch(jobs: Array<{ id: string; data: StoryEvent }>): Promise<void> {
    const byStory = new Map<string, Array<{ id: string; data: StoryEvent }>>();
    for (const job of jobs) byStory.set(job.data.storyId, [...(byStory.get(job.data.storyId) ?? []), job]);
    const groups = [...byStory.values()];
    const delivered: StoryEvent[] = [];
    const failures: unknown[] = [];
    let next = 0;
    try {
      await Promise.all(
        Array.from({ length: Math.min(BATCH_CONCURRENCY, groups.length) }, async () => {
          while (next < groups.length && failures.length === 0) {
            for (const job of groups[next++] ?? []) {
              try {
                if (await this.handle(job.id, job.data)) delivered.push(job.data);
              } catch (error) {
                failures.push(error);
                return;
              }
            }
          }
        }),
      );
    } finally {
      if (delivered.length) for (const listener of this.listeners) await listener(delivered);
    }
    if (failures.length) throw failures[0];
  }

  /** True when the event was delivered (its listeners are then told, once per batch). */
  private async handle(jobId: string, event: StoryEvent): Promise<boolean> {
    const delivered = await this.db.transaction(async (tx) => {
      // Lock first: a writer superseding this job commits before we read the job's state.
      const story = await this.repository.lockStory(tx, event.storyId);
      if (await this.repository.jobCancelled(tx, jobId)) return false;
      const verdict = eventVerdict(event, story);
      if (verdict === 'not_yet') throw new Error(`${event.type} for story ${event.storyId} is not due yet: retrying`);
      if (verdict === 'stale') {
        this.logger.debug({ jobId, event }, 'outbox event no longer describes the story: skipped');
        return false;
      }
      if (await this.repository.claim(tx, jobId, 'webhooks', event)) await this.deliverWebhooks(jobId, event);
      return true;
    });
    return delivered;
  }

  /** Throws when any endpoint fails, so the job is retried (the claim rolls back with it). */
  private async deliverWebhooks(jobId: string, event: StoryEvent): Promise<void> {
    const body = JSON.stringify({ id: jobId, ...event });
    const signature = this.config.WEBHOOK_SECRET ? createHmac('sha256', this.config.WEBHOOK_SECRET).update(body).digest('hex') : undefined;
    await Promise.all(
      this.config.WEBHOOK_URLS.map(async (url) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-newsdesk-event': event.type,
            'x-newsdesk-delivery': jobId,
            ...(signature ? { 'x-newsdesk-signature': `sha256=${signature}` } : {}),
          },
          body,
          signal: AbortSignal.timeout(5000),
        });
        if (!response.ok) throw new Error(`webhook ${url} answered ${response.status}`);
      }),
    );
  }
}
