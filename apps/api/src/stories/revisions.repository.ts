import { Injectable } from '@nestjs/common';
import type { RevisionSnapshot } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';
import { encodeRevision, replay, type Delta, type JsonValue } from './revision-delta.js';

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

  /**
   * Inserts the story's next revision (numbered per story); returns its number. Stored as a delta
   * from the previous revision, or as a keyframe (revision-delta.ts: encodeRevision).
   */
  async insert(tx: Db, revision: RevisionInsert): Promise<number> {
    const last = await one<{ n: number }>(tx, `SELECT max(n) AS n FROM story_revisions WHERE story_id = $1`, [revision.storyId]);
    const previous = last?.n ? await this.snapshotOf(tx, revision.storyId, last.n) : undefined;
    const n = (last?.n ?? 0) + 1;
    const stored = encodeRevision(n, previous as JsonValue | undefined, revision.snapshot as unknown as JsonValue);
    await exec(
      tx,
      `INSERT INTO story_revisions (story_id, n, story_version, snapshot, delta, reason, changed_fields, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        revision.storyId,
        n,
        revision.storyVersion,
        stored.snapshot === null ? null : JSON.stringify(stored.snapshot),
        stored.delta === null ? null : JSON.stringify(stored.delta),
        revision.reason,
        revision.changed,
        revision.userId,
      ],
    );
    return n;
  }

  /** The full snapshot of revision n: its keyframe and the deltas after it, replayed. */
  private async snapshotOf(tx: Db, storyId: string, n: number): Promise<RevisionSnapshot | undefined> {
    const chain = await rows<{ snapshot: JsonValue | null; delta: Delta | null }>(
      tx,
      `SELECT snapshot, delta FROM story_revisions
        WHERE story_id = $1 AND n <= $2
          AND n >= (SELECT max(n) FROM story_revisions WHERE story_id = $1 AND n <= $2 AND snapshot IS NOT NULL)
        ORDER BY n`,
      [storyId, n],
    );
    return replay(chain) as RevisionSnapshot | undefined;
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
  async get(storyId: string, n: number, tx: Db = this.db): Promise<RevisionRow | undefined> {
    const row = await one<RevisionRow>(
      tx,
      `${SELECT} FROM story_revisions r LEFT JOIN users u ON u.id = r.created_by WHERE r.story_id = $1 AND r.n = $2`,
      [storyId, n],
    );
    return row && { ...row, snapshot: await this.snapshotOf(tx, storyId, n) };
  }

  /** The snapshot of the story as it was at `version` (its latest revision at or before it). */
  async snapshotAt(tx: Db, storyId: string, version: number): Promise<RevisionSnapshot | undefined> {
    const row = await one<{ n: number }>(
      tx,
      `SELECT n FROM story_revisions WHERE story_id = $1 AND story_version <= $2 ORDER BY story_version DESC LIMIT 1`,
      [storyId, version],
    );
    return row ? this.snapshotOf(tx, storyId, row.n) : undefined;
  }
}
