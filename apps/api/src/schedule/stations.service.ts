import { Injectable } from '@nestjs/common';
import { frequencyProblem, type CreateStationInput, type Station, type StationList, type UpdateStationInput } from '@newsdesk/contracts';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { ScheduleRepository, asRecord, columnsOf, isPgError, type StationRow } from './schedule.repository.js';

export type { StationRow } from './schedule.repository.js';

export function toStationDto(row: StationRow): Station {
  return {
    id: row.id,
    callSign: row.call_sign,
    name: row.name,
    band: row.band,
    frequency: row.frequency,
    city: row.city,
    timezone: row.timezone,
    streamUrl: row.stream_url,
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const COLUMNS: Record<string, string> = {
  callSign: 'call_sign',
  name: 'name',
  band: 'band',
  frequency: 'frequency',
  city: 'city',
  timezone: 'timezone',
  streamUrl: 'stream_url',
  active: 'active',
};
const AUDITED = Object.values(COLUMNS);

@Injectable()
export class StationsService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly audit: AuditService,
    private readonly writer: VersionedWriter,
  ) {}

  async list(): Promise<StationList> {
    const rows = await this.repo.listStations();
    return { items: rows.map(toStationDto) };
  }

  async get(id: string): Promise<Station> {
    return toStationDto(await this.find(id));
  }

  async find(id: string): Promise<StationRow> {
    const row = await this.repo.findStation(id);
    if (!row) throw new NotFoundError('Station');
    return row;
  }

  /** The station a request body names: a missing one is a 400 on that field, not a 404 of the route. */
  async findForField(id: string, field = 'stationId'): Promise<StationRow> {
    const row = await this.repo.findStation(id);
    if (!row) throw new ValidationError([{ field, message: 'No station has this id' }]);
    return row;
  }

  async create(input: CreateStationInput, actor: Principal): Promise<Station> {
    try {
      const row = await this.writer.create({
        entity: 'station',
        actor,
        audited: AUDITED,
        insert: (tx) =>
          this.repo.insertStation(
            {
              callSign: input.callSign,
              name: input.name,
              band: input.band,
              frequency: input.frequency ?? '',
              city: input.city ?? '',
              timezone: input.timezone,
              streamUrl: input.streamUrl ?? null,
              active: input.active ?? true,
            },
            actor.userId,
            tx,
          ),
      });
      return toStationDto(row);
    } catch (error) {
      throw this.callSignTaken(error, input.callSign);
    }
  }

  async update(id: string, input: UpdateStationInput, actor: Principal): Promise<Station> {
    try {
      const row = await this.writer.write({
        what: 'station',
        version: input.version,
        lock: (tx) => this.repo.lock<StationRow>('stations', id, tx),
        apply: (tx, before) => {
          const problem = frequencyProblem(input.band ?? before.band, input.frequency ?? before.frequency);
          if ((input.band !== undefined || input.frequency !== undefined) && problem)
            throw new ValidationError([{ field: 'frequency', message: problem }]);
          return this.repo.update<StationRow>('stations', id, columnsOf(input, COLUMNS), actor.userId, tx);
        },
        audit: (before, after) => ({
          actor,
          action: 'update',
          entity: 'station',
          entityId: id,
          diff: compactDiff(asRecord(before), asRecord(after), AUDITED),
        }),
      });
      return toStationDto(row);
    } catch (error) {
      throw this.callSignTaken(error, input.callSign);
    }
  }

  private callSignTaken(error: unknown, callSign: string | undefined): unknown {
    if (isPgError(error, '23505') && callSign)
      return new ValidationError([
        { field: 'callSign', message: `The call sign ${callSign.toUpperCase()} is already used by another station` },
      ]);
    return error;
  }
}
