import {
  TranscriptInputSchema,
  candidateNames,
  isCueTurn,
  normalizeName,
  parseTranscript,
  resolveTranscript,
  withPhSpans,
  type TranscriptPerson,
} from '@newsdesk/contracts';
import { DemoRepository } from './demo.repository.js';
import type { DataSource } from 'typeorm';
import { EMPTY_TRANSCRIPT, readTranscript, saveTranscript } from '../transcripts/transcript-rows.js';

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
 * The demo's copy adds one spelling the desk has not checked yet, marked "(ph)" as transcribers do
 * (a fictional spokeswoman): import makes it an unverified span, so the "(ph)" desk lists the story
 * and its public text prints "(ph)" (the demo newsroom's rule is 'render').
 */
export const DEMO_MOSCOW_TRANSCRIPT = MOSCOW_TRANSCRIPT.replace(
  'the capital of Kazakhstan.',
  'the capital of Kazakhstan, where a foreign ministry spokeswoman, Aigerim Nurlanova (ph), called them a first step.',
);

/**
 * Gives the demo Moscow story its transcript, once: when the story and its speakers exist and it
 * has no turns yet. The story's first revision gets the transcript too, as if it had been written
 * with it. Returns whether it did.
 */
export async function loadDemoTranscripts(db: DataSource): Promise<boolean> {
  const seed = new DemoRepository(db);
  return db.transaction(async (tx) => {
    const story = await seed.lockStoryWithoutTranscript(MOSCOW_SLUG, tx);
    if (!story) return false;
    const parsed = parseTranscript(DEMO_MOSCOW_TRANSCRIPT);
    const rows = await seed.peopleByNameKeys(candidateNames(parsed.turns).map(normalizeName), tx);
    const people: TranscriptPerson[] = rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      displayName: row.display_name,
      givenName: row.given_name,
      familyName: row.family_name,
      aliases: row.aliases,
    }));
    const resolved = resolveTranscript(parsed, people);
    if (resolved.unresolved.length) return false; // the demo people are not there (yet)
    // "Name (ph)" becomes an unverified spelling span, as the parse endpoint does.
    const { turns } = TranscriptInputSchema.parse({ turns: resolved.turns.map((turn) => (isCueTurn(turn) ? turn : withPhSpans(turn))) });
    const saved = await saveTranscript(tx, story.id, turns, EMPTY_TRANSCRIPT);
    if (!saved) return false;
    await seed.setDemoTranscript(story.id, saved.text, parsed.credit ?? '', JSON.stringify(saved.transcript), tx);
    return true;
  });
}

/**
 * Times the demo Moscow story's transcript against its primary audio (the demo tone), once: when
 * the story has turns, none of them timed, and a primary audio of known duration. Each turn gets a
 * share of the audio proportional to its characters, so transcript.vtt/.srt/.json answer on
 * `npm start`. Run after loadDemoAudio. Returns whether it did.
 */
export async function loadDemoTimings(db: DataSource): Promise<boolean> {
  const seed = new DemoRepository(db);
  return db.transaction(async (tx) => {
    const story = await seed.lockUntimedStoryWithAudio(MOSCOW_SLUG, tx);
    if (!story) return false;
    const current = await readTranscript(tx, story.id);
    const weights = current.turns.map((turn) => (isCueTurn(turn) ? 20 : Math.max(20, turn.text.length)));
    const total = weights.reduce((sum, w) => sum + w, 0);
    const span = story.duration_ms - 1;
    if (span < current.turns.length * 2) return false;
    let used = 0;
    const timed = current.turns.map((turn, i) => {
      const startMs = Math.floor((span * used) / total);
      used += weights[i] ?? 0;
      const endMs = Math.max(startMs + 1, Math.floor((span * used) / total));
      return { ...turn, startMs, endMs };
    });
    const saved = await saveTranscript(tx, story.id, timed, current);
    if (!saved) return false;
    await seed.setDemoTranscript(story.id, saved.text, '', JSON.stringify(saved.transcript), tx);
    return true;
  });
}
