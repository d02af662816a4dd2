import { Injectable, Optional } from '@nestjs/common';
import type { AuditPage, AuditQuery } from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { AuditRepository } from './audit.repository.js';

export interface AuditRecord {
  actor: Pick<Principal, 'userId' | 'email'> | null;
  action: string;
  entity: string;
  entityId: string | null;
  diff?: Record<string, [unknown, unknown]>;
  ip?: string | null;
}

/**
 * Writes audit entries inside the caller's transaction: pass the EntityManager of the transaction
 * that makes the change, so the entry commits or rolls back with it. Lists them for admins.
 * `new AuditService()` (scripts, tests) can record but not list.
 */
@Injectable()
export class AuditService {
  constructor(@Optional() private readonly repository: AuditRepository = new AuditRepository()) {}

  async record(tx: EntityManager, entry: AuditRecord): Promise<void> {
    await this.repository.insert(tx, {
      actor_id: entry.actor?.userId ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      diff: entry.diff ?? {},
      ip: entry.ip ?? null,
    });
  }

  /** The audit log, newest first, filtered and cursor-paged. */
  async list(query: AuditQuery): Promise<AuditPage> {
    const { cursor, limit, ...filters } = query;
    const after = cursor ? decodeCursor(cursor, 'bigint') : undefined;
    const rows = await this.repository.page({ ...filters, limit: limit + 1, ...(after ? { after: { at: after[0], id: after[1] } } : {}) });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorId: row.actor_id,
        actorEmail: row.actor_email,
        action: row.action,
        entity: row.entity,
        entityId: row.entity_id,
        diff: row.diff,
        ip: row.ip,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.at.toISOString(), last.id]) : null,
    };
  }
}
