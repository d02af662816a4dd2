import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';

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
 * that makes the change, so the entry commits or rolls back with it.
 */
@Injectable()
export class AuditService {
  async record(tx: EntityManager, entry: AuditRecord): Promise<void> {
    await tx.query(
      `INSERT INTO audit_entries (actor_id, actor_email, action, entity, entity_id, diff, ip) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.actor?.userId ?? null, entry.actor?.email ?? null, entry.action, entry.entity, entry.entityId, JSON.stringify(entry.diff ?? {}), entry.ip ?? null],
    );
  }
}
