import type { StoryStatus } from '@newsdesk/contracts';

/**
 * The one rule for "readers can see this story": published, or scheduled and its time has come
 * (visibility never waits for a timer). The database guarantees that both states carry a
 * published_at (CHECK in the Foundation migration).
 *
 * `isLive` is the rule in TypeScript (for a row already read); `LIVE_SQL` is the same rule as a
 * WHERE fragment on the stories table aliased `s` (the public read path's `LIVE`).
 * test/story-live.spec.ts checks that the two agree, row by row, in PostgreSQL.
 */
export function isLive(status: StoryStatus, publishedAt: Date | string | null, now = new Date()): boolean {
  return (status === 'published' || status === 'scheduled') && publishedAt !== null && new Date(publishedAt) <= now;
}

export const LIVE_SQL = `s.status IN ('published','scheduled') AND s.published_at <= now()`;

/** The status staff see: a live story reads as published, whatever its stored state. */
export function effectiveStatus(status: StoryStatus, publishedAt: Date | string | null, now = new Date()): StoryStatus {
  return isLive(status, publishedAt, now) ? 'published' : status;
}

/** The SQL expression of effectiveStatus, for columns and filters. */
export const EFFECTIVE_STATUS = `CASE WHEN ${LIVE_SQL} THEN 'published' ELSE s.status END`;

/**
 * `EFFECTIVE_STATUS = status` written so PostgreSQL can use the index on (status, updated_at, id)
 * (the staff list's status tabs; issue #16: the CASE expression scanned every story): the same
 * rows, test/story-live.spec.ts checks it per status. `param` adds a value and returns its placeholder
 * (called only when the status is one).
 */
export function effectiveStatusIs(status: StoryStatus, param: (value: string) => string): string {
  if (status === 'published') return `(s.status = 'published' OR (s.status = 'scheduled' AND s.published_at <= now()))`;
  if (status === 'scheduled') return `(s.status = 'scheduled' AND NOT (s.published_at <= now()))`;
  return `s.status = ${param(status)}`;
}
