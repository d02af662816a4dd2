import { Injectable } from '@nestjs/common';
import type { Story as StoryDto, StorySummary } from '@newsdesk/contracts';
import type { Db } from '../common/db.js';
import { NotFoundError } from '../common/errors.js';
import { StoriesRepository, type SummaryRow } from './stories.repository.js';

export type { SummaryRow } from './stories.repository.js';

export const toSummary = (row: SummaryRow): StorySummary => ({
  id: row.id,
  slug: row.slug,
  headline: row.headline,
  status: row.status,
  version: row.version,
  publishedAt: row.published_at?.toISOString() ?? null,
  embargoUntil: row.embargo_until?.toISOString() ?? null,
  updatedAt: row.updated_at.toISOString(),
  ...(row.snippet !== undefined ? { snippet: row.snippet } : {}),
});

/** The staff view of one story (tags, bylines, corrections, transcript and who edited it), built by one statement. */
@Injectable()
export class StoryReader {
  constructor(private readonly stories: StoriesRepository) {}

  async get(id: string, tx?: Db): Promise<StoryDto> {
    const story = await this.stories.staffView(id, tx);
    if (!story) throw new NotFoundError('Story');
    return story;
  }
}
