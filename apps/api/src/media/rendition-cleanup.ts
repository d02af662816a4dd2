import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONFIG, type Config } from '../config.js';
import { ImageRenditionsRepository } from './image-renditions.repository.js';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage.js';

/** Rows deleted per transaction (a pass repeats until fewer come back). */
const CLEANUP_BATCH = 500;

export interface CleanupResult {
  /** Another process held the cleanup lock: this one did nothing. */
  skipped: boolean;
  /** Renditions seen referenced in this run (only those not marked within the hour). */
  marked: number;
  /** The keys whose rows and files this run deleted. */
  deleted: string[];
}

/**
 * Rendition cleanup (docs/images.md "Rendition cleanup"): deletes the renditions no live output
 * references (ImageRenditionsRepository's REFERENCED_KEYS) and that have not been referenced, nor
 * made, for IMAGE_RENDITION_GRACE_DAYS days — the row in a transaction holding the cleanup's
 * advisory lock (any number of processes run it; one works, the others skip), then the file through
 * MediaStorage once that has committed. A crash between the two leaves a file without a row: its
 * URL already answers 404 (only keys with a row are served); the bytes are orphaned, never served.
 */
@Injectable()
export class RenditionCleanup {
  private readonly logger = new Logger('rendition-cleanup');

  constructor(
    private readonly repository: ImageRenditionsRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(CONFIG) private readonly config: Pick<Config, 'IMAGE_RENDITION_GRACE_DAYS'>,
  ) {}

  async run(): Promise<CleanupResult> {
    const result: CleanupResult = { skipped: false, marked: 0, deleted: [] };
    for (;;) {
      const pass = await this.repository.transaction((tx) =>
        this.repository.cleanupPass(tx, this.config.IMAGE_RENDITION_GRACE_DAYS, CLEANUP_BATCH),
      );
      if (!pass.locked) return { ...result, skipped: result.deleted.length === 0 };
      result.marked += pass.marked;
      for (const row of pass.deleted) {
        await this.storage.delete(row.key);
        result.deleted.push(row.key);
      }
      if (pass.deleted.length < CLEANUP_BATCH) break;
    }
    if (result.deleted.length) this.logger.log({ deleted: result.deleted.length }, 'unreferenced renditions deleted');
    return result;
  }
}
