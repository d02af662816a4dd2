import {
  TranscriptInputSchema,
  editTimedText,
  mergeTimedTurns,
  spellingProblems,
  splitTimedTurn,
  timingProblems,
  type TranscriptSpelling,
  type TimedText,
  type TranscriptMark,
} from './index.js';

/** A tiny seeded generator (mulberry32): the same seed, the same sequence. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

const WORDS = 'the mayor said on tuesday that water would flow again by friday . nobody believed her ? we asked why !'.split(' ');

type Turn = TimedText & { personId: string | null; label: string };

/** A timed transcript of `n` turns inside `durationMs`, with marks at sentence starts and some overlap. */
function transcript(rng: ReturnType<typeof random>, n: number, durationMs: number): Turn[] {
  const turns: Turn[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 3 + rng.int(30) }, () => WORDS[rng.int(WORDS.length)] ?? 'x');
    const text = words.join(' ').replace(/ ([.?!])/g, '$1');
    const span = Math.max(2, Math.floor((durationMs / n) * (0.5 + rng.next())));
    const startMs = Math.min(t, durationMs - 2);
    const endMs = Math.min(durationMs, startMs + span + (rng.int(4) === 0 ? 3000 : 0)); // some overlap the next turn
    const marks: TranscriptMark[] = [];
    let at = 0;
    for (const match of text.matchAll(/[.?!] /g)) {
      at = match.index + 2;
      const ms = startMs + Math.floor(((endMs - startMs) * at) / text.length);
      const last = marks[marks.length - 1];
      if (at < text.length && (!last || ms >= last.ms)) marks.push({ at, ms });
    }
    // One or two spelling spans on words: a verified one carries its spelling in `note` (checked below).
    const spellings: TranscriptSpelling[] = [];
    for (const match of text.matchAll(/\p{L}+/gu)) {
      if (spellings.length >= 2 || rng.int(4)) continue;
      const verified = rng.int(2) === 0;
      const span = { at: match.index, end: match.index + match[0].length };
      spellings.push({ ...span, verified, note: verified ? match[0] : null, verifiedBy: null, verifiedByName: null, verifiedAt: null });
    }
    turns.push({ personId: null, label: `SPEAKER ${i % 3}`, text, startMs, endMs, marks: marks.length ? marks : null, spellings });
    t = startMs + Math.floor(span * 0.9);
  }
  return turns;
}

function check(turns: readonly Turn[], durationMs: number) {
  expect(timingProblems(turns)).toEqual([]);
  // Spelling spans stay inside the text, in order, apart, on words; a span still verified marks the very spelling that was verified.
  expect(spellingProblems(turns)).toEqual([]);
  for (const turn of turns)
    for (const span of (turn.spellings ?? []) as TranscriptSpelling[])
      if (span.verified) expect(turn.text.slice(span.at, span.end)).toBe(span.note);
  for (const turn of turns) {
    expect(turn.startMs).toBeGreaterThanOrEqual(0);
    expect(turn.endMs).toBeLessThanOrEqual(durationMs);
  }
  expect(TranscriptInputSchema.safeParse({ turns }).success).toBe(true);
}

describe('timed turn edit rules (properties)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])(
    'seed %i: any sequence of splits, merges and edits keeps times monotonic and inside the audio, and spelling spans valid',
    (seed) => {
      const rng = random(seed);
      const durationMs = 60_000 + rng.int(3_600_000);
      let turns = transcript(rng, 2 + rng.int(12), durationMs);
      check(turns, durationMs);
      for (let step = 0; step < 200; step++) {
        const i = rng.int(turns.length);
        const turn = turns[i];
        if (!turn) break;
        const op = rng.int(3);
        if (op === 0 && turn.text.length > 1) turns = splitTimedTurn(turns, i, 1 + rng.int(turn.text.length - 1));
        else if (op === 1 && i + 1 < turns.length && turns.length > 1) turns = mergeTimedTurns(turns, i);
        else {
          const from = rng.int(turn.text.length + 1);
          const to = from + rng.int(turn.text.length - from + 1);
          const insert = rng.int(2) ? ` ${WORDS[rng.int(WORDS.length)] ?? ''} ` : '';
          turns = editTimedText(turns, i, `${turn.text.slice(0, from)}${insert}${turn.text.slice(to)}`);
        }
        check(turns, durationMs);
      }
    },
  );
});

describe('timed turn edit rules (examples)', () => {
  const base: Turn = {
    personId: null,
    label: 'X',
    text: 'One two three. Four five six.',
    startMs: 1000,
    endMs: 4000,
    marks: [{ at: 15, ms: 2500 }],
  };

  it('splits at the sentence mark at the cut', () => {
    const [a, b] = splitTimedTurn([base], 0, 14);
    expect(a).toMatchObject({ text: 'One two three.', startMs: 1000, endMs: 2500, marks: null });
    expect(b).toMatchObject({ text: 'Four five six.', startMs: 2500, endMs: 4000, marks: null });
  });

  it('splits proportionally by characters when the turn has no marks', () => {
    const [a, b] = splitTimedTurn([{ ...base, marks: null, text: 'aaaa bbbb', startMs: 0, endMs: 900 }], 0, 4);
    // The second half starts at character 5 of 9.
    expect(a).toMatchObject({ text: 'aaaa', startMs: 0, endMs: 500 });
    expect(b).toMatchObject({ text: 'bbbb', startMs: 500, endMs: 900 });
  });

  it('interpolates between the known boundaries around a cut that has no mark of its own', () => {
    const [a, b] = splitTimedTurn(
      [{ ...base, text: 'aaaa bbbb cccc dddd', startMs: 0, endMs: 10_000, marks: [{ at: 10, ms: 8000 }] }],
      0,
      4,
    );
    expect(a).toMatchObject({ text: 'aaaa', endMs: 4000 });
    expect(b).toMatchObject({ text: 'bbbb cccc dddd', startMs: 4000, marks: [{ at: 5, ms: 8000 }] });
  });

  it('never lets the second half start after the next turn (overlapping speech)', () => {
    const next: Turn = { ...base, text: 'Overlap.', startMs: 1500, endMs: 5000, marks: null };
    const turns = splitTimedTurn([base, next], 0, 15);
    expect(turns[1]?.startMs).toBe(1500);
    expect(timingProblems(turns)).toEqual([]);
  });

  it('merges with the outer times and a mark at the join', () => {
    const next: Turn = { ...base, text: 'Seven.', startMs: 4200, endMs: 5000, marks: null };
    const [merged] = mergeTimedTurns([base, next], 0);
    expect(merged).toMatchObject({ text: 'One two three. Four five six. Seven.', startMs: 1000, endMs: 5000 });
    expect(merged?.marks).toEqual([
      { at: 15, ms: 2500 },
      { at: 30, ms: 4200 },
    ]);
  });

  it('keeps the times of an edited turn and moves the marks of the unchanged suffix', () => {
    const [edited] = editTimedText([base], 0, 'One, two and three. Four five six.');
    expect(edited).toMatchObject({ startMs: 1000, endMs: 4000, marks: [{ at: 20, ms: 2500 }] });
  });

  it('names the field of a broken rule', () => {
    const result = TranscriptInputSchema.safeParse({
      turns: [
        { personId: null, label: 'A', text: 'x', startMs: 5000, endMs: 6000 },
        { personId: null, label: 'B', text: 'y', startMs: 4000, endMs: 4500 },
        { personId: null, label: 'C', text: 'z', startMs: 7000, endMs: 7000 },
        { personId: null, label: 'D', text: 'w', startMs: 8000 },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['turns.1.startMs', 'turns.2.endMs', 'turns.3.endMs']));
  });
});
