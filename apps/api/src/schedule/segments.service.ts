import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import {
  addDays,
  daysBetween,
  parseZonedTime,
  startOfLocalDay,
  type CreateSegmentInput,
  type ListSegmentsQuery,
  type Segment,
  type SegmentPage,
  type StationSchedule,
  type StationScheduleQuery,
  type UpdateSegmentInput,
} from '@newsdesk/contracts';
import type { Db } from '../common/db.js';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { ScheduleRepository, isPgError, type StoredRow } from './schedule.repository.js';
import { overlapError, toSegmentDto } from './segment.rows.js';
import { StationsService, toStationDto } from './stations.service.js';

const AUDITED = ['starts_at', 'duration_seconds', 'title', 'kind', 'status', 'program_id', 'story_id', 'notes'];
const MAX_DAYS = 31;

/** A segments row as stored (`SELECT *`), what the versioned write locks. */
type StoredSegment = StoredRow & { station_id: string; starts_at: Date; duration_seconds: number };

/** Reads a start as sent, in the station's zone; a gap, a repeated time without offset, or a bad offset is a 400 on `startsAt`. */
export function resolveStart(text: string, timeZone: string, field = 'startsAt'): number {
  const result = parseZonedTime(text, timeZone);
  if (!result.ok) throw new ValidationError([{ field, message: result.message }], result.message);
  return result.instant;
}

@Injectable()
export class SegmentsService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly audit: AuditService,
    private readonly stations: StationsService,
    private readonly writer: VersionedWriter,
  ) {}

  async list(query: ListSegmentsQuery): Promise<SegmentPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.repo.listSegments({
      stationId: query.stationId,
      from: query.from,
      to: query.to,
      after: after && [after[0], after[1]],
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toSegmentDto),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.starts_at.toISOString(), last.id]) : null,
    };
  }

  async get(id: string): Promise<Segment> {
    const row = await this.repo.findSegment(id);
    if (!row) throw new NotFoundError('Segment');
    return toSegmentDto(row);
  }

  /** Whole station-local days: a DST day is 23 or 25 hours long, and a segment crossing midnight shows once. */
  async schedule(stationId: string, query: StationScheduleQuery): Promise<StationSchedule> {
    const station = await this.stations.find(stationId);
    const to = query.to ?? query.from;
    const count = daysBetween(query.from, to) + 1;
    if (count < 1) throw new ValidationError([{ field: 'to', message: 'to is before from' }]);
    if (count > MAX_DAYS) throw new ValidationError([{ field: 'to', message: `At most ${MAX_DAYS} days at a time` }]);
    const days = Array.from({ length: count }, (_, i) => {
      const date = addDays(query.from, i);
      const startsAt = startOfLocalDay(date, station.timezone);
      const endsAt = startOfLocalDay(addDays(date, 1), station.timezone);
      return {
        date,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        hours: (endsAt - startsAt) / 3_600_000,
      };
    });
    const windowStart = defined(days[0], 'first day').startsAt;
    const windowEnd = defined(days.at(-1), 'last day').endsAt;
    const rows = await this.repo.segmentsBetween(stationId, windowStart, windowEnd);
    return { station: toStationDto(station), from: query.from, to, days, segments: rows.map(toSegmentDto) };
  }

  async create(input: CreateSegmentInput, actor: Principal): Promise<Segment> {
    const station = await this.stations.findForField(input.stationId);
    const starts = resolveStart(input.startsAt, station.timezone);
    const refs = await this.references(input.programId ?? null, input.storyId ?? null);
    const title = input.title ?? refs.programName ?? refs.storyHeadline;
    if (!title)
      throw new ValidationError([{ field: 'title', message: 'A title is required (or choose a program or story to take it from)' }]);
    let id: string;
    try {
      ({ id } = await this.writer.create({
        entity: 'segment',
        actor,
        audited: AUDITED,
        insert: (tx) =>
          this.repo.insertSegment(
            {
              stationId: station.id,
              startsAt: new Date(starts),
              durationSeconds: input.durationSeconds,
              title,
              kind: input.kind,
              status: input.status ?? 'planned',
              programId: input.programId ?? null,
              storyId: input.storyId ?? null,
              notes: input.notes ?? '',
            },
            actor.userId,
            tx,
          ),
      }));
    } catch (error) {
      if (isPgError(error, '23P01'))
        throw await overlapError(this.repo, station.id, starts, starts + input.durationSeconds * 1000, station.timezone, null);
      throw error;
    }
    return this.get(id);
  }

  /** Applies the changed fields if `version` is current; a move onto another segment is a 409 naming it. */
  async update(id: string, input: UpdateSegmentInput, actor: Principal): Promise<Segment> {
    // Where the segment was going, to name what is in the way if the constraint refuses it.
    const target: { span?: { stationId: string; starts: number; ends: number; timezone: string } } = {};
    try {
      await this.writer.write({
        what: 'segment',
        version: input.version,
        lock: (tx) => this.repo.lock<StoredSegment>('segments', id, tx),
        apply: async (tx, before) => {
          const timezone = defined(await this.repo.stationTimezone(before.station_id, tx), 'station time zone');
          const starts = input.startsAt !== undefined ? resolveStart(input.startsAt, timezone) : before.starts_at.getTime();
          const duration = input.durationSeconds ?? before.duration_seconds;
          target.span = { stationId: before.station_id, starts, ends: starts + duration * 1000, timezone };
          await this.references(input.programId ?? null, input.storyId ?? null, tx);
          const changes: Record<string, unknown> = {};
          if (input.startsAt !== undefined) changes.starts_at = new Date(starts);
          if (input.durationSeconds !== undefined) changes.duration_seconds = input.durationSeconds;
          if (input.title !== undefined) changes.title = input.title;
          if (input.kind !== undefined) changes.kind = input.kind;
          if (input.status !== undefined) changes.status = input.status;
          if (input.programId !== undefined) changes.program_id = input.programId;
          if (input.storyId !== undefined) changes.story_id = input.storyId;
          if (input.notes !== undefined) changes.notes = input.notes;
          return this.repo.update<StoredSegment>('segments', id, changes, actor.userId, tx);
        },
        audit: (before, after) => ({ actor, action: 'update', entity: 'segment', entityId: id, diff: compactDiff(before, after, AUDITED) }),
      });
    } catch (error) {
      const span = target.span;
      if (isPgError(error, '23P01') && span) throw await overlapError(this.repo, span.stationId, span.starts, span.ends, span.timezone, id);
      throw error;
    }
    return this.get(id);
  }

  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.writer.write({
      what: 'segment',
      version,
      lock: (tx) => this.repo.lock<StoredSegment>('segments', id, tx),
      apply: (tx) => this.repo.remove('segments', id, tx),
      audit: (before) => ({ actor, action: 'delete', entity: 'segment', entityId: id, diff: compactDiff(before, null, AUDITED) }),
    });
  }

  /** The program and story a body names must exist: a 400 on the field otherwise. */
  private async references(
    programId: string | null,
    storyId: string | null,
    tx?: Db,
  ): Promise<{ programName: string | null; storyHeadline: string | null }> {
    const errors: Array<{ field: string; message: string }> = [];
    let programName: string | null = null;
    let storyHeadline: string | null = null;
    if (programId) {
      const name = await this.repo.programName(programId, tx);
      if (name !== undefined) programName = name;
      else errors.push({ field: 'programId', message: 'No program has this id' });
    }
    if (storyId) {
      const headline = await this.repo.storyHeadline(storyId, tx);
      if (headline !== undefined) storyHeadline = headline;
      else errors.push({ field: 'storyId', message: 'No story has this id' });
    }
    if (errors.length) throw new ValidationError(errors);
    return { programName, storyHeadline };
  }
}
