import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_WORDS_PER_MINUTE,
  EMPTY_DOC,
  RUNDOWN_SEGMENT_KINDS,
  expandClock,
  readingPace,
  readingSeconds,
  renderRichText,
  richTextToPlain,
  timeRundown,
  type AsRun,
  type RichTextDoc,
  type Rundown,
  type SaveRundownInput,
  type TakeInput,
  type TakeResult,
} from '@newsdesk/contracts';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../common/db.js';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { sanitizeRenderedBody } from '../stories/sanitize.js';
import { effectiveStatus } from '../stories/story-live.js';
import { OnAirRepository, type TakeRow } from './onair.repository.js';
import { RundownsRepository, type RundownItemToWrite } from './rundowns.repository.js';
import { ScheduleRepository, type SegmentRow } from './schedule.repository.js';
import { toSegmentDto } from './segment.rows.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The on-air state read off the takes: which item is on air, since when each item ran. */
interface LiveState {
  seq: number;
  currentItemId: string | null;
  ended: boolean;
  /** Per item id: its latest take's start, and the next take's time (its end). */
  actual: Map<string, { start: number; end: number | null }>;
}

function liveState(takes: readonly TakeRow[]): LiveState {
  const actual = new Map<string, { start: number; end: number | null }>();
  takes.forEach((take, i) => {
    if (!take.item_id) return;
    const next = takes[i + 1];
    actual.set(take.item_id, { start: take.taken_at.getTime(), end: next ? next.taken_at.getTime() : null });
  });
  const last = takes.at(-1);
  return {
    seq: last?.seq ?? 0,
    currentItemId: last?.item_id ?? null,
    ended: last !== undefined && last.item_id === null,
    actual,
  };
}

/**
 * The rundown inside a program block (or newscast): ordered items with planned durations, scripts
 * and hard posts, timed against the block's end (its hard out) and its posts. Saved whole (the
 * editor reorders freely), with its own version so that editing the rundown never makes the
 * segment's dialog stale, nor the reverse. On air, takes (rundown_takes) record what ran when.
 */
@Injectable()
export class RundownsService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly onair: OnAirRepository,
    private readonly rundowns: RundownsRepository,
    private readonly writer: VersionedWriter,
  ) {}

  async get(segmentId: string, tx?: Db): Promise<Rundown> {
    const segment = await this.repo.findSegment(segmentId, tx);
    if (!segment) throw new NotFoundError('Segment');
    const reads = [
      () => this.rundowns.rundownHead(segmentId, tx),
      () => this.rundowns.rundownItems(segmentId, tx),
      () => this.onair.takes(segmentId, tx),
      () => this.onair.wordsPerMinute(segment.program_id, tx),
    ] as const;
    // On the pool the four reads run side by side; inside a transaction (one connection) one after another.
    const [head, rows, takes, wpm] = tx
      ? [await reads[0](), await reads[1](), await reads[2](), await reads[3]()]
      : await Promise.all([reads[0](), reads[1](), reads[2](), reads[3]()]);
    const wordsPerMinute = wpm ?? DEFAULT_WORDS_PER_MINUTE;
    const live = liveState(takes);
    const now = Date.now();
    const start = segment.starts_at.getTime();
    const hardOut = segment.ends_at.getTime();
    const currentIndex = live.ended ? -1 : rows.findIndex((row) => row.id === live.currentItemId);
    const timing = timeRundown(
      start,
      hardOut,
      rows.map((row) => ({
        durationSeconds: row.duration_seconds,
        postAt: row.post_at?.getTime() ?? null,
        actualStart: live.actual.get(row.id)?.start ?? null,
      })),
      { now, currentIndex },
    );
    return {
      segmentId,
      version: head?.version ?? 1,
      segment: toSegmentDto(segment),
      timezone: segment.timezone,
      hardOut: iso(hardOut),
      items: rows.map((row, i) => {
        const time = defined(timing.items[i], 'item timing');
        const actual = live.actual.get(row.id);
        return {
          id: row.id,
          position: row.position,
          title: row.title,
          kind: row.kind,
          durationSeconds: row.duration_seconds,
          storyId: row.story_id,
          story:
            row.story_id && row.story_slug !== null
              ? {
                  id: row.story_id,
                  slug: row.story_slug,
                  headline: row.story_headline ?? '',
                  status: effectiveStatus(defined(row.story_status, 'story status'), row.story_published_at),
                }
              : null,
          notes: row.notes,
          script: row.script,
          scriptHtml: sanitizeRenderedBody(renderRichText(row.script)),
          readingSeconds: readingSeconds(richTextToPlain(row.script), readingPace(row.reader_wpm, wordsPerMinute)),
          readerId: row.reader_id,
          reader: row.reader_id ? { id: row.reader_id, displayName: row.reader_name ?? '', wordsPerMinute: row.reader_wpm } : null,
          wordsPerMinute: readingPace(row.reader_wpm, wordsPerMinute),
          storyTeaser: row.story_id ? (row.story_teaser ?? null) : null,
          storyTranscript: row.story_id ? (row.story_transcript ?? null) : null,
          postAt: row.post_at ? row.post_at.toISOString() : null,
          pinned: time.pinned,
          gapBeforeSeconds: time.gapBeforeSeconds,
          actualStart: actual ? iso(actual.start) : null,
          actualEnd: actual?.end != null ? iso(actual.end) : null,
          startsAt: iso(time.startsAt),
          endsAt: iso(time.endsAt),
          backTime: iso(time.backTime),
          secondsToHardOut: time.secondsToHardOut,
          pastHardOut: time.pastHardOut,
        };
      }),
      ...timing.totals,
      updatedAt: head?.updated_at.toISOString() ?? null,
      wordsPerMinute,
      sections: timing.sections.map((section) => ({
        postItemId: section.postIndex === null ? null : defined(rows[section.postIndex], 'post item').id,
        postAt: iso(section.postAt),
        plannedSeconds: section.plannedSeconds,
        availableSeconds: section.availableSeconds,
        overUnderSeconds: section.overUnderSeconds,
        state: section.state,
      })),
      live: { seq: live.seq, currentItemId: live.ended ? null : live.currentItemId, ended: live.ended, serverTime: iso(now) },
    };
  }

  /** The rundown's own version is the versioned record (a block never saved is at version 1). */
  async save(segmentId: string, input: SaveRundownInput, actor: Principal): Promise<Rundown> {
    return this.write(segmentId, input.version, actor, async (tx, segment) => {
      const before = await this.rundowns.rundownItemSummaries(segmentId, tx);
      await this.checkItems(tx, input, new Set(before.map((item) => item.id)), segment);
      return input.items.map((item) => ({
        id: item.id ?? null,
        title: item.title,
        kind: item.kind,
        durationSeconds: item.durationSeconds,
        storyId: item.storyId ?? null,
        notes: item.notes ?? '',
        script: (item.script as RichTextDoc | undefined) ?? EMPTY_DOC,
        postAt: item.postAt ? Date.parse(item.postAt) : null,
        readerId: item.readerId ?? null,
      }));
    });
  }

  /** Replaces the rundown with the block's program clock, laid over every station-time hour of the block. */
  async fromClock(segmentId: string, version: number, actor: Principal): Promise<Rundown> {
    return this.write(segmentId, version, actor, async (tx, segment) => {
      const items = await this.clockItems(segment, tx);
      if (items === null)
        throw new ValidationError(
          [{ field: '(body)', message: "The block's program has no hour clock" }],
          "The block's program has no hour clock.",
        );
      return items;
    });
  }

  /** The clock's items laid over the block, or null when its program has no clock with items. */
  async clockItems(segment: SegmentRow, tx: Db): Promise<RundownItemToWrite[] | null> {
    if (!segment.program_id) return null;
    const clock = await this.onair.clock(segment.program_id, tx);
    if (!clock || clock.items.length === 0) return null;
    return expandClock(clock.items, segment.starts_at.getTime(), segment.ends_at.getTime(), segment.timezone).map((item) => ({
      id: null,
      title: item.title,
      kind: item.kind,
      durationSeconds: item.durationSeconds,
      storyId: null,
      notes: '',
      script: EMPTY_DOC,
      postAt: item.postAt,
      readerId: null,
    }));
  }

  /** Writes a block's rundown once, from its clock, if it has none (the preparation job; idempotent across processes). */
  async prepareFromClock(segmentId: string, tx: Db): Promise<boolean> {
    const segment = await this.repo.findSegment(segmentId, tx);
    if (!segment || !(RUNDOWN_SEGMENT_KINDS as readonly string[]).includes(segment.kind)) return false;
    const items = await this.clockItems(segment, tx);
    if (!items) return false;
    if (!(await this.onair.claimRundown(segmentId, tx))) return false;
    await this.rundowns.replaceRundown(segmentId, items, null, tx);
    return true;
  }

  private async write(
    segmentId: string,
    version: number,
    actor: Principal,
    itemsOf: (tx: Db, segment: SegmentRow) => Promise<RundownItemToWrite[]>,
  ): Promise<Rundown> {
    const summary = (items: Array<{ title: string; duration_seconds?: number; durationSeconds?: number }>) =>
      items.map((item) => `${item.title} (${item.duration_seconds ?? item.durationSeconds}s)`);
    const saved = await this.writer.write({
      what: 'rundown',
      version,
      lock: async (tx) => {
        const kind = await this.rundowns.lockSegmentKind(segmentId, tx);
        if (kind === undefined) throw new NotFoundError('Segment');
        if (!(RUNDOWN_SEGMENT_KINDS as readonly string[]).includes(kind)) {
          throw new ValidationError(
            [{ field: '(body)', message: 'Only a program block or a newscast has a rundown' }],
            'Only a program block or a newscast has a rundown.',
          );
        }
        return this.rundowns.lockRundown(segmentId, tx);
      },
      apply: async (tx) => {
        const segment = defined(await this.repo.findSegment(segmentId, tx), 'segment');
        const before = await this.rundowns.rundownItemSummaries(segmentId, tx);
        const items = await itemsOf(tx, segment);
        await this.rundowns.replaceRundown(segmentId, items, actor.userId, tx);
        return { before, items, rundown: await this.get(segmentId, tx) };
      },
      audit: (_head, { before, items }) => ({
        actor,
        action: 'update',
        entity: 'rundown',
        entityId: segmentId,
        diff: { items: [summary(before), summary(items)] },
      }),
    });
    return saved.rundown;
  }

  /** Item ids must be this rundown's own; story links must point at stories that exist; posts inside the block. */
  private async checkItems(tx: Db, input: SaveRundownInput, ownIds: Set<string>, segment: SegmentRow): Promise<void> {
    const errors: Array<{ field: string; message: string }> = [];
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      if (item.postAt) {
        const at = Date.parse(item.postAt);
        if (at < segment.starts_at.getTime() || at >= segment.ends_at.getTime())
          errors.push({ field: `items.${i}.postAt`, message: 'A hard post must fall inside the block' });
      }
      if (!item.id) return;
      if (!ownIds.has(item.id))
        errors.push({ field: `items.${i}.id`, message: 'Not an item of this rundown (leave the id out for a new item)' });
      else if (seen.has(item.id)) errors.push({ field: `items.${i}.id`, message: 'The same item appears twice' });
      seen.add(item.id);
    });
    const storyIds = [...new Set(input.items.map((item) => item.storyId).filter((id): id is string => Boolean(id)))];
    if (storyIds.length) {
      const known = await this.rundowns.existingStoryIds(storyIds, tx);
      input.items.forEach((item, i) => {
        if (item.storyId && !known.has(item.storyId)) errors.push({ field: `items.${i}.storyId`, message: 'No story has this id' });
      });
    }
    const readerIds = [...new Set(input.items.map((item) => item.readerId).filter((id): id is string => Boolean(id)))];
    if (readerIds.length) {
      const known = await this.rundowns.existingPersonIds(readerIds, tx);
      input.items.forEach((item, i) => {
        if (item.readerId && !known.has(item.readerId)) errors.push({ field: `items.${i}.readerId`, message: 'No person has this id' });
      });
    }
    if (errors.length) throw new ValidationError(errors);
  }

  // --- On air ---------------------------------------------------------------------------------

  /**
   * Takes the next item (or `itemId`, or ends the block). Recorded as take number expectedSeq + 1,
   * once: a client that did not see the latest take (a double press, a second producer) records
   * nothing and gets the current state back.
   */
  async take(segmentId: string, input: TakeInput, actor: Principal): Promise<TakeResult> {
    const rundown = await this.get(segmentId);
    if (rundown.live.seq !== input.expectedSeq) return { recorded: false, rundown };
    if (rundown.live.ended) throw new ConflictError('This block has ended: nothing more can be taken.');
    const items = rundown.items;
    let target: (typeof items)[number] | null = null;
    if (input.end) target = null;
    else if (input.itemId) {
      target = items.find((item) => item.id === input.itemId) ?? null;
      if (!target) throw new ValidationError([{ field: 'itemId', message: 'Not an item of this rundown' }]);
    } else {
      const current = items.findIndex((item) => item.id === rundown.live.currentItemId);
      target = items[current + 1] ?? null;
      if (!target && items.length === 0)
        throw new ValidationError([{ field: '(body)', message: 'The rundown has no items to take' }], 'The rundown has no items to take.');
    }
    // The planned start is the plan's front-timing (posts kept, no actual times).
    const plan = timeRundown(
      Date.parse(rundown.segment.startsAt),
      Date.parse(rundown.hardOut),
      items.map((item) => ({ durationSeconds: item.durationSeconds, postAt: item.postAt ? Date.parse(item.postAt) : null })),
    );
    const index = target ? items.indexOf(target) : -1;
    const recorded = await this.onair.insertTake({
      segmentId,
      seq: input.expectedSeq + 1,
      itemId: target?.id ?? null,
      title: target?.title ?? 'End of block',
      kind: target?.kind ?? 'other',
      storyId: target?.storyId ?? null,
      plannedStart: target ? new Date(defined(plan.items[index], 'plan').startsAt) : new Date(Date.parse(rundown.hardOut)),
      plannedSeconds: target?.durationSeconds ?? 0,
      takenBy: actor.userId,
    });
    return { recorded, rundown: await this.get(segmentId) };
  }

  async asRun(segmentId: string): Promise<AsRun> {
    const segment = await this.repo.findSegment(segmentId);
    if (!segment) throw new NotFoundError('Segment');
    const takes = await this.onair.takes(segmentId);
    const callSign = await this.onair.stationCallSign(segment.station_id);
    const entries = takes.map((take, i) => {
      const next = takes[i + 1];
      const actualEnd = next ? next.taken_at.getTime() : null;
      const start = take.taken_at.getTime();
      return {
        seq: take.seq,
        itemId: take.item_id,
        title: take.title,
        kind: take.kind,
        plannedStart: take.planned_start?.toISOString() ?? null,
        plannedSeconds: take.planned_seconds,
        actualStart: iso(start),
        actualEnd: actualEnd === null ? null : iso(actualEnd),
        actualSeconds: actualEnd === null ? null : Math.round((actualEnd - start) / 1000),
        driftSeconds: take.planned_start ? Math.round((start - take.planned_start.getTime()) / 1000) : null,
        takenBy: take.taken_by_name,
      };
    });
    // Drift of the whole: where the log is now against where the plan would be.
    const lastAired = [...takes].reverse().find((take) => take.item_id !== null);
    let totalDriftSeconds = 0;
    if (lastAired?.planned_start) {
      const entry = defined(
        entries.find((candidate) => candidate.seq === lastAired.seq),
        'entry',
      );
      const actualEnd = entry.actualEnd ? Date.parse(entry.actualEnd) : lastAired.taken_at.getTime() + lastAired.planned_seconds * 1000;
      totalDriftSeconds = Math.round((actualEnd - (lastAired.planned_start.getTime() + lastAired.planned_seconds * 1000)) / 1000);
    }
    return { segmentId, timezone: segment.timezone, stationCallSign: callSign, entries, totalDriftSeconds };
  }
}
