import { Injectable } from '@nestjs/common';
import type { ImageDelivery, RenditionState, RenditionType } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';
import type { RenditionPlan, StoredRendition } from './image-plan.js';

/** One rendition plan's job: the renditions to make for one focal point and set of crops. */
export type ImageJobRow = {
  media_id: string;
  plan_key: string;
  plan: StoredRendition[];
  state: RenditionState;
  done: number;
  total: number;
  error: string | null;
  attempts: number;
  updated_at: Date;
};

export type ImageRenditionRow = {
  key: string;
  media_id: string;
  aspect: string;
  width: number;
  height: number;
  content_type: RenditionType;
  byte_size: number;
};

/** Key of the transaction-level advisory lock one rendition cleanup holds (a second process skips its run). */
export const RENDITION_CLEANUP_LOCK = 21_000_003;

/**
 * The rendition keys live outputs reference (docs/images.md "Rendition cleanup"): every key of each
 * image's current plan (in any state) and of the ready plan PUBLIC_IMAGE shows (the current one once
 * ready, else the last ready one: lead photos, profile photos; the same ORDER BY), and every rendition URL in a stored story body (any status: drafts and
 * unpublished stories included, so a preview or a republication never loses an image) or
 * correspondent bio.
 */
const REFERENCED_KEYS = `
  SELECT p.item->>'key' AS key
    FROM media m JOIN image_rendition_jobs j ON j.media_id = m.id AND j.plan_key = m.plan_key
    CROSS JOIN LATERAL jsonb_array_elements(j.plan) p(item)
  UNION
  SELECT p.item->>'key'
    FROM media m
    CROSS JOIN LATERAL (SELECT j.plan FROM image_rendition_jobs j WHERE j.media_id = m.id AND j.state = 'ready'
                         ORDER BY (j.plan_key = m.plan_key) DESC, j.finished_at DESC LIMIT 1) last
    CROSS JOIN LATERAL jsonb_array_elements(last.plan) p(item)
  UNION
  SELECT (regexp_matches(s.body_html, '/api/public/images/([0-9a-f]{64})\\.', 'g'))[1] FROM stories s
  UNION
  SELECT (regexp_matches(c.bio_html, '/api/public/images/([0-9a-f]{64})\\.', 'g'))[1] FROM correspondents c`;

/** Every SQL statement on image_rendition_jobs and image_renditions (the media feature's tables). */
@Injectable()
export class ImageRenditionsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The plan's job row, created pending when new; `created` says whether it was. */
  async ensureJob(tx: Db, mediaId: string, plan: RenditionPlan): Promise<boolean> {
    const inserted = await one<{ plan_key: string }>(
      tx,
      `INSERT INTO image_rendition_jobs (media_id, plan_key, plan, delivery, total) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (media_id, plan_key) DO NOTHING RETURNING plan_key`,
      [mediaId, plan.planKey, JSON.stringify(plan.renditions), JSON.stringify(plan.delivery), plan.renditions.length],
    );
    return Boolean(inserted);
  }

  job(mediaId: string, planKey: string, tx: Db = this.db): Promise<ImageJobRow | undefined> {
    return one<ImageJobRow>(tx, `SELECT * FROM image_rendition_jobs WHERE media_id = $1 AND plan_key = $2`, [mediaId, planKey]);
  }

  /** Takes a pending job for this worker (encoding, one more attempt); undefined when it is not pending. */
  claim(mediaId: string, planKey: string): Promise<ImageJobRow | undefined> {
    return one<ImageJobRow>(
      this.db,
      `UPDATE image_rendition_jobs SET state = 'encoding', attempts = attempts + 1, error = NULL, updated_at = now()
        WHERE media_id = $1 AND plan_key = $2 AND state = 'pending' RETURNING *`,
      [mediaId, planKey],
    );
  }

  /** Progress (also the heartbeat a stalled job is recognised by). */
  progress(mediaId: string, planKey: string, done: number): Promise<void> {
    return exec(
      this.db,
      `UPDATE image_rendition_jobs SET done = $3, updated_at = now() WHERE media_id = $1 AND plan_key = $2 AND state = 'encoding'`,
      [mediaId, planKey, done],
    );
  }

  finish(mediaId: string, planKey: string, state: 'ready' | 'failed', error: string | null): Promise<void> {
    return exec(
      this.db,
      `UPDATE image_rendition_jobs SET state = $3, error = $4, updated_at = now(), finished_at = now()
        WHERE media_id = $1 AND plan_key = $2 AND state = 'encoding'`,
      [mediaId, planKey, state, error],
    );
  }

  /** A job this process started but will not finish (it is stopping), back to pending. */
  release(mediaId: string, planKey: string): Promise<void> {
    return exec(
      this.db,
      `UPDATE image_rendition_jobs SET state = 'pending', updated_at = now() WHERE media_id = $1 AND plan_key = $2 AND state = 'encoding'`,
      [mediaId, planKey],
    );
  }

  /** A failed job back to pending (retry); undefined when it had not failed. */
  retry(tx: Db, mediaId: string, planKey: string): Promise<ImageJobRow | undefined> {
    return one<ImageJobRow>(
      tx,
      `UPDATE image_rendition_jobs SET state = 'pending', error = NULL, done = 0, updated_at = now(), finished_at = NULL
        WHERE media_id = $1 AND plan_key = $2 AND state = 'failed' RETURNING *`,
      [mediaId, planKey],
    );
  }

  /** Jobs left encoding by a process that stopped beating, back to pending (their keys, to enqueue again). */
  requeueStalled(tx: Db, seconds: number): Promise<Array<{ media_id: string; plan_key: string }>> {
    return rows<{ media_id: string; plan_key: string }>(
      tx,
      `UPDATE image_rendition_jobs SET state = 'pending', updated_at = now()
        WHERE state = 'encoding' AND updated_at < now() - make_interval(secs => $1) RETURNING media_id, plan_key`,
      [seconds],
    );
  }

  /** Pending jobs nobody has taken for a while (e.g. made by the demo seed, or whose queue entry was lost). */
  stalePending(seconds: number): Promise<Array<{ media_id: string; plan_key: string }>> {
    return rows<{ media_id: string; plan_key: string }>(
      this.db,
      `SELECT media_id, plan_key FROM image_rendition_jobs WHERE state = 'pending' AND updated_at < now() - make_interval(secs => $1)`,
      [seconds],
    );
  }

  /** Which of these keys are rendered already. */
  async existing(keys: string[]): Promise<Set<string>> {
    const found = await rows<{ key: string }>(this.db, `SELECT key FROM image_renditions WHERE key = ANY($1::text[])`, [keys]);
    return new Set(found.map((row) => row.key));
  }

  insert(mediaId: string, rendition: StoredRendition, byteSize: number): Promise<void> {
    return exec(
      this.db,
      `INSERT INTO image_renditions (key, media_id, aspect, width, height, content_type, byte_size) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (key) DO NOTHING`,
      [rendition.key, mediaId, rendition.aspect, rendition.width, rendition.height, rendition.type, byteSize],
    );
  }

  /** The rendered files of a plan, in the plan's order. */
  files(mediaId: string, planKey: string, tx: Db = this.db): Promise<ImageRenditionRow[]> {
    return rows<ImageRenditionRow>(
      tx,
      `SELECT r.key, r.media_id, r.aspect, r.width, r.height, r.content_type, r.byte_size
         FROM image_rendition_jobs j CROSS JOIN LATERAL jsonb_array_elements(j.plan) WITH ORDINALITY AS p(item, n)
         JOIN image_renditions r ON r.key = p.item->>'key'
        WHERE j.media_id = $1 AND j.plan_key = $2 ORDER BY p.n`,
      [mediaId, planKey],
    );
  }

  /** A rendition to serve, by key and type. */
  byKey(key: string, type: RenditionType): Promise<ImageRenditionRow | undefined> {
    return one<ImageRenditionRow>(this.db, `SELECT * FROM image_renditions WHERE key = $1 AND content_type = $2`, [key, type]);
  }

  /**
   * One cleanup pass in `tx`, under the cleanup lock (false: another process holds it, nothing done):
   * marks every referenced rendition as seen now, then deletes (at most `limit`) rows of renditions
   * neither referenced nor created within the last `graceDays` days, returning their keys and types
   * for the caller to delete the files once this commits.
   */
  async cleanupPass(
    tx: Db,
    graceDays: number,
    limit: number,
  ): Promise<{ locked: false } | { locked: true; marked: number; deleted: Array<{ key: string; content_type: RenditionType }> }> {
    const lock = await one<{ got: boolean }>(tx, `SELECT pg_try_advisory_xact_lock($1) AS got`, [RENDITION_CLEANUP_LOCK]);
    if (!lock?.got) return { locked: false };
    // Rewritten at most hourly per row: a pass costs one read of the references, not a write of every rendition.
    const marked = await rows<{ key: string }>(
      tx,
      `UPDATE image_renditions r SET last_referenced_at = now() FROM (${REFERENCED_KEYS}) x
        WHERE r.key = x.key AND (r.last_referenced_at IS NULL OR r.last_referenced_at < now() - interval '1 hour') RETURNING r.key`,
    );
    const deleted = await rows<{ key: string; content_type: RenditionType }>(
      tx,
      `DELETE FROM image_renditions WHERE key IN (
         SELECT r.key FROM image_renditions r
          WHERE COALESCE(r.last_referenced_at, r.created_at) < now() - make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM (${REFERENCED_KEYS}) x WHERE x.key = r.key)
          ORDER BY r.key LIMIT $2)
       RETURNING key, content_type`,
      [graceDays, limit],
    );
    // A plan that lost files is no longer ready: its job row goes, so that returning to that focal
    // point and crop (the same keys) plans and renders it again instead of finding it "ready".
    if (deleted.length)
      await exec(
        tx,
        `DELETE FROM image_rendition_jobs j
          WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(j.plan) p(item) WHERE p.item->>'key' = ANY($1::text[]))`,
        [deleted.map((row) => row.key)],
      );
    return { locked: true, marked: marked.length, deleted };
  }

  /** The current plan's delivery (renditions and srcsets) and state of each of these images. */
  current(
    ids: string[],
    tx: Db = this.db,
  ): Promise<Array<{ media_id: string; state: string; error: string | null; delivery: ImageDelivery }>> {
    return rows<{ media_id: string; state: string; error: string | null; delivery: ImageDelivery }>(
      tx,
      `SELECT m.id AS media_id, j.state, j.error, j.delivery FROM media m JOIN image_rendition_jobs j ON j.media_id = m.id AND j.plan_key = m.plan_key
        WHERE m.id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
