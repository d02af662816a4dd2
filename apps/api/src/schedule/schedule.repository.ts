import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import type { Band, SegmentKind, SegmentStatus, StoryStatus } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';

/**
 * Every SQL statement of the schedule feature (stations, programs, recurrences, segments, slots;
 * rundowns are RundownsRepository's, clocks and takes OnAirRepository's). Methods take an optional `tx` to run inside a caller's transaction; rows are typed
 * where they are read. The versioned write itself (lock, version check, 409, audit) is
 * VersionedWriter's: `lock` and `update` below are its steps for the schedule's tables.
 */

export type ScheduleTable = 'stations' | 'programs' | 'segments' | 'recurrences';

export interface StationRow {
  id: string;
  call_sign: string;
  name: string;
  band: Band;
  frequency: string;
  city: string;
  timezone: string;
  stream_url: string | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface ProgramRow {
  id: string;
  name: string;
  slug: string;
  hosts: string[];
  default_duration_seconds: number;
  description: string;
  words_per_minute: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface RecurrenceRow {
  id: string;
  program_id: string;
  station_id: string;
  rrule: string;
  /** `date` and `time` columns are read as text (see SELECT_RECURRENCE). */
  starts_on: string;
  start_time: string;
  duration_seconds: number;
  title: string;
  kind: SegmentKind;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  program_name: string;
  program_slug: string;
  timezone: string;
}

/** A segment with what its DTO shows: the station's zone, its program and story, its rundown's size. */
export interface SegmentRow {
  id: string;
  station_id: string;
  starts_at: Date;
  ends_at: Date;
  duration_seconds: number;
  title: string;
  kind: SegmentKind;
  status: SegmentStatus;
  program_id: string | null;
  story_id: string | null;
  notes: string;
  recurrence_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  timezone: string;
  program_name: string | null;
  program_slug: string | null;
  story_slug: string | null;
  story_headline: string | null;
  story_status: StoryStatus | null;
  story_published_at: Date | null;
  rundown_items: number;
}

/** A row of a schedule table as stored (`SELECT *` / `RETURNING *`): what the audit diff reads. */
export type StoredRow = { id: string; version: number } & Record<string, unknown>;

export interface PlacedRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  recurrence_id: string | null;
  occurrence_local: string | null;
}

export interface OverlapRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
}

/**
 * A title for a segment (alias g) that says nothing of its story: its program's name, or else its
 * kind ("Story", "Newscast"). The public sees it while the segment's story is not live, and a
 * segment that took its title from a story gets it when that story is deleted.
 */
export const NEUTRAL_SEGMENT_TITLE = `COALESCE((SELECT p.name FROM programs p WHERE p.id = g.program_id), initcap(g.kind::text))`;

/** `FROM segments g` with the joins SegmentRow needs; callers add WHERE / ORDER BY. */
export const SEGMENT_SELECT = `
  SELECT g.id, g.station_id, g.starts_at, g.ends_at, g.duration_seconds, g.title, g.kind, g.status, g.program_id,
         g.story_id, g.notes, g.recurrence_id, g.version, g.created_at, g.updated_at, st.timezone,
         p.name AS program_name, p.slug AS program_slug,
         s.slug AS story_slug, s.headline AS story_headline, s.status AS story_status, s.published_at AS story_published_at,
         (SELECT count(*)::int FROM rundown_items i WHERE i.segment_id = g.id) AS rundown_items
    FROM segments g
    JOIN stations st ON st.id = g.station_id
    LEFT JOIN programs p ON p.id = g.program_id
    LEFT JOIN stories s ON s.id = g.story_id`;

export const SELECT_RECURRENCE = `
  SELECT r.id, r.program_id, r.station_id, r.rrule, r.starts_on::text AS starts_on, to_char(r.start_time, 'HH24:MI') AS start_time,
         r.duration_seconds, r.title, r.kind, r.active, r.version, r.created_at, r.updated_at,
         p.name AS program_name, p.slug AS program_slug, st.timezone
    FROM recurrences r JOIN programs p ON p.id = r.program_id JOIN stations st ON st.id = r.station_id`;

/**
 * Before a story is deleted: segments that still carry its headline as their title (a segment
 * created without a title takes it) get a neutral one, since once the story is gone the schedule
 * no longer knows the title came from it and would show it publicly.
 */
export async function untitleStorySegments(tx: Db, storyId: string, headline: string): Promise<void> {
  await exec(
    tx,
    `UPDATE segments g SET title = ${NEUTRAL_SEGMENT_TITLE}, version = g.version + 1, updated_at = now()
      WHERE g.story_id = $1 AND g.title = $2`,
    [storyId, headline],
  );
}

/** Only the entries whose value is not undefined, renamed from API fields to columns. */
export function columnsOf(input: object, columns: Record<string, string>): Record<string, unknown> {
  const values = new Map(Object.entries(input));
  const changes: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns)) {
    if (values.get(field) !== undefined) changes[column] = values.get(field);
  }
  return changes;
}

/** A row as the audit diff reads it (column -> value). */
export function asRecord(row: object): Record<string, unknown> {
  return { ...row };
}

/** Is this a PostgreSQL error with this SQLSTATE (through TypeORM's QueryFailedError or raw)? */
export function isPgError(error: unknown, code: string): boolean {
  const driver = error as { driverError?: { code?: string }; code?: string } | null;
  return driver?.driverError?.code === code || driver?.code === code;
}

@Injectable()
export class ScheduleRepository {
  constructor(private readonly db: DataSource) {}

  private on(tx?: Db): Db {
    return tx ?? this.db;
  }

  /** A transaction for a write that is not a versioned update (creates, materializing). */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // --- The versioned write's steps (VersionedWriter) for the schedule's tables ---------------

  /** `SELECT * ... FOR UPDATE` of one row, inside the writer's transaction. */
  lock<Row extends { version: number }>(table: ScheduleTable, id: string, tx: Db): Promise<Row | undefined> {
    return one<Row>(tx, `SELECT * FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** `UPDATE <table> SET <changes>, version = version + 1 ...` from { column: value }; returns the new row. */
  async update<Row extends object>(
    table: ScheduleTable,
    id: string,
    changes: Record<string, unknown>,
    actorId: string,
    tx: Db,
  ): Promise<Row> {
    const entries = Object.entries(changes);
    const sets = entries.map(([column], i) => `${column} = $${i + 3}`);
    const row = await one<Row>(
      tx,
      `UPDATE ${table} SET ${[...sets, 'version = version + 1', 'updated_at = now()', 'updated_by = $2'].join(', ')} WHERE id = $1 RETURNING *`,
      [id, actorId, ...entries.map(([, value]) => value)],
    );
    if (!row) throw new Error(`${table} ${id} vanished while locked`);
    return row;
  }

  async remove(table: ScheduleTable, id: string, tx: Db): Promise<void> {
    await exec(tx, `DELETE FROM ${table} WHERE id = $1`, [id]);
  }

  // --- Stations ------------------------------------------------------------------------------

  listStations(tx?: Db): Promise<StationRow[]> {
    return rows<StationRow>(this.on(tx), `SELECT * FROM stations ORDER BY active DESC, call_sign`);
  }

  findStation(id: string, tx?: Db): Promise<StationRow | undefined> {
    return one<StationRow>(this.on(tx), `SELECT * FROM stations WHERE id = $1`, [id]);
  }

  findStationByCallSign(callSign: string, tx?: Db): Promise<StationRow | undefined> {
    return one<StationRow>(this.on(tx), `SELECT * FROM stations WHERE call_sign = $1`, [callSign]);
  }

  async stationTimezone(id: string, tx?: Db): Promise<string | undefined> {
    return (await one<{ timezone: string }>(this.on(tx), `SELECT timezone FROM stations WHERE id = $1`, [id]))?.timezone;
  }

  async insertStation(
    input: {
      callSign: string;
      name: string;
      band: Band;
      frequency: string;
      city: string;
      timezone: string;
      streamUrl: string | null;
      active: boolean;
    },
    actorId: string | null,
    tx?: Db,
  ): Promise<StationRow> {
    const row = await one<StationRow>(
      this.on(tx),
      `INSERT INTO stations (call_sign, name, band, frequency, city, timezone, stream_url, active, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
      [input.callSign, input.name, input.band, input.frequency, input.city, input.timezone, input.streamUrl, input.active, actorId],
    );
    return defined(row, 'written row');
  }

  // --- Programs ------------------------------------------------------------------------------

  listPrograms(tx?: Db): Promise<ProgramRow[]> {
    return rows<ProgramRow>(this.on(tx), `SELECT * FROM programs ORDER BY name, id`);
  }

  findProgram(id: string, tx?: Db): Promise<ProgramRow | undefined> {
    return one<ProgramRow>(this.on(tx), `SELECT * FROM programs WHERE id = $1`, [id]);
  }

  findProgramBySlug(slug: string, tx?: Db): Promise<ProgramRow | undefined> {
    return one<ProgramRow>(this.on(tx), `SELECT * FROM programs WHERE slug = $1`, [slug]);
  }

  async programSlugTaken(slug: string, exceptId: string | null, tx?: Db): Promise<boolean> {
    return Boolean(
      await one<{ taken: number }>(this.on(tx), `SELECT 1 AS taken FROM programs WHERE slug = $1 AND id IS DISTINCT FROM $2`, [
        slug,
        exceptId,
      ]),
    );
  }

  async programName(id: string, tx?: Db): Promise<string | undefined> {
    return (await one<{ name: string }>(this.on(tx), `SELECT name FROM programs WHERE id = $1`, [id]))?.name;
  }

  async insertProgram(
    input: { name: string; slug: string; hosts: string[]; defaultDurationSeconds: number; description: string; wordsPerMinute: number },
    actorId: string | null,
    tx?: Db,
  ): Promise<ProgramRow> {
    const row = await one<ProgramRow>(
      this.on(tx),
      `INSERT INTO programs (name, slug, hosts, default_duration_seconds, description, words_per_minute, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $7, $6, $6) RETURNING *`,
      [input.name, input.slug, input.hosts, input.defaultDurationSeconds, input.description, actorId, input.wordsPerMinute],
    );
    return defined(row, 'written row');
  }

  // --- Recurrences ---------------------------------------------------------------------------

  listRecurrences(filter: { stationId: string | null; programId: string | null }, tx?: Db): Promise<RecurrenceRow[]> {
    return rows<RecurrenceRow>(
      this.on(tx),
      `${SELECT_RECURRENCE}
        WHERE ($1::uuid IS NULL OR r.station_id = $1) AND ($2::uuid IS NULL OR r.program_id = $2)
        ORDER BY r.start_time, p.name, r.id`,
      [filter.stationId, filter.programId],
    );
  }

  activeRecurrences(stationId: string, tx?: Db): Promise<RecurrenceRow[]> {
    return rows<RecurrenceRow>(this.on(tx), `${SELECT_RECURRENCE} WHERE r.station_id = $1 AND r.active`, [stationId]);
  }

  findRecurrence(id: string, tx?: Db): Promise<RecurrenceRow | undefined> {
    return one<RecurrenceRow>(this.on(tx), `${SELECT_RECURRENCE} WHERE r.id = $1`, [id]);
  }

  async insertRecurrence(
    input: {
      programId: string;
      stationId: string;
      rrule: string;
      startsOn: string;
      startTime: string;
      durationSeconds: number;
      title: string;
      kind: SegmentKind;
    },
    actorId: string | null,
    tx?: Db,
  ): Promise<StoredRow> {
    const row = await one<StoredRow>(
      this.on(tx),
      `INSERT INTO recurrences (program_id, station_id, rrule, starts_on, start_time, duration_seconds, title, kind, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
      [
        input.programId,
        input.stationId,
        input.rrule,
        input.startsOn,
        input.startTime,
        input.durationSeconds,
        input.title,
        input.kind,
        actorId,
      ],
    );
    return defined(row, 'written row');
  }

  // --- Segments ------------------------------------------------------------------------------

  findSegment(id: string, tx?: Db): Promise<SegmentRow | undefined> {
    return one<SegmentRow>(this.on(tx), `${SEGMENT_SELECT} WHERE g.id = $1`, [id]);
  }

  /** A page in (starts_at, id) order, filtered; `limit` rows at most. */
  listSegments(
    filter: { stationId?: string; from?: string; to?: string; after?: [string, string]; limit: number },
    tx?: Db,
  ): Promise<SegmentRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.stationId) add('g.station_id = ?', filter.stationId);
    if (filter.from) add('g.ends_at > ?', filter.from);
    if (filter.to) add('g.starts_at < ?', filter.to);
    if (filter.after) {
      params.push(filter.after[0], filter.after[1]);
      where.push(`(g.starts_at, g.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit);
    return rows<SegmentRow>(
      this.on(tx),
      `${SEGMENT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY g.starts_at, g.id LIMIT $${params.length}`,
      params,
    );
  }

  /** A station's segments overlapping [start, end); a segment lasts at most a day, so the index range starts a day early. */
  segmentsBetween(stationId: string, start: string, end: string, tx?: Db): Promise<SegmentRow[]> {
    return rows<SegmentRow>(
      this.on(tx),
      `${SEGMENT_SELECT}
        WHERE g.station_id = $1 AND g.starts_at < $3 AND g.starts_at > $2::timestamptz - interval '1 day' AND g.ends_at > $2
        ORDER BY g.starts_at`,
      [stationId, start, end],
    );
  }

  async insertSegment(
    input: {
      stationId: string;
      startsAt: Date;
      durationSeconds: number;
      title: string;
      kind: SegmentKind;
      status: string;
      programId: string | null;
      storyId: string | null;
      notes: string;
    },
    actorId: string | null,
    tx?: Db,
  ): Promise<StoredRow> {
    const row = await one<StoredRow>(
      this.on(tx),
      `INSERT INTO segments (station_id, starts_at, duration_seconds, title, kind, status, program_id, story_id, notes, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING *`,
      [
        input.stationId,
        input.startsAt,
        input.durationSeconds,
        input.title,
        input.kind,
        input.status,
        input.programId,
        input.storyId,
        input.notes,
        actorId,
      ],
    );
    return defined(row, 'written row');
  }

  /** A recurrence's occurrence as a segment, unless that occurrence was made before: its id, or undefined. */
  async insertOccurrence(
    slot: {
      stationId: string;
      startsAt: string;
      durationSeconds: number;
      title: string;
      kind: SegmentKind;
      programId: string;
      recurrenceId: string;
      local: string;
    },
    actorId: string | null,
    tx: Db,
  ): Promise<string | undefined> {
    const row = await one<{ id: string }>(
      tx,
      `INSERT INTO segments (station_id, starts_at, duration_seconds, title, kind, program_id, recurrence_id, occurrence_local, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamp, $9, $9)
       ON CONFLICT (recurrence_id, occurrence_local) WHERE recurrence_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [slot.stationId, slot.startsAt, slot.durationSeconds, slot.title, slot.kind, slot.programId, slot.recurrenceId, slot.local, actorId],
    );
    return row?.id;
  }

  /** Savepoints around one statement that may fail inside a longer transaction. */
  async savepoint(name: string, action: 'SAVEPOINT' | 'RELEASE SAVEPOINT' | 'ROLLBACK TO SAVEPOINT', tx: Db): Promise<void> {
    await exec(tx, `${action} ${name}`);
  }

  /** Segments in the window, and those made from these rules for these local dates (wherever they were moved). */
  placedSegments(
    stationId: string,
    window: { start: string; end: string },
    recurrenceIds: string[],
    local: { from: string; to: string },
    tx?: Db,
  ): Promise<PlacedRow[]> {
    return rows<PlacedRow>(
      this.on(tx),
      `SELECT id, title, starts_at, ends_at, recurrence_id, to_char(occurrence_local, 'YYYY-MM-DD"T"HH24:MI') AS occurrence_local
         FROM segments
        WHERE station_id = $1 AND ((starts_at < $3 AND starts_at > $2::timestamptz - interval '1 day' AND ends_at > $2)
              OR (recurrence_id = ANY($4::uuid[]) AND occurrence_local >= $5::timestamp AND occurrence_local < $6::timestamp))`,
      [stationId, window.start, window.end, recurrenceIds, local.from, local.to],
    );
  }

  /** The first segment of the station overlapping [starts, ends), other than `exceptId`. */
  firstOverlap(stationId: string, starts: Date, ends: Date, exceptId: string | null, tx?: Db): Promise<OverlapRow | undefined> {
    return one<OverlapRow>(
      this.on(tx),
      `SELECT id, title, starts_at, ends_at FROM segments
        WHERE station_id = $1 AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) AND id IS DISTINCT FROM $4
        ORDER BY starts_at LIMIT 1`,
      [stationId, starts, ends, exceptId],
    );
  }

  // --- The story a segment links (read only) ------------------------------------------------

  async storyHeadline(id: string, tx?: Db): Promise<string | undefined> {
    return (await one<{ headline: string }>(this.on(tx), `SELECT headline FROM stories WHERE id = $1`, [id]))?.headline;
  }
}
