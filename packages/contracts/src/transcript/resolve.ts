import { TITLE_WORDS } from './label.js';
import { editDistance, initialOf, normalizeName } from './normalize.js';
import type { ParsedTranscriptText, RawSpokenTurn, RawTurn } from './parse.js';
import type {
  ParseTranscriptResponse,
  ParsedSpokenTurn,
  ParsedTurn,
  TranscriptFlag,
  TranscriptPerson,
  UnresolvedLabel,
} from './schemas.js';

/**
 * Matches the labels of parsed turns to people. Two steps for the API:
 *   1. `candidateNames(rawTurns)` -> folded names to look up in the registry: a person is a
 *      candidate when their folded display name, "given family" name, an alias or their family
 *      name is in the list (see `normalizeName`);
 *   2. `resolveSpeakers(rawTurns, candidates)`.
 *
 * A label matches, in this order (confidence in MATCH_CONFIDENCE):
 *   - the family name of a speaker already introduced in this transcript ("KIM" after
 *     "LUCIAN KIM, BYLINE");
 *   - a full name or alias, after dropping title words in front ("PRESIDENT DONALD TRUMP" ->
 *     Donald Trump, title PRESIDENT); a title of unknown words is accepted at lower confidence;
 *   - the initial form "M DROB" (introduced speaker first, then the registry);
 *   - a title and an introduced speaker's family name ("PRESIDENT BUSH");
 *   - a family name alone before any introduction, when one registry person has it.
 * Role and title are those read from the label (later references read none; the renderer takes
 * a speaker's role and title from their first turn that has them). Labels nobody matches are
 * listed in `unresolved`, grouped with their later surname references.
 */

export const MATCH_CONFIDENCE = {
  fullName: 1,
  titledName: 0.95,
  alias: 0.9,
  laterReference: 0.9,
  initialReference: 0.9,
  titledAlias: 0.85,
  titledLaterReference: 0.7,
  /** Ceiling for a label marked "(ph)". */
  unverifiedLabel: 0.7,
  guessedTitle: 0.6,
  familyNameOnly: 0.5,
} as const;

export interface ResolvedTranscript {
  turns: ParsedTurn[];
  unresolved: UnresolvedLabel[];
}

/** Folded names (every trailing run of each label's words) the registry should be asked for. */
export function candidateNames(rawTurns: readonly RawTurn[]): string[] {
  const names = new Set<string>();
  for (const turn of rawTurns) {
    if (turn.kind !== 'spoken') continue;
    for (let k = 0; k < turn.words.length; k++) names.add(normalizeName(turn.words.slice(k).join(' ')));
  }
  names.delete('');
  return [...names].sort();
}

interface Hit {
  person: TranscriptPerson;
  confidence: number;
  titleWords: string[];
  inferred?: boolean;
}
type Match = Hit | { ambiguous: TranscriptPerson[] } | null;

const familyKey = (person: TranscriptPerson) => normalizeName(person.familyName);
const unique = (people: TranscriptPerson[]) => [...new Map(people.map((p) => [p.id, p])).values()];

class Registry {
  readonly byName = new Map<string, { person: TranscriptPerson; alias: boolean }[]>();
  readonly byFamily = new Map<string, TranscriptPerson[]>();
  constructor(people: readonly TranscriptPerson[]) {
    for (const person of people) {
      this.addName(person.displayName, person, false);
      this.addName(`${person.givenName} ${person.familyName}`, person, false);
      for (const alias of person.aliases ?? []) this.addName(alias, person, true);
      const family = this.byFamily.get(familyKey(person)) ?? [];
      if (!family.some((p) => p.id === person.id)) family.push(person);
      this.byFamily.set(familyKey(person), family);
    }
  }
  private addName(name: string, person: TranscriptPerson, alias: boolean) {
    const key = normalizeName(name);
    if (!key) return;
    const entries = this.byName.get(key) ?? [];
    const existing = entries.find((e) => e.person.id === person.id);
    if (existing) existing.alias &&= alias;
    else entries.push({ person, alias });
    this.byName.set(key, entries);
  }
}

class Resolver {
  /** Introduced speakers by folded family name, in order of introduction. */
  private readonly introduced = new Map<string, TranscriptPerson[]>();
  constructor(private readonly registry: Registry) {}

  introduce(person: TranscriptPerson) {
    const list = this.introduced.get(familyKey(person)) ?? [];
    if (!list.some((p) => p.id === person.id)) list.push(person);
    this.introduced.set(familyKey(person), list);
  }

  private isIntroduced(person: TranscriptPerson) {
    return (this.introduced.get(familyKey(person)) ?? []).some((p) => p.id === person.id);
  }

  match(words: string[]): Match {
    const whole = normalizeName(words.join(' '));
    const later = this.introduced.get(whole);
    if (later?.[0])
      return later.length === 1 ? { person: later[0], confidence: MATCH_CONFIDENCE.laterReference, titleWords: [] } : { ambiguous: later };

    for (let k = 0; k < words.length; k++) {
      const entries = this.registry.byName.get(normalizeName(words.slice(k).join(' ')));
      if (!entries?.length) continue;
      const introduced = entries.filter((e) => this.isIntroduced(e.person));
      const entry = entries.length === 1 ? entries[0] : introduced.length === 1 ? introduced[0] : undefined;
      if (!entry) return { ambiguous: entries.map((e) => e.person) };
      const titleWords = words.slice(0, k);
      if (k === 0)
        return { person: entry.person, titleWords, confidence: entry.alias ? MATCH_CONFIDENCE.alias : MATCH_CONFIDENCE.fullName };
      const knownTitle =
        titleWords.every((w) => TITLE_WORDS.has(w)) || normalizeName(titleWords.join(' ')) === normalizeName(entry.person.labelTitle ?? '');
      if (!knownTitle) return { person: entry.person, titleWords, confidence: MATCH_CONFIDENCE.guessedTitle, inferred: true };
      return { person: entry.person, titleWords, confidence: entry.alias ? MATCH_CONFIDENCE.titledAlias : MATCH_CONFIDENCE.titledName };
    }

    const [first = '', ...rest] = words;
    if (rest.length && /^\p{Lu}\.?$/u.test(first)) {
      const family = normalizeName(rest.join(' '));
      const initial = first.charAt(0);
      const sameInitial = (p: TranscriptPerson) => initialOf(p.givenName || p.displayName) === initial;
      const introduced = (this.introduced.get(family) ?? []).filter(sameInitial);
      if (introduced.length === 1 && introduced[0])
        return { person: introduced[0], confidence: MATCH_CONFIDENCE.initialReference, titleWords: [] };
      const known = (this.registry.byFamily.get(family) ?? []).filter(sameInitial);
      if (known.length === 1 && known[0])
        return { person: known[0], confidence: MATCH_CONFIDENCE.familyNameOnly, titleWords: [], inferred: true };
      if (known.length > 1) return { ambiguous: known };
    }

    for (let k = 1; k < words.length; k++) {
      const introduced = this.introduced.get(normalizeName(words.slice(k).join(' ')));
      if (introduced?.length === 1 && introduced[0]) {
        return { person: introduced[0], confidence: MATCH_CONFIDENCE.titledLaterReference, titleWords: words.slice(0, k) };
      }
    }

    const family = this.registry.byFamily.get(whole) ?? [];
    if (family.length === 1 && family[0])
      return { person: family[0], confidence: MATCH_CONFIDENCE.familyNameOnly, titleWords: [], inferred: true };
    return family.length > 1 ? { ambiguous: family } : null;
  }
}

const speakerOf = (p: TranscriptPerson) => ({ id: p.id, slug: p.slug, displayName: p.displayName });

function baseTurn(turn: RawSpokenTurn): ParsedSpokenTurn {
  return {
    label: turn.label,
    personId: null,
    speaker: null,
    unidentified: turn.unidentified,
    role: turn.role,
    title: turn.title,
    annotation: turn.annotation,
    text: turn.text,
    description: turn.description,
    confidence: 0,
    flags: [...turn.flags],
    unverifiedSpellings: [...turn.unverifiedSpellings],
    ...(turn.startMs !== undefined && turn.endMs !== undefined
      ? { startMs: turn.startMs, endMs: turn.endMs, ...(turn.marks?.length ? { marks: turn.marks } : {}) }
      : {}),
  };
}

interface Pending {
  entry: UnresolvedLabel;
  words: string[];
  ambiguous: TranscriptPerson[] | null;
}

export function resolveSpeakers(rawTurns: readonly RawTurn[], people: readonly TranscriptPerson[]): ResolvedTranscript {
  const registry = new Registry(people);
  const resolver = new Resolver(registry);
  const pending = new Map<string, Pending>(); // unresolved labels by folded name
  const pendingFamily = new Map<string, Pending>(); // ... and by their last word, for later references
  const turns: ParsedTurn[] = [];

  const addFlag = (turn: ParsedSpokenTurn, flag: TranscriptFlag) => {
    if (!turn.flags.includes(flag)) turn.flags.push(flag);
  };

  rawTurns.forEach((raw, index) => {
    if (raw.kind === 'cue') {
      turns.push(
        raw.startMs !== undefined && raw.endMs !== undefined ? { cue: raw.cue, startMs: raw.startMs, endMs: raw.endMs } : { cue: raw.cue },
      );
      return;
    }
    const turn = baseTurn(raw);
    turns.push(turn);
    if (raw.unidentified) turn.confidence = 1;
    if (raw.label === null || raw.unidentified || raw.words.length === 0) return;

    const match = resolver.match(raw.words);
    if (match && 'person' in match) {
      resolver.introduce(match.person);
      turn.personId = match.person.id;
      turn.speaker = speakerOf(match.person);
      const title = [raw.titlePrefix, ...match.titleWords].filter(Boolean).join(' ').toUpperCase();
      turn.title = title || null;
      turn.confidence = /\(ph\)/i.test(raw.label) ? Math.min(match.confidence, MATCH_CONFIDENCE.unverifiedLabel) : match.confidence;
      if (match.inferred) addFlag(turn, 'inferred');
      return;
    }

    addFlag(turn, match ? 'ambiguous' : 'unresolved');
    const key = normalizeName(raw.name ?? raw.label);
    const known = pending.get(key) ?? pendingFamily.get(key);
    if (known) {
      known.entry.turnIndexes.push(index);
      return;
    }
    const created: Pending = {
      entry: { label: raw.label, turnIndexes: [index] },
      words: raw.words,
      ambiguous: match ? match.ambiguous : null,
    };
    pending.set(key, created);
    const nameWords = (raw.name ?? '').split(' ');
    if (nameWords.length > 1) pendingFamily.set(normalizeName(nameWords[nameWords.length - 1] ?? ''), created);
  });

  const unresolved = [...pending.values()].map(({ entry, words, ambiguous }) => ({
    ...entry,
    suggestions: (ambiguous ?? suggest(words, people)).map(speakerOf),
  }));
  return { turns, unresolved };
}

/** The whole `POST /api/transcripts/parse` answer for a parsed text and the candidate people. */
export function resolveTranscript(parsed: ParsedTranscriptText, people: readonly TranscriptPerson[]): ParseTranscriptResponse {
  return { ...resolveSpeakers(parsed.turns, people), credit: parsed.credit };
}

/** Up to five people a label might mean: same family name as one of its words, or a near spelling. */
function suggest(words: string[], people: readonly TranscriptPerson[]): TranscriptPerson[] {
  const folded = new Set(words.map(normalizeName));
  const tails = words.map((_, k) => normalizeName(words.slice(k).join(' '))).filter((tail) => tail.length > 3);
  const near = (p: TranscriptPerson) => tails.some((tail) => editDistance(tail, normalizeName(p.displayName), 2) <= 2);
  const close = people.filter((p) => folded.has(familyKey(p)) || near(p));
  return unique(close).slice(0, 5);
}
