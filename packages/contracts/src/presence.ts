import { z } from 'zod';
import { IdSchema } from './common.js';

/**
 * Presence and soft locks on a story (issue 15): who has the story open, who is typing in which
 * section, and which tab holds the (courtesy) lock. A tab is one open editor, named by a UUID the
 * browser makes up when the editor opens. Saves are never blocked by a lock: the version check
 * (409 on a stale version) stays the rule.
 */

/** A browser tab's id: a UUID chosen by the tab. */
export const PresenceTabSchema = z.uuid('tab must be a UUID naming this browser tab');

/** How long a section name may be ('headline', 'body', 'transcript', ...). */
export const PRESENCE_SECTION_MAX = 40;

/** A part of the editor: a short lower-case name. */
export const PresenceSectionSchema = z
  .string()
  .trim()
  .min(1, 'section must not be empty (send null for none)')
  .max(PRESENCE_SECTION_MAX, `section has at most ${PRESENCE_SECTION_MAX} characters`)
  .regex(/^[a-z][a-z0-9-]*$/, 'section is a lower-case name such as "headline", "body" or "transcript"');

/** `?tab=` of the presence stream and of releasing a lock. */
export const PresenceTabQuerySchema = z.strictObject({ tab: PresenceTabSchema });
export type PresenceTabQuery = z.infer<typeof PresenceTabQuerySchema>;

/** What a tab is doing now (sent at most every couple of seconds while typing). */
export const UpdatePresenceSchema = z.strictObject({
  tab: PresenceTabSchema,
  section: PresenceSectionSchema.nullable(),
  typing: z.boolean('typing must be true or false'),
});
export type UpdatePresenceInput = z.input<typeof UpdatePresenceSchema>;

/** Acquiring or taking over a story's lock for a tab. */
export const LockRequestSchema = z.strictObject({ tab: PresenceTabSchema });
export type LockRequest = z.input<typeof LockRequestSchema>;

export const PresenceViewerSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  tabId: IdSchema,
  section: z.string().nullable(),
  typing: z.boolean(),
  /** When this tab opened the story. */
  since: z.string(),
});
export type PresenceViewer = z.infer<typeof PresenceViewerSchema>;

export const StoryLockSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  tabId: IdSchema,
  /** When this tab took the lock. */
  since: z.string(),
});
export type StoryLock = z.infer<typeof StoryLockSchema>;

/** Everyone on a story now, and the lock: the `presence` event of the stream, and `GET .../presence`. */
export const PresenceSnapshotSchema = z.object({
  viewers: z.array(PresenceViewerSchema),
  lock: StoryLockSchema.nullable(),
});
export type PresenceSnapshot = z.infer<typeof PresenceSnapshotSchema>;
