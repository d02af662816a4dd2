// The raw baseline's SQL: one hand-written statement per public endpoint, building the same JSON
// the API sends (compared by the runner before it measures), with the best plans we know (a tag's
// or a person's page picks its 21 stories from indexes, then reads them), so it stays the ceiling.
// Written for this job only, first pages only (no cursors in, a nextCursor out). Two fragments are the
// API's own (PUBLIC_IMAGE and BODY_IMAGES, imported from apps/api/dist, built by npm run bench): which renditions
// an image shows is the images feature's rule, not a query-plan choice, and must not drift.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** @type {{ PUBLIC_IMAGE: (mediaId: string) => string, BODY_IMAGES: (body: string, publicUrl: string) => string }} */
const { PUBLIC_IMAGE, BODY_IMAGES } = await import(pathToFileURL(path.join(root, 'apps/api/dist/public/public-image.queries.js')).href);

const LIVE = `s.status IN ('published','scheduled') AND s.published_at <= now()`;
/** The generator makes external MP3 assets only: the URL is what plays (the API's rendition choice reduces to this). */
const AUDIO_AVAILABLE = `a.kind = 'external' AND a.streamable AND (a.available_from IS NULL OR a.available_from <= now())
  AND (a.available_until IS NULL OR a.available_until > now())`;
const ISO = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Items and nextCursor of a `page` CTE holding $limit + 1 rows ordered by `order`, with `cursor` the key. */
const PAGE = (limit, order, cursorKey, item) => `json_build_object(
  'items', COALESCE((SELECT json_agg(${item} ORDER BY ${order}) FROM (SELECT * FROM page ORDER BY ${order} LIMIT ${limit}) p), '[]'::json),
  'nextCursor', (SELECT encode(convert_to(json_build_array(${cursorKey}, p.id)::text, 'UTF8'), 'hex')
                   FROM (SELECT * FROM page ORDER BY ${order} OFFSET ${limit} - 1 LIMIT 1) p
                  WHERE (SELECT count(*) FROM page) > ${limit}))`;

const SUMMARY_ITEM = `json_build_object('slug', p.slug, 'headline', p.headline, 'teaser', p.teaser, 'dateline', p.dateline, 'publishedAt', ${ISO('p.published_at')})`;
const BY_DATE = 'published_at DESC, id DESC';

export const LATEST = `
  WITH page AS (
    SELECT s.id, s.published_at, s.slug, s.headline, s.teaser, s.dateline FROM stories s
     WHERE ${LIVE} ORDER BY s.published_at DESC, s.id DESC LIMIT $1 + 1)
  SELECT ${PAGE('$1', BY_DATE, ISO('p.published_at'), SUMMARY_ITEM)}::text AS body`;

/**
 * $1 the slug, $2 PUBLIC_API_URL (body images' URLs are absolute). The server adds `jsonLd` in Node
 * with the API's own function (withStoryJsonLd), as the API does.
 * @param {boolean} withTranscripts whether transcript_turns exists
 */
export const STORY = (withTranscripts) => `
  SELECT json_build_object(
    'slug', s.slug, 'headline', s.headline, 'teaser', s.teaser, 'dateline', s.dateline, 'publishedAt', ${ISO('s.published_at')},
    'bodyHtml', s.body_html, 'credit', s.credit, 'image', ${PUBLIC_IMAGE('s.lead_image_id')}, 'updatedAt', ${ISO('s.updated_at')},
    'audioItems', COALESCE((SELECT json_agg(json_build_object('title', COALESCE(NULLIF(sa.title, ''), a.title), 'primary', sa.position = 0,
                                   'url', a.external_url, 'contentType', a.content_type, 'byteSize', a.byte_size,
                                   'durationSeconds', round(a.duration_ms / 1000.0, 3), 'downloadable', a.downloadable,
                                   'embeddable', a.embeddable, 'availableUntil', ${ISO('a.available_until')}) ORDER BY sa.position)
                              FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id
                             WHERE sa.story_id = s.id AND ${AUDIO_AVAILABLE}), '[]'::json),
    'audio', (SELECT json_build_object('url', a.external_url, 'durationSeconds', round(a.duration_ms / 1000.0)::int)
                FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id WHERE sa.story_id = s.id AND sa.position = 0 AND ${AUDIO_AVAILABLE}),
    'bylines', COALESCE((SELECT json_agg(json_build_object('name', pe.display_name, 'slug', c.slug, 'title', c.title, 'hasPage', c.status = 'published') ORDER BY b.position)
                           FROM story_bylines b JOIN correspondents c ON c.id = b.correspondent_id JOIN people pe ON pe.id = c.person_id
                          WHERE b.story_id = s.id), '[]'::json),
    'tags', COALESCE((SELECT json_agg(json_build_object('name', t.name, 'slug', t.slug, 'type', t.type) ORDER BY st.position)
                        FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id), '[]'::json),
    'corrections', COALESCE((SELECT json_agg(json_build_object('text', c.text, 'correctedAt', ${ISO('c.corrected_at')}) ORDER BY c.corrected_at)
                               FROM story_corrections c WHERE c.story_id = s.id), '[]'::json),
    'images', ${BODY_IMAGES('s.body', '$2')},
    'transcript', json_build_object('turns', ${
      withTranscripts
        ? `COALESCE((
        SELECT json_agg(CASE WHEN t.cue IS NOT NULL THEN json_build_object('cue', t.cue)
                             ELSE json_build_object('label', COALESCE(t.rendered_label, t.label, ''),
                                    'speaker', CASE WHEN pe.id IS NOT NULL THEN json_build_object('name', pe.display_name, 'slug', pe.slug) END,
                                    'annotation', t.annotation, 'text', t.text) END ORDER BY t.position)
          FROM transcript_turns t LEFT JOIN people pe ON pe.id = t.person_id WHERE t.story_id = s.id), '[]'::json)`
        : `'[]'::json`
    })
  )::text AS body
  FROM stories s WHERE s.slug = $1 AND ${LIVE}`;

export const TAG = `
  WITH tag AS (SELECT id, name, slug, type FROM tags WHERE slug = $1),
  page AS (
    SELECT s.id, s.published_at, s.slug, s.headline, s.teaser, s.dateline
      FROM (SELECT s.id FROM story_tags st JOIN stories s ON s.id = st.story_id
             WHERE st.tag_id = (SELECT id FROM tag) AND ${LIVE}
             ORDER BY s.published_at DESC, s.id DESC LIMIT $2 + 1) top
      JOIN stories s ON s.id = top.id)
  SELECT json_build_object('tag', json_build_object('name', t.name, 'slug', t.slug, 'type', t.type),
                           'stories', ${PAGE('$2', BY_DATE, ISO('p.published_at'), SUMMARY_ITEM)})::text AS body
    FROM tag t
   WHERE EXISTS (SELECT 1 FROM page)`; // a tag is public only while a live story carries it (404 otherwise)

/**
 * Ranked hits first, as the API ranks them: the GIN index finds every match, the best 200 by their
 * headline-and-teaser vector (then newest) are ranked on the full vector. The page's rows (as the
 * API's SearchRow: summary, rank, snippet text, cursor, the query's terms) rather than JSON: the
 * server builds the page and its snippets in Node with the API's own function (searchPage), as the
 * API does since issue #16.
 */
export const SEARCH = `
  WITH q AS (SELECT websearch_to_tsquery('english', $2) AS query),
  best AS (
    SELECT s.id FROM stories s, q
     WHERE s.search @@ q.query AND ${LIVE}
     ORDER BY ts_rank_cd(s.search_head, q.query) DESC, s.published_at DESC, s.id DESC LIMIT 200),
  page AS (
    SELECT s.id, ts_rank_cd(s.search, q.query)::real AS rank, row_number() OVER (ORDER BY ts_rank_cd(s.search, q.query)::real DESC, s.id DESC) AS n
      FROM best JOIN stories s ON s.id = best.id, q
     ORDER BY rank DESC, s.id DESC LIMIT $1 + 1)
  SELECT s.slug, s.headline, s.teaser, s.dateline, ${ISO('s.published_at')} AS published_at, p.rank,
         CASE WHEN p.n <= $1 THEN left(s.headline || E'\\n' || s.teaser || E'\\n' || s.body_text || E'\\n' || s.transcript_text,
                                       CASE WHEN s.search_head @@ (SELECT query FROM q) THEN 2000 ELSE 30000 END) END AS text,
         CASE WHEN p.n = $1 THEN encode(convert_to(json_build_array(p.rank::text, p.id)::text, 'UTF8'), 'hex') END AS cursor,
         (SELECT querytree(query)::text FROM q) AS terms
    FROM page p JOIN stories s ON s.id = p.id
   ORDER BY p.n`;

/**
 * Search as the API did it before issue #16 (the "previous" side of the search table): the same
 * ranking, with snippets by ts_headline in PostgreSQL, escaped and marked as the API's snippetSql did.
 */
export const SEARCH_PREVIOUS = `
  WITH q AS (SELECT websearch_to_tsquery('english', $2) AS query),
  best AS (
    SELECT s.id FROM stories s, q
     WHERE s.search @@ q.query AND ${LIVE}
     ORDER BY ts_rank_cd(s.search_head, q.query) DESC, s.published_at DESC, s.id DESC LIMIT 200),
  page AS (
    SELECT s.id, ts_rank_cd(s.search, q.query)::real AS rank FROM best JOIN stories s ON s.id = best.id, q
     ORDER BY rank DESC, s.id DESC LIMIT $1 + 1)
  SELECT ${PAGE(
    '$1',
    'rank DESC, id DESC',
    'p.rank::text',
    `(SELECT json_build_object(
      'slug', s.slug, 'headline', s.headline, 'teaser', s.teaser, 'dateline', s.dateline, 'publishedAt', ${ISO('s.published_at')},
      'rank', p.rank,
      'snippet', replace(replace(replace(replace(replace(replace(replace(
                   ts_headline('english', translate(left(s.headline || E'\\n' || s.teaser || E'\\n' || s.body_text || E'\\n' || s.transcript_text, 30000), chr(57344) || chr(57345), ''), q.query,
                               'StartSel=' || chr(57344) || ',StopSel=' || chr(57345) || ',MaxFragments=2,MaxWords=25,MinWords=10'),
                   '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), chr(57344), '<mark>'), chr(57345), '</mark>'))
      FROM stories s, q WHERE s.id = p.id)`,
  )}::text AS body`;

/** The server adds `jsonLd` in Node with the API's own function (withPersonJsonLd), as the API does. */
export const CORRESPONDENT = `
  WITH c AS (
    SELECT c.*, pe.display_name, pe.given_name, pe.family_name FROM correspondents c JOIN people pe ON pe.id = c.person_id
     WHERE c.slug = $1 AND c.status = 'published'),
  page AS (
    SELECT s.id, s.published_at, s.slug, s.headline, s.teaser, s.dateline
      FROM (SELECT s.id FROM story_bylines b JOIN stories s ON s.id = b.story_id
             WHERE b.correspondent_id = (SELECT id FROM c) AND ${LIVE}
             ORDER BY s.published_at DESC, s.id DESC LIMIT $2 + 1) top
      JOIN stories s ON s.id = top.id)
  SELECT json_build_object(
    'slug', c.slug, 'name', c.display_name, 'givenName', c.given_name, 'familyName', c.family_name,
    'title', c.title, 'bureau', c.bureau, 'active', c.active,
    'photo', ${PUBLIC_IMAGE('c.photo_id')},
    'bio', c.bio_html, 'beats', c.beats, 'socialLinks', c.social_links,
    'stories', ${PAGE('$2', BY_DATE, ISO('p.published_at'), SUMMARY_ITEM)})::text AS body
  FROM c`;

const SEGMENT_OBJECT = (extra) => `json_build_object(
    'title', g.title, 'kind', g.kind, 'startsAt', ${ISO('g.starts_at')}, 'endsAt', ${ISO('g.ends_at')},
    'program', (SELECT json_build_object('name', p.name, 'slug', p.slug, 'hosts', to_json(p.hosts)) FROM programs p WHERE p.id = g.program_id),
    'story', (SELECT json_build_object('slug', s.slug, 'headline', s.headline) FROM stories s WHERE s.id = g.story_id AND ${LIVE})${extra})`;

// While now's block is live (takes at or before $2, no end take), now adds its actual start and
// expected end and next its expected start; a live block stays now past its planned end (up to an
// hour, until the block planned now has a take) and the expected end grows while an item runs long
// (docs/schedule.md "Public Now / Next Up on air").
const SEGMENT = (alias, extra) => `(SELECT CASE WHEN l.actual_start IS NULL THEN ${SEGMENT_OBJECT('')} ELSE ${SEGMENT_OBJECT(extra)} END
  FROM ${alias} g LEFT JOIN live l ON true)`;

export const NOW_NEXT = `
  WITH st AS (SELECT * FROM stations WHERE call_sign = $1 AND active),
  recent AS (SELECT g.* FROM st, LATERAL (SELECT * FROM segments g WHERE g.station_id = st.id AND g.starts_at <= $2 ORDER BY g.starts_at DESC LIMIT 2) g),
  planned AS (SELECT * FROM recent WHERE ends_at > $2),
  after AS (SELECT g.* FROM st, LATERAL (SELECT * FROM segments g WHERE g.station_id = st.id AND g.starts_at > $2 ORDER BY g.starts_at LIMIT 1) g),
  over AS (
    SELECT g.* FROM recent g
     WHERE g.ends_at <= $2 AND g.ends_at > $2::timestamptz - interval '1 hour'
       AND EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = g.id AND t.taken_at <= $2)
       AND NOT EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = g.id AND t.taken_at <= $2 AND t.item_id IS NULL)
       AND NOT EXISTS (SELECT 1 FROM planned p JOIN rundown_takes t ON t.segment_id = p.id AND t.taken_at <= $2)
     ORDER BY g.starts_at DESC LIMIT 1),
  cur AS (SELECT * FROM over UNION ALL SELECT * FROM planned WHERE NOT EXISTS (SELECT 1 FROM over)),
  nxt AS (SELECT * FROM planned WHERE EXISTS (SELECT 1 FROM over)
          UNION ALL SELECT * FROM after WHERE NOT EXISTS (SELECT 1 FROM over) OR NOT EXISTS (SELECT 1 FROM planned)),
  live AS (
    SELECT f.actual_start,
           cur.ends_at + COALESCE(GREATEST(l.due, date_trunc('second', $2::timestamptz)) - (l.planned_start + l.len), interval '0') AS expected_end
      FROM cur
     CROSS JOIN LATERAL (SELECT min(t.taken_at) AS actual_start FROM rundown_takes t WHERE t.segment_id = cur.id AND t.taken_at <= $2) f
      LEFT JOIN LATERAL (SELECT t.planned_start, make_interval(secs => t.planned_seconds) AS len, t.taken_at + make_interval(secs => t.planned_seconds) AS due
          FROM rundown_takes t WHERE t.segment_id = cur.id AND t.taken_at <= $2 AND t.item_id IS NOT NULL AND t.planned_start IS NOT NULL
         ORDER BY t.seq DESC LIMIT 1) l ON true
     WHERE f.actual_start IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = cur.id AND t.taken_at <= $2 AND t.item_id IS NULL))
  SELECT json_build_object(
    'station', json_build_object('callSign', st.call_sign, 'name', st.name, 'band', st.band, 'frequency', st.frequency, 'city', st.city,
                                 'timezone', st.timezone, 'streamUrl', st.stream_url),
    'now', ${SEGMENT('cur', `, 'actualStartsAt', ${ISO('l.actual_start')}, 'expectedEndsAt', ${ISO('l.expected_end')}`)},
    'next', ${SEGMENT('nxt', `, 'expectedStartsAt', ${ISO('GREATEST(g.starts_at, l.expected_end)')}`)})::text AS body
  FROM st`;
