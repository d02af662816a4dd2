/**
 * Edits an editor holds before the form has them. The transcript editor keeps its own copy of the
 * turns while someone types (a 600-turn list written into react-hook-form per keystroke is too slow)
 * and hands it to the form after a pause. Whatever reads the form's values to save, keep or compare
 * them calls `flushPendingEdits` first, so a pending edit is never missed, nor replaced by a save's
 * answer that was sent without it.
 */
const pending = new WeakMap<object, Set<() => void>>();

/** Registers `flush` (writes the editor's pending edits into the form) for the form of `control`; returns the unregister. */
export function registerPendingEdits(control: object, flush: () => void): () => void {
  const set = pending.get(control) ?? new Set();
  pending.set(control, set);
  set.add(flush);
  return () => set.delete(flush);
}

/** Writes every pending edit of the form of `control` into it (synchronously). */
export function flushPendingEdits(control: object): void {
  for (const flush of pending.get(control) ?? []) flush();
}
