import { z } from 'zod';
import { CursorSchema, IdSchema, VersionSchema, pageOf } from './common.js';
import { StoryStatusSchema } from './stories.js';

/**
 * Editorial notes on stories (issue 15 item 5): plain text, optionally anchored to a paragraph of
 * the body or a turn of the transcript, with @mentions of staff. Notes are not story content: they
 * are never in revisions, their diff, the story's version, or any public output.
 */

export const NOTE_BODY_MAX = 4000;
export const NOTE_MENTIONS_MAX = 20;
/** The highest paragraph or turn position an anchor may name (a story's body and transcript stay far below it). */
export const NOTE_ANCHOR_MAX_INDEX = 9999;

const body = z.string().trim().min(1, 'A note needs some text').max(NOTE_BODY_MAX, `A note has at most ${NOTE_BODY_MAX} characters`);

const anchorIndex = z
  .number()
  .int('The position is a whole number')
  .min(0, 'The position starts at 0')
  .max(NOTE_ANCHOR_MAX_INDEX, `The position is at most ${NOTE_ANCHOR_MAX_INDEX}`);

/**
 * Where a note points: the body's top-level block at `index` (0-based), or the transcript's turn at
 * `index`. Positions, not ids: transcript turns are rewritten (new ids) on every transcript save.
 */
export const NOTE_ANCHOR_KINDS = ['paragraph', 'turn'] as const;
export const NoteAnchorSchema = z.strictObject({
  kind: z.enum(NOTE_ANCHOR_KINDS, { error: 'The anchor kind is "paragraph" or "turn"' }),
  index: anchorIndex,
});
export type NoteAnchor = z.infer<typeof NoteAnchorSchema>;

const mentions = z
  .array(IdSchema, { error: 'Mentions are a list of user ids' })
  .max(NOTE_MENTIONS_MAX, `At most ${NOTE_MENTIONS_MAX} mentions`)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'A user is mentioned twice' });

export const CreateNoteSchema = z.strictObject({
  body,
  anchor: NoteAnchorSchema.nullable().optional(),
  /** The users the author chose in the @ autocomplete (the server stores these, and only these). */
  mentions: mentions.optional(),
});
export type CreateNoteInput = z.input<typeof CreateNoteSchema>;

/** Edit the text (its author only) and/or resolve or reopen the note (anyone who may note). */
export const UpdateNoteSchema = z.strictObject({
  version: VersionSchema,
  body: body.optional(),
  resolved: z.boolean().optional(),
});
export type UpdateNoteInput = z.input<typeof UpdateNoteSchema>;

export const NoteDeleteQuerySchema = z.object({ version: z.coerce.number().int().min(1) });

export const NOTE_STATES = ['open', 'resolved', 'all'] as const;
export const ListNotesQuerySchema = z.object({ state: z.enum(NOTE_STATES).default('all') });
export type ListNotesQuery = z.infer<typeof ListNotesQuerySchema>;

/** A staff member as notes show them: a name, never an email or roles. */
export const StaffNameSchema = z.object({ id: IdSchema, name: z.string() });
export type StaffName = z.infer<typeof StaffNameSchema>;

export const NoteSchema = z.object({
  id: IdSchema,
  storyId: IdSchema,
  body: z.string(),
  anchor: NoteAnchorSchema.nullable(),
  author: StaffNameSchema,
  mentions: z.array(StaffNameSchema),
  resolved: z.object({ at: z.string(), by: StaffNameSchema.nullable() }).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;
export const NoteListSchema = z.object({ items: z.array(NoteSchema) });
export type NoteList = z.infer<typeof NoteListSchema>;

export const ListMentionsQuerySchema = z.object({
  /** `true`: unread only; `false`: read only; absent: both. */
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: CursorSchema.optional(),
});
export type ListMentionsQuery = z.infer<typeof ListMentionsQuerySchema>;

/** One mention of the signed-in user: the note, its story, and whether they have read it. */
export const MentionSchema = z.object({
  note: NoteSchema,
  story: z.object({ id: IdSchema, headline: z.string(), status: StoryStatusSchema }),
  readAt: z.string().nullable(),
});
export type Mention = z.infer<typeof MentionSchema>;
export const MentionPageSchema = pageOf(MentionSchema);
export type MentionPage = z.infer<typeof MentionPageSchema>;

export const StaffDirectoryQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type StaffDirectoryQuery = z.infer<typeof StaffDirectoryQuerySchema>;
export const StaffDirectorySchema = z.object({ items: z.array(StaffNameSchema) });
export type StaffDirectory = z.infer<typeof StaffDirectorySchema>;
