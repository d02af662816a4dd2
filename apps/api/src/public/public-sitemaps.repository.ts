import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { iso } from '../common/sql.js';
import { LIVE, TAG_IS_PUBLIC } from './public-stories.repository.js';
import { publicRows, type PublicDb } from './public.repository.js';
import { NEWS_WINDOW_HOURS, type SitemapKind } from './sitemaps.js';

/**
 * The sitemaps' read model: what is public, by the same rules as every other public answer.
 * - stories: LIVE (published, or scheduled/embargoed and its time has come); deleted ones are gone;
 * - correspondents: a published profile (drafts and unpublished ones never);
 * - tags: TAG_IS_PUBLIC (a live story carries it);
 * - programs: a live story belongs to it.
 * Each kind's rows carry `slug`, `lastmod` (when its public page last changed: its own edit, or a
 * live story it shows) and a stable order key, so page n of a kind is the same rows until
 * something is added or removed (stories: oldest first, so new ones land on the last page).
 */
const KIND_ROWS: Record<SitemapKind, { rows: string; order: string }> = {
  stories: {
    rows: `SELECT s.slug, greatest(s.updated_at, s.published_at) AS lastmod, s.published_at AS k1, s.id AS k2 FROM stories s WHERE ${LIVE}`,
    order: 'k1, k2',
  },
  correspondents: {
    rows: `SELECT c.slug, greatest(c.updated_at, p.updated_at,
                  (SELECT max(s.published_at) FROM story_bylines b JOIN stories s ON s.id = b.story_id WHERE b.correspondent_id = c.id AND ${LIVE})) AS lastmod,
                  c.id AS k1, c.id AS k2
             FROM correspondents c JOIN people p ON p.id = c.person_id WHERE c.status = 'published'`,
    order: 'k1',
  },
  tags: {
    rows: `SELECT t.slug, greatest(t.updated_at, x.latest) AS lastmod, t.id AS k1, t.id AS k2
             FROM tags t CROSS JOIN LATERAL (SELECT max(s.published_at) AS latest FROM story_tags st JOIN stories s ON s.id = st.story_id
                                               WHERE st.tag_id = t.id AND ${LIVE}) x
            WHERE ${TAG_IS_PUBLIC}`,
    order: 'k1',
  },
  programs: {
    rows: `SELECT pr.slug, greatest(pr.updated_at, x.latest) AS lastmod, pr.id AS k1, pr.id AS k2
             FROM programs pr CROSS JOIN LATERAL (SELECT max(s.published_at) AS latest FROM stories s WHERE s.program_id = pr.id AND ${LIVE}) x
            WHERE x.latest IS NOT NULL`,
    order: 'k1',
  },
};

/** Live stories of the News window (the last 48 hours by PostgreSQL's clock), newest first. */
const NEWS_ROWS = `SELECT s.slug, s.headline, s.published_at, s.id FROM stories s
  WHERE ${LIVE} AND s.published_at > now() - interval '${NEWS_WINDOW_HOURS} hours'`;

export interface SitemapRow {
  slug: string;
  lastmod: string;
}

export interface NewsRow {
  slug: string;
  headline: string;
  publishedAt: string;
}

export interface SitemapSummaryRow {
  /** A kind, or 'news'. */
  kind: SitemapKind | 'news';
  page: number;
  urls: number;
  lastmod: string | null;
  /** news only: when the oldest story of the window leaves it (ISO), or null when the window is empty. */
  leaves: string | null;
}

/** One page of a kind: `perFile` rows from row (page - 1) * perFile on, in the kind's order. */
function pageSql(kind: SitemapKind): string {
  const { rows, order } = KIND_ROWS[kind];
  return `SELECT slug, ${iso('lastmod')} AS lastmod FROM (${rows}) r ORDER BY ${order} OFFSET ($1::int - 1) * $2::int LIMIT $2::int`;
}

/** Pages of a kind (`perFile`: $n) with their URL count and latest lastmod. */
function pagesOf(kind: SitemapKind, perFileParam: string): string {
  const { rows, order } = KIND_ROWS[kind];
  return `SELECT '${kind}'::text AS kind, ((n - 1) / ${perFileParam}::int + 1)::int AS page, count(*)::int AS urls, ${iso('max(lastmod)')} AS lastmod, NULL::text AS leaves
            FROM (SELECT lastmod, row_number() OVER (ORDER BY ${order}) AS n FROM (${rows}) r) numbered GROUP BY 2`;
}

/** The whole index in one statement: every page of every kind, and the News sitemap's pages ($5 per file). */
const SUMMARY_SQL = `${pagesOf('stories', '$1')}
  UNION ALL ${pagesOf('correspondents', '$2')}
  UNION ALL ${pagesOf('tags', '$3')}
  UNION ALL ${pagesOf('programs', '$4')}
  UNION ALL SELECT 'news', ((n - 1) / $5::int + 1)::int, count(*)::int, ${iso('max(published_at)')},
                   ${iso(`(min(min(published_at)) OVER () + interval '${NEWS_WINDOW_HOURS} hours')`)}
              FROM (SELECT published_at, row_number() OVER (ORDER BY published_at DESC, id DESC) AS n FROM (${NEWS_ROWS}) w) numbered GROUP BY 2
  ORDER BY 1, 2`;

async function summary(db: PublicDb, perFile: Record<SitemapKind | 'news', number>): Promise<SitemapSummaryRow[]> {
  return publicRows<SitemapSummaryRow>(db, SUMMARY_SQL, [
    perFile.stories,
    perFile.correspondents,
    perFile.tags,
    perFile.programs,
    perFile.news,
  ]);
}

async function kindPage(db: PublicDb, kind: SitemapKind, page: number, perFile: number): Promise<SitemapRow[]> {
  return publicRows<SitemapRow>(db, pageSql(kind), [page, perFile]);
}

const NEWS_PAGE_SQL = `SELECT slug, headline, ${iso('published_at')} AS "publishedAt", ${iso(`(min(published_at) OVER () + interval '${NEWS_WINDOW_HOURS} hours')`)} AS leaves
  FROM (${NEWS_ROWS}) w ORDER BY published_at DESC, id DESC OFFSET ($1::int - 1) * $2::int LIMIT $2::int`;

/** One page of the News window's stories (newest first), and when the oldest of the window leaves it (null: none on this page). */
async function newsPage(db: PublicDb, page: number, perFile: number): Promise<{ rows: NewsRow[]; leaves: string | null }> {
  const found = await publicRows<NewsRow & { leaves: string }>(db, NEWS_PAGE_SQL, [page, perFile]);
  return { rows: found.map(({ slug, headline, publishedAt }) => ({ slug, headline, publishedAt })), leaves: found[0]?.leaves ?? null };
}

/** The sitemaps' statements for injection (see the functions above). */
@Injectable()
export class PublicSitemapsRepository {
  constructor(private readonly db: DataSource) {}

  summary(perFile: Record<SitemapKind | 'news', number>): Promise<SitemapSummaryRow[]> {
    return summary(this.db, perFile);
  }

  page(kind: SitemapKind, page: number, perFile: number): Promise<SitemapRow[]> {
    return kindPage(this.db, kind, page, perFile);
  }

  news(page: number, perFile: number): Promise<{ rows: NewsRow[]; leaves: string | null }> {
    return newsPage(this.db, page, perFile);
  }
}
