import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import {
  WEEKDAYS,
  dayOfWeek,
  describeDays,
  formatDuration,
  parseLocalTime,
  parseRRule,
  type CreateRecurrenceInput,
  type ListRecurrencesQuery,
  type Recurrence,
  type RecurrenceList,
  type RecurrenceRule,
  type UpdateRecurrenceInput,
} from '@newsdesk/contracts';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { ProgramsService } from './programs.service.js';
import { ScheduleRepository, columnsOf, type RecurrenceRow, type StoredRow } from './schedule.repository.js';
import { StationsService } from './stations.service.js';

export { SELECT_RECURRENCE, type RecurrenceRow } from './schedule.repository.js';

export function ruleOf(row: Pick<RecurrenceRow, 'rrule'>): RecurrenceRule {
  const parsed = parseRRule(row.rrule);
  if (!parsed.ok) throw new Error(`Stored rule is invalid: ${row.rrule}`);
  return parsed.rule;
}

/** "Weekdays 05:00-09:00", "Every day 00:00 for 5:00:00" (when the end is past midnight). */
export function summarize(row: Pick<RecurrenceRow, 'rrule' | 'starts_on' | 'start_time' | 'duration_seconds'>): string {
  const rule = ruleOf(row);
  const days = describeDays(rule, defined(WEEKDAYS[dayOfWeek(row.starts_on)], 'weekday'));
  const start = parseLocalTime(row.start_time) ?? 0;
  const times =
    rule.byHour || rule.byMinute
      ? (rule.byHour ?? [Math.floor(start / 3600)]).flatMap((hour) =>
          (rule.byMinute ?? [Math.floor((start % 3600) / 60)]).map((minute) => hour * 3600 + minute * 60),
        )
      : [start];
  const clock = (seconds: number) =>
    `${String(Math.floor(seconds / 3600) % 24).padStart(2, '0')}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;
  const spans = times.map((time) =>
    time + row.duration_seconds <= 86_400
      ? `${clock(time)}–${clock(time + row.duration_seconds)}`
      : `${clock(time)} for ${formatDuration(row.duration_seconds)}`,
  );
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
  rrule: 'rrule',
  startsOn: 'starts_on',
  startTime: 'start_time',
  durationSeconds: 'duration_seconds',
  title: 'title',
  kind: 'kind',
  active: 'active',
};
const AUDITED = Object.values(COLUMNS);

/** A program's recurring slots at a station ("weekdays 05:00-09:00 station time"). */
@Injectable()
export class RecurrencesService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly audit: AuditService,
    private readonly writer: VersionedWriter,
    private readonly programs: ProgramsService,
    private readonly stations: StationsService,
  ) {}

  async list(query: ListRecurrencesQuery): Promise<RecurrenceList> {
    const rows = await this.repo.listRecurrences({ stationId: query.stationId ?? null, programId: query.programId ?? null });
    return { items: rows.map(toRecurrenceDto) };
  }

  async listForProgram(programId: string): Promise<RecurrenceList> {
    await this.programs.find(programId);
    return this.list({ programId });
  }

  async get(id: string): Promise<Recurrence> {
    const row = await this.repo.findRecurrence(id);
    if (!row) throw new NotFoundError('Recurrence');
    return toRecurrenceDto(row);
  }

  async create(programId: string, input: CreateRecurrenceInput, actor: Principal): Promise<Recurrence> {
    const program = await this.programs.find(programId);
    await this.stations.findForField(input.stationId);
    const { id } = await this.writer.create({
      entity: 'recurrence',
      actor,
      audited: AUDITED,
      insert: (tx) =>
        this.repo.insertRecurrence(
          {
            programId,
            stationId: input.stationId,
            rrule: input.rrule,
            startsOn: input.startsOn,
            startTime: input.startTime ?? '00:00',
            durationSeconds: input.durationSeconds,
            title: input.title ?? program.name,
            kind: input.kind ?? 'program',
          },
          actor.userId,
          tx,
        ),
    });
    return this.get(id);
  }

  /**
   * Changes the rule from now on. Segments already made from it stay as they are (a producer may
   * have edited them); materializing again makes the slots the new rule asks for where time is free.
   */
  async update(id: string, input: UpdateRecurrenceInput, actor: Principal): Promise<Recurrence> {
    if (Object.keys(input).length === 1) throw new ValidationError([{ field: '(body)', message: 'Nothing to change' }]);
    await this.writer.write({
      what: 'recurrence',
      version: input.version,
      lock: (tx) => this.repo.lock<StoredRow>('recurrences', id, tx),
      apply: (tx) => this.repo.update<StoredRow>('recurrences', id, columnsOf(input, COLUMNS), actor.userId, tx),
      audit: (before, after) => ({
        actor,
        action: 'update',
        entity: 'recurrence',
        entityId: id,
        diff: compactDiff(before, after, AUDITED),
      }),
    });
    return this.get(id);
  }

  /** Segments made from it stay on the schedule. */
  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.writer.write({
      what: 'recurrence',
      version,
      lock: (tx) => this.repo.lock<StoredRow>('recurrences', id, tx),
      apply: (tx) => this.repo.remove('recurrences', id, tx),
      audit: (before) => ({ actor, action: 'delete', entity: 'recurrence', entityId: id, diff: compactDiff(before, null, AUDITED) }),
    });
  }
}
