import { Injectable } from '@nestjs/common';
import type { SpellingDeskPage } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { one, rows, type Db } from '../common/db.js';

/** How much text either side of a span the desk shows. */
const CONTEXT = 60;
/** An instant with its microseconds, as the cursor carries it (updated_at keeps microseconds). */
const ISO_US = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** An unverified span of a story's transcript (the publish check names it). */
export interface UnverifiedSpanRow {
  position: number;
  k: number;
  spelling: string;
}

/**
 * The SQL of the "(ph)" desk: the stories whose transcripts hold unverified spellings (the turns
 * with a `public_text`, partial index `transcript_turns_unverified_idx`), and a story's unverified
 * spans for the publish check.
 */
@Injectable()
export class SpellingDeskRepository {
  constructor(private readonly db: DataSource) {}

  /** One page of stories, newest edit first (keyset on updated_at, id), each with its unverified spans in text order. */
  async page(limit: number, programId: string | undefined, after: [string, string] | undefined): Promise<SpellingDeskPage> {
    const found = await rows<{ item: SpellingDeskPage['items'][number]; cursor: string }>(
      this.db,
      `WITH page AS (
         SELECT s.id, s.headline, s.status, s.updated_at, s.program_id
           FROM stories s
          WHERE s.id IN (SELECT story_id FROM transcript_turns WHERE public_text IS NOT NULL)
            AND ($1::uuid IS NULL OR s.program_id = $1::uuid)
            AND ($2::timestamptz IS NULL OR (s.updated_at, s.id) < ($2::timestamptz, $3::uuid))
          ORDER BY s.updated_at DESC, s.id DESC
          LIMIT $4)
       SELECT json_build_object(
                'storyId', p.id, 'headline', p.headline, 'status', p.status,
                'program', CASE WHEN pr.id IS NULL THEN NULL ELSE json_build_object('id', pr.id, 'name', pr.name) END,
                'updatedAt', ${ISO_US('p.updated_at')},
                'spellings', COALESCE((
                  SELECT json_agg(json_build_object(
                           'position', tt.position, 'label', COALESCE(tt.rendered_label, tt.label),
                           'at', sp.at, 'end', sp.end_at,
                           'spelling', substr(tt.text, sp.at + 1, sp.end_at - sp.at),
                           'before', substr(tt.text, greatest(sp.at - ${CONTEXT}, 0) + 1, least(sp.at, ${CONTEXT})),
                           'after', substr(tt.text, sp.end_at + 1, ${CONTEXT}))
                         ORDER BY tt.position, sp.at)
                    FROM transcript_turns tt
                   CROSS JOIN LATERAL (SELECT (e->>'at')::int AS at, (e->>'end')::int AS end_at
                                         FROM jsonb_array_elements(tt.spellings) e WHERE NOT (e->>'verified')::boolean) sp
                   WHERE tt.story_id = p.id AND tt.public_text IS NOT NULL), '[]'::json)) AS item,
              encode(convert_to(json_build_array(${ISO_US('p.updated_at')}, p.id)::text, 'UTF8'), 'hex') AS cursor
         FROM page p LEFT JOIN programs pr ON pr.id = p.program_id
        ORDER BY p.updated_at DESC, p.id DESC`,
      [programId ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const more = found.length > limit;
    const items = found.slice(0, limit);
    return { items: items.map((row) => row.item), nextCursor: more ? (items.at(-1)?.cursor ?? null) : null };
  }

  /** The unverified spans of a story's transcript, in order (turn position, span index k). */
  unverified(tx: Db, storyId: string): Promise<UnverifiedSpanRow[]> {
    return rows<UnverifiedSpanRow>(
      tx,
      `SELECT tt.position, (e.k - 1)::int AS k, substr(tt.text, (e.v->>'at')::int + 1, (e.v->>'end')::int - (e.v->>'at')::int) AS spelling
         FROM transcript_turns tt CROSS JOIN LATERAL jsonb_array_elements(tt.spellings) WITH ORDINALITY AS e(v, k)
        WHERE tt.story_id = $1 AND tt.public_text IS NOT NULL AND NOT (e.v->>'verified')::boolean
        ORDER BY tt.position, e.k`,
      [storyId],
    );
  }

  /** Whether the newsroom blocks publishing while unverified spellings exist (newsroom_settings). */
  async blocks(tx: Db): Promise<boolean> {
    const row = await one<{ rule: string }>(tx, `SELECT unverified_spellings AS rule FROM newsroom_settings`);
    return row?.rule === 'block';
  }
}
