import { Injectable } from '@nestjs/common';
import { frequencyProblem, type Band, type CreateStationInput, type Station, type StationList, type UpdateStationInput } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { columnsOf, isPgError, lockVersioned, updateVersioned } from './versioned.js';

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
  callSign: 'call_sign', name: 'name', band: 'band', frequency: 'frequency', city: 'city', timezone: 'timezone', streamUrl: 'stream_url', active: 'active',
};
const AUDITED = Object.values(COLUMNS);

@Injectable()
export class StationsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<StationList> {
    const rows: StationRow[] = await this.db.query(`SELECT * FROM stations ORDER BY active DESC, call_sign`);
    return { items: rows.map(toStationDto) };
  }

  async get(id: string): Promise<Station> {
    return toStationDto(await this.find(id));
  }

  async find(id: string): Promise<StationRow> {
    const [row]: StationRow[] = await this.db.query(`SELECT * FROM stations WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('Station');
    return row;
  }

  /** The station a request body names: a missing one is a 400 on that field, not a 404 of the route. */
  async findForField(id: string, field = 'stationId'): Promise<StationRow> {
    const [row]: StationRow[] = await this.db.query(`SELECT * FROM stations WHERE id = $1`, [id]);
    if (!row) throw new ValidationError([{ field, message: 'No station has this id' }]);
    return row;
  }

  async create(input: CreateStationInput, actor: Principal): Promise<Station> {
    try {
      const row = await this.db.transaction(async (tx) => {
        const [created]: StationRow[] = await tx.query(
          `INSERT INTO stations (call_sign, name, band, frequency, city, timezone, stream_url, active, created_by, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
          [input.callSign, input.name, input.band, input.frequency ?? '', input.city ?? '', input.timezone, input.streamUrl ?? null, input.active ?? true, actor.userId],
        );
        await this.audit.record(tx, { actor, action: 'create', entity: 'station', entityId: created!.id, diff: compactDiff(null, created as unknown as Record<string, unknown>, AUDITED) });
        return created!;
      });
      return toStationDto(row);
    } catch (error) {
      throw this.callSignTaken(error, input.callSign);
    }
  }

  async update(id: string, input: UpdateStationInput, actor: Principal): Promise<Station> {
    try {
      const row = await this.db.transaction(async (tx) => {
        const before = await lockVersioned<StationRow>(tx, 'stations', id, input.version, 'station');
        const problem = frequencyProblem(input.band ?? before.band, input.frequency ?? before.frequency);
        if ((input.band !== undefined || input.frequency !== undefined) && problem) throw new ValidationError([{ field: 'frequency', message: problem }]);
        const after = await updateVersioned<StationRow>(tx, 'stations', id, columnsOf(input, COLUMNS), actor.userId);
        await this.audit.record(tx, { actor, action: 'update', entity: 'station', entityId: id, diff: compactDiff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, AUDITED) });
        return after;
      });
      return toStationDto(row);
    } catch (error) {
      throw this.callSignTaken(error, input.callSign);
    }
  }

  private callSignTaken(error: unknown, callSign: string | undefined): unknown {
    if (isPgError(error, '23505') && callSign) return new ValidationError([{ field: 'callSign', message: `The call sign ${callSign.toUpperCase()} is already used by another station` }]);
    return error;
  }
}
