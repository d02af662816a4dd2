import { Injectable } from '@nestjs/common';
import {
  addDays, daysBetween, parseZonedTime, startOfLocalDay,
  type CreateSegmentInput, type ListSegmentsQuery, type Segment, type SegmentPage, type StationSchedule, type StationScheduleQuery,
  type UpdateSegmentInput,
} from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { SEGMENT_SELECT, findSegmentRow, overlapError, toSegmentDto, type SegmentRow } from './segment.rows.js';
import { StationsService, toStationDto } from './stations.service.js';
import { isPgError, lockVersioned, updateVersioned } from './versioned.js';

const AUDITED = ['starts_at', 'duration_seconds', 'title', 'kind', 'status', 'program_id', 'story_id', 'notes'];
const MAX_DAYS = 31;
const asRecord = (row: unknown) => row as Record<string, unknown>;

/** Reads a start as sent, in the station's zone; a gap, a repeated time without offset, or a bad offset is a 400 on `startsAt`. */
export function resolveStart(text: string, timeZone: string, field = 'startsAt'): number {
  const result = parseZonedTime(text, timeZone);
  if (!result.ok) throw new ValidationError([{ field, message: result.message }], result.message);
  return result.instant;
}

@Injectable()
export class SegmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly stations: StationsService,
  ) {}

  async list(query: ListSegmentsQuery): Promise<SegmentPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.stationId) add('g.station_id = ?', query.stationId);
    if (query.from) add('g.ends_at > ?', query.from);
    if (query.to) add('g.starts_at < ?', query.to);
    if (query.cursor) {
      const [startsAt, id] = decodeCursor(query.cursor);
      params.push(startsAt, id);
      where.push(`(g.starts_at, g.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows: SegmentRow[] = await this.db.query(
      `${SEGMENT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY g.starts_at, g.id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toSegmentDto), nextCursor: rows.length > query.limit && last ? encodeCursor([last.starts_at.toISOString(), last.id]) : null };
  }

  async get(id: string): Promise<Segment> {
    const row = await findSegmentRow(this.db, id);
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
      return { date, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), hours: (endsAt - startsAt) / 3_600_000 };
    });
    const windowStart = days[0]!.startsAt;
    const windowEnd = days.at(-1)!.endsAt;
    // A segment lasts at most a day, so the index range starts a day early.
    const rows: SegmentRow[] = await this.db.query(
      `${SEGMENT_SELECT}
        WHERE g.station_id = $1 AND g.starts_at < $3 AND g.starts_at > $2::timestamptz - interval '1 day' AND g.ends_at > $2
        ORDER BY g.starts_at`,
      [stationId, windowStart, windowEnd],
    );
    return { station: toStationDto(station), from: query.from, to, days, segments: rows.map(toSegmentDto) };
  }

  async create(input: CreateSegmentInput, actor: Principal): Promise<Segment> {
    const station = await this.stations.findForField(input.stationId);
    const starts = resolveStart(input.startsAt, station.timezone);
    const refs = await this.references(this.db.manager, input.programId ?? null, input.storyId ?? null);
    const title = input.title ?? refs.programName ?? refs.storyHeadline;
    if (!title) throw new ValidationError([{ field: 'title', message: 'A title is required (or choose a program or story to take it from)' }]);
    let id: string;
    try {
      id = await this.db.transaction(async (tx) => {
        const [row]: Array<Record<string, unknown> & { id: string }> = await tx.query(
          `INSERT INTO segments (station_id, starts_at, duration_seconds, title, kind, status, program_id, story_id, notes, created_by, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING *`,
          [station.id, new Date(starts), input.durationSeconds, title, input.kind, input.status ?? 'planned', input.programId ?? null, input.storyId ?? null, input.notes ?? '', actor.userId],
        );
        await this.audit.record(tx, { actor, action: 'create', entity: 'segment', entityId: row!.id, diff: compactDiff(null, row!, AUDITED) });
        return row!.id;
      });
    } catch (error) {
      if (isPgError(error, '23P01')) throw await overlapError(this.db, station.id, starts, starts + input.durationSeconds * 1000, station.timezone, null);
      throw error;
    }
    return this.get(id);
  }

  /** Applies the changed fields if `version` is current; a move onto another segment is a 409 naming it. */
  async update(id: string, input: UpdateSegmentInput, actor: Principal): Promise<Segment> {
    // Where the segment was going, to name what is in the way if the constraint refuses it.
    const target: { span?: { stationId: string; starts: number; ends: number; timezone: string } } = {};
    try {
      await this.db.transaction(async (tx) => {
        const before = await lockVersioned<SegmentRow>(tx, 'segments', id, input.version, 'segment');
        const [zone]: Array<{ timezone: string }> = await tx.query(`SELECT timezone FROM stations WHERE id = $1`, [before.station_id]);
        const timezone = zone!.timezone;
        const starts = input.startsAt !== undefined ? resolveStart(input.startsAt, timezone) : before.starts_at.getTime();
        const duration = input.durationSeconds ?? before.duration_seconds;
        target.span = { stationId: before.station_id, starts, ends: starts + duration * 1000, timezone };
        await this.references(tx, input.programId ?? null, input.storyId ?? null);
        const changes: Record<string, unknown> = {};
        if (input.startsAt !== undefined) changes.starts_at = new Date(starts);
        if (input.durationSeconds !== undefined) changes.duration_seconds = input.durationSeconds;
        if (input.title !== undefined) changes.title = input.title;
        if (input.kind !== undefined) changes.kind = input.kind;
        if (input.status !== undefined) changes.status = input.status;
        if (input.programId !== undefined) changes.program_id = input.programId;
        if (input.storyId !== undefined) changes.story_id = input.storyId;
        if (input.notes !== undefined) changes.notes = input.notes;
        const after = await updateVersioned(tx, 'segments', id, changes, actor.userId);
        await this.audit.record(tx, { actor, action: 'update', entity: 'segment', entityId: id, diff: compactDiff(asRecord(before), asRecord(after), AUDITED) });
      });
    } catch (error) {
      const span = target.span;
      if (isPgError(error, '23P01') && span) throw await overlapError(this.db, span.stationId, span.starts, span.ends, span.timezone, id);
      throw error;
    }
    return this.get(id);
  }

  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await lockVersioned<SegmentRow>(tx, 'segments', id, version, 'segment');
      await tx.query(`DELETE FROM segments WHERE id = $1`, [id]);
      await this.audit.record(tx, { actor, action: 'delete', entity: 'segment', entityId: id, diff: compactDiff(asRecord(before), null, AUDITED) });
    });
  }

  /** The program and story a body names must exist: a 400 on the field otherwise. */
  private async references(db: EntityManager, programId: string | null, storyId: string | null): Promise<{ programName: string | null; storyHeadline: string | null }> {
    const errors: Array<{ field: string; message: string }> = [];
    let programName: string | null = null;
    let storyHeadline: string | null = null;
    if (programId) {
      const [row]: Array<{ name: string }> = await db.query(`SELECT name FROM programs WHERE id = $1`, [programId]);
      if (row) programName = row.name;
      else errors.push({ field: 'programId', message: 'No program has this id' });
    }
    if (storyId) {
      const [row]: Array<{ headline: string }> = await db.query(`SELECT headline FROM stories WHERE id = $1`, [storyId]);
      if (row) storyHeadline = row.headline;
      else errors.push({ field: 'storyId', message: 'No story has this id' });
    }
    if (errors.length) throw new ValidationError(errors);
    return { programName, storyHeadline };
  }
}
