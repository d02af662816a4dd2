/** What the outbox carries: one event per change a reader (or a cache, or a subscriber) can see. */
export type StoryEventType = 'story.published' | 'story.unpublished' | 'story.updated' | 'story.deleted';

export interface StoryEvent {
  type: StoryEventType;
  storyId: string;
  slug: string;
  /** The story's version after the write that raised the event (absent on events enqueued before it existed). */
  version?: number;
  /** For story.published: the instant it went (or goes) live. */
  publishedAt?: string;
  at: string;
  /** The X-Request-Id of the request whose write raised the event (absent when none, or enqueued before it existed). */
  requestId?: string;
}

/** The story as the handler sees it when the event runs (null when it has been deleted). */
export interface StoryStateRow {
  status: string;
  version: number;
  published_at: Date | null;
  /** `status IN ('published','scheduled') AND published_at <= now()`: the public LIVE rule, evaluated by PostgreSQL. */
  is_public: boolean;
}

/** Events that describe the story's publication, superseded by any later change of it. */
export const PUBLICATION_EVENTS: StoryEventType[] = ['story.published', 'story.unpublished'];

export type EventVerdict = 'current' | 'stale' | 'not_yet';

/**
 * Whether an event still describes the story when its handler runs. An event is written for the
 * story as it was at the write; by the time it is due the story may have been rescheduled,
 * withdrawn, published now instead, deleted. Only an event that is still true is delivered:
 * - published: the story is public now, with the same publication instant as the event;
 *   public later with that instant is `not_yet` (retried; cannot happen with `startAfter` unless
 *   clocks disagree);
 * - unpublished: the story exists and is not public;
 * - updated: the story is public;
 * - deleted: the story is gone.
 */
export function eventVerdict(event: StoryEvent, story: StoryStateRow | null): EventVerdict {
  switch (event.type) {
    case 'story.deleted':
      return story ? 'stale' : 'current';
    case 'story.updated':
      return story?.is_public ? 'current' : 'stale';
    case 'story.unpublished':
      return story && !story.is_public ? 'current' : 'stale';
    case 'story.published': {
      if (!story || !['published', 'scheduled'].includes(story.status) || !story.published_at || !event.publishedAt) return 'stale';
      if (story.published_at.getTime() !== new Date(event.publishedAt).getTime()) return 'stale';
      return story.is_public ? 'current' : 'not_yet';
    }
  }
}
