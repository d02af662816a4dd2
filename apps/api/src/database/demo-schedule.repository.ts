import { defined } from '@newsdesk/contracts';
import { exec, one, rows, type Db } from '../common/db.js';
import { DemoRepository } from './demo.repository.js';

/**
 * The demo seed's SQL for the schedule (demo-schedule: programs, stations, recurring slots, the
 * morning rundown, the as-run log, the newscast's lead) and the demo podcast (demo-podcast: artwork,
 * numbered episodes), with the newsroom's look-ups of DemoRepository. Same rules: inserts that
 * bypass the features' validation on purpose, an optional `tx` for the seed's transaction.
 */
export class DemoScheduleRepository extends DemoRepository {
  // --- Schedule ---------------------------------------------------------------------------------

  async ensureProgram(
    program: { slug: string; name: string; hosts: string[]; durationSeconds: number },
    userId: string,
    tx?: Db,
  ): Promise<string> {
    await exec(
      this.on(tx),
      `INSERT INTO programs (slug, name, hosts, default_duration_seconds, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (slug) DO NOTHING`,
      [program.slug, program.name, program.hosts, program.durationSeconds, userId],
    );
    return defined(
      await one<{ id: string }>(this.on(tx), `SELECT id FROM programs WHERE slug = $1`, [program.slug]),
      `program ${program.slug}`,
    ).id;
  }

  /** Creates the station unless its call sign exists; returns it and whether it was new. */
  async ensureStation(
    station: { callSign: string; name: string; band: string; frequency: string; city: string; timezone: string; streamUrl: string },
    userId: string,
    tx?: Db,
  ): Promise<{ id: string; timezone: string; created: boolean }> {
    const inserted = await rows<{ id: string }>(
      this.on(tx),
      `INSERT INTO stations (call_sign, name, band, frequency, city, timezone, stream_url, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (call_sign) DO NOTHING RETURNING id`,
      [station.callSign, station.name, station.band, station.frequency, station.city, station.timezone, station.streamUrl, userId],
    );
    const row = defined(
      await one<{ id: string; timezone: string }>(this.on(tx), `SELECT id, timezone FROM stations WHERE call_sign = $1`, [
        station.callSign,
      ]),
      `station ${station.callSign}`,
    );
    return { ...row, created: inserted.length > 0 };
  }

  async insertRecurrence(
    rule: {
      programId: string;
      stationId: string;
      rrule: string;
      startsOn: string;
      startTime: string;
      durationSeconds: number;
      title: string;
      kind: string;
    },
    userId: string,
    tx?: Db,
  ): Promise<void> {
    await exec(
      this.on(tx),
      `INSERT INTO recurrences (program_id, station_id, rrule, starts_on, start_time, duration_seconds, title, kind, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [rule.programId, rule.stationId, rule.rrule, rule.startsOn, rule.startTime, rule.durationSeconds, rule.title, rule.kind, userId],
    );
  }

  /** The morning block (Morning or Weekend Edition at 05:00) of `date` when it has no rundown yet. */
  morningBlockWithoutRundown(stationId: string, date: string, tx?: Db): Promise<{ id: string; duration_seconds: number } | undefined> {
    return one<{ id: string; duration_seconds: number }>(
      this.on(tx),
      `SELECT g.id, g.duration_seconds FROM segments g JOIN programs p ON p.id = g.program_id
        WHERE g.station_id = $1 AND p.slug IN ('morning-edition', 'weekend-edition') AND g.occurrence_local = ($2::date + time '05:00')
          AND NOT EXISTS (SELECT 1 FROM rundowns r WHERE r.segment_id = g.id)`,
      [stationId, date],
    );
  }

  /**
   * Demo as-run (issue 20): the morning block of `date` that has a rundown and no takes is recorded
   * as aired, every item taken 5 s later than the one before it drifted, then the end take. Returns
   * whether it wrote one (a block with takes is never touched).
   */
  async insertAsRun(stationId: string, date: string, tx?: Db): Promise<boolean> {
    const block = await one<{ id: string }>(
      this.on(tx),
      `SELECT g.id FROM segments g JOIN programs p ON p.id = g.program_id
        WHERE g.station_id = $1 AND p.slug IN ('morning-edition', 'weekend-edition') AND g.occurrence_local = ($2::date + time '05:00')
          AND g.ends_at <= now() AND EXISTS (SELECT 1 FROM rundown_items i WHERE i.segment_id = g.id)
          AND NOT EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = g.id)`,
      [stationId, date],
    );
    if (!block) return false;
    await exec(
      this.on(tx),
      `WITH items AS (
         SELECT i.id, i.title, i.kind, i.story_id, i.duration_seconds, g.ends_at AS block_end, row_number() OVER w AS n,
                g.starts_at + make_interval(secs => COALESCE(sum(i.duration_seconds) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)) AS planned_start
           FROM rundown_items i JOIN segments g ON g.id = i.segment_id WHERE g.id = $1 WINDOW w AS (ORDER BY i.position)),
       aired AS (SELECT * FROM items WHERE planned_start < block_end)
       INSERT INTO rundown_takes (segment_id, seq, item_id, title, kind, story_id, planned_start, planned_seconds, taken_at)
       SELECT $1, n, id, title, kind, story_id, planned_start, duration_seconds, planned_start + make_interval(secs => n * 5) FROM aired
       UNION ALL
       SELECT $1, max(n) + 1, NULL, 'End of block', 'other', NULL, max(block_end), 0, max(block_end) + make_interval(secs => (max(n) + 1) * 5)
         FROM aired HAVING count(*) > 0
       ON CONFLICT DO NOTHING`,
      [block.id],
    );
    return true;
  }

  async insertRundown(
    segmentId: string,
    items: Array<{ title: string; kind: string; seconds: number; storyId: string | null }>,
    userId: string,
    tx?: Db,
  ): Promise<void> {
    await exec(this.on(tx), `INSERT INTO rundowns (segment_id, updated_by) VALUES ($1, $2)`, [segmentId, userId]);
    await exec(
      this.on(tx),
      `INSERT INTO rundown_items (segment_id, position, title, kind, duration_seconds, story_id)
       SELECT $1, ordinality, title, kind, seconds, story FROM unnest($2::text[], $3::text[], $4::int[], $5::uuid[]) WITH ORDINALITY AS item (title, kind, seconds, story)`,
      [
        segmentId,
        items.map((item) => item.title),
        items.map((item) => item.kind),
        items.map((item) => item.seconds),
        items.map((item) => item.storyId),
      ],
    );
  }

  /** Today's midday newscast leads with this story, unless a producer already changed it. */
  async leadNewscast(stationId: string, today: string, storyId: string, tx?: Db): Promise<void> {
    await exec(
      this.on(tx),
      `UPDATE segments SET story_id = $3, notes = 'Leads with the Moscow report.'
        WHERE station_id = $1 AND occurrence_local = ($2::date + time '12:00') AND kind = 'newscast' AND story_id IS NULL AND version = 1`,
      [stationId, today, storyId],
    );
  }

  async programIdBySlug(slug: string, tx?: Db): Promise<string | undefined> {
    return (await one<{ id: string }>(this.on(tx), `SELECT id FROM programs WHERE slug = $1`, [slug]))?.id;
  }

  async podcastExists(programId: string, tx?: Db): Promise<boolean> {
    return (
      (await one<{ found: number }>(this.on(tx), `SELECT 1 AS found FROM program_podcasts WHERE program_id = $1`, [programId])) !==
      undefined
    );
  }

  async insertArtwork(
    image: { sha256: string; byteSize: number; width: number; height: number; originalName: string },
    tx?: Db,
  ): Promise<string> {
    const row = await one<{ id: string }>(
      this.on(tx),
      `INSERT INTO media (sha256, content_type, byte_size, width, height, original_name, alt, credit)
       VALUES ($1, 'image/png', $2, $3, $4, $5, 'Morning Edition podcast artwork', 'Newsdesk demo illustration')
       ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256 RETURNING id`,
      [image.sha256, image.byteSize, image.width, image.height, image.originalName],
    );
    return defined(row, 'inserted row').id;
  }

  insertPodcast(
    podcast: {
      programId: string;
      title: string;
      description: string;
      artworkMediaId: string;
      category: string;
      subcategory: string;
      ownerName: string;
      ownerEmail: string;
      author: string;
    },
    tx?: Db,
  ): Promise<void> {
    return exec(
      this.on(tx),
      `INSERT INTO program_podcasts (program_id, enabled, title, description, artwork_media_id, category, subcategory, owner_name, owner_email, author, version)
       VALUES ($1, true, $2, $3, $4, $5, $6, $7, $8, $9, 2)`,
      [
        podcast.programId,
        podcast.title,
        podcast.description,
        podcast.artworkMediaId,
        podcast.category,
        podcast.subcategory,
        podcast.ownerName,
        podcast.ownerEmail,
        podcast.author,
      ],
    );
  }

  /** Puts these stories (by slug, in order) into the program as episodes 1, 2, 3 … (only those not in another program). */
  numberEpisodes(programId: string, slugs: string[], tx?: Db): Promise<void> {
    return exec(
      this.on(tx),
      `UPDATE stories s SET program_id = $1, episode_number = e.n
         FROM unnest($2::text[]) WITH ORDINALITY AS e(slug, n)
        WHERE s.slug = e.slug AND (s.program_id IS NULL OR s.program_id = $1)`,
      [programId, slugs],
    );
  }
}
