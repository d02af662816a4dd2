import { Injectable } from '@nestjs/common';
import {
  addDays,
  expandRecurrence,
  formatZoned,
  startOfLocalDay,
  type ConflictingSegment,
  type MaterializeResult,
  type MaterializeSlotsInput,
  type Slot,
  type SlotList,
  type SlotWindow,
} from '@newsdesk/contracts';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../common/db.js';
import { ruleOf } from './recurrences.service.js';
import { ScheduleRepository, isPgError, type StationRow } from './schedule.repository.js';
import { overlapError } from './segment.rows.js';
import { StationsService } from './stations.service.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A station's recurring slots over a window of local days, and materializing them into segments.
 * Materializing is idempotent (a slot already made is found again by its rule and wall-clock
 * start, even after a producer moved it) and never overwrites: a slot whose time another segment
 * holds is reported as a conflict and left alone.
 */
@Injectable()
export class SlotsService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly audit: AuditService,
    private readonly stations: StationsService,
  ) {}

  async slots(stationId: string, window: SlotWindow): Promise<SlotList> {
    const station = await this.stations.find(stationId);
    return { from: window.from, days: window.days, items: await this.plan(station, window.from, window.days) };
  }

  async materialize(stationId: string, input: MaterializeSlotsInput, actor: Principal): Promise<MaterializeResult> {
    const station = await this.stations.find(stationId);
    const days = input.days ?? 7;
    return this.repo.transaction(async (tx) => {
      const items: MaterializeResult['items'] = [];
      for (const slot of await this.plan(station, input.from, days, tx)) {
        if (slot.state === 'scheduled') items.push({ ...slot, outcome: 'existing' });
        else if (slot.state === 'conflict') items.push({ ...slot, outcome: 'conflict' });
        else items.push(await this.insert(tx, station, slot, actor));
      }
      const created = items.filter((item) => item.outcome === 'created').length;
      if (created) {
        await this.audit.record(tx, {
          actor,
          action: 'materialize',
          entity: 'station',
          entityId: stationId,
          diff: { segments: [null, created], days: [null, `${input.from} + ${days}`] },
        });
      }
      return {
        from: input.from,
        days,
        created,
        existing: items.filter((item) => item.outcome === 'existing').length,
        conflicts: items.filter((item) => item.outcome === 'conflict').length,
        items,
      };
    });
  }

  /** One slot, in its own savepoint: a concurrent writer that took the time makes it a conflict, not a failure. */
  private async insert(tx: Db, station: StationRow, slot: Slot, actor: Principal): Promise<MaterializeResult['items'][number]> {
    await this.repo.savepoint('materialize_slot', 'SAVEPOINT', tx);
    try {
      const id = await this.repo.insertOccurrence(
        {
          stationId: station.id,
          startsAt: slot.startsAt,
          durationSeconds: slot.durationSeconds,
          title: slot.title,
          kind: slot.kind,
          programId: slot.programId,
          recurrenceId: slot.recurrenceId,
          local: slot.local,
        },
        actor.userId,
        tx,
      );
      await this.repo.savepoint('materialize_slot', 'RELEASE SAVEPOINT', tx);
      return id ? { ...slot, state: 'scheduled', segmentId: id, outcome: 'created' } : { ...slot, state: 'scheduled', outcome: 'existing' };
    } catch (error) {
      if (!isPgError(error, '23P01')) throw error;
      await this.repo.savepoint('materialize_slot', 'ROLLBACK TO SAVEPOINT', tx);
      const found = await overlapError(
        this.repo,
        station.id,
        Date.parse(slot.startsAt),
        Date.parse(slot.endsAt),
        station.timezone,
        null,
        tx,
      );
      return { ...slot, state: 'conflict', conflict: (found.conflict as ConflictingSegment | undefined) ?? null, outcome: 'conflict' };
    }
  }

  /** Every slot of the station's active rules whose local date is in the window, and what the schedule has there. */
  private async plan(station: StationRow, from: string, days: number, tx?: Db): Promise<Slot[]> {
    const to = addDays(from, days - 1);
    const recurrences = await this.repo.activeRecurrences(station.id, tx);
    const wanted = recurrences
      .flatMap((recurrence) =>
        expandRecurrence(
          {
            rule: ruleOf(recurrence),
            startsOn: recurrence.starts_on,
            startTime: recurrence.start_time,
            durationSeconds: recurrence.duration_seconds,
            timeZone: station.timezone,
          },
          from,
          to,
        ).map((occurrence) => ({ recurrence, occurrence })),
      )
      .sort((a, b) => a.occurrence.startsAt - b.occurrence.startsAt || a.recurrence.title.localeCompare(b.recurrence.title));
    if (!wanted.length) return [];

    const windowStart = startOfLocalDay(from, station.timezone);
    const windowEnd = startOfLocalDay(addDays(to, 2), station.timezone);
    const placed = await this.repo.placedSegments(
      station.id,
      { start: iso(windowStart), end: iso(windowEnd) },
      recurrences.map((recurrence) => recurrence.id),
      { from, to: addDays(to, 1) },
      tx,
    );
    const byKey = new Map(placed.filter((row) => row.recurrence_id).map((row) => [`${row.recurrence_id}|${row.occurrence_local}`, row]));
    // Open slots taken so far, so that two rules wanting the same time do not both look open.
    const claimed: Array<{ starts: number; ends: number; title: string }> = [];

    return wanted.map(({ recurrence, occurrence }): Slot => {
      const base = {
        recurrenceId: recurrence.id,
        programId: recurrence.program_id,
        title: recurrence.title,
        kind: recurrence.kind,
        local: occurrence.local,
        date: occurrence.date,
        startsAt: iso(occurrence.startsAt),
        endsAt: iso(occurrence.endsAt),
        startsAtLocal: formatZoned(occurrence.startsAt, station.timezone),
        endsAtLocal: formatZoned(occurrence.endsAt, station.timezone),
        durationSeconds: occurrence.durationSeconds,
        note: occurrence.note,
      };
      const made = byKey.get(`${recurrence.id}|${occurrence.local}`);
      if (made) return { ...base, state: 'scheduled', segmentId: made.id, conflict: null };
      const overlaps = (starts: number, ends: number) => starts < occurrence.endsAt && ends > occurrence.startsAt;
      const blocker = placed.find((row) => overlaps(row.starts_at.getTime(), row.ends_at.getTime()));
      if (blocker) {
        return {
          ...base,
          state: 'conflict',
          segmentId: null,
          conflict: {
            id: blocker.id,
            title: blocker.title,
            startsAt: blocker.starts_at.toISOString(),
            endsAt: blocker.ends_at.toISOString(),
            startsAtLocal: formatZoned(blocker.starts_at.getTime(), station.timezone),
            endsAtLocal: formatZoned(blocker.ends_at.getTime(), station.timezone),
          },
        };
      }
      const rival = claimed.find((slot) => overlaps(slot.starts, slot.ends));
      if (rival) {
        const note = [base.note, `overlaps the "${rival.title}" slot of another rule`].filter(Boolean).join('; ');
        return { ...base, note, state: 'conflict', segmentId: null, conflict: null };
      }
      claimed.push({ starts: occurrence.startsAt, ends: occurrence.endsAt, title: recurrence.title });
      return { ...base, state: 'open', segmentId: null, conflict: null };
    });
  }
}
