import {
  TranscriptInputSchema,
  broadcastText,
  editTimedText,
  fieldErrors,
  mergeTimedTurns,
  spansFromPh,
  splitTimedTurn,
  transcriptToHtml,
  transcriptToVtt,
  withPhSpans,
  type TimedText,
} from '../index.js';

const span = (at: number, end: number, verified = false) => ({
  at,
  end,
  verified,
  note: null,
  verifiedBy: verified ? 'u1' : null,
  verifiedByName: verified ? 'Ed Itor' : null,
  verifiedAt: verified ? '2026-12-06T09:00:00.000Z' : null,
});

describe('"(ph)" at import', () => {
  it('marks the capitalised run of up to three words before the mark, else the word before, and takes the mark out', () => {
    const found = spansFromPh('We met Anatoly Ivanovich Lavroff (ph), and the driver, kolya (ph). Then (ph) nothing.');
    expect(found.text).toBe('We met Anatoly Ivanovich Lavroff, and the driver, kolya. Then nothing.');
    expect(found.spellings.map((s) => found.text.slice(s.at, s.end))).toEqual(['Anatoly Ivanovich Lavroff', 'kolya', 'Then']);
    expect(found.spellings.every((s) => !s.verified && s.verifiedBy === null)).toBe(true);
  });

  it('leaves a "(ph)" with no word before it as it is, and moves the sentence marks after a removed mark', () => {
    expect(spansFromPh('(ph) alone').spellings).toEqual([]);
    const text = 'Ask Petroff (ph) now. Later on.';
    const found = spansFromPh(text, [{ at: text.indexOf('Later'), ms: 900 }]);
    expect(found.text).toBe('Ask Petroff now. Later on.');
    expect(found.marks).toEqual([{ at: found.text.indexOf('Later'), ms: 900 }]);
    expect(withPhSpans({ text: 'No marks here.' })).toEqual({ text: 'No marks here.' });
  });

  it('round-trips: the public text of an imported turn is the text imported', () => {
    const text = 'We met Anatoly Lavroff (ph) and Ms. Okonjo (ph) today.';
    const found = spansFromPh(text);
    expect(broadcastText(found.text, found.spellings).text).toBe(text);
  });
});

describe('public text', () => {
  it('prints " (ph)" after unverified spans only, and moves the marks after them', () => {
    const out = broadcastText('Ann Lee met Bo Kim.', [span(0, 7), span(12, 18, true)], [{ at: 12, ms: 5 }]);
    expect(out).toEqual({ text: 'Ann Lee (ph) met Bo Kim.', marks: [{ at: 17, ms: 5 }] });
  });

  it('exports print it too (VTT), and transcript.html escapes everything and puts labels in <strong>, cues in <em>', () => {
    const turns = [
      { label: 'A <B>', text: 'Ann Lee & co (LAUGHTER).', spellings: [span(0, 7)], startMs: 0, endMs: 1000 },
      { cue: 'MUSIC' },
    ];
    expect(transcriptToVtt(turns)).toContain('<v A &lt;B&gt;>Ann Lee (ph) &amp; co (LAUGHTER).');
    const html = transcriptToHtml('H & "q"', turns, 'Credit <c>');
    expect(html).toContain('<p><strong>A &lt;B&gt;:</strong> Ann Lee (ph) &amp; co <em>(LAUGHTER)</em>.</p>');
    expect(html).toContain('<p class="cue"><em>(MUSIC)</em></p>');
    expect(html).toContain('<title>H &amp; &quot;q&quot;: transcript</title>');
    expect(html).toContain('<p class="credit">Credit &lt;c&gt;</p>');
  });
});

describe('spans move with edits (timed.ts rules)', () => {
  type Turn = TimedText & { personId: null; label: string };
  const base: Turn = { personId: null, label: 'X', text: 'We met Anatoly Lavroff today.', spellings: [span(7, 22, true)] };

  it('an edit before a span moves it, keeping its verification', () => {
    const [edited] = editTimedText([base], 0, 'Yesterday we met Anatoly Lavroff today.');
    expect(edited?.spellings).toEqual([span(17, 32, true)]);
  });

  it('an edit inside a span stretches it over the change and makes it unverified', () => {
    const [edited] = editTimedText([base], 0, 'We met Anatoly Lavrov today.');
    expect(edited?.spellings).toEqual([span(7, 21)]);
    expect(edited?.text.slice(7, 21)).toBe('Anatoly Lavrov');
  });

  it('an edit that removes the spelled word drops the span', () => {
    const [edited] = editTimedText([base], 0, 'We met today.');
    expect(edited?.spellings).toBeNull();
  });

  it('a split gives each half its spans (a span across the cut clipped, unverified); a merge keeps both, moved', () => {
    const [a, b] = splitTimedTurn([base], 0, 15);
    expect(a).toMatchObject({ text: 'We met Anatoly', spellings: [span(7, 14)] });
    expect(b).toMatchObject({ text: 'Lavroff today.', spellings: [span(0, 7)] });
    const [merged] = mergeTimedTurns([a as Turn, b as Turn], 0);
    expect(merged).toMatchObject({ text: 'We met Anatoly Lavroff today.', spellings: [span(7, 14), span(15, 22)] });
  });
});

describe('span rules on save', () => {
  const parse = (spellings: unknown) =>
    fieldErrors(TranscriptInputSchema.safeParse({ turns: [{ personId: null, label: 'X', text: 'Ann Lee spoke.', spellings }] }).error!);
  it.each([
    [[{ at: 0, end: 99 }], 'turns.0.spellings.0.end'],
    [[{ at: 4, end: 2 }], 'turns.0.spellings.0.end'],
    [
      [
        { at: 0, end: 7 },
        { at: 4, end: 9 },
      ],
      'turns.0.spellings.1.at',
    ],
    [[{ at: 3, end: 4 }], 'turns.0.spellings.0.at'],
    [[{ at: -2, end: 4 }], 'turns.0.spellings.0.at'],
    ['x', 'turns.0.spellings'],
  ])('%j -> %s', (spellings, field) => {
    expect(parse(spellings).map((e) => e.field)).toContain(field);
  });
  it('accepts valid spans', () => {
    expect(
      TranscriptInputSchema.safeParse({ turns: [{ personId: null, label: 'X', text: 'Ann Lee spoke.', spellings: [{ at: 0, end: 7 }] }] })
        .success,
    ).toBe(true);
  });
});
