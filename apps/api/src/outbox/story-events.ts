/** What the outbox carries: one event per change a reader (or a cache, or a subscriber) can see. */
export type StoryEventType = 'story.published' | 'story.unpublished' | 'story.updated' | 'story.deleted';

export interface StoryEvent {
  type: StoryEventType;
  storyId: string;
  slug: string;
  /** For story.published: the instant it went (or goes) live. */
  publishedAt?: string;
  at: string;
}
