import {
  PublicTranscriptSchema,
  TranscriptInputSchema,
  TranscriptRenderError,
  isCueTurn,
  renderTranscript,
  renderTranscriptText,
  transcriptToText,
  type RenderableTurn,
  type TranscriptPerson,
} from './index.js';

let n = 0;
const person = (givenName: string, familyName: string, extra: Partial<TranscriptPerson> = {}): TranscriptPerson => {
  n += 1;
  return {
    id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    slug: `${givenName}-${familyName}`.toLowerCase(),
    displayName: `${givenName} ${familyName}`,
    givenName,
    familyName,
    aliases: [],
    ...extra,
  };
};
const kim = person('Lucian', 'Kim', { isStaff: true });
const inskeep = person('Steve', 'Inskeep', { isStaff: true });
const trump = person('Donald', 'Trump');
const lavrov = person('Sergey', 'Lavrov');
const maria = person('Maria', 'Drob');
const viktor = person('Viktor', 'Drob');
const mikhail = person('Mikhail', 'Drob');
const people = [kim, inskeep, trump, lavrov, maria, viktor, mikhail];

type Extra = { role?: string; title?: string; annotation?: string };
const says = (who: TranscriptPerson, text = 'Words.', extra: Extra = {}): RenderableTurn => ({ personId: who.id, text, ...extra });
const unknown = (descriptor: string, number: number | null, extra: Extra = {}): RenderableTurn => ({
  personId: null,
  unidentified: { descriptor, number },
  text: 'Words.',
  ...extra,
});
const labelsOf = (turns: RenderableTurn[]) => renderTranscript(turns, people).map((t) => ('label' in t ? t.label : `(${t.cue})`));

describe('renderTranscript', () => {
  it('prints full name and role, or title and name, first; the family name later', () => {
    const turns = [
      says(kim, 'a', { role: 'BYLINE' }),
      says(trump, 'b', { title: 'PRESIDENT' }),
      says(kim),
      says(lavrov),
      says(trump),
      says(lavrov),
    ];
    expect(labelsOf(turns)).toEqual(['LUCIAN KIM, BYLINE', 'PRESIDENT DONALD TRUMP', 'KIM', 'SERGEY LAVROV', 'TRUMP', 'LAVROV']);
  });

  it('prints a host and two guests', () => {
    const turns = [says(inskeep, 'x', { role: 'HOST' }), says(lavrov), says(trump), says(inskeep), says(lavrov), says(trump)];
    expect(labelsOf(turns)).toEqual(['STEVE INSKEEP, HOST', 'SERGEY LAVROV', 'DONALD TRUMP', 'INSKEEP', 'LAVROV', 'TRUMP']);
  });

  it('takes a speaker’s role and title from their first turn that has one', () => {
    expect(labelsOf([says(kim), says(kim, 'x', { role: 'BYLINE' })])).toEqual(['LUCIAN KIM, BYLINE', 'KIM']);
    expect(labelsOf([says(kim, 'x', { role: 'HOST', title: 'SENIOR EDITOR' })])).toEqual(['SENIOR EDITOR LUCIAN KIM, HOST']);
  });

  it('gives ALL later references of speakers sharing a family name the initial, decided up front', () => {
    const turns = [says(maria), says(maria), says(kim), says(viktor), says(maria), says(viktor)];
    expect(labelsOf(turns)).toEqual(['MARIA DROB', 'M DROB', 'LUCIAN KIM', 'VIKTOR DROB', 'M DROB', 'V DROB']);
  });

  it('falls back to the full name when the initials clash too', () => {
    const turns = [says(maria), says(mikhail), says(viktor), says(maria), says(mikhail), says(viktor)];
    expect(labelsOf(turns)).toEqual(['MARIA DROB', 'MIKHAIL DROB', 'VIKTOR DROB', 'MARIA DROB', 'MIKHAIL DROB', 'V DROB']);
  });

  it('numbers unidentified speakers only when a descriptor has several, renumbering by appearance', () => {
    const turns = [unknown('MAN', 7), unknown('WOMAN', null), unknown('MAN', 3), unknown('MAN', 7), unknown('PERSON', 2)];
    expect(labelsOf(turns)).toEqual([
      'UNIDENTIFIED MAN #1',
      'UNIDENTIFIED WOMAN',
      'UNIDENTIFIED MAN #2',
      'UNIDENTIFIED MAN #1',
      'UNIDENTIFIED PERSON',
    ]);
    expect(labelsOf([unknown('MAN', null), unknown('MAN', 1)])).toEqual(['UNIDENTIFIED MAN #1', 'UNIDENTIFIED MAN #2']);
  });

  it('prints an unidentified speaker’s role on the first turn only', () => {
    expect(labelsOf([unknown('REPORTER', null, { role: 'BYLINE' }), unknown('REPORTER', null)])).toEqual([
      'UNIDENTIFIED REPORTER, BYLINE',
      'UNIDENTIFIED REPORTER',
    ]);
  });

  it('prints cues in capitals, free labels verbatim, annotations apart, and the speaker link', () => {
    const rendered = renderTranscript(
      [
        { cue: 'soundbite of music' },
        { personId: null, label: 'CROWD', text: 'No!' },
        says(lavrov, '', { annotation: 'Speaking Russian' }),
      ],
      people,
    );
    expect(rendered).toEqual([
      { cue: 'SOUNDBITE OF MUSIC' },
      { label: 'CROWD', speaker: null, annotation: null, text: 'No!' },
      { label: 'SERGEY LAVROV', speaker: { name: 'Sergey Lavrov', slug: 'sergey-lavrov' }, annotation: 'Speaking Russian', text: '' },
    ]);
    expect(PublicTranscriptSchema.safeParse({ turns: rendered }).success).toBe(true);
  });

  it('tells cues from spoken turns', () => {
    expect([{ cue: 'LAUGHTER' }, says(kim)].map(isCueTurn)).toEqual([true, false]);
  });

  it('accepts the people as a map, and refuses a turn whose speaker it cannot name', () => {
    expect(renderTranscript([says(kim)], new Map([[kim.id, kim]]))).toEqual([expect.objectContaining({ label: 'LUCIAN KIM' })]);
    expect(() => renderTranscript([says(kim)], [])).toThrow(TranscriptRenderError);
    expect(renderTranscript([{ ...says(kim), label: 'LUCIAN KIM' }], [])).toEqual([
      expect.objectContaining({ label: 'LUCIAN KIM', speaker: null }),
    ]);
  });
});

describe('transcriptToText', () => {
  it('writes broadcast paragraphs with colons, annotations, cues and the credit last', () => {
    const turns = [
      says(kim, 'First.\n\nSecond paragraph.', { role: 'BYLINE' }),
      { cue: 'SOUNDBITE OF ARCHIVED RECORDING' },
      says(lavrov, '', { annotation: 'Speaking Russian' }),
      unknown('MAN', null, { annotation: 'Through interpreter' }),
      says(kim, ''),
    ];
    expect(renderTranscriptText(turns, people, 'Transcript provided by NPR, Copyright NPR.')).toBe(
      [
        'LUCIAN KIM, BYLINE: First.',
        'Second paragraph.',
        '(SOUNDBITE OF ARCHIVED RECORDING)',
        'SERGEY LAVROV: (Speaking Russian).',
        'UNIDENTIFIED MAN: (Through interpreter) Words.',
        'KIM:',
        'Transcript provided by NPR, Copyright NPR.',
      ].join('\n\n') + '\n',
    );
    expect(transcriptToText([], null)).toBe('');
  });
});

describe('TranscriptInputSchema', () => {
  const id = kim.id;
  it('accepts spoken turns, cues, and parse output with its extra fields', () => {
    const result = TranscriptInputSchema.safeParse({
      turns: [
        { personId: id, role: 'BYLINE', text: 'Hi.', label: 'LUCIAN KIM, BYLINE', confidence: 1, flags: [], speaker: null },
        {
          personId: null,
          unidentified: { descriptor: 'MAN', number: 2 },
          role: null,
          title: null,
          annotation: 'Through interpreter',
          text: '',
        },
        { cue: 'LAUGHTER' },
      ],
    });
    expect(result.success).toBe(true);
    expect(result.success && result.data.turns[0]).toEqual({
      personId: id,
      role: 'BYLINE',
      title: null,
      annotation: null,
      text: 'Hi.',
      label: 'LUCIAN KIM, BYLINE',
    });
  });

  it.each([
    ['no speaker', { personId: null, text: 'x' }],
    ['two speakers', { personId: id, unidentified: { descriptor: 'MAN' }, text: 'x' }],
    ['a lowercase role', { personId: id, role: 'host', text: 'x' }],
    ['a lowercase title', { personId: id, title: 'President', text: 'x' }],
    ['an all-capitals annotation', { personId: id, annotation: 'LAUGHTER', text: 'x' }],
    ['a lowercase cue', { cue: 'laughter' }],
    ['a cue in parentheses', { cue: '(LAUGHTER)' }],
  ])('rejects %s', (_name, turn) => {
    expect(TranscriptInputSchema.safeParse({ turns: [turn] }).success).toBe(false);
  });
});
