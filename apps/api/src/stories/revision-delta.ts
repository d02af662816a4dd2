/**
 * Revisions are stored as keyframes (a full snapshot) and deltas (what changed since the previous
 * revision), so an autosave of a 600-turn transcript with one word changed stores that turn, not
 * the 600 (issue #16). A delta is JSON:
 *
 * - `{ "=": value }`: the value replaced whole (any type change, scalars, first appearance);
 * - `{ "o": { key: delta, … }, "x": [removed keys] }`: an object, only its changed keys;
 * - `{ "a": [prefix, suffix, [middle…], [deltas…]?] }`: an array: the first `prefix` and last `suffix`
 *   items are kept, the items between are replaced by `middle`; when the old and new middles have
 *   the same length, `deltas` (one per item, `null` when the item is unchanged) are stored instead
 *   of `middle` if they are smaller (one word changed in turn 300 stores a delta of turn 300).
 *
 * `diffJson(a, b)` is `undefined` when `a` and `b` are equal; `applyDelta(a, diffJson(a, b))`
 * deep-equals `b` for any JSON values (revision-delta.spec.ts checks it on random documents).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type Delta =
  | { '=': JsonValue }
  | { o: Record<string, Delta>; x?: string[] }
  | { a: [number, number, JsonValue[]] | [number, number, JsonValue[], Array<Delta | null>] };

const isObject = (value: unknown): value is Record<string, JsonValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Structural equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) if (!(key in b) || !jsonEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

const size = (value: unknown): number => JSON.stringify(value).length;

/** The delta that turns `a` into `b`, or undefined when they are equal. */
export function diffJson(a: JsonValue | undefined, b: JsonValue): Delta | undefined {
  if (a !== undefined && jsonEqual(a, b)) return undefined;
  if (isObject(a) && isObject(b)) {
    const o: Record<string, Delta> = {};
    for (const key of Object.keys(b)) {
      const delta = diffJson(a[key], b[key] as JsonValue);
      if (delta) o[key] = delta;
    }
    const x = Object.keys(a).filter((key) => !(key in b));
    return x.length ? { o, x } : { o };
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    let prefix = 0;
    while (prefix < a.length && prefix < b.length && jsonEqual(a[prefix], b[prefix])) prefix++;
    let suffix = 0;
    while (suffix < a.length - prefix && suffix < b.length - prefix && jsonEqual(a[a.length - 1 - suffix], b[b.length - 1 - suffix]))
      suffix++;
    const middle = b.slice(prefix, b.length - suffix);
    const old = a.slice(prefix, a.length - suffix);
    if (old.length === middle.length && middle.length > 0) {
      const deltas = middle.map((item, i) => diffJson(old[i], item) ?? null);
      if (size(deltas) < size(middle)) return { a: [prefix, suffix, [], deltas] };
    }
    return { a: [prefix, suffix, middle] };
  }
  return { '=': b };
}

/** `a` with `delta` applied (a new value; `a` is not changed). */
export function applyDelta(a: JsonValue | undefined, delta: Delta | undefined): JsonValue {
  if (delta === undefined) return a as JsonValue;
  if ('=' in delta) return delta['='];
  if ('o' in delta) {
    const base = isObject(a) ? a : {};
    const out: Record<string, JsonValue> = {};
    const removed = new Set(delta.x ?? []);
    for (const key of Object.keys(base)) if (!removed.has(key)) out[key] = base[key] as JsonValue;
    for (const [key, child] of Object.entries(delta.o)) out[key] = applyDelta(base[key], child);
    return out;
  }
  const [prefix, suffix, middle, deltas] = delta.a;
  const base = Array.isArray(a) ? a : [];
  const replaced = deltas ? deltas.map((d, i) => applyDelta(base[prefix + i], d ?? undefined)) : middle;
  return [...base.slice(0, prefix), ...replaced, ...base.slice(base.length - suffix)];
}

/** Every KEYFRAME_EVERY-th revision (1, 51, 101, …) keeps a full snapshot, so reading one applies at most 49 deltas. */
export const KEYFRAME_EVERY = 50;

/**
 * How revision `n` is stored, given the full snapshot of revision n - 1 (`previous`, undefined for
 * the first): a keyframe (`snapshot`) or a delta from `previous`. A delta is kept only when it is
 * under half the snapshot's size (a rewrite of most of the story stores the whole).
 */
export function encodeRevision(
  n: number,
  previous: JsonValue | undefined,
  snapshot: JsonValue,
): { snapshot: JsonValue; delta: null } | { snapshot: null; delta: Delta } {
  if (previous === undefined || (n - 1) % KEYFRAME_EVERY === 0) return { snapshot, delta: null };
  const delta = diffJson(previous, snapshot) ?? { o: {} };
  return size(delta) * 2 < size(snapshot) ? { snapshot: null, delta } : { snapshot, delta: null };
}

/** The full snapshot at the end of `chain` (a keyframe first, then the deltas after it, in order). */
export function replay(chain: Array<{ snapshot: JsonValue | null; delta: Delta | null }>): JsonValue | undefined {
  let value: JsonValue | undefined;
  for (const link of chain) value = link.snapshot !== null ? link.snapshot : applyDelta(value, link.delta ?? undefined);
  return value;
}
