import { Injectable } from '@nestjs/common';
import {
  REVISION_FIELDS, richTextToPlain, type Revision, type RevisionDiff, type RevisionList, type RevisionSnapshot, type RevisionSummary, type RichTextDoc,
} from '@newsdesk/contracts';
import { diffWords } from 'diff';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { snapshotsAsText } from '../transcripts/transcript-rows.js';
import { snapshotValue } from './story-content.js';

interface Row { n: number; story_version: number; created_at: Date; created_by: string | null; created_by_name: string | null; reason: string; changed_fields: string[]; snapshot?: RevisionSnapshot }

const summary = (row: Row): RevisionSummary => ({
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

const SELECT = `SELECT r.n, r.story_version, r.created_at, r.created_by, u.name AS created_by_name, r.reason, r.changed_fields`;

/** Every save of a story's content is a revision: a full snapshot, numbered per story. */
@Injectable()
export class RevisionsService {
  constructor(private readonly db: DataSource) {}

  async record(tx: EntityManager, storyId: string, storyVersion: number, snapshot: RevisionSnapshot, reason: string, changed: string[], userId: string | null): Promise<number> {
    const [row]: Array<{ n: number }> = await tx.query(
      `INSERT INTO story_revisions (story_id, n, story_version, snapshot, reason, changed_fields, created_by)
       SELECT $1, COALESCE(max(n), 0) + 1, $2, $3, $4, $5, $6 FROM story_revisions WHERE story_id = $1
       RETURNING n`,
      [storyId, storyVersion, JSON.stringify(snapshot), reason, changed, userId],
    );
    return row!.n;
  }

  async list(storyId: string): Promise<RevisionList> {
    const rows: Row[] = await this.db.query(`${SELECT} FROM story_revisions r LEFT JOIN users u ON u.id = r.created_by WHERE r.story_id = $1 ORDER BY r.n DESC`, [storyId]);
    if (!rows.length) await this.assertStory(storyId);
    return { items: rows.map(summary) };
  }

  async get(storyId: string, n: number, tx: EntityManager = this.db.manager): Promise<Revision> {
    const [row]: Row[] = await tx.query(`${SELECT}, r.snapshot FROM story_revisions r LEFT JOIN users u ON u.id = r.created_by WHERE r.story_id = $1 AND r.n = $2`, [storyId, n]);
    if (!row) throw new NotFoundError('Revision');
    return { ...summary(row), snapshot: row.snapshot! };
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
        const [was, now] = field === 'transcript' ? await snapshotsAsText(this.db.manager, [before, after]) : [proseOf(field, before), proseOf(field, after)];
        entry.words = diffWords(was ?? '', now ?? '').map((part) => [part.added ? 1 : part.removed ? -1 : 0, part.value]);
      }
      fields.push(entry);
    }
    return { from, to, fields };
  }

  private async assertStory(storyId: string): Promise<void> {
    const [row] = await this.db.query(`SELECT 1 FROM stories WHERE id = $1`, [storyId]);
    if (!row) throw new NotFoundError('Story');
  }
}
