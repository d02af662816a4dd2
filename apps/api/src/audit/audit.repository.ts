import { Injectable, Optional } from '@nestjs/common';
import type { AuditQuery } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { exec, rows, type Db } from '../common/db.js';
import { currentRequestId } from '../common/logger.js';

/** One audit entry as stored (the insert's values). */
export interface AuditInsertRow {
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  diff: Record<string, [unknown, unknown]>;
  ip: string | null;
}

/** One audit entry as listed (`id` as text: a bigint). */
export interface AuditEntryRow extends AuditInsertRow {
  id: string;
  at: Date;
}

/** The list's filters; `after` is the decoded cursor (at, id) of the last entry of the previous page. */
export interface AuditFilter extends Pick<AuditQuery, 'entity' | 'entityId' | 'actor' | 'actorEmail' | 'action' | 'from' | 'to'> {
  limit: number;
  after?: { at: string; id: string };
}

/** Every SQL statement of the audit log. */
@Injectable()
export class AuditRepository {
  /** Without a DataSource (`new AuditRepository()`), only writes inside a caller's transaction work. */
  constructor(@Optional() private readonly db?: DataSource) {}

  /** Inserts one entry inside the caller's transaction, with the id of the request being served (if any). */
  insert(tx: Db, row: AuditInsertRow): Promise<void> {
    return exec(
      tx,
      `INSERT INTO audit_entries (actor_id, actor_email, action, entity, entity_id, diff, ip, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.actor_id, row.actor_email, row.action, row.entity, row.entity_id, JSON.stringify(row.diff), row.ip, currentRequestId()],
    );
  }

  /** Newest first, at most `limit` entries matching every given filter. */
  page(filter: AuditFilter, tx: Db | undefined = this.db): Promise<AuditEntryRow[]> {
    if (!tx) throw new Error('AuditRepository.page needs a DataSource');
    const values: unknown[] = [filter.limit];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (filter.entity) add('entity = ?', filter.entity);
    if (filter.entityId) add('entity_id = ?', filter.entityId);
    if (filter.actor) add('actor_id = ?', filter.actor);
    if (filter.actorEmail) add('actor_email = lower(?)', filter.actorEmail);
    if (filter.action) add('action = ?', filter.action);
    if (filter.from) add('at >= ?::timestamptz', filter.from);
    if (filter.to) add('at < ?::timestamptz', filter.to);
    if (filter.after) {
      values.push(filter.after.at, filter.after.id);
      where.push(`(at, id) < ($${values.length - 1}::timestamptz, $${values.length}::bigint)`);
    }
    return rows<AuditEntryRow>(
      tx,
      `SELECT id::text, at, actor_id, actor_email, action, entity, entity_id, diff, ip FROM audit_entries
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT $1`,
      values,
    );
  }
}
