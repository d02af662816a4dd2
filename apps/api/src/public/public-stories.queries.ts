import type { DataSource } from 'typeorm';

/**
 * The public read path: each response is one indexed SQL statement that builds the JSON text in
 * PostgreSQL (no entity hydration, no parse + stringify in Node). Every query repeats the one rule
 * of visibility: a story is public when it is published or scheduled and its time has come.
 */
export const LIVE = `s.status IN ('published','scheduled') AND s.published_at <= now()`;

const SUMMARY = `json_build_object(
  'slug', s.slug, 'headline', s.headline, 'teaser', s.teaser, 'dateline', s.dateline,
  'publishedAt', to_char(s.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

export async function latestStoriesJson(db: DataSource, limit: number, after?: [string, string]): Promise<string> {
  const [row]: Array<{ body: string }> = await db.query(
    `WITH page AS (
       SELECT s.id, s.published_at, ${SUMMARY} AS item
         FROM stories s
        WHERE ${LIVE} AND ($2::timestamptz IS NULL OR (s.published_at, s.id) < ($2::timestamptz, $3::uuid))
        ORDER BY s.published_at DESC, s.id DESC
        LIMIT $1 + 1),
     numbered AS (SELECT *, row_number() OVER (ORDER BY published_at DESC, id DESC) AS n FROM page)
     SELECT json_build_object(
       'items', COALESCE((SELECT json_agg(item ORDER BY n) FROM numbered WHERE n <= $1), '[]'::json),
       'nextCursor', (SELECT CASE WHEN count(*) > $1 THEN
                         (SELECT encode(convert_to(json_build_array(
                                   to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), id)::text, 'UTF8'), 'hex')
                            FROM numbered WHERE n = $1) END FROM numbered)
     )::text AS body`,
    [limit, after?.[0] ?? null, after?.[1] ?? null],
  );
  return row!.body;
}

export async function storyBySlugJson(db: DataSource, slug: string): Promise<string | null> {
  const rows: Array<{ body: string }> = await db.query(
    `SELECT (${SUMMARY}::jsonb || jsonb_build_object(
              'bodyHtml', s.body_html,
              'credit', s.credit,
              'updatedAt', to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'bylines', '[]'::jsonb,
              'tags', '[]'::jsonb,
              'corrections', '[]'::jsonb,
              'transcript', jsonb_build_object('turns', '[]'::jsonb)))::text AS body
       FROM stories s
      WHERE s.slug = $1 AND ${LIVE}`,
    [slug],
  );
  return rows[0]?.body ?? null;
}
