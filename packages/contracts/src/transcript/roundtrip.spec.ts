import fc from 'fast-check';
import {
  ParseTranscriptResponseSchema,
  TranscriptInputSchema,
  parseTranscript,
  renderTranscript,
  resolveTranscript,
  transcriptToText,
  type ParsedTurn,
  type TranscriptPerson,
  type TranscriptTurnInput,
  type UnidentifiedSpeaker,
} from './index.js';

/**
 * Property: any transcript, rendered by the broadcast convention to plain text, parsed back and
 * resolved against the same people, gives back the same turns (speaker, role, title,
 * annotation, text; cues) and the same credit, with nothing unresolved.
 *
 * Turns are generated in the canonical form the convention can carry: a speaker's role and title
 * on their first turn only, unidentified speakers numbered 1, 2, ... by appearance per descriptor
 * (no number when a descriptor has one speaker), and texts whose paragraphs do not themselves
 * start like a label, a cue or a credit line.
 */

// Shared family names (Drob, Kim, Lee) and shared initials (Maria/Mikhail, Søren/Steve) on purpose.
const GIVEN = ['Maria', 'Mikhail', 'Viktor', 'Lucian', 'Steve', 'Søren', 'Amara', 'Élodie', 'Raj', 'Ines'];
const FAMILY = ['Drob', 'Kim', 'Lee', 'Lavrov', 'Okafor', 'Núñez', "O'Neill", 'al-Rashid', 'Mehta'];
const ROLES = ['BYLINE', 'HOST', 'GUEST HOST'];
const TITLES = ['PRESIDENT', 'FOREIGN MINISTER', 'SENATOR', 'DEPUTY MAYOR', 'U.S. AMBASSADOR'];
const ANNOTATIONS = ['Speaking Russian', 'Through interpreter', 'Singing', 'As Hamlet'];
const DESCRIPTORS = ['PERSON', 'MAN', 'WOMAN', 'GROUP OF PEOPLE'];
const CUES = ['SOUNDBITE OF MUSIC', 'CROSSTALK', 'LAUGHTER', 'SOUNDBITE OF ARCHIVED RECORDING', 'SOUNDBITE OF SONG, "LONG ROAD HOME"'];
const FIRST_WORDS = ['the', 'and', 'Moscow', 'Kremlin', 'well,', 'So', '"Yes,"', '“Never”', 'In', 'it'];
const WORDS = [
  ...FIRST_WORDS,
  'NATO',
  'U.S.',
  'ISIS',
  'KIM',
  '—',
  '-',
  'at',
  '10:30',
  'don’t',
  'said:',
  'Petrenko',
  '(ph)',
  '(LAUGHTER)',
  '(Laughs)',
  'quote,',
  'end.',
];

const paragraph = fc
  .tuple(fc.constantFrom(...FIRST_WORDS), fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }))
  .map(([first, rest]) => [first, ...rest].join(' '));
const text = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 6, arbitrary: fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((ps) => ps.join('\n\n')) },
);

const peopleArb = fc
  .uniqueArray(fc.record({ given: fc.constantFrom(...GIVEN), family: fc.constantFrom(...FAMILY) }), {
    minLength: 1,
    maxLength: 7,
    selector: (p) => `${p.given} ${p.family}`,
  })
  .map((names) =>
    names.map(({ given, family }, i): TranscriptPerson => ({
      id: `00000000-0000-4000-a000-${String(i + 1).padStart(12, '0')}`,
      slug: `person-${i + 1}`,
      displayName: `${given} ${family}`,
      givenName: given,
      familyName: family,
      aliases: [],
    })),
  );

// A speaker is a person (index into the pool) or an unidentified speaker (descriptor, raw id).
const speakerArb = fc.oneof(
  { weight: 4, arbitrary: fc.nat(6).map((i) => ({ kind: 'person' as const, i })) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('unidentified' as const), descriptor: fc.constantFrom(...DESCRIPTORS), id: fc.nat(2) }),
  },
);
const turnArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('spoken' as const),
      speaker: speakerArb,
      annotation: fc.option(fc.constantFrom(...ANNOTATIONS)),
      text,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cue' as const), cue: fc.constantFrom(...CUES) }) },
);
// Per-speaker role and title (applied to the speaker's first turn only).
const styleArb = fc.array(fc.record({ role: fc.option(fc.constantFrom(...ROLES)), title: fc.option(fc.constantFrom(...TITLES)) }), {
  minLength: 7 + DESCRIPTORS.length * 3,
  maxLength: 7 + DESCRIPTORS.length * 3,
});

type Generated = fc.Arbitrary<{ people: TranscriptPerson[]; turns: TranscriptTurnInput[]; credit: string | null }>;
const transcriptArb: Generated = fc
  .record({
    people: peopleArb,
    raw: fc.array(turnArb, { minLength: 1, maxLength: 25 }),
    styles: styleArb,
    credit: fc.option(fc.constant('Transcript provided by NPR, Copyright NPR.')),
  })
  .map(({ people, raw, styles, credit }) => {
    const seen = new Set<string>();
    const unidentifiedIds = new Map<string, number[]>();
    for (const turn of raw) {
      if (turn.kind === 'spoken' && turn.speaker.kind === 'unidentified') {
        const ids = unidentifiedIds.get(turn.speaker.descriptor) ?? [];
        if (!ids.includes(turn.speaker.id)) unidentifiedIds.set(turn.speaker.descriptor, [...ids, turn.speaker.id]);
      }
    }
    const turns = raw.map((turn): TranscriptTurnInput => {
      if (turn.kind === 'cue') return { cue: turn.cue };
      let personId: string | null = null;
      let unidentified: UnidentifiedSpeaker | null = null;
      let styleIndex: number;
      if (turn.speaker.kind === 'person') {
        const person = people[turn.speaker.i % people.length];
        personId = person?.id ?? null;
        styleIndex = turn.speaker.i % people.length;
      } else {
        const ids = unidentifiedIds.get(turn.speaker.descriptor) ?? [];
        unidentified = { descriptor: turn.speaker.descriptor, number: ids.length > 1 ? ids.indexOf(turn.speaker.id) + 1 : null };
        styleIndex = 7 + DESCRIPTORS.indexOf(turn.speaker.descriptor) * 3 + turn.speaker.id;
      }
      const key = personId ?? `${unidentified?.descriptor}#${unidentified?.number}`;
      const first = !seen.has(key);
      seen.add(key);
      const style = first ? styles[styleIndex] : undefined;
      return {
        personId,
        unidentified,
        role: style?.role ?? null,
        title: personId ? (style?.title ?? null) : null,
        annotation: turn.annotation,
        text: turn.text,
      };
    });
    return { people, turns, credit };
  });

/** The fields a story stores, for comparison. */
const essence = (turns: readonly (TranscriptTurnInput | ParsedTurn)[]) =>
  turns.map((t) =>
    'cue' in t
      ? { cue: t.cue }
      : {
          personId: t.personId,
          unidentified: t.unidentified ?? null,
          role: t.role,
          title: t.title,
          annotation: t.annotation,
          text: t.text,
        },
  );

describe('render -> text -> parse -> resolve', () => {
  it('gives back the same turns', () => {
    fc.assert(
      fc.property(transcriptArb, ({ people, turns, credit }) => {
        expect(TranscriptInputSchema.safeParse({ turns }).success).toBe(true);
        const text = transcriptToText(renderTranscript(turns, people), credit);
        const response = resolveTranscript(parseTranscript(text), people);
        expect(ParseTranscriptResponseSchema.safeParse(response).success).toBe(true);
        expect(response.unresolved).toEqual([]);
        expect(response.credit).toBe(credit);
        expect(essence(response.turns)).toEqual(essence(turns));
        // and the stored turns render the very same text again
        const stored = TranscriptInputSchema.parse({ turns: response.turns }).turns;
        expect(transcriptToText(renderTranscript(stored, people), response.credit)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });
});
