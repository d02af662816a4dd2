import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CorrespondentsRepository } from '../correspondents/correspondents.repository.js';
import { lockStoriesOf, moveTurns, rerenderStories } from '../transcripts/transcript-rows.js';
import { PeopleRepository } from './people.repository.js';

/**
 * Every reference to a person from outside the people tables, moved from `fromId` to `toId` when
 * a duplicate is merged into its survivor. Runs inside the merge's transaction, after both people
 * are locked and before the duplicate is deleted; a reference left pointing at the duplicate
 * would block (or cascade with) that delete.
 *
 * Add each new kind of reference here, through the repository of the feature that owns it:
 *   - person tags:  UPDATE tags SET person_id = $2 WHERE person_id = $1
 *   - rundown items' readers (PeopleRepository.moveReaders)
 */
@Injectable()
export class PersonReferences {
  constructor(
    private readonly people: PeopleRepository,
    private readonly profiles: CorrespondentsRepository,
  ) {}

  async move(tx: EntityManager, fromId: string, toId: string): Promise<void> {
    // The staff profile: the merge has already checked that the survivor has none of its own.
    await this.profiles.relinkPerson(tx, fromId, toId);
    // Transcript turns: the duplicate's turns become the survivor's, and every story the survivor now
    // speaks in is labelled again (a first reference may now be a later one: "KIM", not "LUCIAN KIM, BYLINE").
    // Both people are locked; their stories are locked before their turns change (people, then stories: see lockSpeakers).
    const stories = await lockStoriesOf(tx, [fromId, toId]);
    await moveTurns(tx, fromId, toId);
    await rerenderStories(tx, stories);
    // Scripts the duplicate was to read are the survivor's (their pace times them from now on).
    await this.people.moveReaders(tx, fromId, toId);
    // Ids the duplicate left behind (open editors, old revisions) lead to the survivor from now on.
    await this.people.recordMerge(tx, fromId, toId);
  }
}
