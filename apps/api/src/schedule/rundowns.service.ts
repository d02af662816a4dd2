import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import { RUNDOWN_SEGMENT_KINDS, timeRundown, type Rundown, type SaveRundownInput } from '@newsdesk/contracts';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../common/db.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { effectiveStatus } from '../stories/story-live.js';
import { ScheduleRepository } from './schedule.repository.js';
import { toSegmentDto } from './segment.rows.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The rundown inside a program block (or newscast): ordered items with planned durations, timed
 * against the block's end, its hard out. Saved whole (the editor reorders freely), with its own
 * version so that editing the rundown never makes the segment's dialog stale, nor the reverse.
 */
@Injectable()
export class RundownsService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly writer: VersionedWriter,
  ) {}

  async get(segmentId: string, tx?: Db): Promise<Rundown> {
    const segment = await this.repo.findSegment(segmentId, tx);
    if (!segment) throw new NotFoundError('Segment');
    const head = await this.repo.rundownHead(segmentId, tx);
    const rows = await this.repo.rundownItems(segmentId, tx);
    const start = segment.starts_at.getTime();
    const hardOut = segment.ends_at.getTime();
    const timing = timeRundown(
      start,
      hardOut,
      rows.map((row) => ({ durationSeconds: row.duration_seconds })),
    );
    return {
      segmentId,
      version: head?.version ?? 1,
      segment: toSegmentDto(segment),
      timezone: segment.timezone,
      hardOut: iso(hardOut),
      items: rows.map((row, i) => {
        const time = defined(timing.items[i], 'item timing');
        return {
          id: row.id,
          position: row.position,
          title: row.title,
          kind: row.kind,
          durationSeconds: row.duration_seconds,
          storyId: row.story_id,
          story:
            row.story_id && row.story_slug !== null
              ? {
                  id: row.story_id,
                  slug: row.story_slug,
                  headline: row.story_headline ?? '',
                  status: effectiveStatus(defined(row.story_status, 'story status'), row.story_published_at),
                }
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

  /** The rundown's own version is the versioned record (a block never saved is at version 1). */
  async save(segmentId: string, input: SaveRundownInput, actor: Principal): Promise<Rundown> {
    const summary = (items: Array<{ title: string; duration_seconds?: number; durationSeconds?: number }>) =>
      items.map((item) => `${item.title} (${item.duration_seconds ?? item.durationSeconds}s)`);
    const saved = await this.writer.write({
      what: 'rundown',
      version: input.version,
      lock: async (tx) => {
        const kind = await this.repo.lockSegmentKind(segmentId, tx);
        if (kind === undefined) throw new NotFoundError('Segment');
        if (!(RUNDOWN_SEGMENT_KINDS as readonly string[]).includes(kind)) {
          throw new ValidationError(
            [{ field: '(body)', message: 'Only a program block or a newscast has a rundown' }],
            'Only a program block or a newscast has a rundown.',
          );
        }
        return this.repo.lockRundown(segmentId, tx);
      },
      apply: async (tx) => {
        const before = await this.repo.rundownItemSummaries(segmentId, tx);
        await this.checkItems(tx, input, new Set(before.map((item) => item.id)));
        await this.repo.replaceRundown(
          segmentId,
          input.items.map((item) => ({
            id: item.id ?? null,
            title: item.title,
            kind: item.kind,
            durationSeconds: item.durationSeconds,
            storyId: item.storyId ?? null,
            notes: item.notes ?? '',
          })),
          actor.userId,
          tx,
        );
        return { before, rundown: await this.get(segmentId, tx) };
      },
      audit: (_head, { before }) => ({
        actor,
        action: 'update',
        entity: 'rundown',
        entityId: segmentId,
        diff: { items: [summary(before), summary(input.items)] },
      }),
    });
    return saved.rundown;
  }

  /** Item ids must be this rundown's own; story links must point at stories that exist. */
  private async checkItems(tx: Db, input: SaveRundownInput, ownIds: Set<string>): Promise<void> {
    const errors: Array<{ field: string; message: string }> = [];
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      if (!item.id) return;
      if (!ownIds.has(item.id))
        errors.push({ field: `items.${i}.id`, message: 'Not an item of this rundown (leave the id out for a new item)' });
      else if (seen.has(item.id)) errors.push({ field: `items.${i}.id`, message: 'The same item appears twice' });
      seen.add(item.id);
    });
    const storyIds = [...new Set(input.items.map((item) => item.storyId).filter((id): id is string => Boolean(id)))];
    if (storyIds.length) {
      const known = await this.repo.existingStoryIds(storyIds, tx);
      input.items.forEach((item, i) => {
        if (item.storyId && !known.has(item.storyId)) errors.push({ field: `items.${i}.storyId`, message: 'No story has this id' });
      });
    }
    if (errors.length) throw new ValidationError(errors);
  }
}
