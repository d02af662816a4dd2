import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import type { Story as StoryDto, StoryStatus } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';
import { iso } from '../common/sql.js';
import { STAFF_TRANSCRIPT_JSON } from '../transcripts/transcript-json.js';
import { EFFECTIVE_STATUS, LIVE_SQL, effectiveStatusIs } from './story-live.js';
import { pageSnippets } from './search-snippet.js';
import { rankedMatches } from './story-search.js';
import { AUDIO_PLAYABLE_SQL } from '../audio/audio-live.js';
import { AUDIO_SUMMARY_JSON, type StoryAudioItem } from './story-audio.js';

/** A `stories` row as `SELECT *` reads it (the columns the write path looks at named; the rest as unknown). */
export type StoryRow = Record<string, unknown> & {
  id: string;
  slug: string;
  headline: string;
  status: StoryStatus;
  version: number;
  published_at: Date | null;
  embargo_until: Date | null;
};

/** A story in lists: the staff summary's columns (`snippet` and `rank` in search results). */
export interface SummaryRow {
  id: string;
  slug: string;
  headline: string;
  status: StoryStatus;
  version: number;
  published_at: Date | null;
  embargo_until: Date | null;
  updated_at: Date;
  snippet?: string;
  rank?: number;
}

/** What tag suggestions read of a story. */
export interface StoryTaggingRow {
  headline: string;
  teaser: string;
  body_text: string;
  transcript_text: string;
  tag_ids: string[];
}

/** A story's ordered tag and byline ids. */
export interface StoryLinksRow {
  tag_ids: string[];
  byline_ids: string[];
}

/** The staff list's filters; `after` is the decoded cursor (sort key, id); `createdBy` is "mine". */
export interface StoryListFilter {
  status?: StoryStatus;
  tag?: string;
  correspondent?: string;
  createdBy?: string;
  q?: string;
  after?: { key: string; id: string };
  limit: number;
}

/** The staff view of one story, built in one statement: tags, bylines, corrections and who edited it. */
const STORY_JSON = `json_build_object(
  'id', s.id, 'slug', s.slug, 'headline', s.headline, 'teaser', s.teaser, 'dateline', s.dateline,
  'body', s.body, 'bodyHtml', s.body_html, 'credit', s.credit,
  'bylines', COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', p.display_name, 'slug', c.slug, 'title', c.title) ORDER BY b.position)
                         FROM story_bylines b JOIN correspondents c ON c.id = b.correspondent_id JOIN people p ON p.id = c.person_id
                        WHERE b.story_id = s.id), '[]'::json),
  'tags', COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'slug', t.slug, 'type', t.type) ORDER BY st.position)
                      FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id), '[]'::json),
  'programId', s.program_id, 'leadImageId', s.lead_image_id,
  'audioUrl', (SELECT COALESCE(a.external_url, '/api/audio/' || a.id || '/play') FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id
                WHERE sa.story_id = s.id AND sa.position = 0),
  'audioDurationSeconds', (SELECT round(a.duration_ms / 1000.0)::int FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id
                            WHERE sa.story_id = s.id AND sa.position = 0),
  'audio', COALESCE((SELECT json_agg(json_build_object('assetId', a.id, 'title', COALESCE(NULLIF(sa.title, ''), a.title), 'primary', sa.position = 0,
                                                       'asset', ${AUDIO_SUMMARY_JSON}) ORDER BY sa.position)
                       FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id WHERE sa.story_id = s.id), '[]'::json),
  'broadcast', s.broadcast, 'episodeSeason', s.episode_season, 'episodeNumber', s.episode_number, 'episodeType', s.episode_type,
  'corrections', COALESCE((SELECT json_agg(json_build_object('id', c.id, 'text', c.text, 'correctedAt', ${iso('c.corrected_at')}) ORDER BY c.corrected_at)
                             FROM story_corrections c WHERE c.story_id = s.id), '[]'::json),
  'transcript', ${STAFF_TRANSCRIPT_JSON},
  'status', ${EFFECTIVE_STATUS}, 'version', s.version,
  'publishedAt', ${iso('s.published_at')}, 'embargoUntil', ${iso('s.embargo_until')}, 'recommendUntil', ${iso('s.recommend_until')}, 'createdAt', ${iso('s.created_at')}, 'updatedAt', ${iso('s.updated_at')},
  'createdBy', (SELECT json_build_object('id', u.id, 'name', u.name) FROM users u WHERE u.id = s.created_by),
  'updatedBy', (SELECT json_build_object('id', u.id, 'name', u.name) FROM users u WHERE u.id = s.updated_by))`;

export const SUMMARY_COLUMNS = `s.id, s.slug, s.headline, ${EFFECTIVE_STATUS} AS status, s.version, s.published_at, s.embargo_until, s.updated_at`;

/** Every SQL statement of stories and their tags, bylines, slugs and corrections; `tx` runs it inside a caller's transaction. */
@Injectable()
export class StoriesRepository {
  constructor(private readonly db: DataSource) {}

  /** The staff view of one story, as JSON built by PostgreSQL; undefined when there is none. */
  async staffView(id: string, tx: Db = this.db): Promise<StoryDto | undefined> {
    return (await one<{ story: StoryDto }>(tx, `SELECT ${STORY_JSON} AS story FROM stories s WHERE s.id = $1`, [id]))?.story;
  }

  /** Newest edits first; with `q`, ranked full-text search (see rankedMatches) with highlighted snippets. Up to `limit` rows. */
  page(filter: StoryListFilter, tx: Db = this.db): Promise<SummaryRow[]> {
    const values: unknown[] = [filter.limit];
    const where: string[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    if (filter.status) where.push(effectiveStatusIs(filter.status, param));
    if (filter.tag) where.push(`EXISTS (SELECT 1 FROM story_tags st WHERE st.story_id = s.id AND st.tag_id = ${param(filter.tag)})`);
    if (filter.correspondent)
      where.push(`EXISTS (SELECT 1 FROM story_bylines b WHERE b.story_id = s.id AND b.correspondent_id = ${param(filter.correspondent)})`);
    if (filter.createdBy) where.push(`s.created_by = ${param(filter.createdBy)}`);
    const search = filter.q ? `websearch_to_tsquery('english', ${param(filter.q)})` : null;
    let after: string | null = null;
    if (filter.after) {
      const { key, id } = filter.after;
      after = search
        ? `(rank, id) < (${param(Number(key))}::real, ${param(id)}::uuid)`
        : `(s.updated_at, s.id) < (${param(key)}::timestamptz, ${param(id)}::uuid)`;
    }
    return search
      ? rows<SummaryRow & { snippet_text: string | null; terms: string }>(
          tx,
          `SELECT ${SUMMARY_COLUMNS}, page.rank, left(s.body_text, 20000) AS snippet_text, querytree(${search})::text AS terms
             FROM (SELECT id, rank FROM (${rankedMatches(search, where.join(' AND '), 's.updated_at')}) r
                    ${after ? `WHERE ${after}` : ''} ORDER BY rank DESC, id DESC LIMIT $1) page
             JOIN stories s ON s.id = page.id
            ORDER BY page.rank DESC, page.id DESC`,
          values,
        ).then((found) => {
          // Snippets from the fetched text in Node (search-snippet.ts), not ts_headline in PostgreSQL: one maker per page.
          const snippetOf = pageSnippets(found[0]?.terms ?? '');
          return found.map(({ snippet_text, terms: _terms, ...row }) => ({
            ...row,
            snippet: snippet_text === null ? undefined : snippetOf(snippet_text),
          }));
        })
      : rows<SummaryRow>(
          tx,
          `SELECT ${SUMMARY_COLUMNS} FROM stories s ${where.length || after ? `WHERE ${[...where, ...(after ? [after] : [])].join(' AND ')}` : ''}
            ORDER BY s.updated_at DESC, s.id DESC LIMIT $1`,
          values,
        );
  }

  /** The desk's four lists, ten stories each. */
  async dashboard(
    userId: string,
    tx: Db = this.db,
  ): Promise<Record<'myDrafts' | 'inReview' | 'scheduled' | 'recentlyPublished', SummaryRow[]>> {
    const section = (where: string, order: string, values: unknown[] = []) =>
      rows<SummaryRow>(tx, `SELECT ${SUMMARY_COLUMNS} FROM stories s WHERE ${where} ORDER BY ${order} LIMIT 10`, values);
    const [myDrafts, inReview, scheduled, recentlyPublished] = await Promise.all([
      section(`s.status = 'draft' AND s.created_by = $1`, 's.updated_at DESC', [userId]),
      section(`s.status = 'in_review'`, 's.submitted_at ASC NULLS LAST'),
      section(`s.status = 'scheduled' AND s.published_at > now()`, 's.published_at ASC'),
      section(LIVE_SQL, 's.published_at DESC'),
    ]);
    return { myDrafts, inReview, scheduled, recentlyPublished };
  }

  async exists(id: string, tx: Db = this.db): Promise<boolean> {
    return (await one<{ found: number }>(tx, `SELECT 1 AS found FROM stories WHERE id = $1`, [id])) !== undefined;
  }

  /** The story's committed version (no lock), or undefined when there is no such story. */
  async versionOf(tx: Db, id: string): Promise<number | undefined> {
    return (await one<{ version: number }>(tx, `SELECT version FROM stories WHERE id = $1`, [id]))?.version;
  }

  textForTagging(id: string, tx: Db = this.db): Promise<StoryTaggingRow | undefined> {
    return one<StoryTaggingRow>(
      tx,
      `SELECT headline, teaser, body_text, transcript_text, ARRAY(SELECT tag_id FROM story_tags WHERE story_id = s.id) AS tag_ids FROM stories s WHERE id = $1`,
      [id],
    );
  }

  /** True when a story has this slug or an old slug of a story redirects from it. */
  async slugInUse(tx: Db, slug: string): Promise<boolean> {
    return (
      (await one<{ taken: number }>(
        tx,
        `SELECT 1 AS taken FROM stories WHERE slug = $1 UNION ALL SELECT 1 FROM story_slug_redirects WHERE slug = $1`,
        [slug],
      )) !== undefined
    );
  }

  /** True when another story than `exceptId` has this slug. */
  async slugTakenByOther(tx: Db, slug: string, exceptId: string): Promise<boolean> {
    return (
      (await one<{ taken: number }>(tx, `SELECT 1 AS taken FROM stories WHERE slug = $1 AND id <> $2`, [slug, exceptId])) !== undefined
    );
  }

  /** The story an old slug redirects to, if any. */
  async redirectOf(tx: Db, slug: string): Promise<string | undefined> {
    return (await one<{ story_id: string }>(tx, `SELECT story_id FROM story_slug_redirects WHERE slug = $1`, [slug]))?.story_id;
  }

  deleteRedirect(tx: Db, slug: string): Promise<void> {
    return exec(tx, `DELETE FROM story_slug_redirects WHERE slug = $1`, [slug]);
  }

  /** The old slug answers with a redirect to the story from now on. */
  keepRedirect(tx: Db, slug: string, storyId: string): Promise<void> {
    return exec(
      tx,
      `INSERT INTO story_slug_redirects (slug, story_id) VALUES ($1, $2) ON CONFLICT (slug) DO UPDATE SET story_id = EXCLUDED.story_id`,
      [slug, storyId],
    );
  }

  /** Inserts a story with these column values (names from the code, never from input). */
  async insert(tx: Db, columns: Record<string, unknown>): Promise<StoryRow> {
    const names = Object.keys(columns);
    const row = await one<StoryRow>(
      tx,
      `INSERT INTO stories (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      Object.values(columns),
    );
    return defined(row, 'written story');
  }

  /** SELECT * ... FOR UPDATE. */
  lock(tx: Db, id: string): Promise<StoryRow | undefined> {
    return one<StoryRow>(tx, `SELECT * FROM stories WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Sets these columns (names from the code, never from input), bumps the version, stamps who and when. */
  async update(tx: Db, id: string, userId: string, columns: Record<string, unknown>): Promise<StoryRow> {
    const entries = Object.entries(columns);
    const sets = entries.map(([column], i) => `${column} = $${i + 3}`);
    const row = await one<StoryRow>(
      tx,
      `UPDATE stories SET ${[...sets, 'version = version + 1', 'updated_at = now()', 'updated_by = $2'].join(', ')} WHERE id = $1 RETURNING *`,
      [id, userId, ...entries.map(([, value]) => value)],
    );
    return defined(row, 'written story');
  }

  /** Sets the transcript's broadcast text without a new version (a story being created). */
  setTranscriptText(tx: Db, id: string, text: string): Promise<void> {
    return exec(tx, `UPDATE stories SET transcript_text = $2 WHERE id = $1`, [id, text]);
  }

  /** True when readers can see the story now (LIVE_SQL). */
  async isPublic(tx: Db, id: string): Promise<boolean> {
    return (await one<{ live: number }>(tx, `SELECT 1 AS live FROM stories s WHERE s.id = $1 AND ${LIVE_SQL}`, [id])) !== undefined;
  }

  delete(tx: Db, id: string): Promise<void> {
    return exec(tx, `DELETE FROM stories WHERE id = $1`, [id]);
  }

  /** The transaction's clock (what LIVE_SQL compares with). */
  async now(tx: Db): Promise<Date> {
    return defined(await one<{ now: Date }>(tx, `SELECT now() AS now`), 'now()').now;
  }

  async links(tx: Db, id: string): Promise<StoryLinksRow> {
    const row = await one<StoryLinksRow>(
      tx,
      `SELECT ARRAY(SELECT tag_id FROM story_tags WHERE story_id = $1 ORDER BY position) AS tag_ids,
              ARRAY(SELECT correspondent_id FROM story_bylines WHERE story_id = $1 ORDER BY position) AS byline_ids`,
      [id],
    );
    return defined(row, 'written story');
  }

  async replaceTags(tx: Db, storyId: string, tagIds: string[]): Promise<void> {
    await exec(tx, `DELETE FROM story_tags WHERE story_id = $1`, [storyId]);
    await exec(
      tx,
      `INSERT INTO story_tags (story_id, tag_id, position) SELECT $1, tag_id, position FROM unnest($2::uuid[]) WITH ORDINALITY AS t(tag_id, position)`,
      [storyId, tagIds],
    );
  }

  async replaceBylines(tx: Db, storyId: string, correspondentIds: string[]): Promise<void> {
    await exec(tx, `DELETE FROM story_bylines WHERE story_id = $1`, [storyId]);
    await exec(
      tx,
      `INSERT INTO story_bylines (story_id, correspondent_id, position) SELECT $1, id, position FROM unnest($2::uuid[]) WITH ORDINALITY AS b(id, position)`,
      [storyId, correspondentIds],
    );
  }

  async hasByline(tx: Db, storyId: string): Promise<boolean> {
    return (await one<{ found: number }>(tx, `SELECT 1 AS found FROM story_bylines WHERE story_id = $1 LIMIT 1`, [storyId])) !== undefined;
  }

  /** A story's audio as stored, in order (position 0 is the primary). */
  audio(tx: Db, storyId: string): Promise<StoryAudioItem[]> {
    return rows<StoryAudioItem>(tx, `SELECT asset_id AS "assetId", title FROM story_audio WHERE story_id = $1 ORDER BY position`, [
      storyId,
    ]);
  }

  /** Replaces a story's audio (order = position). */
  async replaceAudio(tx: Db, storyId: string, items: StoryAudioItem[]): Promise<void> {
    await exec(tx, `DELETE FROM story_audio WHERE story_id = $1`, [storyId]);
    if (!items.length) return;
    await exec(
      tx,
      `INSERT INTO story_audio (story_id, position, asset_id, title)
       SELECT $1, position - 1, asset_id, title FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS a(asset_id, title, position)`,
      [storyId, items.map((item) => item.assetId), items.map((item) => item.title)],
    );
  }

  /** The primary audio's rights, window and whether it is playable (for the broadcast publish check). */
  primaryAudio(
    tx: Db,
    storyId: string,
  ): Promise<{ streamable: boolean; availableFrom: Date | null; availableUntil: Date | null; playable: boolean } | undefined> {
    return one(
      tx,
      `SELECT a.streamable, a.available_from AS "availableFrom", a.available_until AS "availableUntil", ${AUDIO_PLAYABLE_SQL} AS playable
         FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id WHERE sa.story_id = $1 AND sa.position = 0`,
      [storyId],
    );
  }

  /** Stories tagged `fromTagId` get `intoTagId` in its place (a tag merge; a story with both keeps one); returns how many got it. */
  async retag(tx: Db, fromTagId: string, intoTagId: string): Promise<number> {
    const moved = await rows<{ story_id: string }>(
      tx,
      `INSERT INTO story_tags (story_id, tag_id, position) SELECT story_id, $2, position FROM story_tags WHERE tag_id = $1
       ON CONFLICT (story_id, tag_id) DO NOTHING RETURNING story_id`,
      [fromTagId, intoTagId],
    );
    return moved.length;
  }

  addCorrection(tx: Db, storyId: string, text: string, userId: string): Promise<void> {
    return exec(tx, `INSERT INTO story_corrections (story_id, text, created_by) VALUES ($1, $2, $3)`, [storyId, text, userId]);
  }
}
