import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { renditionPath, type ImageRenditionStatus } from '@newsdesk/contracts';
import type { Db } from '../common/db.js';
import { CONFIG, type Config } from '../config.js';
import { JobQueue } from '../jobs/job-queue.js';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage.js';
import { renditionPlan } from './image-plan.js';
import { configureSharp, readAll, renderRenditions, uprightSize } from './image-renderer.js';
import { ImageRenditionsRepository, type ImageJobRow } from './image-renditions.repository.js';
import { MediaRepository, type MediaRow } from './media.repository.js';
import { RenditionCleanup } from './rendition-cleanup.js';

export const IMAGE_RENDITIONS_QUEUE = 'image-renditions';
const SWEEP_EVERY_MS = 60_000;
/** An `encoding` job silent this long (progress is its heartbeat, at least once per rendition) belongs to a dead process. */
export const IMAGE_STALLED_SECONDS = 120;
/** An editor's upload, focal point or retry goes before the sweep's backlog (older uploads, the demo photos). */
const EDITOR_PRIORITY = 10;
/** How often a worker process runs the rendition cleanup from its sweep (the first run an hour after start). */
export const RENDITION_CLEANUP_EVERY_MS = 60 * 60_000;

/**
 * Image renditions: planning (a job row per focal point and crops, created and enqueued in the
 * transaction that changes them), the worker (pg-boss, IMAGE_JOBS at a time per process, libvips
 * with IMAGE_THREADS threads and no cache) and the sweep (plans for images that have none, stalled
 * jobs queued again). A job never throws to pg-boss: it ends ready, or failed with the reason
 * (a retry is an editor's decision, `POST /api/media/{id}/renditions/retry`).
 */
@Injectable()
export class ImageRenditionsService implements OnModuleInit {
  private readonly logger = new Logger('image-renditions');
  private nextCleanup = Date.now() + RENDITION_CLEANUP_EVERY_MS;

  constructor(
    private readonly jobs: JobQueue,
    private readonly repository: ImageRenditionsRepository,
    private readonly media: MediaRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(CONFIG) private readonly config: Config,
    private readonly cleanup: RenditionCleanup,
  ) {}

  async onModuleInit(): Promise<void> {
    configureSharp(this.config.IMAGE_THREADS);
    await this.jobs.createQueue(IMAGE_RENDITIONS_QUEUE, { policy: 'stately', retryLimit: 0, expireInSeconds: 15 * 60 });
    await this.jobs.workEach<{ mediaId: string; planKey: string }>(
      IMAGE_RENDITIONS_QUEUE,
      { workers: this.config.IMAGE_JOBS, sweep: () => this.sweep(), sweepEveryMs: SWEEP_EVERY_MS },
      (data) => this.render(data.mediaId, data.planKey),
    );
  }

  /**
   * The plan of the record's current focal point and crops: recorded on the media row, its job
   * created and enqueued in `tx` when new. Returns the row as updated.
   */
  async plan(tx: Db, row: MediaRow, priority = EDITOR_PRIORITY): Promise<MediaRow> {
    const plan = renditionPlan(row);
    if (await this.repository.ensureJob(tx, row.id, plan)) await this.enqueue(tx, row.id, plan.planKey, priority);
    if (row.plan_key === plan.planKey) return row;
    return (await this.media.setPlan(tx, row.id, plan.planKey)) ?? row;
  }

  enqueue(tx: Db | undefined, mediaId: string, planKey: string, priority = 0): Promise<string | null> {
    return this.jobs.send(IMAGE_RENDITIONS_QUEUE, { mediaId, planKey }, { singletonKey: `${mediaId}:${planKey}`, priority }, tx);
  }

  /** The state of the record's current plan and the files made so far. */
  async status(row: MediaRow, tx?: Db): Promise<ImageRenditionStatus> {
    const job = row.plan_key ? await this.repository.job(row.id, row.plan_key, tx) : undefined;
    if (!job || !row.plan_key) return { state: 'pending', done: 0, total: 0, error: null, attempts: 0, items: [] };
    const files = await this.repository.files(row.id, row.plan_key, tx);
    return {
      state: job.state,
      done: job.done,
      total: job.total,
      error: job.error,
      attempts: job.attempts,
      items: files.map((file) => ({
        url: renditionPath(file.key, file.content_type),
        width: file.width,
        height: file.height,
        type: file.content_type,
        aspect: file.aspect as ImageRenditionStatus['items'][number]['aspect'],
        byteSize: file.byte_size,
      })),
    };
  }

  /** A failed job back to pending and queued again (in `tx`); undefined when it had not failed. */
  async retry(tx: Db, row: MediaRow): Promise<ImageJobRow | undefined> {
    if (!row.plan_key) return undefined;
    const job = await this.repository.retry(tx, row.id, row.plan_key);
    if (job) await this.enqueue(tx, row.id, row.plan_key, EDITOR_PRIORITY);
    return job;
  }

  /** Makes the renditions of one plan that do not exist yet; the job ends ready or failed with the reason. */
  async render(mediaId: string, planKey: string): Promise<void> {
    const job = await this.repository.claim(mediaId, planKey);
    if (!job) return;
    try {
      const row = await this.media.find(mediaId);
      if (!row) throw new Error('The image record is gone');
      const stream = await this.storage.get(row.sha256);
      if (!stream) throw new Error('The original file is missing from storage');
      const original = await readAll(stream);
      const existing = await this.repository.existing(job.plan.map((r) => r.key));
      let done = existing.size;
      await this.repository.progress(mediaId, planKey, done);
      await renderRenditions(
        original,
        { width: row.width, height: row.height },
        job.plan.filter((r) => !existing.has(r.key)),
        async (rendition, bytes) => {
          // A stopping process hands the job back (pending: the next worker's sweep sends it again) instead of finishing it.
          if (this.jobs.stopping) throw new StopRequested();
          await this.storage.put(rendition.key, bytes, rendition.type);
          await this.repository.insert(mediaId, rendition, bytes.length);
          await this.repository.progress(mediaId, planKey, ++done);
        },
      );
      await this.repository.finish(mediaId, planKey, 'ready', null);
    } catch (error) {
      if (error instanceof StopRequested) {
        await this.repository.release(mediaId, planKey).catch(() => undefined);
        return;
      }
      const reason = `The renditions could not be made: ${(error as Error).message}`;
      this.logger.warn({ mediaId, planKey, reason }, 'image renditions failed');
      await this.repository.finish(mediaId, planKey, 'failed', reason).catch(() => undefined);
    }
  }

  /** Plans for records that have none (older uploads, the demo seed), stalled or lost jobs queued again, and hourly the rendition cleanup. */
  async sweep(): Promise<void> {
    try {
      for (const row of await this.media.unplanned(100)) {
        const size = await this.uprightOf(row);
        await this.repository.transaction(async (tx) => {
          const sized = size ? ((await this.media.setUprightSize(tx, row.id, size.width, size.height)) ?? row) : row;
          await this.plan(tx, sized, 0);
        });
      }
      await this.repository.transaction(async (tx) => {
        for (const job of await this.repository.requeueStalled(tx, IMAGE_STALLED_SECONDS))
          await this.enqueue(tx, job.media_id, job.plan_key);
      });
      // Stately queue: a job already queued for the plan is not doubled.
      for (const job of await this.repository.stalePending(IMAGE_STALLED_SECONDS))
        await this.enqueue(undefined, job.media_id, job.plan_key);
      if (Date.now() >= this.nextCleanup) {
        this.nextCleanup = Date.now() + RENDITION_CLEANUP_EVERY_MS;
        await this.cleanup.run();
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'image rendition sweep failed (retrying later)');
    }
  }

  private async uprightOf(row: MediaRow): Promise<{ width: number; height: number } | null> {
    try {
      const stream = await this.storage.get(row.sha256);
      return stream ? await uprightSize(await readAll(stream)) : null;
    } catch {
      return null;
    }
  }
}

/** Thrown between two renditions when the process stops. */
class StopRequested extends Error {}
