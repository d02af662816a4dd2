import type { EntityManager } from 'typeorm';

/**
 * Every reference to a person from outside the people tables, moved from `fromId` to `toId` when
 * a duplicate is merged into its survivor. Runs inside the merge's transaction, after both people
 * are locked and before the duplicate is deleted; a reference left pointing at the duplicate
 * would block (or cascade with) that delete.
 *
 * Add each new kind of reference here, in the feature that owns it:
 *   - transcripts:  UPDATE transcript_turns SET person_id = $2 WHERE person_id = $1
 *   - person tags:  UPDATE tags SET person_id = $2 WHERE person_id = $1
 */
export async function movePersonReferences(tx: EntityManager, fromId: string, toId: string): Promise<void> {
  // The staff profile: the merge has already checked that the survivor has none of its own.
  await tx.query(`UPDATE correspondents SET person_id = $2, version = version + 1, updated_at = now() WHERE person_id = $1`, [fromId, toId]);
}
