import { initialOf, normalizeName } from './normalize.js';
import type { PublicTranscriptTurn, TranscriptPerson } from './schemas.js';

/**
 * Renders stored turns with their labels by the public-radio broadcast convention. Pure: the
 * admin preview and the public API call it with the same data and get the same labels.
 *
 * The convention, exactly:
 * - A speaker's FIRST turn in the story: staff and anyone with a role get full name + ", " +
 *   role ("LUCIAN KIM, BYLINE", "STEVE INSKEEP, HOST"); newsmakers their name alone, after
 *   their title as of this story when one is set ("PRESIDENT DONALD TRUMP", "SERGEY LAVROV").
 *   A speaker's role and title are those of their first turn that has one (later turns
 *   usually carry none, as parsing "KIM:" reads none).
 * - Every LATER turn: the family name alone ("KIM").
 * - Two or more speakers of the story sharing a family name (decided up front for the whole
 *   story, so even turns before the second one is introduced): later turns of ALL of them use
 *   the given name's initial ("M DROB" / "V DROB"). Should the initials collide too, those
 *   speakers' later turns use their full name.
 * - Unidentified speakers: "UNIDENTIFIED <DESCRIPTOR>", numbered "#1", "#2" (by first
 *   appearance) only when the story has two or more distinct unidentified speakers of that
 *   descriptor; the stored numbers only tell speakers apart. A role, if any, is printed on the
 *   first turn only, as for named speakers.
 * - A turn with no person but a free `label` prints that label verbatim, every time.
 * - Cues stand alone, in capitals. Labels here carry no colon; `transcriptToText` adds it.
 */

/** A turn as stored (`TranscriptTurnInput`) or as parse returns it (`ParsedTurn`). */
export type RenderableTurn =
  | { cue: string }
  | {
      personId: string | null;
      unidentified?: { descriptor: string; number?: number | null } | null;
      role?: string | null;
      title?: string | null;
      annotation?: string | null;
      text: string;
      label?: string | null;
    };
type SpokenTurn = Exclude<RenderableTurn, { cue: string }>;

/** A turn names a person missing from the lookup and has no label to fall back on. */
export class TranscriptRenderError extends Error {
  override readonly name = 'TranscriptRenderError';
}

interface SpeakerInfo {
  role: string | null;
  title: string | null;
}

const firstNonNull = (info: SpeakerInfo | undefined, turn: SpokenTurn): SpeakerInfo => ({
  role: info?.role ?? turn.role ?? null,
  title: info?.title ?? turn.title ?? null,
});

export function renderTranscript(
  turns: readonly RenderableTurn[],
  people: ReadonlyMap<string, TranscriptPerson> | readonly TranscriptPerson[],
): PublicTranscriptTurn[] {
  const lookup: ReadonlyMap<string, TranscriptPerson> = 'get' in people ? people : new Map(people.map((p) => [p.id, p]));
  const personOf = (turn: SpokenTurn) => (turn.personId ? lookup.get(turn.personId) : undefined);
  const unidentifiedKey = (u: { descriptor: string; number?: number | null }) => `${u.descriptor}#${u.number ?? 0}`;

  // Pass 1: who speaks, with which role and title; family-name groups; unidentified speakers.
  const info = new Map<string, SpeakerInfo>();
  const families = new Map<string, TranscriptPerson[]>();
  const unidentified = new Map<string, string[]>(); // descriptor -> distinct keys by first appearance
  for (const turn of turns) {
    if ('cue' in turn) continue;
    const person = personOf(turn);
    if (person) {
      if (!info.has(person.id)) {
        const family = families.get(normalizeName(person.familyName)) ?? [];
        families.set(normalizeName(person.familyName), [...family, person]);
      }
      info.set(person.id, firstNonNull(info.get(person.id), turn));
    } else if (!turn.personId && turn.unidentified) {
      const key = unidentifiedKey(turn.unidentified);
      const keys = unidentified.get(turn.unidentified.descriptor) ?? [];
      if (!keys.includes(key)) unidentified.set(turn.unidentified.descriptor, [...keys, key]);
      info.set(key, firstNonNull(info.get(key), turn));
    }
  }

  const laterLabel = (person: TranscriptPerson): string => {
    const group = families.get(normalizeName(person.familyName)) ?? [];
    const family = person.familyName.toUpperCase();
    if (group.length < 2) return family;
    const initial = initialOf(person.givenName || person.displayName);
    const clash = group.some((other) => other.id !== person.id && initialOf(other.givenName || other.displayName) === initial);
    return clash ? person.displayName.toUpperCase() : `${initial} ${family}`;
  };
  const withRoleAndTitle = (name: string, speaker: SpeakerInfo | undefined) =>
    `${speaker?.title ? `${speaker.title} ` : ''}${name}${speaker?.role ? `, ${speaker.role}` : ''}`;

  // Pass 2: the labels.
  const introduced = new Set<string>();
  return turns.map((turn): PublicTranscriptTurn => {
    if ('cue' in turn) return { cue: turn.cue.trim().toUpperCase() };
    const annotation = turn.annotation ?? null;
    const person = personOf(turn);
    if (person) {
      const first = !introduced.has(person.id);
      introduced.add(person.id);
      const label = first ? withRoleAndTitle(person.displayName.toUpperCase(), info.get(person.id)) : laterLabel(person);
      return { label, speaker: { name: person.displayName, slug: person.slug }, annotation, text: turn.text };
    }
    if (!turn.personId && turn.unidentified) {
      const key = unidentifiedKey(turn.unidentified);
      const keys = unidentified.get(turn.unidentified.descriptor) ?? [];
      const number = keys.length > 1 ? ` #${keys.indexOf(key) + 1}` : '';
      const name = `UNIDENTIFIED ${turn.unidentified.descriptor}${number}`;
      const first = !introduced.has(key);
      introduced.add(key);
      const label = first ? `${name}${info.get(key)?.role ? `, ${info.get(key)?.role}` : ''}` : name;
      return { label, speaker: null, annotation, text: turn.text };
    }
    const label = turn.label?.trim();
    if (!label) throw new TranscriptRenderError(`No speaker for a turn (person ${turn.personId ?? 'none'} is not in the lookup)`);
    return { label, speaker: null, annotation, text: turn.text };
  });
}

/**
 * The broadcast plain text: one paragraph per turn, "LABEL: (Annotation) text", a turn of only
 * an annotation as "LABEL: (Speaking Russian).", cues as "(SOUNDBITE OF MUSIC)" paragraphs,
 * the credit line last. Paragraphs are separated by a blank line.
 */
export function transcriptToText(turns: readonly PublicTranscriptTurn[], credit?: string | null): string {
  const paragraphs = turns.map((turn) => {
    if ('cue' in turn) return `(${turn.cue})`;
    const annotation = turn.annotation ? ` (${turn.annotation})` : '';
    const text = turn.text ? ` ${turn.text}` : annotation ? '.' : '';
    return `${turn.label}:${annotation}${text}`;
  });
  if (credit?.trim()) paragraphs.push(credit.trim());
  return paragraphs.length ? `${paragraphs.join('\n\n')}\n` : '';
}

/** `renderTranscript` then `transcriptToText`: the story's `transcript.txt`. */
export function renderTranscriptText(
  turns: readonly RenderableTurn[],
  people: ReadonlyMap<string, TranscriptPerson> | readonly TranscriptPerson[],
  credit?: string | null,
): string {
  return transcriptToText(renderTranscript(turns, people), credit);
}
