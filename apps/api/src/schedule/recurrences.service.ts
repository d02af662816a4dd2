import { Injectable } from '@nestjs/common';
import {
  WEEKDAYS, dayOfWeek, describeDays, formatDuration, parseLocalTime, parseRRule,
  type CreateRecurrenceInput, type ListRecurrencesQuery, type Recurrence, type RecurrenceList, type RecurrenceRule,
  type SegmentKind, type UpdateRecurrenceInput,
} from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { ProgramsService } from './programs.service.js';
import { StationsService } from './stations.service.js';
import { columnsOf, lockVersioned, updateVersioned } from './versioned.js';

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

export const SELECT_RECURRENCE = `
  SELECT r.id, r.program_id, r.station_id, r.rrule, r.starts_on::text AS starts_on, to_char(r.start_time, 'HH24:MI') AS start_time,
         r.duration_seconds, r.title, r.kind, r.active, r.version, r.created_at, r.updated_at,
         p.name AS program_name, p.slug AS program_slug, st.timezone
    FROM recurrences r JOIN programs p ON p.id = r.program_id JOIN stations st ON st.id = r.station_id`;

export function ruleOf(row: Pick<RecurrenceRow, 'rrule'>): RecurrenceRule {
  const parsed = parseRRule(row.rrule);
  if (!parsed.ok) throw new Error(`Stored rule is invalid: ${row.rrule}`);
  return parsed.rule;
}

/** "Weekdays 05:00-09:00", "Every day 00:00 for 5:00:00" (when the end is past midnight). */
export function summarize(row: Pick<RecurrenceRow, 'rrule' | 'starts_on' | 'start_time' | 'duration_seconds'>): string {
  const rule = ruleOf(row);
  const days = describeDays(rule, WEEKDAYS[dayOfWeek(row.starts_on)]!);
  const start = parseLocalTime(row.start_time) ?? 0;
  const times = rule.byHour || rule.byMinute
    ? (rule.byHour ?? [Math.floor(start / 3600)]).flatMap((hour) => (rule.byMinute ?? [Math.floor((start % 3600) / 60)]).map((minute) => hour * 3600 + minute * 60))
    : [start];
  const clock = (seconds: number) => `${String(Math.floor(seconds / 3600) % 24).padStart(2, '0')}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;
  const spans = times.map((time) => (time + row.duration_seconds <= 86_400 ? `${clock(time)}–${clock(time + row.duration_seconds)}` : `${clock(time)} for ${formatDuration(row.duration_seconds)}`));
  const limit = rule.count !== null ? `, ${rule.count} times` : rule.until ? `, until ${rule.until.slice(0, 10)}` : '';
  return `${days} ${spans.join(' and ')}${limit}`;
}

export function toRecurrenceDto(row: RecurrenceRow): Recurrence {
  return {
    id: row.id,
    programId: row.program_id,
    program: { id: row.program_id, name: row.program_name, slug: row.program_slug },
    stationId: row.station_id,
    rrule: row.rrule,
    startsOn: row.starts_on,
    startTime: row.start_time,
    durationSeconds: row.duration_seconds,
    title: row.title,
    kind: row.kind,
    active: row.active,
    summary: summarize(row),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const COLUMNS: Record<string, string> = {
  rrule: 'rrule', startsOn: 'starts_on', startTime: 'start_time', durationSeconds: 'duration_seconds', title: 'title', kind: 'kind', active: 'active',
};
const AUDITED = Object.values(COLUMNS);
const asRecord = (row: unknown) => row as Record<string, unknown>;

/** A program's recurring slots at a station ("weekdays 05:00-09:00 station time"). */
@Injectable()
export class RecurrencesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly programs: ProgramsService,
    private readonly stations: StationsService,
  ) {}

  async list(query: ListRecurrencesQuery): Promise<RecurrenceList> {
    const rows: RecurrenceRow[] = await this.db.query(
      `${SELECT_RECURRENCE}
        WHERE ($1::uuid IS NULL OR r.station_id = $1) AND ($2::uuid IS NULL OR r.program_id = $2)
        ORDER BY r.start_time, p.name, r.id`,
      [query.stationId ?? null, query.programId ?? null],
    );
    return { items: rows.map(toRecurrenceDto) };
  }

  async listForProgram(programId: string): Promise<RecurrenceList> {
    await this.programs.find(programId);
    return this.list({ programId });
  }

  async get(id: string): Promise<Recurrence> {
    const [row]: RecurrenceRow[] = await this.db.query(`${SELECT_RECURRENCE} WHERE r.id = $1`, [id]);
    if (!row) throw new NotFoundError('Recurrence');
    return toRecurrenceDto(row);
  }

  async create(programId: string, input: CreateRecurrenceInput, actor: Principal): Promise<Recurrence> {
    const program = await this.programs.find(programId);
    await this.stations.findForField(input.stationId);
    const id = await this.db.transaction(async (tx) => {
      const [row]: Array<Record<string, unknown> & { id: string }> = await tx.query(
        `INSERT INTO recurrences (program_id, station_id, rrule, starts_on, start_time, duration_seconds, title, kind, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
        [programId, input.stationId, input.rrule, input.startsOn, input.startTime ?? '00:00', input.durationSeconds, input.title ?? program.name, input.kind ?? 'program', actor.userId],
      );
      await this.audit.record(tx, { actor, action: 'create', entity: 'recurrence', entityId: row!.id, diff: compactDiff(null, row!, AUDITED) });
      return row!.id;
    });
    return this.get(id);
  }

  /**
   * Changes the rule from now on. Segments already made from it stay as they are (a producer may
   * have edited them); materializing again makes the slots the new rule asks for where time is free.
   */
  async update(id: string, input: UpdateRecurrenceInput, actor: Principal): Promise<Recurrence> {
    if (Object.keys(input).length === 1) throw new ValidationError([{ field: '(body)', message: 'Nothing to change' }]);
    await this.db.transaction(async (tx) => {
      const before = await lockVersioned<RecurrenceRow>(tx, 'recurrences', id, input.version, 'recurrence');
      const after = await updateVersioned(tx, 'recurrences', id, columnsOf(input, COLUMNS), actor.userId);
      await this.audit.record(tx, { actor, action: 'update', entity: 'recurrence', entityId: id, diff: compactDiff(asRecord(before), asRecord(after), AUDITED) });
    });
    return this.get(id);
  }

  /** Segments made from it stay on the schedule. */
  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await lockVersioned<RecurrenceRow>(tx, 'recurrences', id, version, 'recurrence');
      await tx.query(`DELETE FROM recurrences WHERE id = $1`, [id]);
      await this.audit.record(tx, { actor, action: 'delete', entity: 'recurrence', entityId: id, diff: compactDiff(asRecord(before), null, AUDITED) });
    });
  }
}
