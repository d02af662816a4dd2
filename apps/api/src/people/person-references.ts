import type { EntityManager } from 'typeorm';
import { lockStoriesOf, rerenderStories } from '../transcripts/transcript-rows.js';

/**
 * Every reference to a person from outside the people tables, moved from `fromId` to `toId` when
 * a duplicate is merged into its survivor. Runs inside the merge's transaction, after both people
 * are locked and before the duplicate is deleted; a reference left pointing at the duplicate
 * would block (or cascade with) that delete.
 *
 * Add each new kind of reference here, in the feature that owns it:
 *   - person tags:  UPDATE tags SET person_id = $2 WHERE person_id = $1
 */
export async function movePersonReferences(tx: EntityManager, fromId: string, toId: string): Promise<void> {
  // The staff profile: the merge has already checked that the survivor has none of its own.
  await tx.query(`UPDATE correspondents SET person_id = $2, version = version + 1, updated_at = now() WHERE person_id = $1`, [fromId, toId]);
  // Transcript turns: the duplicate's turns become the survivor's, and every story the survivor now
  // speaks in is labelled again (a first reference may now be a later one: "KIM", not "LUCIAN KIM, BYLINE").
  // Both people are locked; their stories are locked before their turns change (people, then stories: see lockSpeakers).
  const stories = await lockStoriesOf(tx, [fromId, toId]);
  await tx.query(`UPDATE transcript_turns SET person_id = $2 WHERE person_id = $1`, [fromId, toId]);
  await rerenderStories(tx, stories);
  // Ids the duplicate left behind (open editors, old revisions) lead to the survivor from now on.
  await tx.query(`UPDATE person_merges SET into_id = $2 WHERE into_id = $1`, [fromId, toId]);
  await tx.query(`INSERT INTO person_merges (from_id, into_id) VALUES ($1, $2) ON CONFLICT (from_id) DO UPDATE SET into_id = $2, merged_at = now()`, [fromId, toId]);
}
