import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { cdsDocumentId } from '@newsdesk/contracts';
import { createHmac } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isConnectionError } from '../common/connection-errors.js';
import { CONFIG, type Config } from '../config.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { eventVerdict } from '../outbox/story-events.js';
import { DistributionRepository, type DeliveryWorkRow, type TargetRow } from './distribution.repository.js';
import { DistributionService } from './distribution.service.js';

/** What one attempt did. */
interface Attempt {
  request: string;
  status: number | null;
  excerpt: string | null;
  /** Set when the attempt failed. */
  error: string | null;
  /** The destination holds the document after it (CDS); undefined: unchanged. */
  present?: boolean;
  /** Retrying cannot help (e.g. no CDS prefix configured): fail now. */
  permanent?: boolean;
}

const EXCERPT = 500;

/**
 * Runs due deliveries (docs/distribution.md). Each worker loop takes one due delivery at a time in a
 * transaction: the delivery row `FOR UPDATE SKIP LOCKED` (so any number of processes share the work
 * and each delivery runs in one of them), the story row `FOR SHARE` (a writer superseding it waits),
 * then the per destination and story target row `FOR UPDATE` (deliveries of one story to one
 * destination run one at a time). A delivery is not sent when a later change of the same story for
 * the same destination is due (it carries newer content: older versions never overwrite newer
 * ones), nor when its event no longer describes the story (the outbox's `eventVerdict`). The
 * attempt's outcome commits with the row; a failure is retried after DELIVERY_RETRY_BASE_MS doubled
 * per attempt, and ends `failed` with its reason after DELIVERY_MAX_ATTEMPTS. A crash between the
 * destination's answer and the commit repeats the attempt: each request carries the delivery id as
 * `Idempotency-Key`, and a CDS PUT/DELETE of the same document is idempotent anyway.
 */
@Injectable()
export class DeliveryWorker implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('deliveries');
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  private wake: Array<() => void> = [];

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly db: DataSource,
    private readonly repository: DistributionRepository,
    private readonly outbox: OutboxRepository,
    private readonly distribution: DistributionService,
  ) {}

  onModuleInit(): void {
    if (!this.config.OUTBOX_WORKER) return;
    for (let n = 0; n < this.config.DELIVERY_WORKERS; n++) this.loops.push(this.loop(n));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeAll();
    await Promise.all(this.loops);
  }

  private wakeAll(): void {
    const waiting = this.wake;
    this.wake = [];
    for (const wake of waiting) wake();
  }

  /**
   * Loop 0 polls every DELIVERY_POLL_MS while idle (one cheap indexed query, outside a transaction)
   * and wakes the others when it finds work; the others sleep while idle (10 polls at most).
   */
  private async loop(n: number): Promise<void> {
    let lastError = 0;
    while (!this.stopping) {
      let worked = false;
      try {
        worked = (await this.repository.hasDue()) && (await this.runOne());
        if (worked && n === 0) this.wakeAll();
      } catch (error) {
        if (!isConnectionError(error) || Date.now() - lastError > 60_000) this.logger.error({ err: error }, 'delivery worker error');
        if (isConnectionError(error)) lastError = Date.now();
      }
      if (!worked && !this.stopping)
        await new Promise<void>((done) => {
          const wake = () => {
            clearTimeout(timer);
            done();
          };
          const timer = setTimeout(
            () => {
              this.wake = this.wake.filter((entry) => entry !== wake);
              done();
            },
            this.config.DELIVERY_POLL_MS * (n === 0 ? 1 : 10),
          );
          this.wake.push(wake);
        });
    }
  }

  /** One due delivery, if any; true when one was handled. */
  async runOne(): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const delivery = await this.repository.claimDue(tx);
      if (!delivery) return false;
      const story = await this.outbox.lockStory(tx, delivery.story_id);
      // A writer that superseded it committed before our share lock: re-read its state.
      if ((await this.repository.stateOf(tx, delivery.id)) !== 'pending') return true;
      const target = await this.repository.lockTarget(tx, delivery.destination_id, delivery.story_id);
      if (await this.repository.newerExists(tx, delivery)) {
        await this.repository.finish(tx, delivery.id, {
          state: 'superseded',
          attempted: false,
          reason: 'A later change of this story was due',
        });
        return true;
      }
      const verdict = eventVerdict(
        {
          type: delivery.event,
          storyId: delivery.story_id,
          slug: delivery.story_slug,
          version: delivery.story_version,
          ...(delivery.published_at ? { publishedAt: delivery.published_at.toISOString() } : {}),
          at: '',
        },
        story,
      );
      if (verdict === 'not_yet') {
        await this.repository.finish(tx, delivery.id, { state: 'pending', attempted: false, reason: 'Not public yet', retryInMs: 1000 });
        return true;
      }
      if (verdict === 'stale') {
        await this.repository.finish(tx, delivery.id, {
          state: 'skipped',
          attempted: false,
          reason: 'The story changed before delivery; the change that followed is delivered instead',
        });
        return true;
      }
      const attempt = await this.attempt(tx, delivery, target);
      if (attempt === 'skip') {
        await this.repository.finish(tx, delivery.id, {
          state: 'skipped',
          attempted: false,
          reason: 'The destination never received this story: nothing to remove',
        });
        return true;
      }
      if (!attempt.error) {
        await this.repository.finish(tx, delivery.id, {
          state: 'sent',
          attempted: true,
          request: attempt.request,
          responseStatus: attempt.status,
          responseExcerpt: attempt.excerpt,
          reason: null,
        });
        await this.repository.recordTarget(tx, delivery, attempt.present ?? target.present);
        return true;
      }
      const attempts = delivery.attempts + 1;
      const last = attempt.permanent || attempts >= this.config.DELIVERY_MAX_ATTEMPTS;
      await this.repository.finish(tx, delivery.id, {
        state: last ? 'failed' : 'pending',
        attempted: true,
        request: attempt.request,
        responseStatus: attempt.status,
        responseExcerpt: attempt.excerpt,
        reason: last ? `${attempt.error} (after ${attempts} attempt${attempts === 1 ? '' : 's'})` : attempt.error,
        ...(last ? {} : { retryInMs: Math.min(3_600_000, this.config.DELIVERY_RETRY_BASE_MS * 2 ** (attempts - 1)) }),
      });
      if (last) this.logger.warn({ delivery: delivery.id, story: delivery.story_id, reason: attempt.error }, 'delivery failed');
      return true;
    });
  }

  /** One HTTP attempt for the delivery's destination kind ('skip': nothing to do there). */
  private async attempt(tx: EntityManager, delivery: DeliveryWorkRow, target: TargetRow): Promise<Attempt | 'skip'> {
    const removal = delivery.event === 'story.unpublished' || delivery.event === 'story.deleted';
    const headers: Record<string, string> = {
      'idempotency-key': delivery.id,
      'x-newsdesk-delivery': delivery.id,
      'x-newsdesk-event': delivery.event,
      'x-newsdesk-story-version': String(delivery.story_version),
    };
    switch (delivery.kind) {
      case 'cds': {
        const settings = await this.repository.settings(tx);
        if (!settings.cdsPrefix)
          return { request: 'CDS', status: null, excerpt: null, error: 'No CDS document id prefix is configured', permanent: true };
        const documentId = cdsDocumentId(settings.cdsPrefix, delivery.story_id);
        const url = `${delivery.url.replace(/\/+$/, '')}/v1/documents/${documentId}`;
        if (delivery.token) headers.authorization = `Bearer ${delivery.token}`;
        if (removal) {
          if (!target.present) return 'skip';
          const result = await this.send('DELETE', url, headers);
          // Already gone there is what a DELETE wants.
          if (result.status === 404) return { ...result, error: null, present: false };
          return { ...result, present: result.error ? undefined : false };
        }
        const document = await this.distribution.storyDocument(delivery.story_id, tx);
        const result = await this.send('PUT', url, { ...headers, 'content-type': 'application/json' }, JSON.stringify(document));
        return { ...result, present: result.error ? undefined : true };
      }
      case 'webhook': {
        const body = JSON.stringify({
          id: delivery.id,
          type: delivery.event,
          storyId: delivery.story_id,
          slug: delivery.story_slug,
          version: delivery.story_version,
          ...(delivery.published_at ? { publishedAt: delivery.published_at.toISOString() } : {}),
        });
        if (delivery.token) headers['x-newsdesk-signature'] = `sha256=${createHmac('sha256', delivery.token).update(body).digest('hex')}`;
        return this.send('POST', delivery.url, { ...headers, 'content-type': 'application/json' }, body);
      }
      case 'cdn_purge': {
        const url = delivery.url.replace('{url}', encodeURIComponent(this.distribution.storyUrl(delivery.story_slug)));
        if (delivery.token) headers.authorization = `Bearer ${delivery.token}`;
        return this.send('POST', url, headers);
      }
      case 'websub': {
        const body = new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': this.distribution.feedUrl() }).toString();
        if (delivery.token) headers.authorization = `Bearer ${delivery.token}`;
        return this.send('POST', delivery.url, { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body);
      }
    }
  }

  private async send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Attempt> {
    const request = `${method} ${url}`;
    try {
      const response = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.config.DELIVERY_TIMEOUT_MS),
        redirect: 'manual',
      });
      const text = (await response.text()).slice(0, EXCERPT);
      return {
        request,
        status: response.status,
        excerpt: text || null,
        error: response.ok ? null : `${method} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `No answer within ${this.config.DELIVERY_TIMEOUT_MS} ms`
          : `Could not connect: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
      return { request, status: null, excerpt: null, error: reason };
    }
  }
}
