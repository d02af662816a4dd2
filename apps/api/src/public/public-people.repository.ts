import { defined } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../config.js';
import { one } from '../common/db.js';
import { iso } from '../common/sql.js';
import { PUBLIC_PERSON_STORIES } from '@newsdesk/contracts';
import { PUBLIC_IMAGE } from './public-image.queries.js';
import { publicBody, type PublicDb } from './public.repository.js';
import { publicLinks, type PublicLinks, type PublicLinksConfig } from './public-links.js';
import { withPersonJsonLd } from './structured-data.js';
import { LIVE, SUMMARY } from './public-stories.repository.js';

/**
 * The public read path for correspondents and people: one SQL statement per response, building
 * the JSON text in PostgreSQL (see public-stories.queries.ts). Only published profiles; never a
 * staff field (email, ids, versions).
 */

/** A published image (alt text, credit and renditions are guaranteed by publication). */
const PHOTO = PUBLIC_IMAGE;

/**
 * When a person's page is public: when published content names them. Today that is a published
 * correspondent profile; the transcripts feature adds "speaks in a live story" here, so a
 * newsmaker's page appears with the first published story quoting them (and an embargoed
 * story's sources stay private until then).
 */
export const PERSON_IS_PUBLIC = `(EXISTS (SELECT 1 FROM correspondents pc WHERE pc.person_id = p.id AND pc.status = 'published')
  OR EXISTS (SELECT 1 FROM transcript_turns pt JOIN stories s ON s.id = pt.story_id WHERE pt.person_id = p.id AND ${LIVE}))`;

/**
 * The live stories a person (\`p\`) speaks in, newest first, with how many turns they speak in
 * each (the index on transcript_turns (person_id, story_id) serves it).
 */
const SPEAKS_IN = `(SELECT s.id, s.published_at, count(*)::int AS turns
     FROM transcript_turns pt JOIN stories s ON s.id = pt.story_id
    WHERE pt.person_id = p.id AND ${LIVE}
    GROUP BY s.id)`;

async function publicCorrespondentsJson(
  db: PublicDb,
  limit: number,
  active: boolean | null,
  after: [string, string] | null,
): Promise<string> {
  const row = await one<{ body: string }>(
    db,
    `WITH page AS (
       SELECT c.id, p.sort_name, json_build_object(
                'slug', c.slug, 'name', p.display_name, 'title', c.title, 'bureau', c.bureau, 'active', c.active, 'photo', ${PHOTO('c.photo_id')}) AS item
         FROM correspondents c JOIN people p ON p.id = c.person_id
        WHERE c.status = 'published' AND ($2::boolean IS NULL OR c.active = $2)
          AND ($3::text IS NULL OR (p.sort_name, c.id) > ($3::text COLLATE "C", $4::uuid))
        ORDER BY p.sort_name, c.id
        LIMIT $1 + 1),
     numbered AS (SELECT *, row_number() OVER (ORDER BY sort_name, id) AS n FROM page)
     SELECT json_build_object(
       'items', COALESCE((SELECT json_agg(item ORDER BY n) FROM numbered WHERE n <= $1), '[]'::json),
       'nextCursor', (SELECT CASE WHEN count(*) > $1 THEN
                        (SELECT encode(convert_to(json_build_array(sort_name, id)::text, 'UTF8'), 'hex') FROM numbered WHERE n = $1) END FROM numbered)
     )::text AS body`,
    [limit, active, after?.[0] ?? null, after?.[1] ?? null],
  );
  return defined(row, 'people page').body;
}

/** A published profile with a page of its live bylined stories (newest first), or null. */
async function publicCorrespondentJson(db: PublicDb, slug: string, limit: number, after: [string, string] | null): Promise<string | null> {
  return publicBody(
    db,
    `WITH profile AS (
       SELECT c.*, p.display_name, p.given_name, p.family_name FROM correspondents c JOIN people p ON p.id = c.person_id
        WHERE c.slug = $1 AND c.status = 'published'),
     page AS (
       SELECT s.id, s.published_at, ${SUMMARY} AS item
         FROM (SELECT s.id, s.published_at FROM story_bylines b JOIN stories s ON s.id = b.story_id
                WHERE b.correspondent_id = (SELECT id FROM profile) AND ${LIVE}
                  AND ($3::timestamptz IS NULL OR (s.published_at, s.id) < ($3::timestamptz, $4::uuid))
                ORDER BY s.published_at DESC, s.id DESC
                LIMIT $2 + 1) top
         JOIN stories s ON s.id = top.id),
     numbered AS (SELECT *, row_number() OVER (ORDER BY published_at DESC, id DESC) AS n FROM page)
     SELECT json_build_object(
       'slug', c.slug, 'name', c.display_name, 'givenName', c.given_name, 'familyName', c.family_name,
       'title', c.title, 'bureau', c.bureau, 'active', c.active, 'photo', ${PHOTO('c.photo_id')},
       'bio', c.bio_html, 'beats', c.beats, 'socialLinks', c.social_links,
       'stories', json_build_object(
         'items', COALESCE((SELECT json_agg(item ORDER BY n) FROM numbered WHERE n <= $2), '[]'::json),
         'nextCursor', (SELECT CASE WHEN count(*) > $2 THEN
                          (SELECT encode(convert_to(json_build_array(${iso('published_at')}, id)::text, 'UTF8'), 'hex') FROM numbered WHERE n = $2) END
                          FROM numbered))
     )::text AS body
     FROM profile c`,
    [slug, limit, after?.[0] ?? null, after?.[1] ?? null],
  );
}

/** The current slug of the published profile an old slug redirects to, or null. */
async function correspondentRedirect(db: PublicDb, oldSlug: string): Promise<string | null> {
  const row = await one<{ slug: string }>(
    db,
    `SELECT c.slug FROM correspondent_slug_redirects r JOIN correspondents c ON c.id = r.correspondent_id
      WHERE r.old_slug = $1 AND c.status = 'published'`,
    [oldSlug],
  );
  return row?.slug ?? null;
}

async function publicPersonJson(db: PublicDb, slug: string): Promise<string | null> {
  const row = await one<{ body: string }>(
    db,
    `SELECT json_build_object(
       'slug', p.slug, 'displayName', p.display_name, 'givenName', p.given_name, 'familyName', p.family_name,
       'labelTitle', p.label_title, 'affiliation', p.affiliation,
       'correspondent', (SELECT json_build_object('slug', c.slug, 'name', p.display_name, 'title', c.title)
                           FROM correspondents c WHERE c.person_id = p.id AND c.status = 'published'),
       'stories', COALESCE((
          SELECT json_agg(${SUMMARY}::jsonb || jsonb_build_object('turnCount', x.turns) ORDER BY x.published_at DESC, x.id DESC)
            FROM (SELECT * FROM ${SPEAKS_IN} spoken ORDER BY published_at DESC, id DESC LIMIT ${PUBLIC_PERSON_STORIES}) x
            JOIN stories s ON s.id = x.id), '[]'::json),
       'storyCount', (SELECT count(*)::int FROM ${SPEAKS_IN} spoken)
     )::text AS body
     FROM people p WHERE p.slug = $1 AND ${PERSON_IS_PUBLIC}`,
    [slug],
  );
  return row?.body ?? null;
}

/** The current slug of the (public) person an old or merged-away slug redirects to, or null. */
async function personRedirect(db: PublicDb, oldSlug: string): Promise<string | null> {
  const row = await one<{ slug: string }>(
    db,
    `SELECT p.slug FROM person_slug_redirects r JOIN people p ON p.id = r.person_id WHERE r.old_slug = $1 AND ${PERSON_IS_PUBLIC}`,
    [oldSlug],
  );
  return row?.slug ?? null;
}

/** The public correspondent and person read path for injection (see the functions above). */
@Injectable()
export class PublicPeopleRepository {
  private readonly links: PublicLinks;

  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) config: PublicLinksConfig,
  ) {
    this.links = publicLinks(config);
  }

  correspondents(limit: number, active: boolean | null, after: [string, string] | null): Promise<string> {
    return publicCorrespondentsJson(this.db, limit, active, after);
  }

  /** The profile JSON with its schema.org Person (JSON-LD, structured-data.ts). */
  async correspondent(slug: string, limit: number, after: [string, string] | null): Promise<string | null> {
    const body = await publicCorrespondentJson(this.db, slug, limit, after);
    return body === null ? null : withPersonJsonLd(body, this.links);
  }

  correspondentRedirect(oldSlug: string): Promise<string | null> {
    return correspondentRedirect(this.db, oldSlug);
  }

  person(slug: string): Promise<string | null> {
    return publicPersonJson(this.db, slug);
  }

  personRedirect(oldSlug: string): Promise<string | null> {
    return personRedirect(this.db, oldSlug);
  }
}
