import { Injectable } from '@nestjs/common';
import { StoryPreviewSchema, type StoryPreview } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../common/errors.js';
import { PublicStoriesRepository, type StoryPreviewRow } from '../public/public-stories.repository.js';
import { StoriesRepository } from './stories.repository.js';
import { StoriesService } from './stories.service.js';

/** How many times a revision preview starts again when a save lands between reading the version and locking the row. */
const STALE_RETRIES = 3;

/** Rolls a revision preview's transaction back with what it read. */
class RolledBack extends Error {
  constructor(readonly row: StoryPreviewRow | null) {
    super('preview transaction rolled back');
  }
}

/**
 * Staff preview: a story in any state as readers will get it. The story JSON is built by the public
 * read side's one serializer (PublicStoriesRepository.previewById, the statement of the public story
 * without its LIVE filter), so a preview and the published story cannot drift apart. Nothing here
 * touches the public cache: a preview is answered fresh each time, no-store (the controller).
 *
 * At a revision: in ONE transaction, the revision is applied to the story exactly as a restore does
 * (StoriesService.applyRevision, the restore's own code), the story is serialized as that
 * transaction sees it, and the transaction is ROLLED BACK. Nothing is kept: not the version, the
 * revision, the audit entry nor the outbox event the restore writes; and the public cache's NOTIFY
 * triggers fire only at a commit, so no process learns of it. The story row is locked (FOR UPDATE)
 * for the length of that transaction, like a save.
 */
@Injectable()
export class StoryPreviewService {
  constructor(
    private readonly db: DataSource,
    private readonly publicStories: PublicStoriesRepository,
    private readonly stories: StoriesService,
    private readonly storyRows: StoriesRepository,
  ) {}

  /** The story now, or at `revision` (applied as by `as`, who stamps the rolled-back save). */
  async preview(id: string, revision?: number | null, as?: Principal): Promise<StoryPreview> {
    if (revision == null) return this.answer(id, await this.publicStories.previewById(id), null);
    if (!as) throw new Error('a revision preview needs someone to apply it as');
    for (let attempt = 1; ; attempt++) {
      try {
        const version = await this.storyRows.versionOf(this.db, id);
        if (version === undefined) throw new NotFoundError('Story');
        const row = await this.rolledBack(async (tx) => {
          await this.stories.applyRevision(id, revision, version, as, tx);
          return this.publicStories.previewById(id, tx);
        });
        // The version the story has (the rolled-back save's is gone with it).
        return this.answer(id, row && { ...row, version }, revision);
      } catch (error) {
        if (error instanceof StaleVersionError && attempt < STALE_RETRIES) continue;
        if (error instanceof StaleVersionError) throw new ConflictError('The story is being saved right now; try the preview again.');
        // The revision names something that is gone (an audio asset, a tag) or a slug another story has taken now.
        if (error instanceof ValidationError)
          throw new ConflictError(
            `Revision ${revision} cannot be shown as it was: ${error.errors.map((item) => `${item.field}: ${item.message}`).join('; ')}`,
          );
        throw error;
      }
    }
  }

  private answer(id: string, row: StoryPreviewRow | null, revision: number | null): StoryPreview {
    if (!row) throw new NotFoundError('Story');
    return StoryPreviewSchema.parse({
      story: JSON.parse(row.body) as unknown,
      preview: {
        storyId: id,
        status: row.status,
        version: row.version,
        revision,
        live: row.live,
        embargoUntil: row.embargo_until?.toISOString() ?? null,
        generatedAt: new Date().toISOString(),
      },
    });
  }

  /** Runs `work` in a transaction that is always rolled back, and returns what it read. */
  private async rolledBack(work: (tx: EntityManager) => Promise<StoryPreviewRow | null>): Promise<StoryPreviewRow | null> {
    try {
      await this.db.transaction(async (tx) => {
        throw new RolledBack(await work(tx));
      });
    } catch (outcome) {
      if (outcome instanceof RolledBack) return outcome.row;
      throw outcome;
    }
    throw new Error('unreachable: the preview transaction committed');
  }
}
