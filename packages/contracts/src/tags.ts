import { z } from 'zod';
import { CursorSchema, IdSchema, LimitSchema, VersionSchema, pageOf } from './common.js';
import { SlugSchema } from './slug.js';

export const TAG_TYPES = ['topic', 'person', 'place', 'organization', 'program'] as const;
export const TagTypeSchema = z.enum(TAG_TYPES);
export type TagType = z.infer<typeof TagTypeSchema>;

const name = z.string().trim().min(1, 'A tag needs a name').max(100, 'A tag name has at most 100 characters');
const aliases = z
  .array(z.string().trim().min(1).max(100))
  .max(30, 'At most 30 aliases')
  .transform((list) => [...new Set(list)]);

export const CreateTagSchema = z.strictObject({
  name,
  slug: z.union([SlugSchema, z.literal('')]).optional(),
  type: TagTypeSchema,
  aliases: aliases.default([]),
});
export type CreateTagInput = z.input<typeof CreateTagSchema>;

export const UpdateTagSchema = z.strictObject({
  version: VersionSchema,
  name: name.optional(),
  slug: SlugSchema.optional(),
  type: TagTypeSchema.optional(),
  aliases: aliases.optional(),
});
export type UpdateTagInput = z.input<typeof UpdateTagSchema>;

export const MergeTagSchema = z.strictObject({ intoId: IdSchema, version: VersionSchema });
export type MergeTagInput = z.input<typeof MergeTagSchema>;

export const TagSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  type: TagTypeSchema,
  aliases: z.array(z.string()),
  version: z.number().int(),
  storyCount: z.number().int(),
});
export type Tag = z.infer<typeof TagSchema>;

export const ListTagsQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  type: TagTypeSchema.optional(),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type ListTagsQuery = z.infer<typeof ListTagsQuerySchema>;
export const TagPageSchema = pageOf(TagSchema);
export type TagPage = z.infer<typeof TagPageSchema>;

export const TAG_SUGGESTION_SOURCES = ['headline', 'teaser', 'body', 'transcript'] as const;
export const TagSuggestionSchema = z.object({
  tag: TagSchema.pick({ id: true, slug: true, name: true, type: true }),
  score: z.number(),
  /** Where the tag's name or an alias occurs, with counts. */
  matches: z.array(z.object({ source: z.enum(TAG_SUGGESTION_SOURCES), term: z.string(), count: z.number().int() })),
});
export type TagSuggestion = z.infer<typeof TagSuggestionSchema>;
export const TagSuggestionListSchema = z.object({ items: z.array(TagSuggestionSchema) });
export type TagSuggestionList = z.infer<typeof TagSuggestionListSchema>;
