import { Injectable } from '@nestjs/common';
import type { Story as StoryDto, StoryStatus, StorySummary } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { iso } from '../common/sql.js';
import { STAFF_TRANSCRIPT_JSON } from '../transcripts/transcript-json.js';
import { EFFECTIVE_STATUS } from './story-live.js';


/** The staff view of one story, built in one statement: tags, bylines, corrections and who edited it. */
const STORY_JSON = `json_build_object(
  'id', s.id, 'slug', s.slug, 'headline', s.headline, 'teaser', s.teaser, 'dateline', s.dateline,
  'body', s.body, 'bodyHtml', s.body_html, 'credit', s.credit,
  'bylines', COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', p.display_name, 'slug', c.slug, 'title', c.title) ORDER BY b.position)
                         FROM story_bylines b JOIN correspondents c ON c.id = b.correspondent_id JOIN people p ON p.id = c.person_id
                        WHERE b.story_id = s.id), '[]'::json),
  'tags', COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'slug', t.slug, 'type', t.type) ORDER BY st.position)
                      FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id), '[]'::json),
  'programId', s.program_id, 'audioUrl', s.audio_url, 'audioDurationSeconds', s.audio_duration_seconds,
  'corrections', COALESCE((SELECT json_agg(json_build_object('id', c.id, 'text', c.text, 'correctedAt', ${iso('c.corrected_at')}) ORDER BY c.corrected_at)
                             FROM story_corrections c WHERE c.story_id = s.id), '[]'::json),
  'transcript', ${STAFF_TRANSCRIPT_JSON},
  'status', ${EFFECTIVE_STATUS}, 'version', s.version,
  'publishedAt', ${iso('s.published_at')}, 'createdAt', ${iso('s.created_at')}, 'updatedAt', ${iso('s.updated_at')},
  'createdBy', (SELECT json_build_object('id', u.id, 'name', u.name) FROM users u WHERE u.id = s.created_by),
  'updatedBy', (SELECT json_build_object('id', u.id, 'name', u.name) FROM users u WHERE u.id = s.updated_by))`;

export const SUMMARY_COLUMNS = `s.id, s.slug, s.headline, ${EFFECTIVE_STATUS} AS status, s.version, s.published_at, s.updated_at`;

export interface SummaryRow { id: string; slug: string; headline: string; status: StoryStatus; version: number; published_at: Date | null; updated_at: Date; snippet?: string }

export const toSummary = (row: SummaryRow): StorySummary => ({
  id: row.id, slug: row.slug, headline: row.headline, status: row.status, version: row.version,
  publishedAt: row.published_at?.toISOString() ?? null, updatedAt: row.updated_at.toISOString(),
  ...(row.snippet !== undefined ? { snippet: row.snippet } : {}),
});

@Injectable()
export class StoryReader {
  constructor(private readonly db: DataSource) {}

  async get(id: string, tx: EntityManager = this.db.manager): Promise<StoryDto> {
    const [row]: Array<{ story: StoryDto }> = await tx.query(`SELECT ${STORY_JSON} AS story FROM stories s WHERE s.id = $1`, [id]);
    if (!row) throw new NotFoundError('Story');
    return row.story;
  }
}
