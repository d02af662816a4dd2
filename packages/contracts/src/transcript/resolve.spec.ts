import {
  MATCH_CONFIDENCE,
  ParseTranscriptResponseSchema,
  candidateNames,
  normalizeName,
  parseTranscript,
  resolveSpeakers,
  resolveTranscript,
  type ParsedSpokenTurn,
  type ParsedTurn,
  type TranscriptPerson,
} from './index.js';

let n = 0;
const person = (displayName: string, extra: Partial<TranscriptPerson> = {}): TranscriptPerson => {
  n += 1;
  const words = displayName.split(' ');
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    slug: displayName.toLowerCase().replace(/[^a-z]+/g, '-'),
    displayName,
    givenName: words[0] ?? '',
    familyName: words[words.length - 1] ?? '',
    aliases: [],
    ...extra,
  };
};

const inskeep = person('Steve Inskeep', { isStaff: true });
const okafor = person('Amara Okafor');
const mehta = person('Raj Mehta', { aliases: ['Rajesh Mehta'] });
const mariaDrob = person('Maria Drob');
const viktorDrob = person('Viktor Drob');
const nunez = person('Élodie Núñez');
const conan = person('Neal Conan', { isStaff: true });
const kyle = person('Richard Kyle');
const bush = person('George W. Bush', { givenName: 'George', familyName: 'Bush', labelTitle: 'PRESIDENT' });
const registry = [inskeep, okafor, mehta, mariaDrob, viktorDrob, nunez, conan, kyle, bush];

const spokenOf = (turns: ParsedTurn[]) => turns.filter((t): t is ParsedSpokenTurn => !('cue' in t));
const resolve = (text: string, people: TranscriptPerson[] = registry) => {
  const response = resolveTranscript(parseTranscript(text), people);
  expect(ParseTranscriptResponseSchema.safeParse(response).success).toBe(true);
  return response;
};
const ids = (text: string, people?: TranscriptPerson[]) => spokenOf(resolve(text, people).turns).map((t) => t.personId);

describe('resolveSpeakers', () => {
  it('resolves a host-and-two-guests interview', () => {
    const text = [
      'STEVE INSKEEP, HOST: Two guests today.',
      'AMARA OKAFOR: Hello.',
      'RAJESH MEHTA: Hi.',
      '(CROSSTALK)',
      'INSKEEP: One at a time.',
      'OKAFOR: Sorry.',
      'MEHTA: Go ahead.',
    ].join('\n\n');
    const { turns, unresolved } = resolve(text);
    expect(unresolved).toEqual([]);
    expect(turns.map((t) => ('cue' in t ? t.cue : [t.personId, t.role, t.confidence]))).toEqual([
      [inskeep.id, 'HOST', MATCH_CONFIDENCE.fullName],
      [okafor.id, null, MATCH_CONFIDENCE.fullName],
      [mehta.id, null, MATCH_CONFIDENCE.alias],
      'CROSSTALK',
      [inskeep.id, null, MATCH_CONFIDENCE.laterReference],
      [okafor.id, null, MATCH_CONFIDENCE.laterReference],
      [mehta.id, null, MATCH_CONFIDENCE.laterReference],
    ]);
    expect(spokenOf(turns)[0]?.speaker).toEqual({ id: inskeep.id, slug: 'steve-inskeep', displayName: 'Steve Inskeep' });
  });

  it('tells two speakers with one family name apart by the initial', () => {
    const text = 'MARIA DROB: I stayed.\n\nVIKTOR DROB: I left.\n\nM DROB: He always leaves.\n\nV DROB: Not always.';
    expect(ids(text)).toEqual([mariaDrob.id, viktorDrob.id, mariaDrob.id, viktorDrob.id]);
    expect(spokenOf(resolve(text).turns)[2]?.confidence).toBe(MATCH_CONFIDENCE.initialReference);
  });

  it('leaves a bare shared family name ambiguous, suggesting both', () => {
    const { turns, unresolved } = resolve('MARIA DROB: One.\n\nVIKTOR DROB: Two.\n\nDROB: Which one?');
    expect(spokenOf(turns)[2]).toMatchObject({ personId: null, confidence: 0, flags: ['ambiguous'] });
    expect(unresolved).toEqual([
      {
        label: 'DROB',
        turnIndexes: [2],
        suggestions: [expect.objectContaining({ id: mariaDrob.id }), expect.objectContaining({ id: viktorDrob.id })],
      },
    ]);
  });

  it('matches names without regard to case and diacritics, and titles in front', () => {
    expect(ids('ELODIE NUNEZ: Bonjour.\n\nNÚÑEZ: Encore.')).toEqual([nunez.id, nunez.id]);
    const [first] = spokenOf(resolve('DEPUTY MAYOR RAJ MEHTA: Hello.').turns);
    expect(first).toMatchObject({
      personId: mehta.id,
      title: 'DEPUTY MAYOR',
      confidence: MATCH_CONFIDENCE.guessedTitle,
      flags: ['inferred'],
    });
  });

  it('resolves the older style', () => {
    const text = [
      'NEAL CONAN, host: Richard Kyle joins us.',
      'Mr. RICHARD KYLE (Chief White House Correspondent, Bloomberg News): Thanks.',
      'President GEORGE W. BUSH: We will stay the course.',
      'CONAN: Will they?',
      'President BUSH: They will.',
    ].join('\n\n');
    const turns = spokenOf(resolve(text).turns);
    expect(turns.map((t) => [t.personId, t.title, t.role])).toEqual([
      [conan.id, null, 'HOST'],
      [kyle.id, null, null],
      [bush.id, 'PRESIDENT', null],
      [conan.id, null, null],
      [bush.id, 'PRESIDENT', null],
    ]);
    expect(turns[1]).toMatchObject({ description: 'Chief White House Correspondent, Bloomberg News', flags: ['older-style'] });
  });

  it('leaves unidentified speakers unmatched, with full confidence', () => {
    const { turns, unresolved } = resolve('UNIDENTIFIED MAN #1: Here.\n\nUNIDENTIFIED WOMAN: There.');
    expect(unresolved).toEqual([]);
    expect(spokenOf(turns).map((t) => [t.personId, t.unidentified, t.confidence])).toEqual([
      [null, { descriptor: 'MAN', number: 1 }, 1],
      [null, { descriptor: 'WOMAN', number: null }, 1],
    ]);
  });

  it('lists unknown labels once, with their later surname references and suggestions', () => {
    const text = 'IVAN PETROV: One.\n\nINSKEEP: Two.\n\nPETROV: Three.\n\nRICHARD KYEL: Four.';
    const { turns, unresolved } = resolve(text);
    expect(spokenOf(turns)[0]).toMatchObject({ personId: null, speaker: null, confidence: 0, flags: ['unresolved'] });
    expect(unresolved).toEqual([
      { label: 'IVAN PETROV', turnIndexes: [0, 2], suggestions: [] },
      { label: 'RICHARD KYEL', turnIndexes: [3], suggestions: [expect.objectContaining({ id: kyle.id })] },
    ]);
  });

  it('caps the confidence of a "(ph)" label and keeps the flag', () => {
    const [turn] = spokenOf(resolve('AMARA OKAFOR (ph): Hello.').turns);
    expect(turn).toMatchObject({ personId: okafor.id, confidence: MATCH_CONFIDENCE.unverifiedLabel, flags: ['unverified-spelling'] });
  });

  it('takes a family name alone before any introduction only when one person has it', () => {
    const [turn] = spokenOf(resolve('OKAFOR: Hello.').turns);
    expect(turn).toMatchObject({ personId: okafor.id, confidence: MATCH_CONFIDENCE.familyNameOnly, flags: ['inferred'] });
    expect(spokenOf(resolve('DROB: Hello.').turns)[0]).toMatchObject({ personId: null, flags: ['ambiguous'] });
  });

  it('leaves unattributed text unmatched', () => {
    const { turns, unresolved } = resolve('Just some prose, nothing more.');
    expect(turns).toEqual([
      expect.objectContaining({ label: null, personId: null, confidence: 0, flags: ['unattributed', 'not-a-transcript'] }),
    ]);
    expect(unresolved).toEqual([]);
  });

  it('answers a valid response for a long text that is not a transcript', () => {
    const prose = 'A paragraph of ordinary prose, with no speaker in it at all.\n\n'.repeat(4_000);
    const { turns } = resolve(prose);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ flags: ['unattributed', 'not-a-transcript'] });
  });

  it('works on raw turns alone and with no people', () => {
    const { turns, unresolved } = resolveSpeakers(parseTranscript('KIM: Hi.\n\n(LAUGHTER)').turns, []);
    expect(turns).toEqual([expect.objectContaining({ label: 'KIM', personId: null }), { cue: 'LAUGHTER' }]);
    expect(unresolved).toEqual([{ label: 'KIM', turnIndexes: [0], suggestions: [] }]);
  });
});

describe('candidateNames', () => {
  it('lists every trailing run of label words, folded, for the registry query', () => {
    const { turns } = parseTranscript('PRESIDENT GEORGE W. BUSH: Hi.\n\nM DROB: Hi.\n\nUNIDENTIFIED MAN: Hi.\n\nNÚÑEZ: Hi.');
    expect(candidateNames(turns)).toEqual(['bush', 'drob', 'george w bush', 'm drob', 'nunez', 'president george w bush', 'w bush']);
  });

  it('folds names the way the registry lookup must', () => {
    expect(normalizeName('  Élodie   NÚÑEZ ')).toBe('elodie nunez');
    expect(normalizeName('George W. Bush')).toBe('george w bush');
    expect(normalizeName('O’Neill')).toBe("o'neill");
    expect(normalizeName('Straße')).toBe(normalizeName('STRASSE'));
  });
});
