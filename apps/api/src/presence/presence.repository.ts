import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';

/** The channel the database announces presence and lock changes on, with the story id (the Presence migration's triggers). */
export const PRESENCE_CHANNEL = 'newsdesk_presence';

/** A tab not seen for this long (its process stopped refreshing it) counts as gone. */
export const PRESENCE_TTL_SECONDS = 45;
/** While typing, a tab counts as typing for this long after its last update saying so. */
export const TYPING_SECONDS = 10;

const ALIVE = `seen_at > now() - make_interval(secs => ${PRESENCE_TTL_SECONDS})`;
const DEAD = `seen_at <= now() - make_interval(secs => ${PRESENCE_TTL_SECONDS})`;

export interface ViewerRow {
  user_id: string;
  name: string;
  tab_id: string;
  section: string | null;
  typing: boolean;
  connected_at: Date;
}

export interface LockRow {
  user_id: string;
  name: string;
  email: string;
  tab_id: string;
  since: Date;
}

/** Every statement on story_presence and story_locks (this feature owns both tables). */
@Injectable()
export class PresenceRepository {
  constructor(private readonly db: DataSource) {}

  /** On presence's dedicated connection (a pg.Client, not the pool). */
  async listen(client: Pick<pg.Client, 'query'>): Promise<void> {
    await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
  }

  /** The live tabs of a story, oldest first, with their users' names. */
  async viewers(storyId: string): Promise<ViewerRow[]> {
    return rows<ViewerRow>(
      this.db,
      `SELECT p.user_id, u.name, p.tab_id, p.section, coalesce(p.typing_until > now(), false) AS typing, p.connected_at
         FROM story_presence p JOIN users u ON u.id = p.user_id
        WHERE p.story_id = $1 AND p.${ALIVE}
        ORDER BY p.connected_at, p.tab_id`,
      [storyId],
    );
  }

  /** The story's lock, unless its tab is gone. */
  async lock(storyId: string, db: Db = this.db): Promise<LockRow | undefined> {
    return one<LockRow>(
      db,
      `SELECT l.user_id, u.name, u.email, l.tab_id, l.since
         FROM story_locks l JOIN users u ON u.id = l.user_id
        WHERE l.story_id = $1 AND l.${ALIVE}`,
      [storyId],
    );
  }

  /** Registers (or re-registers) a tab on a story; false when the tab id is another user's. */
  async join(storyId: string, tabId: string, userId: string): Promise<boolean> {
    const row = await one<{ tab_id: string }>(
      this.db,
      `INSERT INTO story_presence (story_id, tab_id, user_id) VALUES ($1, $2, $3)
       ON CONFLICT (story_id, tab_id) DO UPDATE
         SET user_id = EXCLUDED.user_id, seen_at = now(),
             connected_at = CASE WHEN story_presence.user_id = EXCLUDED.user_id THEN story_presence.connected_at ELSE now() END
         WHERE story_presence.user_id = EXCLUDED.user_id OR story_presence.${DEAD}
       RETURNING tab_id`,
      [storyId, tabId, userId],
    );
    return row !== undefined;
  }

  /** Sets a tab's section and typing (registering it if its stream has not yet); false when the tab id is another user's. */
  async update(storyId: string, tabId: string, userId: string, section: string | null, typing: boolean): Promise<boolean> {
    const row = await one<{ tab_id: string }>(
      this.db,
      `INSERT INTO story_presence (story_id, tab_id, user_id, section, typing_until)
       VALUES ($1, $2, $3, $4, CASE WHEN $5::boolean THEN now() + make_interval(secs => ${TYPING_SECONDS}) END)
       ON CONFLICT (story_id, tab_id) DO UPDATE
         SET section = EXCLUDED.section, typing_until = EXCLUDED.typing_until, seen_at = now()
         WHERE story_presence.user_id = EXCLUDED.user_id
       RETURNING tab_id`,
      [storyId, tabId, userId, section, typing],
    );
    return row !== undefined;
  }

  /** A tab went away: its presence row and any lock it holds, in one transaction (one NOTIFY per story). */
  async leave(storyId: string, tabId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await exec(tx, `DELETE FROM story_presence WHERE story_id = $1 AND tab_id = $2`, [storyId, tabId]);
      await exec(tx, `DELETE FROM story_locks WHERE story_id = $1 AND tab_id = $2`, [storyId, tabId]);
    });
  }

  /**
   * Takes the lock for a tab unless another live tab holds it: one statement, atomic under
   * concurrency (the upsert waits for a competing insert and then re-checks its WHERE). The same tab
   * (and user) taking it again keeps its `since`. Undefined when someone else holds it.
   */
  async acquire(storyId: string, tabId: string, userId: string): Promise<{ since: Date } | undefined> {
    return one<{ since: Date }>(
      this.db,
      `INSERT INTO story_locks (story_id, user_id, tab_id) VALUES ($1, $2, $3)
       ON CONFLICT (story_id) DO UPDATE
         SET user_id = EXCLUDED.user_id, tab_id = EXCLUDED.tab_id, seen_at = now(),
             since = CASE WHEN story_locks.tab_id = EXCLUDED.tab_id THEN story_locks.since ELSE now() END
         WHERE (story_locks.tab_id = EXCLUDED.tab_id AND story_locks.user_id = EXCLUDED.user_id) OR story_locks.${DEAD}
       RETURNING since`,
      [storyId, userId, tabId],
    );
  }

  /** Serializes take-overs of one story's lock for the rest of the transaction. */
  async lockForTakeOver(tx: Db, storyId: string): Promise<void> {
    await exec(tx, `SELECT pg_advisory_xact_lock(hashtextextended('story_locks:' || $1::text, 0))`, [storyId]);
  }

  /** Gives the lock to a tab whoever holds it (in the caller's transaction, after lockForTakeOver). */
  async takeOver(tx: Db, storyId: string, tabId: string, userId: string): Promise<{ since: Date }> {
    const [row] = await rows<{ since: Date }>(
      tx,
      `INSERT INTO story_locks (story_id, user_id, tab_id) VALUES ($1, $2, $3)
       ON CONFLICT (story_id) DO UPDATE
         SET user_id = EXCLUDED.user_id, tab_id = EXCLUDED.tab_id, seen_at = now(),
             since = CASE WHEN story_locks.tab_id = EXCLUDED.tab_id THEN story_locks.since ELSE now() END
       RETURNING since`,
      [storyId, userId, tabId],
    );
    if (!row) throw new Error('take-over: the upsert returned no row');
    return row;
  }

  /** Releases a tab's lock (nothing when it does not hold it). */
  async release(storyId: string, tabId: string, userId: string): Promise<void> {
    await exec(this.db, `DELETE FROM story_locks WHERE story_id = $1 AND tab_id = $2 AND user_id = $3`, [storyId, tabId, userId]);
  }

  /**
   * The heartbeat of the process holding these tabs' streams: they are still there. Only `seen_at`
   * changes, which notifies nobody.
   */
  async touch(tabs: ReadonlyArray<{ storyId: string; tabId: string }>): Promise<void> {
    if (tabs.length === 0) return;
    const stories = tabs.map((tab) => tab.storyId);
    const tabIds = tabs.map((tab) => tab.tabId);
    await exec(
      this.db,
      `UPDATE story_presence p SET seen_at = now() FROM unnest($1::uuid[], $2::uuid[]) t(story_id, tab_id)
        WHERE p.story_id = t.story_id AND p.tab_id = t.tab_id`,
      [stories, tabIds],
    );
    await exec(
      this.db,
      `UPDATE story_locks l SET seen_at = now() FROM unnest($1::uuid[], $2::uuid[]) t(story_id, tab_id)
        WHERE l.story_id = t.story_id AND l.tab_id = t.tab_id`,
      [stories, tabIds],
    );
  }

  /** Deletes the rows of tabs whose process died (not seen for PRESENCE_TTL_SECONDS); each deletion notifies. */
  async sweep(): Promise<void> {
    await exec(this.db, `DELETE FROM story_presence WHERE ${DEAD}`);
    await exec(this.db, `DELETE FROM story_locks WHERE ${DEAD}`);
  }
}
