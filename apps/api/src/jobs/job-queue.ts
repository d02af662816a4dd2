import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { isConnectionError } from '../common/connection-errors.js';
import { rows, type Db } from '../common/db.js';
import { CONFIG, type Config } from '../config.js';

/** pg-boss's schema: every queue of the API (story events, audio encodes) lives in it. */
export const BOSS_SCHEMA = 'pgboss';

/**
 * The API's one pg-boss instance, shared by every background job: the outbox's story events and
 * the audio encodes. Features create their queues and register their workers through it (workers
 * run where OUTBOX_WORKER is on); `send` can join the caller's transaction, so a job exists exactly
 * when the change that asked for it commits. Started once, by whichever feature needs it first.
 */
@Injectable()
export class JobQueue implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('jobs');
  readonly boss: PgBoss;
  private started: Promise<void> | null = null;
  /** Whether this process runs workers (OUTBOX_WORKER). */
  readonly workers: boolean;
  /** Set when shutdown begins: no job starts after it (see `workEach`). */
  stopping = false;
  private readonly sweepers: NodeJS.Timeout[] = [];

  constructor(@Inject(CONFIG) config: Config) {
    this.workers = config.OUTBOX_WORKER;
    this.boss = new PgBoss({
      connectionString: config.DATABASE_URL,
      schema: BOSS_SCHEMA,
      max: 4,
      application_name: 'newsdesk-jobs',
      supervise: config.OUTBOX_WORKER,
      schedule: false,
    });
    this.boss.on('error', (error) => this.logError(error));
  }

  /** Starts pg-boss (once; later calls wait for the first). */
  start(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  /**
   * Queue creations, one at a time: two concurrent createQueue calls (two features' onModuleInit) can
   * deadlock in pg-boss. Across processes (two replicas starting together on a new database) they
   * still can: PostgreSQL then aborts one of them (40P01), which is retried and finds the queue made
   * (test/upgrade.e2e-spec.ts).
   */
  private creating: Promise<void> = Promise.resolve();

  createQueue(name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
    const next = this.creating.then(async () => {
      await this.start();
      for (let attempt = 1; ; attempt++) {
        try {
          await this.boss.createQueue(name, { name, ...options });
          return;
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw error;
          this.logger.warn({ queue: name, code, attempt }, 'queue creation collided with another process: retrying');
          await new Promise((done) => setTimeout(done, 100 + Math.random() * 400));
        }
      }
    });
    this.creating = next.catch(() => undefined);
    return next;
  }

  /** Enqueues; with `tx`, inside the caller's transaction. */
  async send(name: string, data: object, options: PgBoss.SendOptions = {}, tx?: Db): Promise<string | null> {
    await this.start();
    return this.boss.send(name, data, { ...options, ...(tx ? { db: executor(tx) } : {}) });
  }

  /**
   * Where this process runs workers: `workers` workers each take one job of `queue` at a time and
   * call `handle` with its data (none starts once shutdown has begun), and `sweep` (a feature's
   * repair of work whose job was lost) runs now and every `sweepEveryMs`. Both stop at shutdown,
   * before pg-boss does. Used by the audio encodes and the image renditions.
   */
  async workEach<T extends object>(
    queue: string,
    options: { workers?: number; sweep: () => Promise<void>; sweepEveryMs: number },
    handle: (data: T) => Promise<void>,
  ): Promise<void> {
    if (!this.workers) return;
    for (let n = 0; n < (options.workers ?? 1); n++) {
      await this.boss.work<T>(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
        if (job && !this.stopping) await handle(job.data);
      });
    }
    await options.sweep();
    const sweeper = setInterval(() => void options.sweep(), options.sweepEveryMs);
    sweeper.unref();
    this.sweepers.push(sweeper);
  }

  /** Nest calls every provider's beforeApplicationShutdown before any onApplicationShutdown (pg-boss's stop, below). */
  beforeApplicationShutdown(): void {
    this.stopping = true;
    for (const sweeper of this.sweepers) clearInterval(sweeper);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }

  /** Connection errors while the database is down repeat every poll: log them once a minute. */
  private lastConnectionError = 0;
  private logError(error: Error): void {
    const connection = isConnectionError(error);
    if (connection && Date.now() - this.lastConnectionError < 60_000) return;
    if (connection) this.lastConnectionError = Date.now();
    if (connection)
      this.logger.error(
        { code: (error as { code?: string }).code, reason: error.message },
        'jobs: database unreachable (retrying; logged once a minute)',
      );
    else this.logger.error({ err: error }, 'job queue error');
  }
}

/** pg-boss's way into the caller's transaction: its own statements (e.g. `send`) run on `tx`. */
export function executor(tx: Db): { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } {
  return { executeSql: async (text, values) => ({ rows: await rows<Record<string, unknown>>(tx, text, values) }) };
}
