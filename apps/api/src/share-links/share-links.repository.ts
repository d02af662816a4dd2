import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';

/** A link as the staff list shows it (names joined). */
export interface ShareLinkRow {
  id: string;
  story_id: string;
  revision: number | null;
  label: string;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_name: string | null;
  last_used_at: Date | null;
  use_count: number;
}

/** What a token lookup needs: the stored hash of the secret. */
export interface ShareLinkSecretRow {
  id: string;
  token_hash: Buffer;
}

/** A use that counted: what to show, and who the link speaks for. */
export interface ShareLinkUseRow {
  story_id: string;
  revision: number | null;
  use_count: number;
  created_by: string;
  created_by_email: string;
  created_by_name: string;
}

export interface ThrottleRow {
  hits: number;
  retry_after: number;
}

const SELECT = `SELECT l.id, l.story_id, l.revision, l.label, l.created_by, cu.name AS created_by_name, l.created_at, l.expires_at,
       l.revoked_at, l.revoked_by, ru.name AS revoked_by_name, l.last_used_at, l.use_count
  FROM story_share_links l JOIN users cu ON cu.id = l.created_by LEFT JOIN users ru ON ru.id = l.revoked_by`;

/**
 * Every SQL statement of share links (story_share_links, share_link_throttle). Validity (not
 * revoked, not expired) is decided by PostgreSQL's clock in the statement that counts a use, so a
 * revoke or an expiry and a use cannot interleave: a use either counted before the revoke or is refused.
 */
@Injectable()
export class ShareLinksRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    tx: Db,
    link: { id: string; storyId: string; tokenHash: Buffer; revision: number | null; label: string; createdBy: string; hours: number },
  ): Promise<ShareLinkRow | undefined> {
    await exec(
      tx,
      `INSERT INTO story_share_links (id, story_id, token_hash, revision, label, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7))`,
      [link.id, link.storyId, link.tokenHash, link.revision, link.label, link.createdBy, link.hours],
    );
    return this.get(link.id, tx);
  }

  get(id: string, tx: Db = this.db): Promise<ShareLinkRow | undefined> {
    return one<ShareLinkRow>(tx, `${SELECT} WHERE l.id = $1`, [id]);
  }

  /** A story's links, newest first. */
  list(storyId: string): Promise<ShareLinkRow[]> {
    return rows<ShareLinkRow>(this.db, `${SELECT} WHERE l.story_id = $1 ORDER BY l.created_at DESC, l.id`, [storyId]);
  }

  /** The stored hash for a token's link id (whatever its state: the state is checked by `recordUse`). */
  secret(id: string): Promise<ShareLinkSecretRow | undefined> {
    return one<ShareLinkSecretRow>(this.db, `SELECT id, token_hash FROM story_share_links WHERE id = $1`, [id]);
  }

  /** Counts one use, atomically, only while the link is neither revoked nor expired; undefined otherwise. */
  recordUse(tx: Db, id: string): Promise<ShareLinkUseRow | undefined> {
    return one<ShareLinkUseRow>(
      tx,
      `UPDATE story_share_links l SET use_count = l.use_count + 1, last_used_at = now()
         FROM users u
        WHERE l.id = $1 AND u.id = l.created_by AND l.revoked_at IS NULL AND l.expires_at > now()
       RETURNING l.story_id, l.revision, l.use_count, l.created_by, u.email AS created_by_email, u.name AS created_by_name`,
      [id],
    );
  }

  /** Revokes a link that is not revoked yet; undefined when there is none such (missing, or revoked already). */
  revoke(tx: Db, id: string, userId: string): Promise<{ story_id: string } | undefined> {
    return one<{ story_id: string }>(
      tx,
      `UPDATE story_share_links SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING story_id`,
      [id, userId],
    );
  }

  /**
   * Reserves one token lookup for a client address, atomically: ONE upsert counts it in the
   * address's current window (a new window starts once the old one is `windowMinutes` old), under
   * the row lock INSERT ... ON CONFLICT DO UPDATE takes, so N parallel lookups are numbered 1..N
   * and no two see the same count. The caller refuses a count past its limit.
   */
  async reserve(ip: string, windowMinutes: number): Promise<ThrottleRow> {
    const row = await one<ThrottleRow>(
      this.db,
      `INSERT INTO share_link_throttle AS t (ip, window_start, hits) VALUES ($1, now(), 1)
       ON CONFLICT (ip) DO UPDATE SET
         hits = CASE WHEN t.window_start <= now() - make_interval(mins => $2) THEN 1 ELSE t.hits + 1 END,
         window_start = CASE WHEN t.window_start <= now() - make_interval(mins => $2) THEN now() ELSE t.window_start END
       RETURNING hits, GREATEST(ceil(extract(epoch FROM window_start + make_interval(mins => $2) - clock_timestamp())), 1)::int AS retry_after`,
      [ip, windowMinutes],
    );
    if (!row) throw new Error('the throttle upsert returned no row');
    if (row.hits === 1) await exec(this.db, `DELETE FROM share_link_throttle WHERE window_start < now() - interval '1 day'`);
    return row;
  }

  /** A lookup that found a valid link gives its reservation back: only failed lookups count. */
  release(tx: Db, ip: string): Promise<void> {
    return exec(tx, `UPDATE share_link_throttle SET hits = GREATEST(hits - 1, 0) WHERE ip = $1`, [ip]);
  }
}
