import { SESSION_ENDED, loginPath } from './paths';

/**
 * What the browser does when the API answers 401 to a call that needs a session (the session was
 * revoked, the password changed elsewhere, the account was deactivated, or it expired): the tab goes
 * to /login?next=<this page>&reason=session-ended, which says "Your session has ended. Sign in again."
 * browserApi calls endSession() for every such 401, so all client components behave the same.
 */

let ending = false;
const listeners = new Set<() => void>();

/** True once the tab is on its way to the sign-in page (unsaved-changes guards let it go). */
export function isSessionEnding(): boolean {
  return ending;
}

/** Runs `listener` just before the tab leaves for the sign-in page (e.g. to keep unsaved edits). Returns an unsubscribe. */
export function onSessionEnd(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function endSession(): void {
  if (ending || typeof window === 'undefined') return;
  ending = true;
  for (const listener of listeners) {
    try {
      listener();
    } catch (error) {
      console.error('[session-end] listener failed', error);
    }
  }
  const { pathname, search } = window.location;
  window.location.assign(loginPath(`${pathname}${search}`, SESSION_ENDED));
}
