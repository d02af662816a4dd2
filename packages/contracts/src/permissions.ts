import type { Role } from './auth.js';

/**
 * Who may do what: the permission table of DESIGN.md section 5, in code once.
 * The API guards every route with one of these; the admin hides what a user cannot do.
 */
export const PERMISSIONS = {
  'story.read': ['admin', 'editor', 'producer'],
  'story.write': ['admin', 'editor'],
  'story.publish': ['admin', 'editor'],
  /** Editorial notes on stories (read, write, resolve) and the mentions list: everyone who reads stories. */
  'story.note': ['admin', 'editor', 'producer'],
  /** Upload audio, edit its rights, retry its encodes (producers cut the audio editors attach). */
  'audio.write': ['admin', 'editor', 'producer'],
  'correspondent.read': ['admin', 'editor', 'producer'],
  'correspondent.write': ['admin'],
  'schedule.read': ['admin', 'editor', 'producer'],
  'schedule.write': ['admin', 'producer'],
  'user.manage': ['admin'],
  /** Newsroom-wide settings (e.g. whether unverified "(ph)" spellings block publishing). */
  'settings.manage': ['admin'],
  'audit.read': ['admin'],
  /** See and clear sign-in throttling (recent throttled addresses and accounts). */
  'throttle.manage': ['admin'],
  /** Distribution settings and destinations (CDS prefix, push tokens, webhooks). */
  'distribution.manage': ['admin'],
  /** Any signed-in user: their own session and account. */
  self: ['admin', 'editor', 'producer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
