import { Injectable } from '@nestjs/common';
import { defined, type PublicImage, type Delivery, type Destination, type DistributionSettings } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';
import { iso } from '../common/sql.js';
import { AUDIO_AVAILABLE_SQL } from '../audio/audio-live.js';
import { bestRenditionSql, publicAudioUrlSql } from '../stories/story-audio.js';
import type { StoryEvent } from '../outbox/story-events.js';
import { PUBLIC_IMAGE } from '../public/public-image.queries.js';

/** What the CDS mapping reads of a story (docs/distribution.md), before URLs are made absolute. */
export interface StorySourceRow {
  id: string;
  slug: string;
  headline: string;
  teaser: string;
  body: unknown;
  body_html: string;
  status: string;
  version: number;
  published_at: string | null;
  updated_at: string;
  recommend_until: string | null;
  has_transcript: boolean;
  bylines: Array<{ correspondentId: string; name: string; hasPublishedProfile: boolean }>;
  corrections: Array<{ id: string; text: string; correctedAt: string }>;
  audio: Array<{
    id: string;
    title: string;
    primary: boolean;
    url: string;
    contentType: string;
    byteSize: number | null;
    durationSeconds: number | null;
    downloadable: boolean;
    embeddable: boolean;
    availableUntil: string | null;
  }>;
  tags: Array<{ id: string; name: string; type: string }>;
  program: { id: string; name: string } | null;
  /** The lead photo as the public JSON shows it (PUBLIC_IMAGE: null unless publishable). */
  lead_image: PublicImage | null;
}

export interface BiographyRow {
  id: string;
  slug: string;
  name: string;
  title: string;
  bio_html: string;
  story_ids: string[];
}

export interface DestinationRow {
  id: string;
  name: string;
  kind: 'cds' | 'webhook' | 'cdn_purge' | 'websub';
  url: string;
  token: string | null;
  enabled: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A delivery as the worker handles it (with its destination). */
export interface DeliveryWorkRow {
  id: string;
  seq: string;
  destination_id: string;
  story_id: string;
  story_slug: string;
  story_version: number;
  event: StoryEvent['type'];
  published_at: Date | null;
  attempts: number;
  kind: DestinationRow['kind'];
  url: string;
  token: string | null;
}

export interface TargetRow {
  delivered_seq: string | null;
  present: boolean;
}

/** The Delivery contract shape, built in SQL (deliveries `d`, destinations `t`). */
const DELIVERY_JSON = `json_build_object(
  'id', d.id, 'destination', json_build_object('id', t.id, 'name', t.name, 'kind', t.kind),
  'storyId', d.story_id, 'storySlug', d.story_slug, 'storyVersion', d.story_version, 'event', d.event, 'state', d.state,
  'attempts', d.attempts, 'request', d.request, 'responseStatus', d.response_status, 'responseExcerpt', d.response_excerpt,
  'reason', d.reason, 'dueAt', ${iso('d.due_at')}, 'lastAttemptAt', ${iso('d.last_attempt_at')}, 'sentAt', ${iso('d.sent_at')},
  'createdAt', ${iso('d.created_at')})`;

const PUBLICATION_EVENTS = ['story.published', 'story.unpublished'];

/** Every SQL statement of distribution: settings, destinations, deliveries and the CDS sources. */
@Injectable()
export class DistributionRepository {
  constructor(private readonly db: DataSource) {}

  // --- CDS sources -------------------------------------------------------------------------------

  /** A story as the CDS mapping reads it; audio only as listeners may get it now (`$2`: PUBLIC_API_URL). */
  async storySource(id: string, api: string, db: Db = this.db): Promise<StorySourceRow | undefined> {
    return one<StorySourceRow>(
      db,
      `SELECT s.id, s.slug, s.headline, s.teaser, s.body, s.body_html, s.status, s.version,
              ${iso('s.published_at')} AS published_at, ${iso('s.updated_at')} AS updated_at, ${iso('s.recommend_until')} AS recommend_until,
              EXISTS (SELECT 1 FROM transcript_turns tt WHERE tt.story_id = s.id) AS has_transcript,
              COALESCE((SELECT json_agg(json_build_object('correspondentId', c.id, 'name', p.display_name,
                                 'hasPublishedProfile', c.status = 'published') ORDER BY b.position)
                          FROM story_bylines b JOIN correspondents c ON c.id = b.correspondent_id JOIN people p ON p.id = c.person_id
                         WHERE b.story_id = s.id), '[]'::json) AS bylines,
              COALESCE((SELECT json_agg(json_build_object('id', sc.id, 'text', sc.text, 'correctedAt', ${iso('sc.corrected_at')})
                                 ORDER BY sc.corrected_at, sc.id)
                          FROM story_corrections sc WHERE sc.story_id = s.id), '[]'::json) AS corrections,
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'title', COALESCE(NULLIF(sa.title, ''), a.title), 'primary', sa.position = 0,
                                 'url', ${publicAudioUrlSql('$2::text', 'br')}, 'contentType', br.content_type,
                                 'byteSize', COALESCE(br.byte_size, a.byte_size),
                                 'durationSeconds', round(COALESCE(br.duration_ms, a.duration_ms) / 1000.0, 3),
                                 'downloadable', a.downloadable, 'embeddable', a.embeddable,
                                 'availableUntil', ${iso('a.available_until')}) ORDER BY sa.position)
                          FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id CROSS JOIN LATERAL ${bestRenditionSql()} br
                         WHERE sa.story_id = s.id AND ${AUDIO_AVAILABLE_SQL}), '[]'::json) AS audio,
              COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'type', t.type) ORDER BY st.position)
                          FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id), '[]'::json) AS tags,
              (SELECT json_build_object('id', pr.id, 'name', pr.name) FROM programs pr WHERE pr.id = s.program_id) AS program,
              ${PUBLIC_IMAGE('s.lead_image_id')} AS lead_image
         FROM stories s WHERE s.id = $1`,
      [id, api],
    );
  }

  /** A correspondent with a published profile and their live stories, newest first (at most 100). */
  async biography(id: string): Promise<BiographyRow | undefined> {
    return one<BiographyRow>(
      this.db,
      `SELECT c.id, c.slug, p.display_name AS name, c.title, c.bio_html,
              ARRAY(SELECT s.id FROM story_bylines b JOIN stories s ON s.id = b.story_id
                     WHERE b.correspondent_id = c.id AND s.status IN ('published','scheduled') AND s.published_at <= now()
                     ORDER BY s.published_at DESC, s.id DESC LIMIT 100)::text[] AS story_ids
         FROM correspondents c JOIN people p ON p.id = c.person_id
        WHERE c.id = $1 AND c.status = 'published'`,
      [id],
    );
  }

  // --- settings ----------------------------------------------------------------------------------

  async settings(db: Db = this.db): Promise<DistributionSettings> {
    const row = await one<{ cds_prefix: string | null; cds_service_id: string | null; version: number }>(
      db,
      `SELECT cds_prefix, cds_service_id, version FROM distribution_settings`,
    );
    return { cdsPrefix: row?.cds_prefix ?? null, cdsServiceId: row?.cds_service_id ?? null, version: row?.version ?? 1 };
  }

  async lockSettings(tx: EntityManager): Promise<(DistributionSettings & { id: true }) | undefined> {
    const row = await one<{ cds_prefix: string | null; cds_service_id: string | null; version: number }>(
      tx,
      `SELECT cds_prefix, cds_service_id, version FROM distribution_settings FOR UPDATE`,
    );
    return row && { id: true, cdsPrefix: row.cds_prefix, cdsServiceId: row.cds_service_id, version: row.version };
  }

  async updateSettings(tx: EntityManager, prefix: string | null, serviceId: string | null): Promise<void> {
    await exec(tx, `UPDATE distribution_settings SET cds_prefix = $1, cds_service_id = $2, version = version + 1, updated_at = now()`, [
      prefix,
      serviceId,
    ]);
  }

  // --- destinations ------------------------------------------------------------------------------

  async destinations(db: Db = this.db): Promise<DestinationRow[]> {
    return rows<DestinationRow>(db, `SELECT * FROM distribution_destinations ORDER BY lower(name), id`);
  }

  async lockDestination(tx: EntityManager, id: string): Promise<DestinationRow | undefined> {
    return one<DestinationRow>(tx, `SELECT * FROM distribution_destinations WHERE id = $1 FOR UPDATE`, [id]);
  }

  async insertDestination(
    tx: EntityManager,
    input: { name: string; kind: string; url: string; token: string | null; enabled: boolean },
  ): Promise<DestinationRow> {
    return defined(
      await one<DestinationRow>(
        tx,
        `INSERT INTO distribution_destinations (name, kind, url, token, enabled) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [input.name, input.kind, input.url, input.token, input.enabled],
      ),
      'the row just written',
    );
  }

  async updateDestination(tx: EntityManager, id: string, columns: Record<string, unknown>): Promise<DestinationRow> {
    const names = Object.keys(columns);
    const sets = names.map((name, i) => `${name} = $${i + 2}`);
    return defined(
      await one<DestinationRow>(
        tx,
        `UPDATE distribution_destinations SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
        [id, ...names.map((name) => columns[name])],
      ),
      'the row just written',
    );
  }

  async deleteDestination(tx: EntityManager, id: string): Promise<void> {
    await exec(tx, `DELETE FROM distribution_destinations WHERE id = $1`, [id]);
  }

  // --- deliveries: enqueue (in the story write's transaction) ------------------------------------

  /** One pending delivery per enabled destination for this change, due when the change is visible. */
  async enqueue(tx: Db, event: StoryEvent, dueAt: Date | null): Promise<number> {
    const inserted = await rows<{ id: string }>(
      tx,
      `INSERT INTO distribution_deliveries (destination_id, story_id, story_slug, story_version, event, published_at, due_at)
       SELECT t.id, $1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()) FROM distribution_destinations t WHERE t.enabled
       RETURNING id`,
      [event.storyId, event.slug, event.version ?? 0, event.type, event.publishedAt ?? null, dueAt],
    );
    return inserted.length;
  }

  /** The story's pending publication deliveries no longer describe it (the outbox's supersede, same transaction). */
  async supersede(tx: Db, storyId: string): Promise<void> {
    await exec(
      tx,
      `UPDATE distribution_deliveries SET state = 'superseded', reason = 'A later change of the publication replaced it', updated_at = now()
        WHERE story_id = $1 AND state = 'pending' AND event = ANY($2::text[])`,
      [storyId, PUBLICATION_EVENTS],
    );
  }

  // --- deliveries: the worker --------------------------------------------------------------------

  /** Whether any delivery is due (the idle poll: one indexed query, no transaction). */
  async hasDue(): Promise<boolean> {
    const row = await one<{ due: boolean }>(
      this.db,
      `SELECT EXISTS (SELECT 1 FROM distribution_deliveries WHERE state = 'pending' AND due_at <= now()) AS due`,
    );
    return Boolean(row?.due);
  }

  /** The next due delivery, locked (skipped by other workers) until the caller's transaction ends. */
  async claimDue(tx: EntityManager): Promise<DeliveryWorkRow | undefined> {
    return one<DeliveryWorkRow>(
      tx,
      `SELECT d.id, d.seq::text AS seq, d.destination_id, d.story_id, d.story_slug, d.story_version, d.event, d.published_at, d.attempts,
              t.kind, t.url, t.token
         FROM distribution_deliveries d JOIN distribution_destinations t ON t.id = d.destination_id
        WHERE d.state = 'pending' AND d.due_at <= now()
        ORDER BY d.due_at, d.seq
        LIMIT 1
        FOR UPDATE OF d SKIP LOCKED`,
    );
  }

  /** A delivery's state now (the worker re-reads it under the story's lock: a writer may have superseded it). */
  async stateOf(tx: EntityManager, deliveryId: string): Promise<string | undefined> {
    return (await one<{ state: string }>(tx, `SELECT state FROM distribution_deliveries WHERE id = $1`, [deliveryId]))?.state;
  }

  /**
   * Demo settings and a disabled CDS destination, once (while no destination exists); false when
   * present (database/demo-distribution.ts).
   */
  async loadDemo(): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const existing = await one<{ n: string }>(tx, `SELECT count(*) AS n FROM distribution_destinations`);
      if (Number(existing?.n ?? 0) > 0) return false;
      await exec(
        tx,
        `UPDATE distribution_settings SET cds_prefix = COALESCE(cds_prefix, 'demo'), cds_service_id = COALESCE(cds_service_id, 's1'), updated_at = now()`,
      );
      await exec(
        tx,
        `INSERT INTO distribution_destinations (name, kind, url, token, enabled) VALUES ('NPR CDS (staging)', 'cds', 'https://stage-content.api.npr.org', NULL, false)`,
      );
      return true;
    });
  }

  /** Serializes the deliveries of one story to one destination; what it last received. */
  async lockTarget(tx: EntityManager, destinationId: string, storyId: string): Promise<TargetRow> {
    await exec(
      tx,
      `INSERT INTO distribution_targets (destination_id, story_id, delivered_version, delivered_seq, present) VALUES ($1, $2, 0, NULL, false)
       ON CONFLICT DO NOTHING`,
      [destinationId, storyId],
    );
    return defined(
      await one<TargetRow>(
        tx,
        `SELECT delivered_seq::text AS delivered_seq, present FROM distribution_targets WHERE destination_id = $1 AND story_id = $2 FOR UPDATE`,
        [destinationId, storyId],
      ),
      'the row just written',
    );
  }

  /** A later change of this story for this destination that is due (pending, sent or failed): it carries newer content. */
  async newerExists(tx: EntityManager, delivery: DeliveryWorkRow): Promise<boolean> {
    const row = await one<{ newer: boolean }>(
      tx,
      `SELECT EXISTS (SELECT 1 FROM distribution_deliveries n
                       WHERE n.destination_id = $1 AND n.story_id = $2 AND (n.story_version, n.seq) > ($3::int, $4::bigint)
                         AND n.state IN ('pending','sent','failed') AND n.due_at <= now()) AS newer`,
      [delivery.destination_id, delivery.story_id, delivery.story_version, delivery.seq],
    );
    return Boolean(row?.newer);
  }

  async recordTarget(tx: EntityManager, delivery: DeliveryWorkRow, present: boolean): Promise<void> {
    await exec(
      tx,
      `UPDATE distribution_targets SET delivered_version = $3, delivered_seq = $4, present = $5, updated_at = now()
        WHERE destination_id = $1 AND story_id = $2`,
      [delivery.destination_id, delivery.story_id, delivery.story_version, delivery.seq, present],
    );
  }

  async finish(
    tx: EntityManager,
    id: string,
    outcome: {
      state: 'pending' | 'sent' | 'failed' | 'superseded' | 'skipped';
      attempted: boolean;
      request?: string | null;
      responseStatus?: number | null;
      responseExcerpt?: string | null;
      reason?: string | null;
      retryInMs?: number;
    },
  ): Promise<void> {
    await exec(
      tx,
      `UPDATE distribution_deliveries
          SET state = $2, attempts = attempts + $3::int,
              request = COALESCE($4, request), response_status = CASE WHEN $3::int = 1 THEN $5 ELSE response_status END,
              response_excerpt = CASE WHEN $3::int = 1 THEN $6 ELSE response_excerpt END, reason = $7,
              last_attempt_at = CASE WHEN $3::int = 1 THEN now() ELSE last_attempt_at END,
              sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END,
              due_at = CASE WHEN $8::int IS NULL THEN due_at ELSE now() + make_interval(secs => $8::int / 1000.0) END,
              handled_by = $9, updated_at = now()
        WHERE id = $1`,
      [
        id,
        outcome.state,
        outcome.attempted ? 1 : 0,
        outcome.request ?? null,
        outcome.responseStatus ?? null,
        outcome.responseExcerpt ?? null,
        outcome.reason ?? null,
        outcome.retryInMs ?? null,
        `pid ${process.pid}`,
      ],
    );
  }

  /** Moves a failed delivery back to pending, due now, with a fresh attempt budget; undefined when not failed. */
  async resend(tx: EntityManager, id: string, by: string): Promise<boolean> {
    const done = await rows<{ id: string }>(
      tx,
      `UPDATE distribution_deliveries SET state = 'pending', attempts = 0, due_at = now(), updated_at = now(),
              reason = 'Resent by ' || $2 || ' after: ' || COALESCE(reason, 'failure')
        WHERE id = $1 AND state = 'failed' RETURNING id`,
      [id, by],
    );
    return done.length > 0;
  }

  async deliveryState(id: string): Promise<string | undefined> {
    return (await one<{ state: string }>(this.db, `SELECT state FROM distribution_deliveries WHERE id = $1`, [id]))?.state;
  }

  // --- deliveries: reading -----------------------------------------------------------------------

  async delivery(id: string): Promise<Delivery | undefined> {
    return (
      await one<{ j: Delivery }>(
        this.db,
        `SELECT ${DELIVERY_JSON} AS j FROM distribution_deliveries d JOIN distribution_destinations t ON t.id = d.destination_id WHERE d.id = $1`,
        [id],
      )
    )?.j;
  }

  /** A story's deliveries, newest first (at most 100). */
  async storyDeliveries(storyId: string): Promise<Delivery[]> {
    return (
      await rows<{ j: Delivery }>(
        this.db,
        `SELECT ${DELIVERY_JSON} AS j FROM distribution_deliveries d JOIN distribution_destinations t ON t.id = d.destination_id
          WHERE d.story_id = $1 ORDER BY d.story_version DESC, d.seq DESC LIMIT 100`,
        [storyId],
      )
    ).map((row) => row.j);
  }

  /** Failed deliveries that no later delivery of the same story and destination has made good, newest first. */
  async failed(limit: number): Promise<{ items: Delivery[]; total: number }> {
    const where = `d.state = 'failed' AND NOT EXISTS (SELECT 1 FROM distribution_deliveries n WHERE n.destination_id = d.destination_id
                     AND n.story_id = d.story_id AND n.state = 'sent' AND n.seq > d.seq)`;
    const items = await rows<{ j: Delivery }>(
      this.db,
      `SELECT ${DELIVERY_JSON} AS j FROM distribution_deliveries d JOIN distribution_destinations t ON t.id = d.destination_id
        WHERE ${where} ORDER BY d.updated_at DESC, d.id LIMIT $1`,
      [limit],
    );
    const total = await one<{ n: string }>(this.db, `SELECT count(*) AS n FROM distribution_deliveries d WHERE ${where}`);
    return { items: items.map((row) => row.j), total: Number(total?.n ?? 0) };
  }

  /** For the destination DTO. */
  static toDestination(row: DestinationRow): Destination {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      url: row.url,
      hasToken: Boolean(row.token),
      enabled: row.enabled,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}
