import { defined, PODCAST_PAGE_SIZE, type PublicImage } from '@newsdesk/contracts';
import { PUBLIC_IMAGE } from '../public/public-image.queries.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one, rows, type Db } from '../common/db.js';
import { AUDIO_AVAILABLE_SQL } from '../audio/audio-live.js';
import { LIVE_SQL } from '../stories/story-live.js';
import { AUDIO_PLAYABLE_SQL } from '../audio/audio-live.js';
import { bestRenditionSql, publicAudioUrlSql } from '../stories/story-audio.js';

/** A program with its podcast settings (the settings' columns null until first saved). */
export interface PodcastRow {
  program_id: string;
  program_name: string;
  program_slug: string;
  program_description: string;
  hosts: string[];
  saved: boolean;
  enabled: boolean | null;
  title: string | null;
  description: string | null;
  artwork_media_id: string | null;
  category: string | null;
  subcategory: string | null;
  explicit: boolean | null;
  language: string | null;
  owner_name: string | null;
  owner_email: string | null;
  author: string | null;
  type: 'episodic' | 'serial' | null;
  locked: boolean | null;
  version: number;
  field_versions: Record<string, number>;
  updated_at: Date | null;
}

/** The settings' columns as written. */
export interface PodcastColumns {
  enabled: boolean;
  title: string;
  description: string;
  artwork_media_id: string | null;
  category: string | null;
  subcategory: string | null;
  explicit: boolean;
  language: string;
  owner_name: string;
  owner_email: string;
  author: string;
  type: 'episodic' | 'serial';
  locked: boolean;
}

/** A program story as an episode candidate: its primary audio's rights and window, read for the rules in TypeScript. */
export interface EpisodeRow {
  id: string;
  slug: string;
  headline: string;
  status: string;
  stored_status: string;
  published_at: Date | null;
  episode_season: number | null;
  episode_number: number | null;
  episode_type: 'full' | 'trailer' | 'bonus';
  asset_id: string | null;
  streamable: boolean | null;
  downloadable: boolean | null;
  available_from: Date | null;
  available_until: Date | null;
  playable: boolean | null;
  duration_ms: number | null;
}

/** An item of the feed, with everything its XML carries. */
export interface FeedItemRow {
  id: string;
  slug: string;
  headline: string;
  teaser: string;
  published_at: Date;
  episode_season: number | null;
  episode_number: number | null;
  episode_type: string;
  url: string;
  content_type: string;
  byte_size: string | number | null;
  duration_ms: number | null;
  has_transcript: boolean;
  /** Every spoken turn is timed: the feed links transcript.vtt, .json and .srt too. */
  has_timed_transcript: boolean;
  has_chapters: boolean;
  /** Bylines in order: name, and the slug of their public correspondent page when published. */
  bylines: Array<{ name: string; slug: string | null }>;
  /** Transcript speakers from the people registry (their public page: /api/public/people/{slug}). */
  speakers: Array<{ name: string; slug: string }>;
  /** The story's lead photo when publishable (PUBLIC_IMAGE), else null: the episode's image. */
  lead_image: PublicImage | null;
  total: string | number;
}

export interface ChannelHostRow {
  name: string;
  correspondent_slug: string | null;
}

export interface LiveSlotRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  stream_url: string;
  call_sign: string;
  station_name: string;
  live: boolean;
}

/** A segment's rundown item as a chapter (titles of unpublished stories never show). */
export interface ChapterRow {
  title: string;
  duration_seconds: number;
  segment_seconds: number;
}

/** An aired rundown item of the as-run log as a chapter: seconds from the block's first take to its take and to the next take. */
export interface AsRunChapterRow {
  title: string;
  start_seconds: string | number;
  end_seconds: string | number | null;
}

/** A rundown item's or a take's (alias x) public title: its own unless it is about a story, which shows only while live. */
const CHAPTER_TITLE = (x: string) => `CASE WHEN ${x}.story_id IS NULL THEN ${x}.title
                   WHEN EXISTS (SELECT 1 FROM stories s WHERE s.id = ${x}.story_id AND ${LIVE_SQL})
                     THEN (SELECT s.headline FROM stories s WHERE s.id = ${x}.story_id)
                   ELSE initcap(${x}.kind) END`;

const SETTINGS_SELECT = `SELECT p.id AS program_id, p.name AS program_name, p.slug AS program_slug, p.description AS program_description, p.hosts,
         pp.program_id IS NOT NULL AS saved, pp.enabled, pp.title, pp.description, pp.artwork_media_id, pp.category, pp.subcategory,
         pp.explicit, pp.language, pp.owner_name, pp.owner_email, pp.author, pp.type, pp.locked,
         COALESCE(pp.version, 1) AS version, COALESCE(pp.field_versions, '{}'::jsonb) AS field_versions, pp.updated_at
    FROM programs p LEFT JOIN program_podcasts pp ON pp.program_id = p.id`;

/** A segment (alias g) a story aired in, with a rundown: it has aired (status, its end has passed, or its end take is in). */
const AIRED_WITH_RUNDOWN = `(g.status = 'aired' OR g.ends_at <= now()
    OR EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = g.id AND t.item_id IS NULL))
  AND EXISTS (SELECT 1 FROM rundown_items ri WHERE ri.segment_id = g.id)`;

/** The latest aired segment with a rundown of a live story (by slug). */
const CHAPTER_SEGMENT = `SELECT g.id, g.duration_seconds FROM stories s JOIN segments g ON g.story_id = s.id
          WHERE s.slug = $1 AND ${LIVE_SQL} AND ${AIRED_WITH_RUNDOWN}
          ORDER BY g.starts_at DESC, g.id LIMIT 1`;

/** The feed's episodes: live stories of the program whose primary audio is available, downloadable and playable. */
const EPISODE_FROM = `FROM stories s
  JOIN story_audio sa ON sa.story_id = s.id AND sa.position = 0
  JOIN audio_assets a ON a.id = sa.asset_id
  CROSS JOIN LATERAL ${bestRenditionSql(true)} br
 WHERE s.program_id = $1 AND ${LIVE_SQL} AND ${AUDIO_AVAILABLE_SQL} AND a.downloadable`;

/** Every SQL statement of programs' podcasts: settings, episodes, the feed, chapters. */
@Injectable()
export class PodcastsRepository {
  constructor(private readonly db: DataSource) {}

  settings(programId: string, tx: Db = this.db): Promise<PodcastRow | undefined> {
    return one<PodcastRow>(tx, `${SETTINGS_SELECT} WHERE p.id = $1`, [programId]);
  }

  /** The settings of an enabled podcast by its program's slug (the public feed). */
  enabledBySlug(slug: string, tx: Db = this.db): Promise<PodcastRow | undefined> {
    return one<PodcastRow>(tx, `${SETTINGS_SELECT} WHERE p.slug = $1 AND pp.enabled`, [slug]);
  }

  /**
   * For a versioned write: the program row locked (so two first saves cannot both insert), with
   * its settings read after the lock (a statement of its own: under READ COMMITTED it sees a
   * first save committed while it waited); undefined when there is no such program.
   */
  async lock(tx: Db, programId: string): Promise<PodcastRow | undefined> {
    if (!(await one(tx, `SELECT 1 AS locked FROM programs WHERE id = $1 FOR NO KEY UPDATE`, [programId]))) return undefined;
    return this.settings(programId, tx);
  }

  /** Inserts (first save: version 2) or updates the settings, stamping the changed fields' versions. */
  async save(tx: Db, programId: string, columns: PodcastColumns, changed: string[], userId: string): Promise<void> {
    const names = Object.keys(columns);
    const values: unknown[] = Object.values(columns);
    await one(
      tx,
      `INSERT INTO program_podcasts (program_id, ${names.join(', ')}, version, field_versions, updated_by)
       VALUES ($1, ${names.map((_, i) => `$${i + 4}`).join(', ')}, 2, COALESCE((SELECT jsonb_object_agg(f, 2) FROM unnest($2::text[]) f), '{}'::jsonb), $3)
       ON CONFLICT (program_id) DO UPDATE SET ${names.map((name) => `${name} = EXCLUDED.${name}`).join(', ')},
         version = program_podcasts.version + 1,
         field_versions = program_podcasts.field_versions
           || COALESCE((SELECT jsonb_object_agg(f, program_podcasts.version + 1) FROM unnest($2::text[]) f), '{}'::jsonb),
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING version`,
      [programId, changed, userId, ...values],
    );
  }

  /** What the artwork check reads of a media record. */
  media(tx: Db, id: string): Promise<{ content_type: string; width: number; height: number } | undefined> {
    return one(tx, `SELECT content_type, width, height FROM media WHERE id = $1`, [id]);
  }

  /** The program's stories (newest first, drafts first) with their primary audio, for the episode list and the check. */
  episodes(programId: string, tx: Db = this.db): Promise<EpisodeRow[]> {
    return rows<EpisodeRow>(
      tx,
      `SELECT s.id, s.slug, s.headline, CASE WHEN ${LIVE_SQL} THEN 'published' ELSE s.status END AS status, s.status AS stored_status,
              s.published_at, s.episode_season, s.episode_number, s.episode_type,
              a.id AS asset_id, a.streamable, a.downloadable, a.available_from, a.available_until,
              CASE WHEN a.id IS NULL THEN NULL ELSE ${AUDIO_PLAYABLE_SQL} END AS playable, a.duration_ms
         FROM stories s
         LEFT JOIN story_audio sa ON sa.story_id = s.id AND sa.position = 0
         LEFT JOIN audio_assets a ON a.id = sa.asset_id
        WHERE s.program_id = $1
        ORDER BY s.published_at DESC NULLS FIRST, s.updated_at DESC, s.id
        LIMIT 2000`,
      [programId],
    );
  }

  /** One page of the feed's items (newest first), each with the total count; `api` is PUBLIC_API_URL. */
  feedItems(programId: string, page: number, api: string, tx: Db = this.db): Promise<FeedItemRow[]> {
    return rows<FeedItemRow>(
      tx,
      `SELECT s.id, s.slug, s.headline, s.teaser, s.published_at, s.episode_season, s.episode_number, s.episode_type,
              ${publicAudioUrlSql('$4::text', 'br')} AS url, br.content_type,
              COALESCE(br.byte_size, a.byte_size) AS byte_size, COALESCE(br.duration_ms, a.duration_ms) AS duration_ms,
              EXISTS (SELECT 1 FROM transcript_turns tt WHERE tt.story_id = s.id) AS has_transcript,
              EXISTS (SELECT 1 FROM transcript_turns tt WHERE tt.story_id = s.id)
                AND NOT EXISTS (SELECT 1 FROM transcript_turns tt WHERE tt.story_id = s.id AND tt.cue IS NULL AND tt.start_ms IS NULL) AS has_timed_transcript,
              EXISTS (SELECT 1 FROM segments g WHERE g.story_id = s.id AND ${AIRED_WITH_RUNDOWN}) AS has_chapters,
              COALESCE((SELECT json_agg(json_build_object('name', p.display_name, 'slug', CASE WHEN c.status = 'published' THEN c.slug END)
                                        ORDER BY b.position)
                          FROM story_bylines b JOIN correspondents c ON c.id = b.correspondent_id JOIN people p ON p.id = c.person_id
                         WHERE b.story_id = s.id), '[]'::json) AS bylines,
              COALESCE((SELECT json_agg(json_build_object('name', p.display_name, 'slug', p.slug) ORDER BY first)
                          FROM (SELECT tt.person_id, min(tt.position) AS first FROM transcript_turns tt
                                 WHERE tt.story_id = s.id AND tt.person_id IS NOT NULL GROUP BY tt.person_id) sp
                          JOIN people p ON p.id = sp.person_id
                         WHERE NOT EXISTS (SELECT 1 FROM story_bylines b JOIN correspondents c ON c.id = b.correspondent_id
                                            WHERE b.story_id = s.id AND c.person_id = p.id)), '[]'::json) AS speakers,
              ${PUBLIC_IMAGE('s.lead_image_id')} AS lead_image,
              count(*) OVER () AS total
         ${EPISODE_FROM}
        ORDER BY s.published_at DESC, s.id DESC
        LIMIT $2 OFFSET $3`,
      [programId, PODCAST_PAGE_SIZE, (page - 1) * PODCAST_PAGE_SIZE, api],
    );
  }

  /** How many items the feed has (for the last page's link when a page is empty). */
  async feedCount(programId: string, tx: Db = this.db): Promise<number> {
    return Number(defined(await one<{ n: string }>(tx, `SELECT count(*) AS n ${EPISODE_FROM}`, [programId]), 'count').n);
  }

  /** The program's hosts (display names), with a published correspondent's page when one has that name. */
  hosts(programId: string, tx: Db = this.db): Promise<ChannelHostRow[]> {
    return rows<ChannelHostRow>(
      tx,
      `SELECT h.name, (SELECT c.slug FROM correspondents c JOIN people pe ON pe.id = c.person_id
                        WHERE pe.display_name = h.name AND c.status = 'published' ORDER BY c.slug LIMIT 1) AS correspondent_slug
         FROM programs p CROSS JOIN LATERAL unnest(p.hosts) WITH ORDINALITY AS h(name, n)
        WHERE p.id = $1 ORDER BY h.n`,
      [programId],
    );
  }

  /** The program's next (or current) segment on a station with a stream, for podcast:liveItem. */
  nextLiveSlot(programId: string, tx: Db = this.db): Promise<LiveSlotRow | undefined> {
    return one<LiveSlotRow>(
      tx,
      `SELECT g.id, g.starts_at, g.ends_at, st.stream_url, st.call_sign, st.name AS station_name, g.starts_at <= now() AS live
         FROM segments g JOIN stations st ON st.id = g.station_id
        WHERE g.program_id = $1 AND g.ends_at > now() AND st.active AND st.stream_url IS NOT NULL AND st.stream_url <> ''
        ORDER BY g.starts_at, g.id LIMIT 1`,
      [programId],
    );
  }

  /**
   * The rundown of the latest aired segment of a live story (by slug), in order; empty when none.
   * An item about another story shows that story's headline only while it is live.
   */
  chapters(slug: string, tx: Db = this.db): Promise<ChapterRow[]> {
    return rows<ChapterRow>(
      tx,
      `WITH seg AS (${CHAPTER_SEGMENT})
       SELECT ${CHAPTER_TITLE('ri')} AS title, ri.duration_seconds, seg.duration_seconds AS segment_seconds
         FROM seg JOIN rundown_items ri ON ri.segment_id = seg.id
        ORDER BY ri.position`,
      [slug],
    );
  }

  /**
   * The same segment's as-run log (docs/schedule.md "Airings"): its item takes in take order, each
   * from its take to the next take (an item or the end); the last item without an end take has no end.
   */
  asRunChapters(slug: string, tx: Db = this.db): Promise<AsRunChapterRow[]> {
    return rows<AsRunChapterRow>(
      tx,
      `WITH seg AS (${CHAPTER_SEGMENT}),
       t AS (SELECT t.*, min(t.taken_at) OVER () AS first_at, lead(t.taken_at) OVER (ORDER BY t.seq) AS next_at
               FROM seg JOIN rundown_takes t ON t.segment_id = seg.id)
       SELECT ${CHAPTER_TITLE('t')} AS title,
              round(extract(epoch FROM t.taken_at - t.first_at), 3) AS start_seconds,
              round(extract(epoch FROM t.next_at - t.first_at), 3) AS end_seconds
         FROM t WHERE t.item_id IS NOT NULL
        ORDER BY t.seq`,
      [slug],
    );
  }
}
