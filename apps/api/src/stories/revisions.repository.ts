import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import type { RevisionSnapshot } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { one, rows, type Db } from '../common/db.js';

/** A revision as listed; `snapshot` only when one revision is read. */
export interface RevisionRow {
  n: number;
  story_version: number;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
  reason: string;
  changed_fields: string[];
  snapshot?: RevisionSnapshot;
}

export interface RevisionInsert {
  storyId: string;
  storyVersion: number;
  snapshot: RevisionSnapshot;
  reason: string;
  changed: string[];
  userId: string | null;
}

const SELECT = `SELECT r.n, r.story_version, r.created_at, r.created_by, u.name AS created_by_name, r.reason, r.changed_fields`;

/** Every SQL statement of story revisions. */
@Injectable()
export class RevisionsRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts the story's next revision (numbered per story); returns its number. */
  async insert(tx: Db, revision: RevisionInsert): Promise<number> {
    const row = await one<{ n: number }>(
      tx,
      `INSERT INTO story_revisions (story_id, n, story_version, snapshot, reason, changed_fields, created_by)
       SELECT $1, COALESCE(max(n), 0) + 1, $2, $3, $4, $5, $6 FROM story_revisions WHERE story_id = $1
       RETURNING n`,
      [revision.storyId, revision.storyVersion, JSON.stringify(revision.snapshot), revision.reason, revision.changed, revision.userId],
    );
    return defined(row, 'revision count').n;
  }

  /** Newest first, without snapshots. */
  list(storyId: string, tx: Db = this.db): Promise<RevisionRow[]> {
    return rows<RevisionRow>(
      tx,
      `${SELECT} FROM story_revisions r LEFT JOIN users u ON u.id = r.created_by WHERE r.story_id = $1 ORDER BY r.n DESC`,
      [storyId],
    );
  }

  /** Revision n with its snapshot. */
  get(storyId: string, n: number, tx: Db = this.db): Promise<RevisionRow | undefined> {
    return one<RevisionRow>(
      tx,
      `${SELECT}, r.snapshot FROM story_revisions r LEFT JOIN users u ON u.id = r.created_by WHERE r.story_id = $1 AND r.n = $2`,
      [storyId, n],
    );
  }

  /** The snapshot of the story as it was at `version` (its latest revision at or before it). */
  async snapshotAt(tx: Db, storyId: string, version: number): Promise<RevisionSnapshot | undefined> {
    const row = await one<{ snapshot: RevisionSnapshot }>(
      tx,
      `SELECT snapshot FROM story_revisions WHERE story_id = $1 AND story_version <= $2 ORDER BY story_version DESC LIMIT 1`,
      [storyId, version],
    );
    return row?.snapshot;
  }
}
