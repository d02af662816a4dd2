import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { CONFIG, type Config } from '../config.js';
import { PublicCache } from '../public/public-cache.service.js';
import { MetricsRepository, type OutboxStateRow } from './metrics.repository.js';

/** The pg Pool behind TypeORM's postgres driver (its counters are public API of `pg`). */
interface PgPoolCounters {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Seconds: 5 ms to 10 s, the range a public read (fast, cached) and a staff write (slower) span. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's Prometheus series, one Registry per application (tests run several in one process).
 * Counted in app.ts's onResponse hook: requests by route template (never the raw URL: unbounded
 * label values) and status, public cache answers by X-Cache, login throttle refusals (429 on the
 * login route). Read at scrape time: cache entries, outbox due/lag/failed, pool use, and Node's
 * default metrics (event-loop lag among them).
 */
@Injectable()
export class Metrics implements OnApplicationShutdown {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly duration: Histogram<'method' | 'route' | 'status'>;
  readonly cache: Counter<'result'>;
  readonly loginThrottled: Counter;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    dataSource: DataSource,
    repository: MetricsRepository,
    publicCache: PublicCache,
  ) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'newsdesk_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'newsdesk_http_request_duration_seconds',
      help: 'Time from request to response, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.cache = new Counter({
      name: 'newsdesk_public_cache_requests_total',
      help: 'Public reads answered by the in-process cache, by result (hit, miss, stale, stale-if-error)',
      labelNames: ['result'],
      registers,
    });
    for (const result of ['hit', 'miss', 'stale', 'stale-if-error']) this.cache.inc({ result }, 0);
    this.loginThrottled = new Counter({
      name: 'newsdesk_login_throttle_rejections_total',
      help: 'Sign-in attempts refused by the login throttle (429)',
      registers,
    });
    new Gauge({
      name: 'newsdesk_public_cache_entries',
      help: 'Responses held by the in-process public cache',
      registers,
      collect() {
        this.set(publicCache.entryCount);
      },
    });
    // The three outbox gauges share one query per scrape (prom-client collects series concurrently).
    let reading: Promise<OutboxStateRow | null> | null = null;
    const readOutbox = () =>
      (reading ??= repository
        .outbox()
        .catch(() => null)
        .finally(() => setTimeout(() => (reading = null), 0)));
    const outboxGauge = (name: string, help: string, pick: (state: OutboxStateRow) => number) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          const state = await readOutbox();
          // Database unreachable: NaN (Prometheus shows the gap; alert on readiness for the outage itself).
          this.set(state ? pick(state) : Number.NaN);
        },
      });
    outboxGauge('newsdesk_outbox_due', 'Story events due and not yet handled', (s) => s.due);
    outboxGauge('newsdesk_outbox_lag_seconds', 'Age of the oldest due, unhandled story event (0 when none)', (s) => s.lag_seconds);
    outboxGauge('newsdesk_outbox_failed', 'Story events that exhausted their retries (pg-boss state failed)', (s) => s.failed);
    const pool = () => (dataSource.driver as unknown as { master?: PgPoolCounters }).master;
    new Gauge({
      name: 'newsdesk_db_pool_connections',
      help: 'Database pool connections by state (in_use, idle)',
      labelNames: ['state'],
      registers,
      collect() {
        const p = pool();
        this.set({ state: 'in_use' }, p ? p.totalCount - p.idleCount : 0);
        this.set({ state: 'idle' }, p ? p.idleCount : 0);
      },
    });
    new Gauge({
      name: 'newsdesk_db_pool_waiting',
      help: 'Queries waiting for a free database pool connection',
      registers,
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    new Gauge({ name: 'newsdesk_db_pool_max', help: 'Largest size of the database pool (DATABASE_POOL_SIZE)', registers }).set(
      config.DATABASE_POOL_SIZE,
    );
    // process_*, nodejs_* (nodejs_eventloop_lag_seconds and its percentiles, heap, GC).
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  /** Counts one answered request. `route` is the route template ('(unmatched)' for a 404 outside any route). */
  observe(method: string, route: string, status: number, seconds: number, xCache: unknown): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
    if (typeof xCache === 'string' && route.startsWith('/api/public')) this.cache.inc({ result: xCache });
    if (status === 429 && route === '/api/auth/login') this.loginThrottled.inc();
  }

  get token(): string | undefined {
    return this.config.METRICS_TOKEN;
  }

  onApplicationShutdown(): void {
    this.registry.clear();
  }
}
