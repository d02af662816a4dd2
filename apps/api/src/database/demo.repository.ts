import { defined } from '@newsdesk/contracts';
import { exec, one, rows, type Db } from '../common/db.js';

/**
 * The demo seed's SQL (demo-newsroom, demo-people, demo-transcripts, demo-images, demo-audio; the
 * schedule's and podcast's are DemoScheduleRepository's): inserts that
 * bypass the features' validation on purpose (fixed slugs, back-dated publication, no audit), and
 * the look-ups they need. Not a Nest provider: the seed runs from bootstrap, before the app.
 * Methods take an optional `tx` to run inside the seed's transaction.
 */

export interface DemoStoryRow extends Record<string, unknown> {
  id: string;
  version: number;
}

export interface DemoPersonRow {
  id: string;
  slug: string;
  display_name: string;
  given_name: string;
  family_name: string;
  aliases: string[];
}

export class DemoRepository {
  constructor(private readonly db: Db) {}

  protected on(tx?: Db): Db {
    return tx ?? this.db;
  }

  // --- Newsroom (users are created through upsertUser; tags, stories) ------------------------

  async userExists(email: string, tx?: Db): Promise<boolean> {
    return (
      (await one<{ present: boolean }>(this.on(tx), `SELECT EXISTS (SELECT 1 FROM users WHERE email = $1) AS present`, [email]))
        ?.present === true
    );
  }

  async userByEmail(email: string, tx?: Db): Promise<{ id: string; email: string; name: string } | undefined> {
    return one<{ id: string; email: string; name: string }>(this.on(tx), `SELECT id, email, name FROM users WHERE email = $1`, [email]);
  }

  async insertTag(tag: { slug: string; name: string; type: string; aliases: string[] }, tx?: Db): Promise<void> {
    await exec(this.on(tx), `INSERT INTO tags (slug, name, type, aliases) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING`, [
      tag.slug,
      tag.name,
      tag.type,
      tag.aliases,
    ]);
  }

  async insertStory(
    story: {
      slug: string;
      headline: string;
      teaser: string;
      dateline: string;
      body: string;
      bodyHtml: string;
      bodyText: string;
      credit: string;
      status: string;
      publishedAt: string | null;
    },
    userId: string | undefined,
    tx?: Db,
  ): Promise<DemoStoryRow> {
    const row = await one<DemoStoryRow>(
      this.on(tx),
      `INSERT INTO stories (slug, headline, teaser, dateline, body, body_html, body_text, credit, status, published_at, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING *`,
      [
        story.slug,
        story.headline,
        story.teaser,
        story.dateline,
        story.body,
        story.bodyHtml,
        story.bodyText,
        story.credit,
        story.status,
        story.publishedAt,
        userId,
      ],
    );
    return defined(row, 'inserted row');
  }

  /** Tags the story with these tag slugs (in order); returns the tag ids that existed. */
  /** Embargoes a demo story until `until` (a published or scheduled one is scheduled at it, as the API does). */
  async embargoStory(slug: string, until: Date, tx?: Db): Promise<void> {
    await exec(
      this.on(tx),
      `UPDATE stories SET embargo_until = $2,
              published_at = CASE WHEN status IN ('published','scheduled') THEN greatest(published_at, $2) ELSE published_at END,
              status = CASE WHEN status IN ('published','scheduled') AND greatest(published_at, $2) > now() THEN 'scheduled' ELSE status END
        WHERE slug = $1`,
      [slug, until],
    );
  }

  async tagStory(storyId: string, tagSlugs: string[], tx?: Db): Promise<string[]> {
    const tagged = await rows<{ id: string }>(
      this.on(tx),
      `INSERT INTO story_tags (story_id, tag_id, position)
       SELECT $1, t.id, x.position FROM unnest($2::text[]) WITH ORDINALITY AS x(slug, position) JOIN tags t ON t.slug = x.slug RETURNING tag_id AS id`,
      [storyId, tagSlugs],
    );
    return tagged.map((tag) => tag.id);
  }

  async insertFirstRevision(
    storyId: string,
    storyVersion: number,
    snapshot: string,
    changedFields: string[],
    userId: string | undefined,
    tx?: Db,
  ): Promise<void> {
    await exec(
      this.on(tx),
      `INSERT INTO story_revisions (story_id, n, story_version, snapshot, reason, changed_fields, created_by) VALUES ($1, 1, $2, $3, 'create', $4, $5)`,
      [storyId, storyVersion, snapshot, changedFields, userId],
    );
  }

  async storyIdsBySlug(slugs: string[], tx?: Db): Promise<Map<string, string>> {
    const found = await rows<{ id: string; slug: string }>(this.on(tx), `SELECT id, slug FROM stories WHERE slug = ANY($1)`, [slugs]);
    return new Map(found.map((row) => [row.slug, row.id]));
  }

  // --- People and correspondents --------------------------------------------------------------

  async personExists(slug: string, tx?: Db): Promise<boolean> {
    return (
      (await one<{ present: boolean }>(this.on(tx), `SELECT EXISTS (SELECT 1 FROM people WHERE slug = $1) AS present`, [slug]))?.present ===
      true
    );
  }

  async insertPortrait(
    photo: { sha256: string; byteSize: number; width: number; height: number; originalName: string; alt: string; credit: string },
    tx?: Db,
  ): Promise<string> {
    const row = await one<{ id: string }>(
      this.on(tx),
      `INSERT INTO media (sha256, content_type, byte_size, width, height, original_name, alt, credit)
       VALUES ($1, 'image/png', $2, $3, $4, $5, $6, $7) RETURNING id`,
      [photo.sha256, photo.byteSize, photo.width, photo.height, photo.originalName, photo.alt, photo.credit],
    );
    return defined(row, 'inserted row').id;
  }

  async insertCorrespondent(
    c: {
      personId: string;
      slug: string;
      title: string;
      bureau: string;
      bioHtml: string;
      photoId: string | null;
      beats: string[];
      email: string | null;
      socialLinks: string;
      active: boolean;
      status: string;
      publishedAt: string | null;
    },
    tx?: Db,
  ): Promise<string> {
    const row = await one<{ id: string }>(
      this.on(tx),
      `INSERT INTO correspondents (person_id, slug, title, bureau, bio_html, photo_id, beats, email, social_links, active, status, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [c.personId, c.slug, c.title, c.bureau, c.bioHtml, c.photoId, c.beats, c.email, c.socialLinks, c.active, c.status, c.publishedAt],
    );
    return defined(row, 'inserted row').id;
  }

  async addByline(storySlug: string, correspondentId: string, position: number, tx?: Db): Promise<void> {
    await exec(
      this.on(tx),
      `INSERT INTO story_bylines (story_id, correspondent_id, position) SELECT id, $2, $3 FROM stories WHERE slug = $1 ON CONFLICT DO NOTHING`,
      [storySlug, correspondentId, position],
    );
  }

  // --- Transcripts ------------------------------------------------------------------------------

  /** The story by slug, locked, when it has no transcript turns yet. */
  async lockStoryWithoutTranscript(slug: string, tx: Db): Promise<{ id: string } | undefined> {
    return one<{ id: string }>(
      tx,
      `SELECT id FROM stories s WHERE slug = $1 AND NOT EXISTS (SELECT 1 FROM transcript_turns t WHERE t.story_id = s.id) FOR UPDATE`,
      [slug],
    );
  }

  /** The story with this slug, locked, when it has turns, none timed, and a primary audio of known duration. */
  async lockUntimedStoryWithAudio(slug: string, tx: Db): Promise<{ id: string; duration_ms: number } | undefined> {
    return one<{ id: string; duration_ms: number }>(
      tx,
      `SELECT s.id, a.duration_ms FROM stories s
         JOIN story_audio sa ON sa.story_id = s.id AND sa.position = 0 JOIN audio_assets a ON a.id = sa.asset_id
        WHERE s.slug = $1 AND a.duration_ms IS NOT NULL
          AND EXISTS (SELECT 1 FROM transcript_turns t WHERE t.story_id = s.id)
          AND NOT EXISTS (SELECT 1 FROM transcript_turns t WHERE t.story_id = s.id AND t.start_ms IS NOT NULL)
        FOR UPDATE OF s`,
      [slug],
    );
  }

  peopleByNameKeys(nameKeys: string[], tx?: Db): Promise<DemoPersonRow[]> {
    return rows<DemoPersonRow>(
      this.on(tx),
      `SELECT p.id, p.slug, p.display_name, p.given_name, p.family_name, p.aliases FROM people p
        WHERE p.id IN (SELECT person_id FROM person_search_keys WHERE name_key = ANY($1::text[]))`,
      [nameKeys],
    );
  }

  /** The story's transcript text and credit, and its first revision's snapshot, as if it had been written with it. */
  async setDemoTranscript(storyId: string, text: string, credit: string, transcriptJson: string, tx: Db): Promise<void> {
    await exec(tx, `UPDATE stories SET transcript_text = $2, credit = COALESCE(NULLIF(credit, ''), $3) WHERE id = $1`, [
      storyId,
      text,
      credit,
    ]);
    await exec(
      tx,
      `UPDATE story_revisions SET snapshot = jsonb_set(snapshot, '{transcript}', $2::jsonb),
              changed_fields = CASE WHEN 'transcript' = ANY(changed_fields) THEN changed_fields ELSE array_append(changed_fields, 'transcript') END
        WHERE story_id = $1 AND n = 1`,
      [storyId, transcriptJson],
    );
  }

  // --- Images (issue 21) -------------------------------------------------------------------------

  /** A generated demo image with its focal point (renditions are planned and made by the API's sweep at start). */
  async insertDemoImage(
    image: {
      sha256: string;
      byteSize: number;
      width: number;
      height: number;
      originalName: string;
      alt: string;
      credit: string;
      caption: string;
      focalX: number;
      focalY: number;
    },
    tx?: Db,
  ): Promise<string> {
    const row = await one<{ id: string }>(
      this.on(tx),
      `INSERT INTO media (sha256, content_type, byte_size, width, height, original_name, alt, credit, focal_x, focal_y, caption)
       VALUES ($1, 'image/jpeg', $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256 RETURNING id`,
      [
        image.sha256,
        image.byteSize,
        image.width,
        image.height,
        image.originalName,
        image.alt,
        image.credit,
        image.focalX,
        image.focalY,
        image.caption,
      ],
    );
    return defined(row, 'inserted row').id;
  }

  async demoImagesLoaded(tx?: Db): Promise<boolean> {
    return (
      (await one<{ one: number }>(this.on(tx), `SELECT 1 AS one FROM media WHERE original_name LIKE 'demo-scene-%' LIMIT 1`)) !== undefined
    );
  }

  storyBody(slug: string, tx?: Db): Promise<{ id: string; body: unknown } | undefined> {
    return one<{ id: string; body: unknown }>(this.on(tx), `SELECT id, body FROM stories WHERE slug = $1`, [slug]);
  }

  /** A demo story's body with its images, and its first revision's snapshot, as if it had been written with them. */
  async setDemoBody(storyId: string, body: string, bodyHtml: string, bodyText: string, tx: Db): Promise<void> {
    await exec(tx, `UPDATE stories SET body = $2, body_html = $3, body_text = $4 WHERE id = $1`, [storyId, body, bodyHtml, bodyText]);
    await exec(tx, `UPDATE story_revisions SET snapshot = jsonb_set(snapshot, '{body}', $2::jsonb) WHERE story_id = $1 AND n = 1`, [
      storyId,
      body,
    ]);
  }

  /** A demo story's lead photo, in the story and its first revision's snapshot. */
  async setDemoLeadImage(storyId: string, mediaId: string, tx: Db): Promise<void> {
    await exec(tx, `UPDATE stories SET lead_image_id = $2 WHERE id = $1`, [storyId, mediaId]);
    await exec(
      tx,
      `UPDATE story_revisions SET snapshot = jsonb_set(snapshot, '{leadImageId}', to_jsonb($2::text)) WHERE story_id = $1 AND n = 1`,
      [storyId, mediaId],
    );
  }

  // --- Audio ------------------------------------------------------------------------------------

  /** Published demo stories without audio yet, oldest first (the demo audio gives each a tone). */
  publishedStoriesWithoutAudio(tx?: Db): Promise<Array<{ id: string; slug: string; headline: string }>> {
    return rows<{ id: string; slug: string; headline: string }>(
      this.on(tx),
      `SELECT s.id, s.slug, s.headline FROM stories s
        WHERE s.status = 'published' AND NOT EXISTS (SELECT 1 FROM story_audio sa WHERE sa.story_id = s.id)
        ORDER BY s.published_at, s.id`,
    );
  }

  /** Makes the asset the story's primary audio (position 0) and the story a broadcast piece; false when it has audio already. */
  async attachPrimaryAudio(storyId: string, assetId: string, title: string, tx?: Db): Promise<boolean> {
    const inserted = await rows<{ story_id: string }>(
      this.on(tx),
      `INSERT INTO story_audio (story_id, position, asset_id, title) VALUES ($1, 0, $2, $3) ON CONFLICT DO NOTHING RETURNING story_id`,
      [storyId, assetId, title],
    );
    if (!inserted.length) return false;
    await exec(this.on(tx), `UPDATE stories SET broadcast = true WHERE id = $1`, [storyId]);
    return true;
  }
}
