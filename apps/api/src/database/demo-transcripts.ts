import { TranscriptInputSchema, candidateNames, normalizeName, parseTranscript, resolveTranscript, type TranscriptPerson } from '@newsdesk/contracts';
import type { DataSource } from 'typeorm';
import { EMPTY_TRANSCRIPT, saveTranscript } from '../transcripts/transcript-rows.js';

/**
 * The demo Moscow story's broadcast transcript, with the seed story's structure (the reporter
 * introduced with BYLINE, a titled newsmaker, the reporter by surname afterwards, a turn of only
 * "(Speaking Russian)", multi-paragraph turns, the sign-off sharing its paragraph with the credit
 * line). Written for the demo: the facts follow the seed, the sentences are our own.
 */
export const MOSCOW_TRANSCRIPT = `LUCIAN KIM, BYLINE: The new American president kept foreign affairs to a few lines in his inaugural speech. The lines he did spend on the world were about teaming up with other nations when their interests line up.

PRESIDENT DONALD TRUMP: We will build new partnerships and strengthen the ones we have, and we will stand together against radical Islamic terrorism until it is gone.

KIM: In Moscow, officials are doing their best to look like they were there first. Russia's military has announced several strategic bomber raids on ISIS in Syria since Inauguration Day, and it now claims the American-led coalition helped pick the targets for one of them.

Washington tells a different story. A senior U.S. defense official says the Pentagon passed nothing to Moscow and had no aircraft in that operation. On the same day, Syria talks sponsored by Russia, Iran and Turkey got under way in Astana, the capital of Kazakhstan.

KIM: Vladimir Putin has been pitching the idea of a grand coalition against terrorism since his speech at the United Nations in September 2015, likening it to the wartime alliance that beat Nazi Germany. Within days of that speech, Russian jets were bombing in Syria in support of President Bashar al-Assad - though critics say the strikes mostly hit rebels, not ISIS.

Since then, Moscow has helped Assad take back Aleppo and has drawn rebel groups into negotiations. Foreign Minister Sergey Lavrov says the Trump administration is welcome to join in - as a partner.

SERGEY LAVROV: (Speaking Russian).

KIM: Lavrov told reporters he could not imagine anyone disputing that terrorism is the shared first concern of every government. In his reading, a president who ranks national interest above ideology thinks the way the Kremlin does - and that, he suggested, is the basis for a fresh start with Washington, beginning with a common campaign against ISIS. Lucian Kim, Newsdesk News, Moscow. Transcript provided by the Newsdesk demo newsroom.`;

const MOSCOW_SLUG = 'kremlin-pitches-joint-fight-against-isis-to-trump';

/**
 * Gives the demo Moscow story its transcript, once: when the story and its speakers exist and it
 * has no turns yet. The story's first revision gets the transcript too, as if it had been written
 * with it. Returns whether it did.
 */
export async function loadDemoTranscripts(db: DataSource): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [story]: Array<{ id: string }> = await tx.query(
      `SELECT id FROM stories s WHERE slug = $1 AND NOT EXISTS (SELECT 1 FROM transcript_turns t WHERE t.story_id = s.id) FOR UPDATE`,
      [MOSCOW_SLUG],
    );
    if (!story) return false;
    const parsed = parseTranscript(MOSCOW_TRANSCRIPT);
    const rows: Array<{ id: string; slug: string; display_name: string; given_name: string; family_name: string; aliases: string[] }> = await tx.query(
      `SELECT p.id, p.slug, p.display_name, p.given_name, p.family_name, p.aliases FROM people p
        WHERE p.id IN (SELECT person_id FROM person_search_keys WHERE name_key = ANY($1::text[]))`,
      [candidateNames(parsed.turns).map(normalizeName)],
    );
    const people: TranscriptPerson[] = rows.map((row) => ({
      id: row.id, slug: row.slug, displayName: row.display_name, givenName: row.given_name, familyName: row.family_name, aliases: row.aliases,
    }));
    const resolved = resolveTranscript(parsed, people);
    if (resolved.unresolved.length) return false; // the demo people are not there (yet)
    const { turns } = TranscriptInputSchema.parse({ turns: resolved.turns });
    const saved = await saveTranscript(tx, story.id, turns, EMPTY_TRANSCRIPT);
    if (!saved) return false;
    await tx.query(`UPDATE stories SET transcript_text = $2, credit = COALESCE(NULLIF(credit, ''), $3) WHERE id = $1`, [story.id, saved.text, parsed.credit ?? '']);
    await tx.query(
      `UPDATE story_revisions SET snapshot = jsonb_set(snapshot, '{transcript}', $2::jsonb),
              changed_fields = CASE WHEN 'transcript' = ANY(changed_fields) THEN changed_fields ELSE array_append(changed_fields, 'transcript') END
        WHERE story_id = $1 AND n = 1`,
      [story.id, JSON.stringify(saved.transcript)],
    );
    return true;
  });
}
