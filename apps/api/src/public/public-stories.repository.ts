import { defined, type ExportTurn, type PublicImage } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../config.js';
import { one, rows, type Db } from '../common/db.js';
import { iso } from '../common/sql.js';
import { LIVE_SQL } from '../stories/story-live.js';
import { AUDIO_AVAILABLE_SQL } from '../audio/audio-live.js';
import { bestRenditionSql, publicAudioUrlSql } from '../stories/story-audio.js';
import { rankedMatches } from '../stories/story-search.js';
import { EXPORT_TRANSCRIPT_JSON, PUBLIC_TRANSCRIPT_JSON, TRANSCRIPT_TEXT_SQL } from '../transcripts/transcript-json.js';
import { publicBody, publicRows, type PublicDb } from './public.repository.js';
import { publicLinks, type PublicLinks, type PublicLinksConfig } from './public-links.js';
import { searchPage, type SearchRow } from './search-page.js';
import { withStoryJsonLd } from './structured-data.js';
import { BODY_IMAGES, PUBLIC_IMAGE } from './public-image.queries.js';

/**
 * The public read path: each response is one indexed SQL statement that builds the JSON text in
 * PostgreSQL (no entity hydration, no parse + stringify in Node). Every query repeats the one rule
 * of visibility: a story is public when it is published or scheduled and its time has come.
 */
export const LIVE = LIVE_SQL; // the rule itself: stories/story-live.ts (with its TypeScript twin, isLive)

/**
 * When a tag (alias \`t\`) exists publicly: while at least one live story carries it. A tag used only
 * by drafts or embargoed stories is itself news ("Minister resigns"), so its page, its feeds and
 * the redirects of its old or merged-away slugs answer 404 until then. The one rule, used by every
 * public statement that names a tag by its slug (a live story's own tags satisfy it by definition).
 * Served by story_tags' (tag_id, story_id) index.
 */
export const TAG_IS_PUBLIC = `EXISTS (SELECT 1 FROM story_tags pt JOIN stories s ON s.id = pt.story_id WHERE pt.tag_id = t.id AND ${LIVE})`;

export const SUMMARY = `json_build_object(
  'slug', s.slug, 'headline', s.headline, 'teaser', s.teaser, 'dateline', s.dateline, 'publishedAt', ${iso('s.published_at')})`;

const TAGS = `COALESCE((SELECT json_agg(json_build_object('name', t.name, 'slug', t.slug, 'type', t.type) ORDER BY st.position)
  FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id), '[]'::json)`;
const BYLINES = `COALESCE((SELECT json_agg(json_build_object('name', p.display_name, 'slug', c.slug, 'title', c.title, 'hasPage', c.status = 'published') ORDER BY b.position)
  FROM story_bylines b JOIN correspondents c ON c.id = b.correspondent_id JOIN people p ON p.id = c.person_id WHERE b.story_id = s.id), '[]'::json)`;
const CORRECTIONS = `COALESCE((SELECT json_agg(json_build_object('text', c.text, 'correctedAt', ${iso('c.corrected_at')}) ORDER BY c.corrected_at)
  FROM story_corrections c WHERE c.story_id = s.id), '[]'::json)`;

/**
 * The CTEs of a page: `page` holds the rows query's rows (`id`, the sort key, and what the item is
 * built from), LIMIT $1 + 1 of them so the extra one tells there is more; `numbered` numbers them.
 * `ctes` are definitions the rows query may use.
 */
function pageCtes(rowsSql: string, order: string, ctes = ''): string {
  return `WITH ${ctes ? `${ctes},` : ''} page AS (${rowsSql}),
     numbered AS (SELECT *, row_number() OVER (ORDER BY ${order}) AS n FROM page)`;
}

/**
 * `{ items, nextCursor }` over `numbered`: `item` is evaluated for the first $1 rows only (so
 * costly parts, like search snippets, are not computed for the look-ahead row).
 */
function pageObject(keyExpression: string, item = 'item'): string {
  return `json_build_object(
       'items', COALESCE((SELECT json_agg(${item} ORDER BY n) FROM numbered WHERE n <= $1), '[]'::json),
       'nextCursor', (SELECT encode(convert_to(json_build_array(${keyExpression}, id)::text, 'UTF8'), 'hex')
                        FROM numbered WHERE n = $1 AND EXISTS (SELECT 1 FROM numbered WHERE n = $1 + 1)))`;
}

export interface StoryFilters {
  tag?: string;
  correspondent?: string;
  program?: string;
}

/**
 * The rows of a page of live stories, newest first, as SQL with its values after `$1` (the limit):
 * one statement text per combination of filters, with no `$n IS NULL OR ...` branches, so each
 * prepared statement has a plan made for its own case. A tag or a correspondent drives the query
 * from its own rows (story_tags (tag_id, story_id), story_bylines (correspondent_id, story_id)),
 * which costs what that tag or person has, instead of walking every live story until enough of
 * theirs turn up (a rare tag's page read the whole index). The page is chosen from the index alone
 * (`liveKeys`), and only its stories are read in full.
 */
function storyPageRows(values: unknown[], after?: [string, string], filters: StoryFilters = {}): string {
  const param = (value: unknown, type: string) => {
    values.push(value);
    return `$${values.length}::${type}`;
  };
  const joins: string[] = [];
  const where = [LIVE];
  if (filters.tag)
    joins.push(`JOIN story_tags ft ON ft.story_id = s.id AND ft.tag_id = (SELECT id FROM tags WHERE slug = ${param(filters.tag, 'text')})`);
  if (filters.correspondent) {
    joins.push(
      `JOIN story_bylines fb ON fb.story_id = s.id AND fb.correspondent_id = (SELECT id FROM correspondents WHERE slug = ${param(filters.correspondent, 'text')})`,
    );
  }
  if (filters.program) where.push(`s.program_id = (SELECT id FROM programs WHERE slug = ${param(filters.program, 'text')})`);
  if (after) where.push(`(s.published_at, s.id) < (${param(after[0], 'timestamptz')}, ${param(after[1], 'uuid')})`);
  return pageOfLive(`SELECT s.id, s.published_at FROM stories s ${joins.join(' ')} WHERE ${where.join(' AND ')}`);
}

/**
 * The page's rows (`id`, `published_at`, `item`) from `keys`, a query of live stories' ids and
 * publication times: the newest $1 + 1 of them are picked by (published_at, id) — from indexes
 * only where it can (stories_public_idx, stories_live_order_idx) — then read in full.
 */
export function pageOfLive(keys: string): string {
  return `SELECT s.id, s.published_at, ${SUMMARY} AS item
            FROM (${keys} ORDER BY s.published_at DESC, s.id DESC LIMIT $1 + 1) top
            JOIN stories s ON s.id = top.id`;
}

/** Newest first, optionally of one tag, correspondent or program (by slug). Keyset on (published_at, id). */
async function latestStoriesJson(db: PublicDb, limit: number, after?: [string, string], filters: StoryFilters = {}): Promise<string> {
  const values: unknown[] = [limit];
  const rows = storyPageRows(values, after, filters);
  return defined(
    await publicBody(db, `${pageCtes(rows, 'published_at DESC, id DESC')} SELECT ${pageObject(iso('published_at'))}::text AS body`, values),
    'stories page',
  );
}

/**
 * A live story's public audio (PublicAudioSchema), in order: only assets listeners may get now
 * (AUDIO_AVAILABLE_SQL) with a playable rendition ready, each with its best rendition's absolute URL
 * (`$2`: PUBLIC_API_URL). The public cache drops it when a window opens or closes (nextChange).
 */
const AUDIO_ITEMS = `COALESCE((SELECT jsonb_agg(jsonb_build_object(
    'title', COALESCE(NULLIF(sa.title, ''), a.title), 'primary', sa.position = 0,
    'url', ${publicAudioUrlSql('$2::text', 'br')}, 'contentType', br.content_type,
    'byteSize', COALESCE(br.byte_size, a.byte_size),
    'durationSeconds', round(COALESCE(br.duration_ms, a.duration_ms) / 1000.0, 3),
    'downloadable', a.downloadable, 'embeddable', a.embeddable, 'availableUntil', ${iso('a.available_until')}) ORDER BY sa.position)
  FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id CROSS JOIN LATERAL ${bestRenditionSql()} br
  WHERE sa.story_id = s.id AND ${AUDIO_AVAILABLE_SQL}), '[]'::jsonb)`;

/**
 * A story's public JSON (PublicStorySchema) over `stories s` joined with `au` (AUDIO_ITEMS):
 * the one serializer of a story for readers, used by the public story (behind LIVE) and by the staff
 * preview (any state, by id: storyPreviewJson).
 */
const STORY_JSON = `(${SUMMARY}::jsonb || jsonb_build_object(
              'bodyHtml', s.body_html,
              'credit', s.credit,
              'image', ${PUBLIC_IMAGE('s.lead_image_id')},
              'updatedAt', ${iso('s.updated_at')},
              'audioItems', au.items,
              'audio', (SELECT jsonb_build_object('url', i->>'url', 'durationSeconds', round((i->>'durationSeconds')::numeric)::int)
                          FROM jsonb_array_elements(au.items) i WHERE (i->>'primary')::boolean),
              'bylines', ${BYLINES},
              'tags', ${TAGS},
              'corrections', ${CORRECTIONS},
              'images', ${BODY_IMAGES('s.body', '$2')},
              'transcript', ${PUBLIC_TRANSCRIPT_JSON}))`;

/** The FROM clause STORY_JSON reads: the story `s` and its public audio items `au` (`$2`: PUBLIC_API_URL). */
const STORY_FROM = `stories s CROSS JOIN LATERAL (SELECT ${AUDIO_ITEMS} AS items) au`;

/** One live story; `api` is PUBLIC_API_URL (audio URLs are absolute). */
async function storyBySlugJson(db: PublicDb, slug: string, api: string): Promise<string | null> {
  return publicBody(db, `SELECT ${STORY_JSON}::text AS body FROM ${STORY_FROM} WHERE s.slug = $1 AND ${LIVE}`, [slug, api]);
}

/** A story in any state (staff preview), serialized by STORY_JSON, with what the preview is of. */
export interface StoryPreviewRow {
  /** The public story JSON text, exactly as `GET /api/public/stories/{slug}` would build it. */
  body: string;
  status: string;
  version: number;
  /** LIVE for this story now. */
  live: boolean;
  /** Not for publication before (null: no embargo). */
  embargo_until: Date | null;
}

/**
 * Any story by id, WITHOUT the LIVE filter (staff preview; never cached, never on /api/public):
 * the same STORY_JSON and audio availability rule as the public story, so a preview shows what
 * readers would get. Null when there is no such story.
 */
async function storyPreviewJson(db: PublicDb, id: string, api: string, tx?: Db): Promise<StoryPreviewRow | null> {
  const text = `SELECT ${STORY_JSON}::text AS body, s.status, s.version, (${LIVE}) AS live, s.embargo_until FROM ${STORY_FROM} WHERE s.id = $1::uuid`;
  // Inside a transaction (a revision applied, to be rolled back): on that transaction's connection.
  const [row] = tx ? await rows<StoryPreviewRow>(tx, text, [id, api]) : await publicRows<StoryPreviewRow>(db, text, [id, api]);
  return row ?? null;
}

/**
 * A live story's transcript as broadcast plain text (labels, cues, the credit line last), built by
 * one statement; null when the story is not public or has no transcript.
 */
async function storyTranscriptText(db: PublicDb, slug: string): Promise<string | null> {
  const row = await one<{ body: string | null }>(db, `SELECT ${TRANSCRIPT_TEXT_SQL} AS body FROM stories s WHERE s.slug = $1 AND ${LIVE}`, [
    slug,
  ]);
  return row?.body ?? null;
}

/** A live story's headline, credit line and turns (as the exports read them, timed or not), or null when it is not public or has no transcript. */
async function storyTranscript(db: PublicDb, slug: string): Promise<{ headline: string; credit: string; turns: ExportTurn[] } | null> {
  const row = await one<{ headline: string; credit: string; turns: ExportTurn[] }>(
    db,
    `SELECT s.headline, s.credit, ${EXPORT_TRANSCRIPT_JSON} AS turns FROM stories s WHERE s.slug = $1 AND ${LIVE}`,
    [slug],
  );
  return row?.turns.length ? row : null;
}

/** A live story's turns as the timed exports read them (contracts' ExportTurn), or null when it is not public. */
async function storyExportTurns(db: PublicDb, slug: string): Promise<ExportTurn[] | null> {
  const row = await one<{ turns: ExportTurn[] }>(
    db,
    `SELECT ${EXPORT_TRANSCRIPT_JSON} AS turns FROM stories s WHERE s.slug = $1 AND ${LIVE}`,
    [slug],
  );
  return row ? row.turns : null;
}

/** Where an old slug of a live story points now (null when unknown or the story is not public). */
async function storyRedirect(db: PublicDb, slug: string): Promise<string | null> {
  const row = await one<{ slug: string }>(
    db,
    `SELECT s.slug FROM story_slug_redirects r JOIN stories s ON s.id = r.story_id WHERE r.slug = $1 AND ${LIVE}`,
    [slug],
  );
  return row?.slug ?? null;
}

/**
 * Ranked full-text search of live stories with highlighted snippets (the best RANKED_MATCHES
 * matches; see rankedMatches). Keyset on (rank, id).
 *
 * One statement text per combination of filters and cursor (at most 32), with no `$n IS NULL OR
 * ...` branches: with them PostgreSQL kept re-planning the statement for every call (custom plans,
 * ~0.4 ms of backend CPU per search, issue #16), as storyPageRows avoids for the same reason.
 * The statement returns the page's rows (SearchRow) rather than JSON built in PostgreSQL: the page is
 * rebuilt in Node anyway to add the snippets (searchPage), so building, escaping and parsing JSON
 * (the snippet texts as a JSON array) twice is saved on both sides.
 */
async function searchJson(
  db: PublicDb,
  query: { q: string; limit: number; tag?: string; correspondent?: string; from?: string; to?: string },
  after?: [string, string],
): Promise<string> {
  const values: unknown[] = [query.limit, query.q];
  const param = (value: unknown, type: string) => {
    values.push(value);
    return `$${values.length}::${type}`;
  };
  const where = [LIVE];
  if (query.tag != null)
    where.push(
      `EXISTS (SELECT 1 FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id AND t.slug = ${param(query.tag, 'text')})`,
    );
  if (query.from != null) where.push(`s.published_at >= ${param(query.from, 'timestamptz')}`);
  if (query.to != null) where.push(`s.published_at < ${param(query.to, 'timestamptz')}`);
  if (query.correspondent != null) {
    where.push(
      `EXISTS (SELECT 1 FROM story_bylines b JOIN correspondents c ON c.id = b.correspondent_id WHERE b.story_id = s.id AND c.slug = ${param(query.correspondent, 'text')})`,
    );
  }
  const cursor = after ? `WHERE (rank, id) < (${param(after[0], 'real')}, ${param(after[1], 'uuid')})` : '';
  const sql = `${pageCtes(
    `SELECT id, rank FROM (${rankedMatches('(SELECT query FROM q)', where.join(' AND '), 's.published_at')}) r
      ${cursor}
      ORDER BY rank DESC, id DESC
      LIMIT $1 + 1`,
    'rank DESC, id DESC',
    `q AS (SELECT websearch_to_tsquery('english', $2) AS query)`,
  )}
  SELECT s.slug, s.headline, s.teaser, s.dateline, ${iso('s.published_at')} AS published_at, numbered.rank,
         CASE WHEN n <= $1 THEN left(s.headline || E'\\n' || s.teaser || E'\\n' || s.body_text || E'\\n' || s.transcript_text,
                                     CASE WHEN s.search_head @@ (SELECT query FROM q) THEN ${SNIPPET_HEAD_CHARS} ELSE ${SNIPPET_TEXT_CHARS} END) END AS text,
         CASE WHEN n = $1 THEN encode(convert_to(json_build_array(numbered.rank::text, numbered.id)::text, 'UTF8'), 'hex') END AS cursor,
         (SELECT querytree(query)::text FROM q) AS terms
    FROM numbered JOIN stories s ON s.id = numbered.id
   ORDER BY n`;
  return searchPage(await publicRows<SearchRow>(db, sql, values), query.limit);
}

/**
 * How much of a story's text (headline, teaser, body, transcript) its search snippet is taken from:
 * the first 30,000 characters, or the first 2,000 when the headline or teaser matches (the snippet
 * then starts there; sending 30,000 characters of 20 stories to Node cost more than the rest of
 * the search).
 */
export const SNIPPET_TEXT_CHARS = 30000;
export const SNIPPET_HEAD_CHARS = 2000;

/** A tag (by slug, or null) with a page of its live stories: one statement. */
async function tagPageJson(db: PublicDb, slug: string, limit: number, after?: [string, string]): Promise<string | null> {
  const values: unknown[] = [limit];
  const rows = storyPageRows(values, after, { tag: slug });
  return publicBody(
    db,
    `${pageCtes(rows, 'published_at DESC, id DESC')}
    SELECT json_build_object('tag', json_build_object('name', t.name, 'slug', t.slug, 'type', t.type),
                             'stories', ${pageObject(iso('published_at'))})::text AS body
      FROM tags t WHERE t.slug = $2 AND ${TAG_IS_PUBLIC}`,
    values,
  );
}

/** Where an old (renamed or merged-away) tag slug points now: null when unknown or that tag is not public. */
async function tagRedirect(db: PublicDb, slug: string): Promise<string | null> {
  const row = await one<{ slug: string }>(
    db,
    `SELECT t.slug FROM tag_redirects r JOIN tags t ON t.id = r.tag_id WHERE r.slug = $1 AND ${TAG_IS_PUBLIC}`,
    [slug],
  );
  return row?.slug ?? null;
}

/** The name of a public tag (by slug), for its feeds' titles; null when unknown or not public. */
async function publicTagName(db: PublicDb, slug: string): Promise<string | null> {
  const row = await one<{ name: string }>(db, `SELECT t.name FROM tags t WHERE t.slug = $1 AND ${TAG_IS_PUBLIC}`, [slug]);
  return row?.name ?? null;
}

export interface FeedItem {
  slug: string;
  headline: string;
  teaser: string;
  bodyHtml: string;
  publishedAt: string;
  updatedAt: string;
  tags: string[];
  /** The lead photo when publishable (PUBLIC_IMAGE), else null. */
  image: PublicImage | null;
}

/** The latest live stories (optionally of one tag) with what a feed carries. */
async function feedItems(db: PublicDb, limit: number, tag?: string): Promise<FeedItem[]> {
  return rows<FeedItem>(
    db,
    `SELECT s.slug, s.headline, s.teaser, s.body_html AS "bodyHtml", ${iso('s.published_at')} AS "publishedAt", ${iso('s.updated_at')} AS "updatedAt",
            ARRAY(SELECT t.name FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id ORDER BY st.position) AS tags,
            ${PUBLIC_IMAGE('s.lead_image_id')} AS image
       FROM stories s
      WHERE ${LIVE} AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id AND t.slug = $2))
      ORDER BY s.published_at DESC, s.id DESC LIMIT $1`,
    [limit, tag ?? null],
  );
}

/** What a machine format of a live story (ninjs) is built from: its public JSON and what identifies this version of it. */
export interface StoryMachineRow {
  id: string;
  version: number;
  /** The public story JSON text (STORY_JSON). */
  body: string;
  /** The transcript as broadcast plain text (null: none). */
  transcript: string | null;
}

/** One live story with its id and version, for the machine formats. */
async function storyMachineRow(db: PublicDb, slug: string, api: string): Promise<StoryMachineRow | null> {
  const [row] = await publicRows<StoryMachineRow>(
    db,
    `SELECT s.id, s.version, ${STORY_JSON}::text AS body, ${TRANSCRIPT_TEXT_SQL} AS transcript FROM ${STORY_FROM} WHERE s.slug = $1 AND ${LIVE}`,
    [slug, api],
  );
  return row ?? null;
}

/**
 * The public story read path for injection: each method is one statement (see the functions above).
 * The story JSON gets its schema.org JSON-LD here (structured-data.ts), for readers and previews alike.
 */
@Injectable()
export class PublicStoriesRepository {
  private readonly links: PublicLinks;

  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: PublicLinksConfig,
  ) {
    this.links = publicLinks(config);
  }

  latest(limit: number, after?: [string, string], filters: StoryFilters = {}): Promise<string> {
    return latestStoriesJson(this.db, limit, after, filters);
  }

  async bySlug(slug: string): Promise<string | null> {
    const body = await storyBySlugJson(this.db, slug, this.config.PUBLIC_API_URL);
    return body === null ? null : withStoryJsonLd(body, this.links);
  }

  /** Any story by id, in any state (staff preview): see storyPreviewJson. `tx`: as that transaction sees it. */
  async previewById(id: string, tx?: Db): Promise<StoryPreviewRow | null> {
    const row = await storyPreviewJson(this.db, id, this.config.PUBLIC_API_URL, tx);
    return row && { ...row, body: withStoryJsonLd(row.body, this.links) };
  }

  /** A live story for the machine formats (ninjs), or null. */
  machine(slug: string): Promise<StoryMachineRow | null> {
    return storyMachineRow(this.db, slug, this.config.PUBLIC_API_URL);
  }

  transcriptText(slug: string): Promise<string | null> {
    return storyTranscriptText(this.db, slug);
  }

  transcript(slug: string): Promise<{ headline: string; credit: string; turns: ExportTurn[] } | null> {
    return storyTranscript(this.db, slug);
  }

  exportTurns(slug: string): Promise<ExportTurn[] | null> {
    return storyExportTurns(this.db, slug);
  }

  redirect(slug: string): Promise<string | null> {
    return storyRedirect(this.db, slug);
  }

  search(query: Parameters<typeof searchJson>[1], after?: [string, string]): Promise<string> {
    return searchJson(this.db, query, after);
  }

  tagPage(slug: string, limit: number, after?: [string, string]): Promise<string | null> {
    return tagPageJson(this.db, slug, limit, after);
  }

  tagRedirect(slug: string): Promise<string | null> {
    return tagRedirect(this.db, slug);
  }

  tagName(slug: string): Promise<string | null> {
    return publicTagName(this.db, slug);
  }

  feedItems(limit: number, tag?: string): Promise<FeedItem[]> {
    return feedItems(this.db, limit, tag);
  }
}
