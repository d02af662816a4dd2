import { parseTranscript, readLabel, type RawSpokenTurn, type RawTurn } from './index.js';

const spoken = (turns: RawTurn[]) => turns.filter((t): t is RawSpokenTurn => t.kind === 'spoken');
const labels = (text: string) => parseTranscript(text).turns.map((t) => (t.kind === 'cue' ? `(${t.cue})` : t.label));

describe('readLabel', () => {
  it.each([
    ['STEVE INSKEEP, HOST', { words: ['STEVE', 'INSKEEP'], title: null, name: 'STEVE INSKEEP', role: 'HOST', olderStyle: false }],
    ['PRESIDENT DONALD TRUMP', { words: ['PRESIDENT', 'DONALD', 'TRUMP'], title: 'PRESIDENT', name: 'DONALD TRUMP', role: null }],
    ['FOREIGN MINISTER SERGEY LAVROV', { title: 'FOREIGN MINISTER', name: 'SERGEY LAVROV' }],
    ['M DROB', { words: ['M', 'DROB'], title: null, name: 'M DROB' }],
    ['BASHAR AL-ASSAD', { name: 'BASHAR AL-ASSAD' }],
    ["JOHN O'NEILL", { name: "JOHN O'NEILL" }],
    ['ÉLODIE NÚÑEZ', { name: 'ÉLODIE NÚÑEZ' }],
    ['JOHN McCAIN', { name: 'JOHN McCAIN' }],
    ['MARTIN LUTHER KING, JR.', { name: 'MARTIN LUTHER KING JR.', role: null }],
    ['UNIDENTIFIED MAN #1', { unidentified: { descriptor: 'MAN', number: 1 }, words: [], name: null }],
    ['UNIDENTIFIED PERSON', { unidentified: { descriptor: 'PERSON', number: null } }],
    ['UNIDENTIFIED REPORTER #2, BYLINE', { unidentified: { descriptor: 'REPORTER', number: 2 }, role: 'BYLINE' }],
  ])('reads the modern label %s', (label, expected) => {
    expect(readLabel(label)).toMatchObject({ label, olderStyle: false, ...expected });
  });

  it.each([
    ['NEAL CONAN, host', { name: 'NEAL CONAN', role: 'HOST', title: null }],
    [
      'Mr. RICHARD KYLE (Chief White House Correspondent, Bloomberg News)',
      { name: 'RICHARD KYLE', title: null, description: 'Chief White House Correspondent, Bloomberg News', role: null },
    ],
    ['President GEORGE W. BUSH', { words: ['GEORGE', 'W.', 'BUSH'], titlePrefix: 'PRESIDENT', title: 'PRESIDENT', name: 'GEORGE W. BUSH' }],
    ['Secretary of State COLIN POWELL', { title: 'SECRETARY OF STATE', name: 'COLIN POWELL' }],
    ['Unidentified Woman #2', { unidentified: { descriptor: 'WOMAN', number: 2 } }],
    ['ROBERT SMITH reporting', { name: 'ROBERT SMITH', role: 'BYLINE' }],
    ['Mr. IVAN SOKOLOV (Through Translator)', { name: 'IVAN SOKOLOV', annotation: 'Through Translator', description: null }],
  ])('reads the older-style label %s', (label, expected) => {
    expect(readLabel(label)).toMatchObject({ olderStyle: true, ...expected });
  });

  it('reads "(ph)" in a label as an unverified spelling', () => {
    expect(readLabel('ARTYOM KHASANOV (ph)')).toMatchObject({ name: 'ARTYOM KHASANOV', unverified: true, description: null });
  });

  it.each(['He said', 'Next Up', 'Q', 'At 10', 'However, he said', 'The plan (draft', 'X'.repeat(200), 'UNIDENTIFIED MAN #0'])(
    'is not a label: %j',
    (text) => {
      expect(readLabel(text)).toBeNull();
    },
  );
});

describe('parseTranscript', () => {
  it('reads a host-and-two-guests interview with cues', () => {
    const text = [
      '(SOUNDBITE OF MUSIC)',
      'STEVE INSKEEP, HOST: Two people who disagree about the new pipeline are with us. Good morning to both of you.',
      'AMARA OKAFOR: Good morning.',
      'RAJ MEHTA: Thanks for having me.',
      'INSKEEP: Ms. Okafor, why fight it?',
      'OKAFOR: Because the water matters more than the schedule.',
      '(CROSSTALK)',
      'MEHTA: If I could — if I could finish. (LAUGHTER) The schedule is the water, in a way.',
      '(LAUGHTER)',
      'INSKEEP: We will leave it there.',
    ].join('\n\n');
    expect(labels(text)).toEqual([
      '(SOUNDBITE OF MUSIC)',
      'STEVE INSKEEP, HOST',
      'AMARA OKAFOR',
      'RAJ MEHTA',
      'INSKEEP',
      'OKAFOR',
      '(CROSSTALK)',
      'MEHTA',
      '(LAUGHTER)',
      'INSKEEP',
    ]);
    const mehta = spoken(parseTranscript(text).turns)[5];
    expect(mehta).toMatchObject({
      annotation: null,
      text: 'If I could — if I could finish. (LAUGHTER) The schedule is the water, in a way.',
    });
  });

  it('reads unidentified speakers with numbers, roles and annotations', () => {
    const { turns } = parseTranscript(
      'UNIDENTIFIED MAN #1: (Through interpreter) We waited all night.\n\nUNIDENTIFIED MAN #2: So did we.\n\nUNIDENTIFIED WOMAN: (Speaking Arabic).',
    );
    expect(turns).toMatchObject([
      { unidentified: { descriptor: 'MAN', number: 1 }, annotation: 'Through interpreter', text: 'We waited all night.' },
      { unidentified: { descriptor: 'MAN', number: 2 }, annotation: null, text: 'So did we.' },
      { unidentified: { descriptor: 'WOMAN', number: null }, annotation: 'Speaking Arabic', text: '' },
    ]);
  });

  it('reads older-style archives, cues in sentence case included', () => {
    const text = [
      'NEAL CONAN, host: Joining us now from the White House is a reporter who covers it every day.',
      'Mr. RICHARD KYLE (Chief White House Correspondent, Bloomberg News): Happy to be here, Neal.',
      '(Soundbite of archived recording)',
      'President GEORGE W. BUSH: We will stay the course.',
      'CONAN: And was that the message?',
    ].join('\n\n');
    const { turns } = parseTranscript(text);
    expect(labels(text)).toEqual([
      'NEAL CONAN, host',
      'Mr. RICHARD KYLE (Chief White House Correspondent, Bloomberg News)',
      '(SOUNDBITE OF ARCHIVED RECORDING)',
      'President GEORGE W. BUSH',
      'CONAN',
    ]);
    expect(turns[0]).toMatchObject({ role: 'HOST', flags: ['older-style'] });
    expect(turns[1]).toMatchObject({
      name: 'RICHARD KYLE',
      description: 'Chief White House Correspondent, Bloomberg News',
      text: 'Happy to be here, Neal.',
    });
    expect(turns[3]).toMatchObject({ title: 'PRESIDENT', name: 'GEORGE W. BUSH', flags: ['older-style'] });
    expect(turns[4]).toMatchObject({ flags: [] });
  });

  it('keeps "(ph)" marks and lists the names to check', () => {
    const { turns } = parseTranscript(
      'ARTYOM KHASANOV (ph): I live here.\n\nKIM: Artyom Khasanov (ph) runs a bakery with his cousin, Dina Petrenko (ph), near a town called Vyritsa (ph).',
    );
    expect(turns[0]).toMatchObject({
      label: 'ARTYOM KHASANOV (ph)',
      name: 'ARTYOM KHASANOV',
      flags: ['unverified-spelling'],
      unverifiedSpellings: ['ARTYOM KHASANOV'],
    });
    expect(turns[1]).toMatchObject({
      text: expect.stringContaining('Artyom Khasanov (ph) runs'),
      flags: ['unverified-spelling'],
      unverifiedSpellings: ['Artyom Khasanov', 'Dina Petrenko', 'Vyritsa'],
    });
  });

  it('continues the previous speaker after a cue as a new, flagged turn', () => {
    const { turns } = parseTranscript('KIM: First part.\n\n(SOUNDBITE OF MUSIC)\n\nSecond part, no label.');
    expect(turns).toMatchObject([
      { label: 'KIM', text: 'First part.' },
      { cue: 'SOUNDBITE OF MUSIC' },
      { label: 'KIM', text: 'Second part, no label.', flags: ['continued'] },
    ]);
  });

  it('reads only a short sentence-case parenthetical after the colon as the annotation', () => {
    const aside = `(${'an aside that runs on '.repeat(8)})`;
    expect(parseTranscript(`KIM: ${aside} and then the text.`).turns).toMatchObject([
      { annotation: null, text: `${aside} and then the text.` },
    ]);
    expect(parseTranscript('KIM: (Laughter) Right.').turns).toMatchObject([{ annotation: null, text: '(Laughter) Right.' }]);
    expect(parseTranscript('KIM: (ph) Right.').turns).toMatchObject([{ annotation: null }]);
  });

  it('reads a label on its own line followed by the text', () => {
    expect(parseTranscript('KIM:\n\nThe text comes next.').turns).toMatchObject([{ label: 'KIM', text: 'The text comes next.' }]);
  });

  it('joins soft-wrapped lines, but starts a turn at a label or cue line', () => {
    const text = 'KIM: A sentence wrapped\nonto two lines.\nLAVROV: An answer.\n(CROSSTALK)\n\nKIM: Next.';
    expect(parseTranscript(text).turns).toMatchObject([
      { label: 'KIM', text: 'A sentence wrapped onto two lines.' },
      { label: 'LAVROV', text: 'An answer.' },
      { cue: 'CROSSTALK' },
      { label: 'KIM', text: 'Next.' },
    ]);
  });

  it('reads one paragraph per line when the paste has no blank lines, CRLF included', () => {
    const { turns } = parseTranscript('KIM: One.\r\nStill Kim.\r\nLAVROV: Two.\r\n');
    expect(turns).toMatchObject([
      { label: 'KIM', text: 'One.\n\nStill Kim.' },
      { label: 'LAVROV', text: 'Two.' },
    ]);
  });

  it('returns a credit line on its own paragraph, or starting with Copyright', () => {
    expect(parseTranscript('KIM: Bye.\n\nTranscript provided by NPR, Copyright NPR.')).toEqual({
      turns: [expect.objectContaining({ text: 'Bye.' })],
      credit: 'Transcript provided by NPR, Copyright NPR.',
    });
    expect(parseTranscript('KIM: Bye.\n\nCopyright © 2017 NPR. All rights reserved.').credit).toBe(
      'Copyright © 2017 NPR. All rights reserved.',
    );
    expect(parseTranscript('KIM: Copyright law is the topic.').credit).toBeNull();
  });

  it('gives text before the first label to nobody', () => {
    const { turns } = parseTranscript('A host intro, no label.\n\nKIM: Now the report.');
    expect(turns).toMatchObject([{ label: null, words: [], flags: ['unattributed'] }, { label: 'KIM' }]);
  });

  it('returns text that is not a transcript as one unattributed turn', () => {
    const prose = 'Moscow: a city of twelve million.\n\nIts winters are long — and "cold", people say.\n\n(Photo by a reader)';
    const result = parseTranscript(prose);
    expect(result).toEqual({
      turns: [expect.objectContaining({ label: null, text: prose, flags: ['unattributed', 'not-a-transcript'] })],
      credit: null,
    });
  });

  it('never throws on odd input', () => {
    for (const text of ['', '   \n\n  ', ':', '(', ')(', 'A:B', '::::', '(LAUGHTER)', 'KIM:', '\u0000\uffff', 'x'.repeat(10_000)]) {
      expect(() => parseTranscript(text)).not.toThrow();
    }
    expect(parseTranscript('')).toEqual({ turns: [], credit: null });
    expect(parseTranscript('(LAUGHTER)').turns).toEqual([{ kind: 'cue', cue: 'LAUGHTER' }]);
  });
});
