// A seeded pseudo-random source, so two runs with the same sizes generate the same newsroom
// (apart from the uuids, which PostgreSQL never compares across runs).

/** @typedef {{ next: () => number, int: (n: number) => number, between: (lo: number, hi: number) => number, pick: <T>(items: readonly T[]) => T, chance: (p: number) => boolean, zipf: (n: number, s?: number, offset?: number) => number }} Random */

/**
 * mulberry32: fast, small state, good enough for test data.
 * @param {number} seed
 * @returns {Random}
 */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** @type {Map<string, Float64Array>} */
  const zipfTables = new Map();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    /**
     * An index in [0, n) drawn with weight 1 / (i + offset)^s: a few popular items, a long tail.
     * The cumulative table is built once per (n, s, offset).
     */
    zipf: (n, s = 1, offset = 1) => {
      const key = `${n}:${s}:${offset}`;
      let table = zipfTables.get(key);
      if (!table) {
        table = new Float64Array(n);
        let sum = 0;
        for (let i = 0; i < n; i++) table[i] = sum += 1 / (i + offset) ** s;
        for (let i = 0; i < n; i++) table[i] /= sum;
        zipfTables.set(key, table);
      }
      const x = next();
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (table[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}
