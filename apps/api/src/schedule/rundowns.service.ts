import { Injectable } from '@nestjs/common';
import {
  RUNDOWN_SEGMENT_KINDS, timeRundown,
  type Rundown, type RundownItemKind, type SaveRundownInput, type StoryStatus,
} from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, StaleVersionError, ValidationError } from '../common/errors.js';
import { effectiveStatus } from '../stories/story-live.js';
import { findSegmentRow, toSegmentDto } from './segment.rows.js';

interface ItemRow {
  id: string;
  position: number;
  title: string;
  kind: RundownItemKind;
  duration_seconds: number;
  story_id: string | null;
  notes: string;
  story_slug: string | null;
  story_headline: string | null;
  story_status: StoryStatus | null;
  story_published_at: Date | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The rundown inside a program block (or newscast): ordered items with planned durations, timed
 * against the block's end, its hard out. Saved whole (the editor reorders freely), with its own
 * version so that editing the rundown never makes the segment's dialog stale, nor the reverse.
 */
@Injectable()
export class RundownsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(segmentId: string, db: EntityManager = this.db.manager): Promise<Rundown> {
    const segment = await findSegmentRow(db, segmentId);
    if (!segment) throw new NotFoundError('Segment');
    const [head]: Array<{ version: number; updated_at: Date }> = await db.query(`SELECT version, updated_at FROM rundowns WHERE segment_id = $1`, [segmentId]);
    const rows: ItemRow[] = await db.query(
      `SELECT i.id, i.position, i.title, i.kind, i.duration_seconds, i.story_id, i.notes,
              s.slug AS story_slug, s.headline AS story_headline, s.status AS story_status, s.published_at AS story_published_at
         FROM rundown_items i LEFT JOIN stories s ON s.id = i.story_id
        WHERE i.segment_id = $1 ORDER BY i.position`,
      [segmentId],
    );
    const start = segment.starts_at.getTime();
    const hardOut = segment.ends_at.getTime();
    const timing = timeRundown(start, hardOut, rows.map((row) => ({ durationSeconds: row.duration_seconds })));
    return {
      segmentId,
      version: head?.version ?? 1,
      segment: toSegmentDto(segment),
      timezone: segment.timezone,
      hardOut: iso(hardOut),
      items: rows.map((row, i) => {
        const time = timing.items[i]!;
        return {
          id: row.id,
          position: row.position,
          title: row.title,
          kind: row.kind,
          durationSeconds: row.duration_seconds,
          storyId: row.story_id,
          story: row.story_id && row.story_slug !== null
            ? { id: row.story_id, slug: row.story_slug, headline: row.story_headline ?? '', status: effectiveStatus(row.story_status!, row.story_published_at) }
            : null,
          notes: row.notes,
          startsAt: iso(time.startsAt),
          endsAt: iso(time.endsAt),
          backTime: iso(time.backTime),
          secondsToHardOut: time.secondsToHardOut,
          pastHardOut: time.pastHardOut,
        };
      }),
      ...timing.totals,
      updatedAt: head?.updated_at.toISOString() ?? null,
    };
  }

  async save(segmentId: string, input: SaveRundownInput, actor: Principal): Promise<Rundown> {
    return this.db.transaction(async (tx) => {
      const [segment]: Array<{ kind: string }> = await tx.query(`SELECT kind FROM segments WHERE id = $1 FOR UPDATE`, [segmentId]);
      if (!segment) throw new NotFoundError('Segment');
      if (!(RUNDOWN_SEGMENT_KINDS as readonly string[]).includes(segment.kind)) {
        throw new ValidationError([{ field: '(body)', message: 'Only a program block or a newscast has a rundown' }], 'Only a program block or a newscast has a rundown.');
      }
      // A block whose rundown was never saved is at version 1: create the row, then lock it.
      await tx.query(`INSERT INTO rundowns (segment_id) VALUES ($1) ON CONFLICT (segment_id) DO NOTHING`, [segmentId]);
      const [head]: Array<{ version: number }> = await tx.query(`SELECT version FROM rundowns WHERE segment_id = $1 FOR UPDATE`, [segmentId]);
      if (head!.version !== input.version) throw new StaleVersionError('rundown', head!.version);

      const before: Array<{ id: string; title: string; duration_seconds: number }> = await tx.query(
        `SELECT id, title, duration_seconds FROM rundown_items WHERE segment_id = $1 ORDER BY position`, [segmentId],
      );
      await this.checkItems(tx, input, new Set(before.map((item) => item.id)));
      await tx.query(`DELETE FROM rundown_items WHERE segment_id = $1`, [segmentId]);
      if (input.items.length) {
        await tx.query(
          `INSERT INTO rundown_items (id, segment_id, position, title, kind, duration_seconds, story_id, notes)
           SELECT COALESCE(item.id, gen_random_uuid()), $1, item.position, item.title, item.kind, item.duration_seconds, item.story_id, item.notes
             FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::int[], $7::uuid[], $8::text[])
                  AS item (id, position, title, kind, duration_seconds, story_id, notes)`,
          [
            segmentId,
            input.items.map((item) => item.id ?? null),
            input.items.map((_, i) => i + 1),
            input.items.map((item) => item.title),
            input.items.map((item) => item.kind),
            input.items.map((item) => item.durationSeconds),
            input.items.map((item) => item.storyId ?? null),
            input.items.map((item) => item.notes ?? ''),
          ],
        );
      }
      await tx.query(`UPDATE rundowns SET version = version + 1, updated_at = now(), updated_by = $2 WHERE segment_id = $1`, [segmentId, actor.userId]);
      const summary = (items: Array<{ title: string; duration_seconds?: number; durationSeconds?: number }>) =>
        items.map((item) => `${item.title} (${item.duration_seconds ?? item.durationSeconds}s)`);
      await this.audit.record(tx, {
        actor, action: 'update', entity: 'rundown', entityId: segmentId,
        diff: { items: [summary(before), summary(input.items)] },
      });
      return this.get(segmentId, tx);
    });
  }

  /** Item ids must be this rundown's own; story links must point at stories that exist. */
  private async checkItems(tx: EntityManager, input: SaveRundownInput, ownIds: Set<string>): Promise<void> {
    const errors: Array<{ field: string; message: string }> = [];
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      if (!item.id) return;
      if (!ownIds.has(item.id)) errors.push({ field: `items.${i}.id`, message: 'Not an item of this rundown (leave the id out for a new item)' });
      else if (seen.has(item.id)) errors.push({ field: `items.${i}.id`, message: 'The same item appears twice' });
      seen.add(item.id);
    });
    const storyIds = [...new Set(input.items.map((item) => item.storyId).filter((id): id is string => Boolean(id)))];
    if (storyIds.length) {
      const found: Array<{ id: string }> = await tx.query(`SELECT id FROM stories WHERE id = ANY($1::uuid[])`, [storyIds]);
      const known = new Set(found.map((row) => row.id));
      input.items.forEach((item, i) => {
        if (item.storyId && !known.has(item.storyId)) errors.push({ field: `items.${i}.storyId`, message: 'No story has this id' });
      });
    }
    if (errors.length) throw new ValidationError(errors);
  }
}
