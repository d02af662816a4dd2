import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CONFIG, type Config } from '../config.js';
import type { Db } from '../common/db.js';
import { JobQueue } from '../jobs/job-queue.js';
import { MEDIA_STORAGE, type MediaStorage } from '../media/media-storage.js';
import { AudioEncoder } from './audio-encoder.js';
import { AUDIO_ENCODE_QUEUE, AudioRepository } from './audio.repository.js';

/** Where encodes are asked for: the pg-boss queue in the API, a direct call in the demo seed. */
export interface EncodeQueue {
  /** Asks for these renditions to be encoded, inside the transaction that created (or re-queued) them. */
  enqueue(tx: Db, renditionIds: string[]): Promise<void>;
}

export const ENCODE_QUEUE = Symbol('ENCODE_QUEUE');

/** How long one encode may run before pg-boss takes it for dead and retries it (a 3-hour WAV encodes in a few minutes). */
const ENCODE_EXPIRE_SECONDS = 30 * 60;
const SWEEP_EVERY_MS = 60_000;
/** An `encoding` rendition whose encoder has not beaten for this long belongs to a dead process (the heartbeat is every 30 s). */
export const STALLED_SECONDS = 120;

/**
 * Audio encodes on the API's one pg-boss (JobQueue): a job per rendition, enqueued in the
 * transaction that creates it; one encode at a time per worker process (FFmpeg takes a core).
 * A process that dies mid-encode leaves its rendition `encoding` and its job active. The running
 * encoder beats (touches the rendition) every 30 s; the sweep (at worker start and every minute, in
 * every worker process) re-queues an `encoding` rendition silent for STALLED_SECONDS with a new
 * job (the old one cancelled), so a crash costs about two minutes, not pg-boss's expiry
 * (ENCODE_EXPIRE_SECONDS, the backstop). A rendition left `queued`/`encoding` with no live job at
 * all is marked failed with a reason, so nothing stays `encoding` forever and it can be retried.
 */
@Injectable()
export class AudioJobs implements EncodeQueue, OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('audio-jobs');
  readonly encoder: AudioEncoder;

  constructor(
    private readonly jobs: JobQueue,
    private readonly repository: AudioRepository,
    @Inject(MEDIA_STORAGE) storage: MediaStorage,
    @Inject(CONFIG) config: Config,
  ) {
    this.encoder = new AudioEncoder(repository, storage, config);
  }

  async onModuleInit(): Promise<void> {
    await this.jobs.createQueue(AUDIO_ENCODE_QUEUE, {
      retryLimit: 2,
      retryDelay: 10,
      expireInSeconds: ENCODE_EXPIRE_SECONDS,
    });
    await this.jobs.workEach<{ renditionId: string }>(
      AUDIO_ENCODE_QUEUE,
      { sweep: () => this.sweep(), sweepEveryMs: SWEEP_EVERY_MS },
      async (data) => {
        await this.encoder.encode(data.renditionId);
      },
    );
  }

  /** Before the job queue stops (every beforeApplicationShutdown runs before any onApplicationShutdown): FFmpeg is stopped so pg-boss's graceful stop does not wait on it. */
  beforeApplicationShutdown(): void {
    this.encoder.stopAll();
  }

  onApplicationShutdown(): void {
    this.beforeApplicationShutdown();
  }

  async enqueue(tx: Db, renditionIds: string[]): Promise<void> {
    for (const renditionId of renditionIds) await this.jobs.send(AUDIO_ENCODE_QUEUE, { renditionId }, {}, tx);
  }

  async sweep(): Promise<void> {
    try {
      const requeued = await this.repository.transaction(async (tx) => {
        const ids = await this.repository.requeueStalled(tx, STALLED_SECONDS);
        await this.enqueue(tx, ids);
        return ids.length;
      });
      if (requeued) this.logger.warn({ requeued }, 'encodes of a stopped process queued again');
      const swept = await this.repository.sweepOrphans();
      if (swept) this.logger.warn({ swept }, 'renditions left encoding by a stopped process marked failed');
    } catch (error) {
      this.logger.warn({ err: error }, 'audio sweep failed (retrying later)');
    }
  }
}
