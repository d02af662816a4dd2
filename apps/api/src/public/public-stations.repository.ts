import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one } from '../common/db.js';
import { NEUTRAL_SEGMENT_TITLE } from '../schedule/segment.rows.js';
import { publicRows, type PublicDb } from './public.repository.js';
import { LIVE } from './public-stories.repository.js';

/**
 * The public "Play Live Radio / Next Up / Available On Air Stations" strip, read from the
 * schedule. As on the rest of the public path, each response is one SQL statement that builds the
 * JSON text in PostgreSQL. A segment's story (and a title that may come from it) is shown only while
 * that story is live (LIVE).
 */

const UTC = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const STATION = `json_build_object(
  'callSign', st.call_sign, 'name', st.name, 'band', st.band, 'frequency', st.frequency, 'city', st.city,
  'timezone', st.timezone, 'streamUrl', st.stream_url)`;

/**
 * A segment's public title. A segment built around a story that is not live (a draft, an embargo)
 * is announced by its program's name, or else its kind, until the story is: its own title may be
 * the story's headline (a segment without a title takes it when created) or say what the story
 * says, and an embargoed headline is news in itself.
 */
const PUBLIC_TITLE = `CASE WHEN g.story_id IS NULL OR EXISTS (SELECT 1 FROM stories s WHERE s.id = g.story_id AND ${LIVE}) THEN g.title
  ELSE ${NEUTRAL_SEGMENT_TITLE} END`;

/** One on-air segment (alias g) as the public sees it, with `extra` key/value pairs appended. */
const ON_AIR = (extra = '') => `json_build_object(
  'title', ${PUBLIC_TITLE}, 'kind', g.kind, 'startsAt', ${UTC('g.starts_at')}, 'endsAt', ${UTC('g.ends_at')},
  'program', (SELECT json_build_object('name', p.name, 'slug', p.slug, 'hosts', to_json(p.hosts)) FROM programs p WHERE p.id = g.program_id),
  'story', (SELECT json_build_object('slug', s.slug, 'headline', s.headline) FROM stories s WHERE s.id = g.story_id AND ${LIVE})${extra})`;

async function publicStationsJson(db: PublicDb): Promise<string> {
  const row = await one<{ body: string }>(
    db,
    `SELECT json_build_object('items', COALESCE(json_agg(${STATION} ORDER BY st.call_sign), '[]'::json))::text AS body
       FROM stations st WHERE st.active`,
  );
  return defined(row, 'stations list').body;
}

/** How long past its planned end a live block without an end take may still be shown as on air. */
export const OVERRUN_LIMIT = `interval '1 hour'`;

/**
 * On air at `at` (start inclusive, end exclusive) and the next segment after it, for an active
 * station, as one statement over the (station_id, starts_at) index: the latest segment starting at
 * or before `at` is the only one that can cover it as planned (segments never overlap); the next is
 * the first starting after `at`. `boundary` is when the answer changes, for Cache-Control.
 *
 * Live (docs/schedule.md "Public Now / Next Up on air"): a block is live at `at` when it has takes
 * at or before `at` and no end take (item_id NULL) by then. A live block stays now after its
 * planned end (`over`: one of the two latest segments starting by `at`, ended as planned less than
 * OVERRUN_LIMIT ago, while the block planned now has no take yet); the block planned now is then
 * next. Live now adds `actualStartsAt` (its first take) and `expectedEndsAt` = its planned end + the
 * drift of its latest item take, counted at the item's end: GREATEST(taken_at + planned length,
 * `at` to the whole second) - (planned start + planned length), so the expected times grow while
 * the item runs long. Next adds `expectedStartsAt` = GREATEST(its planned start, now's
 * expectedEndsAt). While live the answer holds until the running item's planned end, then one
 * second at a time. Takes NOTIFY the public cache (rundown_takes_public_changed).
 */
export const NOW_NEXT_SQL = `
  WITH st AS (SELECT * FROM stations WHERE call_sign = $1 AND active),
  recent AS (
    SELECT g.* FROM st, LATERAL (
      SELECT * FROM segments g WHERE g.station_id = st.id AND g.starts_at <= $2 ORDER BY g.starts_at DESC LIMIT 2
    ) g),
  planned AS (SELECT * FROM recent WHERE ends_at > $2),
  after AS (
    SELECT g.* FROM st, LATERAL (
      SELECT * FROM segments g WHERE g.station_id = st.id AND g.starts_at > $2 ORDER BY g.starts_at LIMIT 1
    ) g),
  over AS (
    SELECT g.* FROM recent g
     WHERE g.ends_at <= $2 AND g.ends_at > $2::timestamptz - ${OVERRUN_LIMIT}
       AND EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = g.id AND t.taken_at <= $2)
       AND NOT EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = g.id AND t.taken_at <= $2 AND t.item_id IS NULL)
       AND NOT EXISTS (SELECT 1 FROM planned p JOIN rundown_takes t ON t.segment_id = p.id AND t.taken_at <= $2)
     ORDER BY g.starts_at DESC LIMIT 1),
  cur AS (SELECT * FROM over UNION ALL SELECT * FROM planned WHERE NOT EXISTS (SELECT 1 FROM over)),
  nxt AS (SELECT * FROM planned WHERE EXISTS (SELECT 1 FROM over)
          UNION ALL SELECT * FROM after WHERE NOT EXISTS (SELECT 1 FROM over) OR NOT EXISTS (SELECT 1 FROM planned)),
  live AS (
    SELECT f.actual_start, l.due,
           cur.ends_at + COALESCE(GREATEST(l.due, date_trunc('second', $2::timestamptz)) - (l.planned_start + l.len), interval '0') AS expected_end
      FROM cur
     CROSS JOIN LATERAL (SELECT min(t.taken_at) AS actual_start FROM rundown_takes t WHERE t.segment_id = cur.id AND t.taken_at <= $2) f
      LEFT JOIN LATERAL (
        SELECT t.planned_start, make_interval(secs => t.planned_seconds) AS len, t.taken_at + make_interval(secs => t.planned_seconds) AS due
          FROM rundown_takes t
         WHERE t.segment_id = cur.id AND t.taken_at <= $2 AND t.item_id IS NOT NULL AND t.planned_start IS NOT NULL
         ORDER BY t.seq DESC LIMIT 1) l ON true
     WHERE f.actual_start IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM rundown_takes t WHERE t.segment_id = cur.id AND t.taken_at <= $2 AND t.item_id IS NULL))
  SELECT json_build_object(
           'station', ${STATION},
           'now', (SELECT CASE WHEN l.actual_start IS NULL THEN ${ON_AIR()}
                    ELSE ${ON_AIR(`, 'actualStartsAt', ${UTC('l.actual_start')}, 'expectedEndsAt', ${UTC('l.expected_end')}`)} END
                     FROM cur g LEFT JOIN live l ON true),
           'next', (SELECT CASE WHEN l.actual_start IS NULL THEN ${ON_AIR()}
                    ELSE ${ON_AIR(`, 'expectedStartsAt', ${UTC('GREATEST(g.starts_at, l.expected_end)')}`)} END
                     FROM nxt g LEFT JOIN live l ON true))::text AS body,
         LEAST((SELECT ends_at FROM planned), (SELECT starts_at FROM after), (SELECT ends_at + ${OVERRUN_LIMIT} FROM over),
               (SELECT GREATEST(date_trunc('second', COALESCE(due, $2::timestamptz)), date_trunc('second', $2::timestamptz)) + interval '1 second' FROM live)) AS boundary
    FROM st`;

/** Runs as a named prepared statement (planned once per connection: about a third of the round trip, scripts/measure-now-next.mjs). */
async function nowNextJson(db: PublicDb, callSign: string, at: Date): Promise<{ body: string; boundary: Date | null } | null> {
  const [row] = await publicRows<{ body: string; boundary: Date | null }>(db, NOW_NEXT_SQL, [callSign, at]);
  return row ?? null;
}

/** The public stations read path for injection (see the functions above). */
@Injectable()
export class PublicStationsRepository {
  constructor(private readonly db: DataSource) {}

  stations(): Promise<string> {
    return publicStationsJson(this.db);
  }

  nowNext(callSign: string, at: Date): Promise<{ body: string; boundary: Date | null } | null> {
    return nowNextJson(this.db, callSign, at);
  }
}
