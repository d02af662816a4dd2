import { Controller, Get, Query } from '@nestjs/common';
import { AuditQuerySchema, type AuditPage, type AuditQuery } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { Can } from '../auth/can.decorator.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { ZodPipe } from '../common/zod.pipe.js';

interface Row { id: string; at: Date; actor_id: string | null; actor_email: string | null; action: string; entity: string; entity_id: string | null; diff: Record<string, [unknown, unknown]>; ip: string | null }

/** The audit log, newest first, filtered and cursor-paged. Admins only. */
@Can('audit.read')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async list(@Query(new ZodPipe(AuditQuerySchema)) query: AuditQuery): Promise<AuditPage> {
    const values: unknown[] = [query.limit + 1];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (query.entity) add('entity = ?', query.entity);
    if (query.entityId) add('entity_id = ?', query.entityId);
    if (query.actor) add('actor_id = ?', query.actor);
    if (query.actorEmail) add('actor_email = lower(?)', query.actorEmail);
    if (query.action) add('action = ?', query.action);
    if (query.from) add('at >= ?::timestamptz', query.from);
    if (query.to) add('at < ?::timestamptz', query.to);
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, 'bigint');
      values.push(at, id);
      where.push(`(at, id) < ($${values.length - 1}::timestamptz, $${values.length}::bigint)`);
    }
    const rows: Row[] = await this.db.query(
      `SELECT id::text, at, actor_id, actor_email, action, entity, entity_id, diff, ip FROM audit_entries
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT $1`,
      values,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id, at: row.at.toISOString(), actorId: row.actor_id, actorEmail: row.actor_email, action: row.action,
        entity: row.entity, entityId: row.entity_id, diff: row.diff, ip: row.ip,
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.at.toISOString(), last.id]) : null,
    };
  }
}
