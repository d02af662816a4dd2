import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  formatZoned,
  zoneAbbreviation,
  type AsRun,
  type Clock,
  type OnAirBlockList,
  type PrepareRundownsResult,
  type Rundown,
  type SaveClockInput,
  type StoryAiringList,
} from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { NotFoundError } from '../common/errors.js';
import { PgListener } from '../common/pg-listener.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { CONFIG, type Config } from '../config.js';
import { OnAirRepository } from './onair.repository.js';
import { RundownsService } from './rundowns.service.js';

/** Every this often a process with workers (OUTBOX_WORKER) prepares the coming blocks' rundowns from their clocks. */
export const PREPARE_EVERY_MS = 10 * 60_000;
/** How far ahead the job prepares rundowns. */
export const PREPARE_AHEAD_HOURS = 48;
/** Every this often each live stream gets a comment (keeps proxies from closing it). */
export const LIVE_HEARTBEAT_MS = 15_000;

export interface LiveSink {
  rundown(rundown: Rundown): void;
  heartbeat(): void;
  end(): void;
}

/** "aired on WAMU, Morning Edition, 7:42 AM EST". */
export function airingLabel(callSign: string, program: string | null, at: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);
  return `aired on ${[callSign, program, `${time} ${zoneAbbreviation(at.getTime(), timeZone)}`].filter(Boolean).join(', ')}`;
}

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break; a leading = + - @ is defused for spreadsheets. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function asRunCsv(log: AsRun): string {
  const local = (value: string | null) => (value ? formatZoned(Date.parse(value), log.timezone) : null);
  const header = [
    'seq',
    'title',
    'kind',
    'planned_start_utc',
    'planned_start_local',
    'planned_seconds',
    'actual_start_utc',
    'actual_start_local',
    'actual_end_utc',
    'actual_seconds',
    'drift_seconds',
    'taken_by',
  ];
  const lines = [header.join(',')];
  for (const entry of log.entries) {
    lines.push(
      [
        entry.seq,
        entry.title,
        entry.kind,
        entry.plannedStart,
        local(entry.plannedStart),
        entry.plannedSeconds,
        entry.actualStart,
        local(entry.actualStart),
        entry.actualEnd,
        entry.actualSeconds,
        entry.driftSeconds,
        entry.takenBy,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Hour clocks, the preparation of rundowns from them ahead of air, a story's airings, and the live
 * views: each API process keeps one LISTEN connection on 'newsdesk_onair' (common/pg-listener.ts,
 * as presence does) and, on a notification for a block it has streams on, reads the rundown once
 * and writes it to each of them. A take made on any process reaches every producer's screen.
 */
@Injectable()
export class OnAirService implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('onair');
  private readonly streams = new Map<string, Set<LiveSink>>();
  private readonly pushing = new Set<string>();
  private readonly again = new Set<string>();
  private listener: PgListener | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private preparer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: OnAirRepository,
    private readonly rundowns: RundownsService,
    private readonly writer: VersionedWriter,
    private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    this.listener = new PgListener({
      databaseUrl: this.config.DATABASE_URL,
      applicationName: 'newsdesk-onair-listener',
      listen: (client) => this.repo.listen(client),
      onNotification: (segmentId) => this.push(segmentId),
      onConnected: () => {
        for (const segmentId of this.streams.keys()) this.push(segmentId);
      },
      onLost: () => undefined,
      logger: this.logger,
      lostMessage: 'on-air listener lost its connection: live views hear of takes again once it is back',
    });
    await this.listener.start();
    this.heartbeat = setInterval(() => {
      for (const sinks of this.streams.values()) for (const sink of sinks) sink.heartbeat();
    }, LIVE_HEARTBEAT_MS);
    this.heartbeat.unref();
    if (this.config.OUTBOX_WORKER) {
      const run = () =>
        this.prepare(PREPARE_AHEAD_HOURS).catch((error: unknown) =>
          this.logger.warn({ err: error }, 'preparing rundowns from clocks failed'),
        );
      void run();
      this.preparer = setInterval(() => void run(), PREPARE_EVERY_MS);
      this.preparer.unref();
    }
  }

  beforeApplicationShutdown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.preparer) clearInterval(this.preparer);
    for (const sinks of this.streams.values()) for (const sink of sinks) sink.end();
    this.streams.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  // --- Live views -----------------------------------------------------------------------------

  /** Attaches a stream (the rundown now and after every change); returns what to call when it closes. */
  async attach(segmentId: string, sink: LiveSink): Promise<() => void> {
    const rundown = await this.rundowns.get(segmentId); // 404 before the stream opens
    let sinks = this.streams.get(segmentId);
    if (!sinks) this.streams.set(segmentId, (sinks = new Set()));
    sinks.add(sink);
    sink.rundown(rundown);
    return () => {
      const set = this.streams.get(segmentId);
      if (!set?.delete(sink)) return;
      if (set.size === 0) this.streams.delete(segmentId);
    };
  }

  private push(segmentId: string): void {
    if (!this.streams.has(segmentId)) return;
    if (this.pushing.has(segmentId)) {
      this.again.add(segmentId);
      return;
    }
    this.pushing.add(segmentId);
    void this.rundowns
      .get(segmentId)
      .then(
        (rundown) => {
          for (const sink of this.streams.get(segmentId) ?? []) sink.rundown(rundown);
        },
        (error: unknown) => this.logger.warn({ err: error, segmentId }, 'on-air: reading the rundown for its streams failed'),
      )
      .finally(() => {
        this.pushing.delete(segmentId);
        if (this.again.delete(segmentId)) this.push(segmentId);
      });
  }

  // --- Clocks ---------------------------------------------------------------------------------

  async clock(programId: string): Promise<Clock> {
    if ((await this.repo.wordsPerMinute(programId)) === undefined) throw new NotFoundError('Program');
    const row = await this.repo.clock(programId);
    const items = row?.items ?? [];
    return {
      programId,
      version: row?.version ?? 1,
      items: items.map((item) => ({ title: item.title, kind: item.kind, durationSeconds: item.durationSeconds, postAt: item.postAt })),
      plannedSeconds: items.reduce((sum, item) => sum + item.durationSeconds, 0),
      updatedAt: row?.updated_at.toISOString() ?? null,
    };
  }

  async saveClock(programId: string, input: SaveClockInput, actor: Principal): Promise<Clock> {
    const items = input.items.map((item) => ({
      title: item.title,
      kind: item.kind,
      durationSeconds: item.durationSeconds,
      postAt: item.postAt ?? null,
    }));
    await this.writer.write({
      what: 'clock',
      version: input.version,
      lock: (tx) => this.repo.lockClock(programId, tx),
      apply: (tx) => this.repo.saveClock(programId, items, actor.userId, tx),
      audit: () => ({
        actor,
        action: 'update',
        entity: 'program_clock',
        entityId: programId,
        diff: { items: [null, items.map((item) => `${item.postAt ?? '~'} ${item.title} (${item.durationSeconds}s)`)] },
      }),
    });
    return this.clock(programId);
  }

  /**
   * Gives each block starting within `hours` whose program has a clock, and that has no rundown,
   * its rundown from the clock. Each block in its own transaction; a block another process
   * prepared meanwhile is skipped (the rundown's primary key, see OnAirRepository.claimRundown).
   */
  async prepare(hours: number): Promise<PrepareRundownsResult> {
    const blocks = await this.repo.blocksToPrepare(new Date(Date.now() + hours * 3600_000));
    const segmentIds: string[] = [];
    for (const block of blocks) {
      const made = await this.db.transaction((tx) => this.rundowns.prepareFromClock(block.id, tx));
      if (made) segmentIds.push(block.id);
    }
    return { created: segmentIds.length, segmentIds };
  }

  async onAir(user: Principal): Promise<OnAirBlockList> {
    const rows = await this.repo.onAir(user.userId);
    return {
      items: rows.map((row) => ({
        segmentId: row.id,
        callSign: row.call_sign,
        title: row.title,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
        mine: row.mine === true,
      })),
    };
  }

  // --- As run ---------------------------------------------------------------------------------

  asRun(segmentId: string): Promise<AsRun> {
    return this.rundowns.asRun(segmentId);
  }

  async airings(storyId: string): Promise<StoryAiringList> {
    if (!(await this.repo.storyExists(storyId))) throw new NotFoundError('Story');
    const rows = await this.repo.airings(storyId);
    return {
      items: rows.map((row) => ({
        segmentId: row.segment_id,
        stationCallSign: row.call_sign,
        programName: row.program_name,
        airedAt: row.taken_at.toISOString(),
        airedAtLocal: formatZoned(row.taken_at.getTime(), row.timezone),
        timezone: row.timezone,
        label: airingLabel(row.call_sign, row.program_name, row.taken_at, row.timezone),
      })),
    };
  }
}
