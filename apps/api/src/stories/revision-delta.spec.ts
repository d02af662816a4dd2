import { applyDelta, diffJson, encodeRevision, KEYFRAME_EVERY, replay, type JsonValue } from './revision-delta.js';

// Deterministic pseudo-random numbers (mulberry32).
let seed = 16;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n: number) => Math.floor(random() * n);

function value(depth: number): JsonValue {
  const kind = depth > 3 ? int(4) : int(6);
  if (kind === 0) return null;
  if (kind === 1) return random() < 0.5;
  if (kind === 2) return int(100);
  if (kind === 3) return `s${int(20)}`;
  if (kind === 4) return Array.from({ length: int(5) }, () => value(depth + 1));
  return Object.fromEntries(Array.from({ length: int(5) }, () => [`k${int(6)}`, value(depth + 1)]));
}

function mutate(v: JsonValue, depth = 0): JsonValue {
  if (random() < 0.2 || depth > 4) return value(depth);
  if (Array.isArray(v)) {
    const copy = [...v];
    const op = int(3);
    if (op === 0 || !copy.length) copy.splice(int(copy.length + 1), 0, value(depth + 1));
    else if (op === 1) copy.splice(int(copy.length), 1);
    else {
      const i = int(copy.length);
      copy[i] = mutate(copy[i]!, depth + 1);
    }
    return copy;
  }
  if (v && typeof v === 'object') {
    const copy = { ...v };
    const keys = Object.keys(copy);
    if (keys.length && random() < 0.3) delete copy[keys[int(keys.length)]!];
    else {
      const key = keys.length && random() < 0.7 ? keys[int(keys.length)]! : `k${int(8)}`;
      copy[key] = mutate(copy[key] ?? null, depth + 1);
    }
    return copy;
  }
  return value(depth);
}

describe('revision deltas', () => {
  it('applyDelta(a, diffJson(a, b)) equals b, for 2,000 random pairs, without changing a', () => {
    for (let i = 0; i < 2000; i++) {
      const a = value(0);
      let b = a;
      for (let k = 0; k <= int(3); k++) b = mutate(b);
      const frozen = JSON.stringify(a);
      const delta = diffJson(a, b);
      expect(applyDelta(a, delta)).toEqual(b);
      expect(JSON.stringify(a)).toBe(frozen);
      if (JSON.stringify(a) === JSON.stringify(b)) expect(delta).toBeUndefined();
    }
  });

  it('stores one changed array item as that item', () => {
    const turns = Array.from({ length: 600 }, (_, i) => ({ personId: 'p', text: `Turn ${i} with some words in it.` }));
    const edited = turns.map((t, i) => (i === 300 ? { ...t, text: 'Turn 300 with other words in it.' } : t));
    const delta = diffJson({ transcript: { turns } }, { transcript: { turns: edited } });
    expect(delta).toEqual({
      o: { transcript: { o: { turns: { a: [300, 299, [], [{ o: { text: { '=': 'Turn 300 with other words in it.' } } }]] } } } },
    });
  });

  it('keeps a keyframe every KEYFRAME_EVERY revisions and when the delta is not smaller than half the snapshot, and replays chains', () => {
    const chain: Array<ReturnType<typeof encodeRevision>> = [];
    let previous: JsonValue | undefined;
    const snapshots: JsonValue[] = [];
    for (let n = 1; n <= 2 * KEYFRAME_EVERY + 3; n++) {
      const snapshot = { headline: `h${n}`, body: 'x'.repeat(200) };
      chain.push(encodeRevision(n, previous, snapshot));
      snapshots.push(snapshot);
      previous = snapshot;
    }
    const keyframes = chain.flatMap((link, i) => (link.snapshot !== null ? [i + 1] : []));
    expect(keyframes).toEqual([1, KEYFRAME_EVERY + 1, 2 * KEYFRAME_EVERY + 1]);
    for (let n = 1; n <= chain.length; n++) {
      const start = Math.max(...keyframes.filter((k) => k <= n));
      expect(replay(chain.slice(start - 1, n))).toEqual(snapshots[n - 1]);
    }
    expect(encodeRevision(2, { a: 'short' }, { a: 'entirely different' }).snapshot).not.toBeNull();
  });
});
