import { Injectable } from '@nestjs/common';
import { slugify, type CreateProgramInput, type Program, type ProgramList, type UpdateProgramInput } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { columnsOf, lockVersioned, updateVersioned } from './versioned.js';

export interface ProgramRow {
  id: string;
  name: string;
  slug: string;
  hosts: string[];
  default_duration_seconds: number;
  description: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function toProgramDto(row: ProgramRow): Program {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    hosts: row.hosts,
    defaultDurationSeconds: row.default_duration_seconds,
    description: row.description,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const COLUMNS: Record<string, string> = {
  name: 'name', slug: 'slug', hosts: 'hosts', defaultDurationSeconds: 'default_duration_seconds', description: 'description',
};
const AUDITED = Object.values(COLUMNS);
const asRecord = (row: unknown) => row as Record<string, unknown>;

/**
 * Programs ("Morning Edition"). Hosts are display names for now: the people registry is built
 * separately and will link them to person records.
 */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ProgramList> {
    const rows: ProgramRow[] = await this.db.query(`SELECT * FROM programs ORDER BY name, id`);
    return { items: rows.map(toProgramDto) };
  }

  async get(id: string): Promise<Program> {
    return toProgramDto(await this.find(id));
  }

  async find(id: string): Promise<ProgramRow> {
    const [row]: ProgramRow[] = await this.db.query(`SELECT * FROM programs WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('Program');
    return row;
  }

  async create(input: CreateProgramInput, actor: Principal): Promise<Program> {
    const slug = input.slug || slugify(input.name);
    if (!slug) throw new ValidationError([{ field: 'slug', message: 'The name has no letters or digits to derive a slug from; enter a slug' }]);
    const row = await this.db.transaction(async (tx) => {
      await this.assertSlugFree(tx, slug);
      const [created]: ProgramRow[] = await tx.query(
        `INSERT INTO programs (name, slug, hosts, default_duration_seconds, description, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
        [input.name, slug, input.hosts ?? [], input.defaultDurationSeconds ?? 3600, input.description ?? '', actor.userId],
      );
      await this.audit.record(tx, { actor, action: 'create', entity: 'program', entityId: created!.id, diff: compactDiff(null, asRecord(created), AUDITED) });
      return created!;
    });
    return toProgramDto(row);
  }

  async update(id: string, input: UpdateProgramInput, actor: Principal): Promise<Program> {
    const row = await this.db.transaction(async (tx) => {
      const before = await lockVersioned<ProgramRow>(tx, 'programs', id, input.version, 'program');
      if (input.slug) await this.assertSlugFree(tx, input.slug, id);
      const after = await updateVersioned<ProgramRow>(tx, 'programs', id, columnsOf(input, COLUMNS), actor.userId);
      await this.audit.record(tx, { actor, action: 'update', entity: 'program', entityId: id, diff: compactDiff(asRecord(before), asRecord(after), AUDITED) });
      return after;
    });
    return toProgramDto(row);
  }

  /** Its recurring slots go with it; segments it named stay on the air, without the program. */
  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await lockVersioned<ProgramRow>(tx, 'programs', id, version, 'program');
      await tx.query(`DELETE FROM programs WHERE id = $1`, [id]);
      await this.audit.record(tx, { actor, action: 'delete', entity: 'program', entityId: id, diff: compactDiff(asRecord(before), null, AUDITED) });
    });
  }

  private async assertSlugFree(tx: EntityManager, slug: string, exceptId?: string): Promise<void> {
    const [row] = await tx.query(`SELECT 1 FROM programs WHERE slug = $1 AND id IS DISTINCT FROM $2`, [slug, exceptId ?? null]);
    if (row) throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by another program` }]);
  }
}
