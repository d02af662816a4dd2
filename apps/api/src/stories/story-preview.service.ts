import { Injectable } from '@nestjs/common';
import { StoryPreviewSchema, type StoryPreview } from '@newsdesk/contracts';
import { NotFoundError } from '../common/errors.js';
import { PublicStoriesRepository } from '../public/public-stories.repository.js';

/**
 * Staff preview: a story in any state as readers will get it. The story JSON is built by the public
 * read side's one serializer (PublicStoriesRepository.previewById, the statement of the public story
 * without its LIVE filter), so a preview and the published story cannot drift apart. Nothing here
 * touches the public cache: a preview is answered fresh each time, no-store (the controller).
 */
@Injectable()
export class StoryPreviewService {
  constructor(private readonly publicStories: PublicStoriesRepository) {}

  async preview(id: string): Promise<StoryPreview> {
    const row = await this.publicStories.previewById(id);
    if (!row) throw new NotFoundError('Story');
    return StoryPreviewSchema.parse({
      story: JSON.parse(row.body) as unknown,
      preview: {
        storyId: id,
        status: row.status,
        version: row.version,
        revision: null,
        live: row.live,
        embargoUntil: row.embargo_until?.toISOString() ?? null,
        generatedAt: new Date().toISOString(),
      },
    });
  }
}
