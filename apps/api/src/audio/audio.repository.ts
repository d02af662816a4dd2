import { Injectable } from '@nestjs/common';
import type { AudioType, RenditionProfile, RenditionStatus } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';
import { BOSS_SCHEMA } from '../jobs/job-queue.js';
import { EFFECTIVE_STATUS, LIVE_SQL } from '../stories/story-live.js';
import { AUDIO_AVAILABLE_SQL, AUDIO_PLAYABLE_SQL } from './audio-live.js';

/** The queue of audio encodes (pg-boss, see JobQueue). */
export const AUDIO_ENCODE_QUEUE = 'audio-encode';

export type AudioAssetRow = {
  id: string;
  kind: 'upload' | 'external';
  title: string;
  sha256: string | null;
  external_url: string | null;
  content_type: AudioType;
  /** bigint: read as text by pg, turned into a number by the service. */
  byte_size: string | null;
  duration_ms: number | null;
  bitrate: number | null;
  sample_rate: number | null;
  channels: number | null;
  codec: string | null;
  loudness_tags: Record<string, string>;
  original_name: string;
  streamable: boolean;
  downloadable: boolean;
  embeddable: boolean;
  available_from: Date | null;
  available_until: Date | null;
  version: number;
  field_versions: Record<string, number>;
  created_at: Date;
  updated_at: Date;
};

export type RenditionRow = {
  id: string;
  asset_id: string;
  profile: RenditionProfile;
  status: RenditionStatus;
  progress: number;
  error: string | null;
  attempts: number;
  sha256: string | null;
  content_type: string | null;
  byte_size: string | null;
  bitrate: number | null;
  duration_ms: number | null;
  created_at: Date;
  updated_at: Date;
};

export type AudioSummaryRow = AudioAssetRow & { statuses: RenditionStatus[]; playable: boolean };

export interface NewUpload {
  sha256: string;
  contentType: AudioType;
  byteSize: number;
  durationMs: number | null;
  bitrate: number | null;
  sampleRate: number | null;
  channels: number | null;
  codec: string | null;
  loudnessTags: Record<string, string>;
  originalName: string;
  title: string;
}

export interface NewExternal {
  url: string;
  contentType: AudioType;
  durationMs: number | null;
  byteSize: number | null;
  title: string;
  streamable: boolean;
  downloadable: boolean;
  embeddable: boolean;
  availableFrom: string | null;
  availableUntil: string | null;
}

export interface AudioChanges {
  title: string;
  streamable: boolean;
  downloadable: boolean;
  embeddable: boolean;
  availableFrom: Date | null;
  availableUntil: Date | null;
}

/** What the public audio URL needs to decide: the asset's window and whether a live story uses it. */
export type PublicRenditionRow = {
  kind: 'upload' | 'external';
  streamable: boolean;
  available_from: Date | null;
  available_until: Date | null;
  available: boolean;
  live_use: boolean;
  status: RenditionStatus | null;
  sha256: string | null;
  content_type: string | null;
  byte_size: string | null;
};

/** Every SQL statement of audio assets and their renditions. */
@Injectable()
export class AudioRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  find(id: string, tx: Db = this.db): Promise<AudioAssetRow | undefined> {
    return one<AudioAssetRow>(tx, `SELECT * FROM audio_assets WHERE id = $1`, [id]);
  }

  findBySha(sha256: string, tx: Db = this.db): Promise<AudioAssetRow | undefined> {
    return one<AudioAssetRow>(tx, `SELECT * FROM audio_assets WHERE sha256 = $1`, [sha256]);
  }

  lock(tx: Db, id: string): Promise<AudioAssetRow | undefined> {
    return one<AudioAssetRow>(tx, `SELECT * FROM audio_assets WHERE id = $1 FOR UPDATE`, [id]);
  }

  renditions(assetId: string, tx: Db = this.db): Promise<RenditionRow[]> {
    return rows<RenditionRow>(
      tx,
      `SELECT * FROM audio_renditions WHERE asset_id = $1
        ORDER BY array_position(ARRAY['original','mp3-128','mp3-64-mono'], profile)`,
      [assetId],
    );
  }

  rendition(id: string, tx: Db = this.db): Promise<RenditionRow | undefined> {
    return one<RenditionRow>(tx, `SELECT * FROM audio_renditions WHERE id = $1`, [id]);
  }

  usedBy(assetId: string, tx: Db = this.db): Promise<Array<{ id: string; headline: string; status: string }>> {
    return rows<{ id: string; headline: string; status: string }>(
      tx,
      `SELECT s.id, s.headline, ${EFFECTIVE_STATUS} AS status FROM story_audio sa JOIN stories s ON s.id = sa.story_id
        WHERE sa.asset_id = $1 ORDER BY s.updated_at DESC, s.id DESC`,
      [assetId],
    );
  }

  /** The new asset, or undefined when an asset with these bytes (sha256) exists already. */
  insertUpload(tx: Db, asset: NewUpload, actorId: string | null): Promise<AudioAssetRow | undefined> {
    return one<AudioAssetRow>(
      tx,
      `INSERT INTO audio_assets (kind, sha256, content_type, byte_size, duration_ms, bitrate, sample_rate, channels, codec,
                                 loudness_tags, original_name, title, created_by, updated_by)
       VALUES ('upload', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
       ON CONFLICT (sha256) WHERE sha256 IS NOT NULL DO NOTHING RETURNING *`,
      [
        asset.sha256,
        asset.contentType,
        asset.byteSize,
        asset.durationMs,
        asset.bitrate,
        asset.sampleRate,
        asset.channels,
        asset.codec,
        JSON.stringify(asset.loudnessTags),
        asset.originalName,
        asset.title,
        actorId,
      ],
    );
  }

  /** The ids among `ids` of assets that exist, share-locked until the transaction ends (a story about to use them). */
  async existingIds(tx: Db, ids: string[]): Promise<string[]> {
    return (await rows<{ id: string }>(tx, `SELECT id FROM audio_assets WHERE id = ANY($1::uuid[]) FOR SHARE`, [ids])).map((row) => row.id);
  }

  /**
   * The external asset of this URL (and declared duration, unless `durationMs` is undefined:
   * then any of the URL), `preferId` first; else a new one with the default rights. Serves the
   * stories' deprecated `audioUrl` field, which names audio by URL.
   */
  async findOrCreateExternal(
    tx: Db,
    input: { url: string; contentType: AudioType; durationMs: number | null | undefined; preferId?: string },
    actorId: string,
  ): Promise<string> {
    const found = await one<{ id: string }>(
      tx,
      `SELECT id FROM audio_assets WHERE kind = 'external' AND external_url = $1 AND ($4 OR duration_ms IS NOT DISTINCT FROM $2::int)
        ORDER BY id = $3::uuid DESC, created_at LIMIT 1`,
      [input.url, input.durationMs ?? null, input.preferId ?? null, input.durationMs === undefined],
    );
    if (found) return found.id;
    const created = await this.insertExternal(
      tx,
      {
        url: input.url,
        contentType: input.contentType,
        durationMs: input.durationMs ?? null,
        byteSize: null,
        title: '',
        streamable: true,
        downloadable: true,
        embeddable: true,
        availableFrom: null,
        availableUntil: null,
      },
      actorId,
    );
    return created.id;
  }

  async insertExternal(tx: Db, asset: NewExternal, actorId: string | null): Promise<AudioAssetRow> {
    const row = await one<AudioAssetRow>(
      tx,
      `INSERT INTO audio_assets (kind, external_url, content_type, duration_ms, byte_size, title, streamable, downloadable, embeddable,
                                 available_from, available_until, created_by, updated_by)
       VALUES ('external', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING *`,
      [
        asset.url,
        asset.contentType,
        asset.durationMs,
        asset.byteSize,
        asset.title,
        asset.streamable,
        asset.downloadable,
        asset.embeddable,
        asset.availableFrom,
        asset.availableUntil,
        actorId,
      ],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return row;
  }

  /** A rendition; `ready` ones (the original) carry their file's facts. */
  async insertRendition(
    tx: Db,
    rendition: {
      assetId: string;
      profile: RenditionProfile;
      status: RenditionStatus;
      sha256?: string | null;
      contentType?: string | null;
      byteSize?: number | null;
      bitrate?: number | null;
      durationMs?: number | null;
    },
  ): Promise<RenditionRow> {
    const row = await one<RenditionRow>(
      tx,
      `INSERT INTO audio_renditions (asset_id, profile, status, progress, sha256, content_type, byte_size, bitrate, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        rendition.assetId,
        rendition.profile,
        rendition.status,
        rendition.status === 'ready' ? 1 : 0,
        rendition.sha256 ?? null,
        rendition.contentType ?? null,
        rendition.byteSize ?? null,
        rendition.bitrate ?? null,
        rendition.durationMs ?? null,
      ],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return row;
  }

  /** Title, rights and window; version + 1 and the changed fields' versions; the row as written. */
  update(tx: Db, id: string, changes: AudioChanges, changed: string[], actorId: string | null): Promise<AudioAssetRow | undefined> {
    return one<AudioAssetRow>(
      tx,
      `UPDATE audio_assets SET title = $2, streamable = $3, downloadable = $4, embeddable = $5, available_from = $6, available_until = $7,
              field_versions = field_versions || (SELECT coalesce(jsonb_object_agg(f, version + 1), '{}') FROM unnest($8::text[]) f),
              version = version + 1, updated_at = now(), updated_by = $9
        WHERE id = $1 RETURNING *`,
      [
        id,
        changes.title,
        changes.streamable,
        changes.downloadable,
        changes.embeddable,
        changes.availableFrom,
        changes.availableUntil,
        changed,
        actorId,
      ],
    );
  }

  /** The library page: newest first, keyset after (created_at, id); q matches title and file name. */
  list(limit: number, q: string | undefined, before: [string, string] | null): Promise<AudioSummaryRow[]> {
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    if (q) {
      params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(a.title ILIKE $${params.length} OR a.original_name ILIKE $${params.length})`);
    }
    if (before) {
      params.push(before[0], before[1]);
      where.push(`(a.created_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    return rows<AudioSummaryRow>(
      this.db,
      `SELECT a.*, coalesce((SELECT array_agg(r.status) FROM audio_renditions r WHERE r.asset_id = a.id), '{}') AS statuses,
              ${AUDIO_PLAYABLE_SQL} AS playable
         FROM audio_assets a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.created_at DESC, a.id DESC LIMIT $1`,
      params,
    );
  }

  // ---- Encodes ----------------------------------------------------------------------------------

  /** Takes a queued (or, after a crash, stuck `encoding`) rendition: status encoding, attempts + 1; undefined when it is not to be encoded. */
  startEncode(id: string): Promise<RenditionRow | undefined> {
    return one<RenditionRow>(
      this.db,
      `UPDATE audio_renditions SET status = 'encoding', progress = 0, error = NULL, attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'encoding') RETURNING *`,
      [id],
    );
  }

  async progress(id: string, progress: number): Promise<void> {
    await exec(this.db, `UPDATE audio_renditions SET progress = $2, updated_at = now() WHERE id = $1 AND status = 'encoding'`, [
      id,
      Math.max(0, Math.min(1, progress)),
    ]);
  }

  async finishEncode(
    id: string,
    file: { sha256: string; contentType: string; byteSize: number; bitrate: number | null; durationMs: number | null },
  ): Promise<void> {
    await exec(
      this.db,
      `UPDATE audio_renditions SET status = 'ready', progress = 1, error = NULL, sha256 = $2, content_type = $3, byte_size = $4,
              bitrate = $5, duration_ms = $6, updated_at = now()
        WHERE id = $1 AND status = 'encoding'`,
      [id, file.sha256, file.contentType, file.byteSize, file.bitrate, file.durationMs],
    );
  }

  async failEncode(id: string, reason: string): Promise<void> {
    await exec(
      this.db,
      `UPDATE audio_renditions SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status = 'encoding'`,
      [id, reason],
    );
  }

  /** A failed rendition back to queued (retry); undefined when it is not failed. */
  requeue(tx: Db, id: string): Promise<RenditionRow | undefined> {
    return one<RenditionRow>(
      tx,
      `UPDATE audio_renditions SET status = 'queued', progress = 0, error = NULL, updated_at = now() WHERE id = $1 AND status = 'failed' RETURNING *`,
      [id],
    );
  }

  /** The encoder's heartbeat: a running encode touches its rendition every HEARTBEAT (see AudioEncoder). */
  async touch(id: string): Promise<void> {
    await exec(this.db, `UPDATE audio_renditions SET updated_at = now() WHERE id = $1 AND status = 'encoding'`, [id]);
  }

  /**
   * Renditions `encoding` whose encoder stopped beating (its process died: a crash, a kill, a lost
   * machine) back to `queued`, with their old jobs cancelled (the caller enqueues new ones in the
   * same transaction). Returns their ids.
   */
  async requeueStalled(tx: Db, staleSeconds: number): Promise<string[]> {
    const stalled = await rows<{ id: string }>(
      tx,
      `UPDATE audio_renditions SET status = 'queued', progress = 0, updated_at = now()
        WHERE status = 'encoding' AND updated_at < now() - make_interval(secs => $1) RETURNING id`,
      [staleSeconds],
    );
    const ids = stalled.map((row) => row.id);
    if (ids.length)
      await exec(
        tx,
        `UPDATE ${BOSS_SCHEMA}.job SET state = 'cancelled', completed_on = now()
          WHERE name = $1 AND data->>'renditionId' = ANY($2::text[]) AND state < 'completed'`,
        [AUDIO_ENCODE_QUEUE, ids],
      );
    return ids;
  }

  /**
   * Renditions left `queued` or `encoding` with no pending or running job (its job was lost, or
   * pg-boss gave up on it): failed with a reason, so they can be retried.
   */
  async sweepOrphans(): Promise<number> {
    const swept = await rows<{ id: string }>(
      this.db,
      `UPDATE audio_renditions r SET status = 'failed', error = 'The encode stopped (the API process ended while encoding). Retry it.', updated_at = now()
        WHERE r.status IN ('queued', 'encoding') AND r.updated_at < now() - interval '1 minute'
          AND NOT EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.job j WHERE j.name = $1 AND j.data->>'renditionId' = r.id::text
                            AND j.state IN ('created', 'retry', 'active'))
        RETURNING r.id`,
      [AUDIO_ENCODE_QUEUE],
    );
    return swept.length;
  }

  // ---- Delivery ---------------------------------------------------------------------------------

  /** The rendition of a profile with what the public rule needs (undefined: no such asset). */
  publicRendition(assetId: string, profile: RenditionProfile): Promise<PublicRenditionRow | undefined> {
    return one<PublicRenditionRow>(
      this.db,
      `SELECT a.kind, a.streamable, a.available_from, a.available_until, (${AUDIO_AVAILABLE_SQL}) AS available,
              EXISTS (SELECT 1 FROM story_audio sa JOIN stories s ON s.id = sa.story_id WHERE sa.asset_id = a.id AND ${LIVE_SQL}) AS live_use,
              r.status, r.sha256, r.content_type, r.byte_size
         FROM audio_assets a LEFT JOIN audio_renditions r ON r.asset_id = a.id AND r.profile = $2
        WHERE a.id = $1`,
      [assetId, profile],
    );
  }
}
