import { Injectable } from '@nestjs/common';
import type { ClockItem, RundownItemKind } from '@newsdesk/contracts';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';

/** The channel every take and rundown save notifies (migration OnAir1765240000000), with the segment id. */
export const ONAIR_CHANNEL = 'newsdesk_onair';

export interface TakeRow {
  seq: number;
  item_id: string | null;
  title: string;
  kind: RundownItemKind;
  story_id: string | null;
  planned_start: Date | null;
  planned_seconds: number;
  taken_at: Date;
  taken_by: string | null;
  taken_by_name: string | null;
}

export interface ClockRow {
  program_id: string;
  version: number;
  items: ClockItem[];
  updated_at: Date;
}

export interface AiringRow {
  segment_id: string;
  taken_at: Date;
  call_sign: string;
  timezone: string;
  program_name: string | null;
}

/**
 * Every SQL statement of the on-air features (issue 20): hour clocks, takes (the as-run log),
 * the blocks to prepare from their clocks, a story's airings, and the LISTEN of the live views.
 */
@Injectable()
export class OnAirRepository {
  constructor(private readonly db: DataSource) {}

  private on(tx?: Db): Db {
    return tx ?? this.db;
  }

  async listen(client: Pick<pg.Client, 'query'>): Promise<void> {
    await client.query(`LISTEN ${ONAIR_CHANNEL}`);
  }

  // --- Programs' reading pace and clocks ------------------------------------------------------

  async wordsPerMinute(programId: string | null, tx?: Db): Promise<number | undefined> {
    if (!programId) return undefined;
    return (await one<{ wpm: number }>(this.on(tx), `SELECT words_per_minute AS wpm FROM programs WHERE id = $1`, [programId]))?.wpm;
  }

  clock(programId: string, tx?: Db): Promise<ClockRow | undefined> {
    return one<ClockRow>(this.on(tx), `SELECT program_id, version, items, updated_at FROM program_clocks WHERE program_id = $1`, [
      programId,
    ]);
  }

  /** A program that never had a clock is at version 1: create the row, then lock it. */
  async lockClock(programId: string, tx: Db): Promise<{ version: number } | undefined> {
    const program = await one<{ id: string }>(tx, `SELECT id FROM programs WHERE id = $1 FOR KEY SHARE`, [programId]);
    if (!program) return undefined;
    await exec(tx, `INSERT INTO program_clocks (program_id) VALUES ($1) ON CONFLICT (program_id) DO NOTHING`, [programId]);
    return one<{ version: number }>(tx, `SELECT version FROM program_clocks WHERE program_id = $1 FOR UPDATE`, [programId]);
  }

  async saveClock(programId: string, items: ClockItem[], actorId: string | null, tx: Db): Promise<void> {
    await exec(
      tx,
      `UPDATE program_clocks SET items = $2::jsonb, version = version + 1, updated_at = now(), updated_by = $3 WHERE program_id = $1`,
      [programId, JSON.stringify(items), actorId],
    );
  }

  /**
   * Blocks (program or newscast segments) starting between now and `until` whose program has a
   * clock with items and that have no rundown yet.
   */
  blocksToPrepare(until: Date, tx?: Db): Promise<Array<{ id: string }>> {
    return rows<{ id: string }>(
      this.on(tx),
      `SELECT g.id FROM segments g JOIN program_clocks c ON c.program_id = g.program_id
        WHERE g.kind IN ('program','newscast') AND g.starts_at >= now() AND g.starts_at < $1
          AND jsonb_array_length(c.items) > 0
          AND NOT EXISTS (SELECT 1 FROM rundowns r WHERE r.segment_id = g.id)
        ORDER BY g.starts_at LIMIT 2000`,
      [until],
    );
  }

  /**
   * Claims a block's rundown for the clock: the rundown row is inserted only if the block has none.
   * Two processes preparing the same block meet on the primary key: the second waits for the first
   * to commit, then inserts nothing and reports false.
   */
  async claimRundown(segmentId: string, tx: Db): Promise<boolean> {
    const row = await one<{ segment_id: string }>(
      tx,
      `INSERT INTO rundowns (segment_id) SELECT id FROM segments WHERE id = $1 ON CONFLICT (segment_id) DO NOTHING RETURNING segment_id`,
      [segmentId],
    );
    return row !== undefined;
  }

  // --- Takes ------------------------------------------------------------------------------------

  takes(segmentId: string, tx?: Db): Promise<TakeRow[]> {
    return rows<TakeRow>(
      this.on(tx),
      `SELECT t.seq, t.item_id, t.title, t.kind, t.story_id, t.planned_start, t.planned_seconds, t.taken_at, t.taken_by,
              u.name AS taken_by_name
         FROM rundown_takes t LEFT JOIN users u ON u.id = t.taken_by
        WHERE t.segment_id = $1 ORDER BY t.seq`,
      [segmentId],
    );
  }

  /**
   * Records take number `seq` unless it exists: the (segment_id, seq) key makes a take once-only
   * (a concurrent insert of the same key waits for the first and then does nothing).
   */
  async insertTake(
    take: {
      segmentId: string;
      seq: number;
      itemId: string | null;
      title: string;
      kind: RundownItemKind;
      storyId: string | null;
      plannedStart: Date | null;
      plannedSeconds: number;
      takenBy: string | null;
    },
    tx?: Db,
  ): Promise<boolean> {
    const row = await one<{ seq: number }>(
      this.on(tx),
      `INSERT INTO rundown_takes (segment_id, seq, item_id, title, kind, story_id, planned_start, planned_seconds, taken_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (segment_id, seq) DO NOTHING RETURNING seq`,
      [take.segmentId, take.seq, take.itemId, take.title, take.kind, take.storyId, take.plannedStart, take.plannedSeconds, take.takenBy],
    );
    return row !== undefined;
  }

  /**
   * Blocks with rundown items on air now or starting within two minutes, not ended by a take.
   * `mine`: the user is running it (took an item), or saved its rundown and it has not started yet
   * (about to run it). A block already on air whose rundown they only saved earlier is not theirs to
   * be sent to (the demo's morning rundown, saved by the demo producer, would otherwise hold every
   * producer's landing for its five hours).
   */
  onAir(
    userId: string,
    tx?: Db,
  ): Promise<Array<{ id: string; call_sign: string; title: string; starts_at: Date; ends_at: Date; mine: boolean }>> {
    return rows(
      this.on(tx),
      `SELECT g.id, st.call_sign, g.title, g.starts_at, g.ends_at,
              ((r.updated_by = $1 AND g.starts_at > now()) OR EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = g.id AND t.taken_by = $1)) AS mine
         FROM segments g JOIN stations st ON st.id = g.station_id JOIN rundowns r ON r.segment_id = g.id
        WHERE g.starts_at <= now() + interval '2 minutes' AND g.ends_at > now()
          AND EXISTS (SELECT 1 FROM rundown_items i WHERE i.segment_id = g.id)
          AND NOT EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = g.id AND t.item_id IS NULL)
        ORDER BY g.starts_at LIMIT 50`,
      [userId],
    );
  }

  // --- Demo data ------------------------------------------------------------------------------

  /** Gives a program this clock unless it has one (demo data; never overwrites a producer's clock). */
  async ensureClock(programId: string, items: ClockItem[], tx?: Db): Promise<void> {
    await exec(
      this.on(tx),
      `INSERT INTO program_clocks (program_id, items, version) VALUES ($1, $2::jsonb, 2) ON CONFLICT (program_id) DO NOTHING`,
      [programId, JSON.stringify(items)],
    );
  }

  programIdsBySlug(slugs: string[], tx?: Db): Promise<Array<{ id: string; slug: string }>> {
    return rows<{ id: string; slug: string }>(this.on(tx), `SELECT id, slug FROM programs WHERE slug = ANY($1)`, [slugs]);
  }

  /** The program block of a station on air at `at`. */
  blockOnAir(callSign: string, at: Date, tx?: Db): Promise<{ id: string } | undefined> {
    return one<{ id: string }>(
      this.on(tx),
      `SELECT g.id FROM segments g JOIN stations st ON st.id = g.station_id
        WHERE st.call_sign = $1 AND g.kind IN ('program','newscast') AND g.starts_at <= $2 AND g.ends_at > $2`,
      [callSign, at],
    );
  }

  /** Writes a script on the block's items that have none, by kind (demo data). */
  async scriptEmptyItems(segmentId: string, scripts: Record<string, unknown>, tx?: Db): Promise<void> {
    await exec(
      this.on(tx),
      `UPDATE rundown_items SET script = ($2::jsonb)->kind WHERE segment_id = $1 AND script = '{"type":"doc","content":[]}' AND ($2::jsonb) ? kind`,
      [segmentId, JSON.stringify(scripts)],
    );
  }

  /**
   * Demo data: the person `slug` reads the block's items of `kinds` that have no reader, and gets
   * `wordsPerMinute` as their pace when they have none (a producer's or editor's choice is kept).
   */
  async readItems(segmentId: string, slug: string, wordsPerMinute: number, kinds: string[], tx?: Db): Promise<void> {
    await exec(this.on(tx), `UPDATE people SET words_per_minute = $2 WHERE slug = $1 AND words_per_minute IS NULL`, [slug, wordsPerMinute]);
    await exec(
      this.on(tx),
      `UPDATE rundown_items SET reader_id = (SELECT id FROM people WHERE slug = $2)
        WHERE segment_id = $1 AND reader_id IS NULL AND kind = ANY($3::text[])`,
      [segmentId, slug, kinds],
    );
  }

  // --- Airings ----------------------------------------------------------------------------------

  airings(storyId: string, tx?: Db): Promise<AiringRow[]> {
    return rows<AiringRow>(
      this.on(tx),
      `SELECT t.segment_id, t.taken_at, st.call_sign, st.timezone, p.name AS program_name
         FROM rundown_takes t JOIN segments g ON g.id = t.segment_id JOIN stations st ON st.id = g.station_id
         LEFT JOIN programs p ON p.id = g.program_id
        WHERE t.story_id = $1 ORDER BY t.taken_at DESC LIMIT 200`,
      [storyId],
    );
  }

  async storyExists(storyId: string, tx?: Db): Promise<boolean> {
    return (await one<{ id: string }>(this.on(tx), `SELECT id FROM stories WHERE id = $1`, [storyId])) !== undefined;
  }

  async stationCallSign(stationId: string, tx?: Db): Promise<string> {
    return (await one<{ call_sign: string }>(this.on(tx), `SELECT call_sign FROM stations WHERE id = $1`, [stationId]))?.call_sign ?? '';
  }
}
