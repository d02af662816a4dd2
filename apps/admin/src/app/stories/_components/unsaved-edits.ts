/**
 * Unsaved story edits kept in this tab's sessionStorage when the session ends mid-edit: the tab is
 * sent to /login (src/lib/session-end.ts) and, after signing in again, the editor offers them back.
 * Kept per story and per user, so nobody else signing in on the same tab is offered them.
 */

const PREFIX = 'newsdesk.unsaved-story.';

export interface UnsavedEdits<Values> {
  userId: string;
  values: Values;
  keptAt: string;
  /** Why they were kept: the session ended (the default), or another editor took over the story's lock. */
  reason?: 'session' | 'lock';
}

function key(storyId: string | undefined): string {
  return `${PREFIX}${storyId ?? 'new'}`;
}

export function keepUnsavedEdits<Values>(
  storyId: string | undefined,
  userId: string,
  values: Values,
  reason: UnsavedEdits<Values>['reason'] = 'session',
): void {
  try {
    const edits: UnsavedEdits<Values> = { userId, values, keptAt: new Date().toISOString(), reason };
    window.sessionStorage.setItem(key(storyId), JSON.stringify(edits));
  } catch {
    // Storage full or disabled: nothing more can be done for the edits.
  }
}

/** The edits kept for this story by this user, if any. */
export function readUnsavedEdits<Values>(storyId: string | undefined, userId: string): UnsavedEdits<Values> | null {
  try {
    const raw = window.sessionStorage.getItem(key(storyId));
    if (!raw) return null;
    const edits = JSON.parse(raw) as UnsavedEdits<Values>;
    return edits.userId === userId && edits.values && typeof edits.values === 'object' ? edits : null;
  } catch {
    return null;
  }
}

export function forgetUnsavedEdits(storyId: string | undefined): void {
  try {
    window.sessionStorage.removeItem(key(storyId));
  } catch {
    // Nothing kept, or storage disabled.
  }
}
