import { Injectable } from '@nestjs/common';
import type { FieldError, SpellingDeskPage, SpellingDeskQuery } from '@newsdesk/contracts';
import { decodeCursor } from '../common/cursor.js';
import type { Db } from '../common/db.js';
import { SpellingDeskRepository } from './spelling-desk.repository.js';

/**
 * The "(ph)" desk: the queue of unverified spellings across stories (newest edit first, by
 * program), and the publish check of the newsroom setting `unverifiedSpellings: 'block'`.
 * Verifying or correcting a spelling is a story write (the editor's save), so it is versioned,
 * revisioned and audited like every other edit of the transcript.
 */
@Injectable()
export class SpellingDeskService {
  constructor(private readonly desk: SpellingDeskRepository) {}

  page(query: SpellingDeskQuery): Promise<SpellingDeskPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    return this.desk.page(query.limit, query.program, after);
  }

  /**
   * With the setting on 'block': one problem per unverified spelling of the story, naming
   * `transcript.turns.N.spellings.K`; none with 'render' (public outputs print "(ph)" after them).
   */
  async publishProblems(tx: Db, storyId: string): Promise<FieldError[]> {
    if (!(await this.desk.blocks(tx))) return [];
    return (await this.desk.unverified(tx, storyId)).map((span) => ({
      field: `transcript.turns.${span.position}.spellings.${span.k}`,
      message: `The spelling “${span.spelling}” is unverified (ph): verify or correct it first (this newsroom does not publish unverified spellings)`,
    }));
  }
}
