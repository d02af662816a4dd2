/**
 * The rundown editor's keyboard (issue 20 item 6, keyboard-first): in any field of an item's row,
 * Alt+↑ / Alt+↓ move the item (focus follows it), Alt+Enter adds an item below and focuses its
 * title, Alt+S opens the item's script and focuses it (Alt+S in the script closes it, back to the
 * title). Plain keys are the fields' own; Ctrl/Meta combinations are left to the browser.
 */
export type RowKeyAction = 'up' | 'down' | 'add' | 'script';

export const ROW_KEYS_HINT = 'Keys: Alt+↑ / Alt+↓ move an item, Alt+Enter adds one below, Alt+S opens its script.';

export function rowKeyAction(event: {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  key: string;
  code: string;
}): RowKeyAction | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  if (event.key === 'ArrowUp') return 'up';
  if (event.key === 'ArrowDown') return 'down';
  if (event.key === 'Enter') return 'add';
  if (event.code === 'KeyS') return 'script';
  return null;
}

/** After a move, focus the same field ("Item 3 kind" → "Item 2 kind") of the item at its new place. */
export function focusItemField(from: EventTarget | null, position: number): void {
  const label = from instanceof HTMLElement ? from.getAttribute('aria-label') : null;
  const target = label && /^Item \d+ /.test(label) ? label.replace(/^Item \d+ /, `Item ${position} `) : `Item ${position} title`;
  // After React has rendered the moved rows.
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[aria-label="${CSS.escape(target)}"]`)?.focus());
}

/** Focus an item's script editor once its row is open and the editor has mounted (a few frames at most). */
export function focusScript(position: number, framesLeft = 30): void {
  requestAnimationFrame(() => {
    const editable = document.getElementById(`script-${position}`);
    if (editable) editable.focus();
    else if (framesLeft > 0) focusScript(position, framesLeft - 1);
  });
}
