import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isConnectionError } from '../common/connection-errors.js';
import { PgListener } from '../common/pg-listener.js';
import { CONFIG, type Config } from '../config.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { PublicCacheRepository } from './public-cache.repository.js';
import { sendBody, type CacheOptions, type CachedBody } from './http-cache.js';

/**
 * Expired entries refreshed at a time in the background; the others are served stale meanwhile.
 * Entries filled together expire together, and refreshing them all at once took the CPU from the
 * readers (a search's refresh costs ~50 ms of PostgreSQL CPU: 200 of them at once tripled p50).
 */
const BACKGROUND_REFRESHES = 2;

export { CACHE_CHANNEL } from './public-cache.repository.js';

/** After a connection error, kept entries are served stale without trying the database for this long. */
const UNREACHABLE_HOLD_MS = 1000;

/**
 * An in-process cache of public responses (body + ETag), so a hot story or list costs no query and
 * a revalidation answers 304 without one. It is correct across processes: triggers on the content
 * tables NOTIFY on commit and every process LISTENs and drops its entries; a scheduled story's
 * publication second expires the cache by itself, and the outbox's story.published event notifies
 * again then.
 *
 * While the LISTEN connection is down (the database restarting, a network cut) this process cannot
 * hear of changes, so it stores nothing new; a request for a kept entry tries the database first
 * and, when that fails with a connection error, gets the kept entry, marked `X-Cache:
 * stale-if-error` and `Cache-Control: public, max-age=0` (so no CDN keeps it). The listener
 * reconnects by itself (backoff 0.25 s doubling to 8 s) and then drops every entry: it cannot know
 * what changed while it was deaf. The trade-off: readers get the last known page instead of a 503
 * during an outage, at the price of a page that can be as old as the outage; nothing unpublished
 * can surface from it (it only holds what was public), but an unpublish made by another process
 * while only the listener was cut is seen after the reconnection (a fresh read is tried first).
 */
@Injectable()
export class PublicCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('public-cache');
  private readonly entries = new Map<string, CachedBody & { expires: number }>();
  /** Background refreshes under way (at most BACKGROUND_REFRESHES). */
  private refreshes = 0;
  /** Computations under way, by key, with the generation they started in. */
  private readonly inflight = new Map<string, { generation: number; promise: Promise<CachedBody | null> }>();
  /** The LISTEN connection (common/pg-listener.ts: reconnects by itself, 0.25 s doubling to 8 s). */
  private listener: PgListener | null = null;
  private listening = false;
  /** Until then (epoch ms) the database is taken as unreachable: kept entries are served without trying it. */
  private unreachableUntil = 0;
  /** The next instant a scheduled story goes live or an audio window opens or closes: the cache holds nothing past it. */
  private nextPublication = Infinity;
  /** Bumped on every invalidation, so a response computed across one is not stored. */
  private generation = 0;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: PublicCacheRepository,
    private readonly outbox: OutboxService,
  ) {}

  get enabled(): boolean {
    return this.config.PUBLIC_CACHE_SECONDS > 0 && this.listening;
  }

  /** Responses held now (the newsdesk_public_cache_entries gauge). */
  get entryCount(): number {
    return this.entries.size;
  }

  /** For readiness: null when the cache is off, else whether its LISTEN connection is up. */
  get listenerConnected(): boolean | null {
    return this.config.PUBLIC_CACHE_SECONDS > 0 ? this.listening : null;
  }

  async onModuleInit(): Promise<void> {
    if (this.config.PUBLIC_CACHE_SECONDS === 0) return;
    // One NOTIFY per batch of handled events (each empties every process's cache), not one per story.
    this.outbox.onStoryEvent(async (events) => {
      if (events.some((event) => event.type === 'story.published')) await this.repo.notifyScheduled();
    });
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  private listen(): Promise<void> {
    this.listener = new PgListener({
      databaseUrl: this.config.DATABASE_URL,
      applicationName: 'newsdesk-cache-listener',
      listen: (client) => this.repo.listen(client),
      onNotification: () => void this.invalidate(),
      // Deaf until now: whatever is kept may be out of date.
      onConnected: async () => {
        await this.invalidate();
        this.listening = true;
      },
      // Kept entries stay, served only as a fallback while the database cannot be reached (see respond).
      onLost: () => {
        this.listening = false;
      },
      logger: this.logger,
      lostMessage: 'cache listener lost its connection: serving kept entries only when the database is unreachable',
    });
    return this.listener.start();
  }

  /** Drops every entry now (this process); other processes hear it from the database. */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Drops every entry and learns the next scheduled publication; never throws (unknown means: check again at the next request). */
  async invalidate(): Promise<void> {
    this.clear();
    try {
      const next = await this.repo.nextPublication();
      this.nextPublication = next ? next.getTime() : Infinity;
    } catch (error) {
      this.nextPublication = 0;
      this.logger.warn({ err: error }, 'cache: next publication unknown (database unreachable?)');
    }
  }

  /**
   * Serves `key` from the cache, or computes it with `produce` and keeps it. Resolves true once the
   * answer is sent, false when `produce` found nothing (the caller answers: 404 or a redirect). A
   * boolean, not the reply: Fastify's reply is a thenable, so an async function returning it would
   * resolve to undefined, and the caller would take a sent answer for a missing one.
   *
   * A spike on one key costs one statement, not one per request: requests arriving while the key
   * is being computed wait for that computation, and an expired entry is served as it is
   * (`X-Cache: stale`) until a background computation (a few at a time) refreshes it. Expiry is only a safety net
   * (every change of public content empties the cache at once), so entries expiring together never
   * make readers wait; an answer that changes by itself (`validUntil`) is never served past it.
   */
  async respond(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    maxAgeSeconds: number,
    produce: () => Promise<CachedBody | null>,
    options: CacheOptions = {},
  ): Promise<boolean> {
    const now = Date.now();
    if (!this.listening && this.config.PUBLIC_CACHE_SECONDS > 0)
      return this.respondDeaf(request, reply, key, maxAgeSeconds, produce, options, now);
    if (now >= this.nextPublication) await this.invalidate();
    // A CDN keeps nothing past the next publication either (this process knows it while it listens).
    options = { ...options, changesAt: this.nextPublication };
    const kept = this.entries.get(key);
    if (kept && (kept.validUntil ?? Infinity) > now) {
      const expired = kept.expires <= now;
      if (expired && !this.refreshing(key) && this.refreshes < BACKGROUND_REFRESHES) {
        this.refreshes++;
        this.compute(key, produce)
          .catch((error: unknown) => this.logger.warn({ err: error, key }, 'cache refresh failed'))
          .finally(() => this.refreshes--);
      }
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, kept);
      void reply.header('X-Cache', expired ? 'stale' : 'hit');
      sendBody(request, reply, kept, maxAgeSeconds, options, now);
      return true;
    }
    const fresh = await this.compute(key, produce);
    void reply.header('X-Cache', 'miss');
    if (!fresh) return false;
    sendBody(request, reply, fresh, maxAgeSeconds, options, now);
    return true;
  }

  /**
   * While the listener is down: a fresh answer when the database gives one (not stored: nobody
   * would tell us when it changes), else the kept entry, marked stale, on a connection error.
   */
  private async respondDeaf(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    maxAgeSeconds: number,
    produce: () => Promise<CachedBody | null>,
    options: CacheOptions,
    now: number,
  ): Promise<boolean> {
    const kept = this.entries.get(key);
    const usable = kept && (kept.validUntil ?? Infinity) > now ? kept : undefined;
    const serveStale = (entry: CachedBody) => {
      void reply.header('X-Cache', 'stale-if-error');
      sendBody(request, reply, entry, 0, { ...options, staleWhileRevalidate: 0 }, now);
      return true;
    };
    if (usable && now < this.unreachableUntil) return serveStale(usable);
    let fresh: CachedBody | null;
    try {
      fresh = await produce();
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      this.unreachableUntil = Date.now() + UNREACHABLE_HOLD_MS;
      if (usable) return serveStale(usable);
      throw error;
    }
    void reply.header('X-Cache', 'miss');
    if (!fresh) return false;
    sendBody(request, reply, fresh, maxAgeSeconds, options, now);
    return true;
  }

  private refreshing(key: string): boolean {
    return this.inflight.get(key)?.generation === this.generation;
  }

  /** Runs `produce` for `key` once at a time (per generation), and keeps what it made. */
  private compute(key: string, produce: () => Promise<CachedBody | null>): Promise<CachedBody | null> {
    if (!this.enabled) return produce();
    const running = this.inflight.get(key);
    if (running?.generation === this.generation) return running.promise;
    const generation = this.generation;
    const promise = produce()
      .then((fresh) => {
        if (!fresh && generation === this.generation) this.entries.delete(key);
        if (fresh && this.enabled && generation === this.generation && fresh.body.length <= 2_000_000) {
          const expires = Math.min(
            Date.now() + this.config.PUBLIC_CACHE_SECONDS * 1000,
            this.nextPublication,
            fresh.validUntil ?? Infinity,
          );
          this.entries.set(key, { ...fresh, expires });
          const oldest = this.entries.keys().next();
          if (this.entries.size > this.config.PUBLIC_CACHE_ENTRIES && !oldest.done) this.entries.delete(oldest.value);
        }
        return fresh;
      })
      .finally(() => {
        if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, { generation, promise });
    return promise;
  }
}
