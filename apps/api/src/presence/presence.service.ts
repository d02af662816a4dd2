import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { PresenceSnapshot, StoryLock, UpdatePresenceInput } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { CollisionError, ConflictError, NotFoundError } from '../common/errors.js';
import { PgListener } from '../common/pg-listener.js';
import { CONFIG, type Config } from '../config.js';
import { StoriesRepository } from '../stories/stories.repository.js';
import { PresenceRepository, type LockRow } from './presence.repository.js';

/** Every this often, the process refreshes the tabs whose streams it holds, sends each stream a comment, and sweeps dead tabs. */
export const HEARTBEAT_MS = 15_000;

/** Where a stream's events go (the controller writes them as Server-Sent Events). */
export interface PresenceSink {
  snapshot(snapshot: PresenceSnapshot): void;
  heartbeat(): void;
  end(): void;
}

interface Subscriber {
  tabId: string;
  sink: PresenceSink;
}

const lockOf = (row: LockRow): StoryLock => ({ userId: row.user_id, name: row.name, tabId: row.tab_id, since: row.since.toISOString() });

/**
 * Presence and soft locks (docs/presence.md). The state is rows in PostgreSQL (story_presence,
 * story_locks), whose every change NOTIFYs `newsdesk_presence` with the story id; each API process
 * keeps one LISTEN connection (common/pg-listener.ts) and, on a notification for a story it has
 * streams on, reads the story's snapshot once and writes it to each of them. No second store.
 */
@Injectable()
export class PresenceService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('presence');
  /** This process's streams, by story. */
  private readonly streams = new Map<string, Set<Subscriber>>();
  /** Stories whose snapshot is being read, and those to read again once it is (changes arrived meanwhile). */
  private readonly pushing = new Set<string>();
  private readonly again = new Set<string>();
  private listener: PgListener | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: PresenceRepository,
    private readonly stories: StoriesRepository,
    private readonly audit: AuditService,
    private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    this.listener = new PgListener({
      databaseUrl: this.config.DATABASE_URL,
      applicationName: 'newsdesk-presence-listener',
      listen: (client) => this.repo.listen(client),
      onNotification: (storyId) => this.push(storyId),
      // Deaf until now: every stream gets its story's snapshot again.
      onConnected: () => {
        for (const storyId of this.streams.keys()) this.push(storyId);
      },
      onLost: () => undefined,
      logger: this.logger,
      lostMessage: 'presence listener lost its connection: streams hear of changes again once it is back',
    });
    await this.listener.start();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Ends every stream of this process (their tabs leave, their locks are released) before the server closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    const leaving: Promise<void>[] = [];
    for (const [storyId, subscribers] of this.streams) {
      for (const subscriber of subscribers) {
        leaving.push(this.repo.leave(storyId, subscriber.tabId).catch(() => undefined));
        subscriber.sink.end();
      }
    }
    this.streams.clear();
    await Promise.all(leaving);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  /** Whether the LISTEN connection is up (for readiness, if wanted). */
  get listenerConnected(): boolean {
    return this.listener?.connected ?? false;
  }

  private async mustExist(storyId: string): Promise<void> {
    if (!(await this.stories.exists(storyId))) throw new NotFoundError('Story');
  }

  private tabTaken(): ConflictError {
    return new CollisionError('This tab id is in use by another user; open the story again.', [
      { field: 'tab', message: 'tab is in use by another user' },
    ]);
  }

  /** The story's viewers and lock now. */
  async snapshot(storyId: string): Promise<PresenceSnapshot> {
    const [viewers, lock] = await Promise.all([this.repo.viewers(storyId), this.repo.lock(storyId)]);
    return {
      viewers: viewers.map((row) => ({
        userId: row.user_id,
        name: row.name,
        tabId: row.tab_id,
        section: row.section,
        typing: row.typing,
        since: row.connected_at.toISOString(),
      })),
      lock: lock ? lockOf(lock) : null,
    };
  }

  async get(storyId: string): Promise<PresenceSnapshot> {
    await this.mustExist(storyId);
    return this.snapshot(storyId);
  }

  /** Registers a tab before its stream opens (404 for a missing story, 409 for another user's tab id). */
  async join(storyId: string, tabId: string, user: Principal): Promise<void> {
    await this.mustExist(storyId);
    if (!(await this.repo.join(storyId, tabId, user.userId))) throw this.tabTaken();
  }

  /**
   * Attaches a joined tab's stream: it gets the snapshot now and on every change. Returns what to
   * call when the stream closes: the tab leaves and any lock it holds is released (both notify).
   */
  attach(storyId: string, tabId: string, sink: PresenceSink): () => Promise<void> {
    const subscriber: Subscriber = { tabId, sink };
    let subscribers = this.streams.get(storyId);
    if (!subscribers) this.streams.set(storyId, (subscribers = new Set()));
    subscribers.add(subscriber);
    this.pushTo(storyId, [subscriber]);
    let left = false;
    return async () => {
      if (left) return;
      left = true;
      const set = this.streams.get(storyId);
      if (!set?.delete(subscriber)) return; // already ended by shutdown, which removed the rows
      if (set.size === 0) this.streams.delete(storyId);
      await this.repo.leave(storyId, tabId).catch((error: unknown) => this.logger.warn({ err: error, storyId }, 'presence: leave failed'));
    };
  }

  async update(storyId: string, input: UpdatePresenceInput, user: Principal): Promise<void> {
    await this.mustExist(storyId);
    if (!(await this.repo.update(storyId, input.tab, user.userId, input.section, input.typing))) throw this.tabTaken();
  }

  /** Takes the lock for a tab, or 409 naming the holder (in `conflict.lock`). */
  async acquire(storyId: string, tabId: string, user: Principal): Promise<StoryLock> {
    await this.mustExist(storyId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const taken = await this.repo.acquire(storyId, tabId, user.userId);
      if (taken) return { userId: user.userId, name: user.name, tabId, since: taken.since.toISOString() };
      const holder = await this.repo.lock(storyId);
      // Released (or expired) between the two statements: try again.
      if (!holder) continue;
      const lock = lockOf(holder);
      throw new CollisionError(
        `${holder.name} is editing this story (since ${lock.since}). Take over to edit it yourself.`,
        [{ field: 'tab', message: `the lock is held by ${holder.name}` }],
        { lock },
      );
    }
    throw new ConflictError('The lock changed hands too often; try again.');
  }

  /** Takes the lock from whoever holds it; audited with who it was taken from. */
  async takeOver(storyId: string, tabId: string, user: Principal): Promise<StoryLock> {
    await this.mustExist(storyId);
    return this.db.transaction(async (tx) => {
      await this.repo.lockForTakeOver(tx, storyId);
      const previous = await this.repo.lock(storyId, tx);
      const { since } = await this.repo.takeOver(tx, storyId, tabId, user.userId);
      if (previous && previous.tab_id !== tabId) {
        await this.audit.record(tx, {
          actor: user,
          action: 'lock.take_over',
          entity: 'story',
          entityId: storyId,
          diff: { lockHolder: [previous.email, user.email], lockTab: [previous.tab_id, tabId] },
        });
      }
      return { userId: user.userId, name: user.name, tabId, since: since.toISOString() };
    });
  }

  async release(storyId: string, tabId: string, user: Principal): Promise<void> {
    await this.mustExist(storyId);
    await this.repo.release(storyId, tabId, user.userId);
  }

  /** A story changed: read its snapshot once and send it to this process's streams on it (coalescing bursts). */
  private push(storyId: string): void {
    const subscribers = this.streams.get(storyId);
    if (!subscribers) return;
    if (this.pushing.has(storyId)) {
      this.again.add(storyId);
      return;
    }
    this.pushTo(storyId, null);
  }

  /** Sends the snapshot to `only` (a stream just attached) or to every stream on the story. */
  private pushTo(storyId: string, only: Subscriber[] | null): void {
    if (!only) this.pushing.add(storyId);
    this.snapshot(storyId)
      .then((snapshot) => {
        for (const subscriber of only ?? this.streams.get(storyId) ?? []) subscriber.sink.snapshot(snapshot);
      })
      .catch((error: unknown) => this.logger.warn({ err: error, storyId }, 'presence: snapshot failed'))
      .finally(() => {
        if (only) return;
        this.pushing.delete(storyId);
        if (this.again.delete(storyId)) this.push(storyId);
      });
  }

  /** Keeps this process's tabs alive, sends each stream a comment, and deletes the rows of dead tabs. */
  private async beat(): Promise<void> {
    const tabs: Array<{ storyId: string; tabId: string }> = [];
    for (const [storyId, subscribers] of this.streams) {
      for (const subscriber of subscribers) {
        tabs.push({ storyId, tabId: subscriber.tabId });
        subscriber.sink.heartbeat();
      }
    }
    try {
      await this.repo.touch(tabs);
      await this.repo.sweep();
    } catch (error) {
      this.logger.warn({ err: error }, 'presence: heartbeat failed');
    }
  }
}
