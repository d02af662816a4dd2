import { Inject, Injectable } from '@nestjs/common';
import type { Health } from '@newsdesk/contracts';
import { CONFIG, type Config } from '../config.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { PublicCache } from '../public/public-cache.service.js';
import { HealthRepository } from './health.repository.js';

/** Each check answers within this many milliseconds or counts as down (a probe must not hang). */
const CHECK_TIMEOUT_MS = 1000;

function within<T>(work: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Readiness: can this process do its job right now? The database answers, every migration this
 * build knows is applied, no due outbox event has waited longer than OUTBOX_MAX_LAG_SECONDS (a
 * stopped or stuck worker anywhere), and the public cache's LISTEN connection is up (or the cache
 * is off). Liveness (the process answers) is the controller's alone.
 */
@Injectable()
export class HealthService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly repository: HealthRepository,
    private readonly outbox: OutboxRepository,
    private readonly cache: PublicCache,
  ) {}

  async readiness(): Promise<Health> {
    const maxLagSeconds = this.config.OUTBOX_MAX_LAG_SECONDS;
    const database = await within(this.repository.ping()).then(
      () => ({ status: 'up' as const }),
      (error) => ({ status: 'down' as const, detail: reason(error) }),
    );
    const listening = this.cache.listenerConnected;
    const cacheListener =
      listening === null
        ? { status: 'disabled' as const }
        : listening
          ? { status: 'up' as const }
          : { status: 'down' as const, detail: 'LISTEN connection lost; reconnecting' };
    let migrations: NonNullable<Health['checks']>['migrations'] = { status: 'down', detail: 'database unreachable' };
    let outbox: NonNullable<Health['checks']>['outbox'] = { status: 'down', detail: 'database unreachable', maxLagSeconds };
    if (database.status === 'up') {
      [migrations, outbox] = await Promise.all([
        within(this.repository.appliedMigrations()).then(
          (applied) => {
            const pending = this.repository.knownMigrations().filter((name) => !applied.has(name));
            return {
              status: pending.length ? ('down' as const) : ('up' as const),
              pending,
              ...(pending.length ? { detail: `${pending.length} migration(s) not applied` } : {}),
            };
          },
          (error) => ({ status: 'down' as const, detail: reason(error) }),
        ),
        within(this.outbox.lag()).then(
          ({ due, lag_seconds }) => ({
            status: lag_seconds > maxLagSeconds ? ('down' as const) : ('up' as const),
            due,
            lagSeconds: Math.round(lag_seconds * 10) / 10,
            maxLagSeconds,
            ...(lag_seconds > maxLagSeconds
              ? { detail: `a due event has waited ${Math.round(lag_seconds)} s (limit ${maxLagSeconds} s): is an outbox worker running?` }
              : {}),
          }),
          (error) => ({ status: 'down' as const, detail: reason(error), maxLagSeconds }),
        ),
      ]);
    }
    const checks = { database, migrations, outbox, cacheListener };
    const ok = Object.values(checks).every((check) => check.status !== 'down');
    return { status: ok ? 'ok' : 'error', db: database.status, checks };
  }
}
