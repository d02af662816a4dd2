import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import {
  REVISION_FIELDS,
  richTextToPlain,
  type Revision,
  type RevisionDiff,
  type RevisionList,
  type RevisionSnapshot,
  type RevisionSummary,
  type RichTextDoc,
} from '@newsdesk/contracts';
import { diffWords } from 'diff';
import type { EntityManager } from 'typeorm';
import type { Db } from '../common/db.js';
import { NotFoundError } from '../common/errors.js';
import { snapshotsAsText } from '../transcripts/transcript-rows.js';
import { TranscriptsRepository } from '../transcripts/transcripts.repository.js';
import { RevisionsRepository, type RevisionRow } from './revisions.repository.js';
import { StoriesRepository } from './stories.repository.js';
import { snapshotValue } from './story-content.js';

const summary = (row: RevisionRow): RevisionSummary => ({
  n: row.n,
  storyVersion: row.story_version,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
  reason: row.reason,
  changedFields: row.changed_fields,
});

const PROSE = new Set(['headline', 'teaser', 'dateline', 'credit', 'body', 'transcript']);

/** The words a prose field is compared by (the transcript's are rendered by `snapshotsAsText`). */
function proseOf(field: string, value: unknown): string {
  return field === 'body' ? richTextToPlain(value as RichTextDoc) : String(value ?? '');
}

/** Every save of a story's content is a revision: a full snapshot, numbered per story. */
@Injectable()
export class RevisionsService {
  constructor(
    private readonly repository: RevisionsRepository,
    private readonly stories: StoriesRepository,
    private readonly transcripts: TranscriptsRepository,
  ) {}

  record(
    tx: EntityManager,
    storyId: string,
    storyVersion: number,
    snapshot: RevisionSnapshot,
    reason: string,
    changed: string[],
    userId: string | null,
  ): Promise<number> {
    return this.repository.insert(tx, { storyId, storyVersion, snapshot, reason, changed, userId });
  }

  /** The snapshot of the story at `version` (its latest revision at or before it), for a 409's changed fields. */
  snapshotAt(tx: EntityManager, storyId: string, version: number): Promise<RevisionSnapshot | undefined> {
    return this.repository.snapshotAt(tx, storyId, version);
  }

  async list(storyId: string): Promise<RevisionList> {
    const rows = await this.repository.list(storyId);
    if (!rows.length && !(await this.stories.exists(storyId))) throw new NotFoundError('Story');
    return { items: rows.map(summary) };
  }

  async get(storyId: string, n: number, tx?: Db): Promise<Revision> {
    const row = await this.repository.get(storyId, n, tx);
    if (!row) throw new NotFoundError('Revision');
    return { ...summary(row), snapshot: defined(row.snapshot, 'revision snapshot') };
  }

  /** Field-level diff between two revisions; prose fields also word by word. */
  async diff(storyId: string, from: number, to: number): Promise<RevisionDiff> {
    const [a, b] = await Promise.all([this.get(storyId, from), this.get(storyId, to)]);
    const fields: RevisionDiff['fields'] = [];
    for (const field of REVISION_FIELDS) {
      const before = snapshotValue(a.snapshot, field);
      const after = snapshotValue(b.snapshot, field);
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      const entry: RevisionDiff['fields'][number] = { field, before, after };
      if (PROSE.has(field)) {
        const [was, now] =
          field === 'transcript'
            ? await snapshotsAsText([before, after], (ids) => this.transcripts.speakers(ids, false))
            : [proseOf(field, before), proseOf(field, after)];
        entry.words = diffWords(was ?? '', now ?? '').map((part) => [part.added ? 1 : part.removed ? -1 : 0, part.value]);
      }
      fields.push(entry);
    }
    return { from, to, fields };
  }
}
