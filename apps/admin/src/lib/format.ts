import type { Role, StoryStatus } from '@newsdesk/contracts';

export const STATUS_LABELS: Record<StoryStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

export const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', editor: 'Editor', producer: 'Producer' };

export function rolesLabel(roles: readonly Role[]): string {
  return roles.map((role) => ROLE_LABELS[role]).join(', ');
}

const LOCAL_FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** A fixed rendering for the server (and the first client render), so hydration always matches. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleString('en-GB', { ...LOCAL_FORMAT, timeZone: 'UTC' })} UTC`;
}

/** The same instant in the reader's own time zone (browser only). */
export function formatLocal(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', LOCAL_FORMAT);
}

/** `<input type="datetime-local">` value -> ISO instant with offset (the contract's publishAt), or null when invalid. */
export function localInputToIso(value: string): string | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
