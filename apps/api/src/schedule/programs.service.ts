import { Injectable } from '@nestjs/common';
import {
  DEFAULT_WORDS_PER_MINUTE,
  slugify,
  type CreateProgramInput,
  type Program,
  type ProgramList,
  type UpdateProgramInput,
} from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { ScheduleRepository, asRecord, columnsOf, type ProgramRow } from './schedule.repository.js';

export type { ProgramRow } from './schedule.repository.js';

export function toProgramDto(row: ProgramRow): Program {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    hosts: row.hosts,
    defaultDurationSeconds: row.default_duration_seconds,
    description: row.description,
    wordsPerMinute: row.words_per_minute,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const COLUMNS: Record<string, string> = {
  name: 'name',
  slug: 'slug',
  hosts: 'hosts',
  defaultDurationSeconds: 'default_duration_seconds',
  description: 'description',
  wordsPerMinute: 'words_per_minute',
};
const AUDITED = Object.values(COLUMNS);

/**
 * Programs ("Morning Edition"). Hosts are display names for now: the people registry is built
 * separately and will link them to person records.
 */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly audit: AuditService,
    private readonly writer: VersionedWriter,
  ) {}

  async list(): Promise<ProgramList> {
    const rows = await this.repo.listPrograms();
    return { items: rows.map(toProgramDto) };
  }

  async get(id: string): Promise<Program> {
    return toProgramDto(await this.find(id));
  }

  async find(id: string): Promise<ProgramRow> {
    const row = await this.repo.findProgram(id);
    if (!row) throw new NotFoundError('Program');
    return row;
  }

  async create(input: CreateProgramInput, actor: Principal): Promise<Program> {
    const slug = input.slug || slugify(input.name);
    if (!slug)
      throw new ValidationError([{ field: 'slug', message: 'The name has no letters or digits to derive a slug from; enter a slug' }]);
    const row = await this.writer.create({
      entity: 'program',
      actor,
      audited: AUDITED,
      insert: async (tx) => {
        await this.assertSlugFree(tx, slug);
        return this.repo.insertProgram(
          {
            name: input.name,
            slug,
            hosts: input.hosts ?? [],
            defaultDurationSeconds: input.defaultDurationSeconds ?? 3600,
            description: input.description ?? '',
            wordsPerMinute: input.wordsPerMinute ?? DEFAULT_WORDS_PER_MINUTE,
          },
          actor.userId,
          tx,
        );
      },
    });
    return toProgramDto(row);
  }

  async update(id: string, input: UpdateProgramInput, actor: Principal): Promise<Program> {
    const row = await this.writer.write({
      what: 'program',
      version: input.version,
      lock: (tx) => this.repo.lock<ProgramRow>('programs', id, tx),
      apply: async (tx) => {
        if (input.slug) await this.assertSlugFree(tx, input.slug, id);
        return this.repo.update<ProgramRow>('programs', id, columnsOf(input, COLUMNS), actor.userId, tx);
      },
      audit: (before, after) => ({
        actor,
        action: 'update',
        entity: 'program',
        entityId: id,
        diff: compactDiff(asRecord(before), asRecord(after), AUDITED),
      }),
    });
    return toProgramDto(row);
  }

  /** Its recurring slots go with it; segments it named stay on the air, without the program. */
  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.writer.write({
      what: 'program',
      version,
      lock: (tx) => this.repo.lock<ProgramRow>('programs', id, tx),
      apply: (tx) => this.repo.remove('programs', id, tx),
      audit: (before) => ({ actor, action: 'delete', entity: 'program', entityId: id, diff: compactDiff(asRecord(before), null, AUDITED) }),
    });
  }

  private async assertSlugFree(tx: EntityManager, slug: string, exceptId?: string): Promise<void> {
    if (await this.repo.programSlugTaken(slug, exceptId ?? null, tx))
      throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by another program` }]);
  }
}
