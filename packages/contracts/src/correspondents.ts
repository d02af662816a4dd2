import { z } from 'zod';
import { CursorSchema, IdSchema, LimitSchema, VersionSchema, pageOf } from './common.js';
import { HTML_MAX_DEPTH, htmlDepthExceeds } from './html-depth.js';
import { MediaSchema, PublicImageSchema } from './media.js';
import { NameCursorSchema } from './people.js';
import { PersonJsonLdSchema } from './open-web.js';
import { PublicStoryPageSchema } from './public.js';
import { SlugSchema } from './slug.js';

/**
 * Correspondents: a person's staff profile (admins write; editors and producers read). The name
 * lives on the person (`personId`) and is kept in sync both ways. A published profile is public
 * at /api/public/correspondents/:slug; changing the slug after publication keeps the old one as
 * a redirect.
 */

export const CORRESPONDENT_STATUSES = ['draft', 'published'] as const;
export const CorrespondentStatusSchema = z.enum(CORRESPONDENT_STATUSES);
export type CorrespondentStatus = z.infer<typeof CorrespondentStatusSchema>;

export const BIO_MAX = 50_000;
export const BEATS_MAX = 20;
export const SOCIAL_LINKS_MAX = 10;

const name = z.string().trim().min(1, 'A name is required').max(200, 'A name has at most 200 characters');
const givenName = z.string().trim().max(100, 'A given name has at most 100 characters');
const familyName = z.string().trim().min(1, 'A family name is required').max(100, 'A family name has at most 100 characters');
const title = z.string().trim().max(150, 'A title has at most 150 characters');
const bureau = z.string().trim().max(100, 'A bureau has at most 100 characters');
const bio = z
  .string()
  .max(BIO_MAX, `A bio has at most ${BIO_MAX.toLocaleString('en-US')} characters`)
  .refine((html) => !htmlDepthExceeds(html, HTML_MAX_DEPTH), `HTML may nest elements at most ${HTML_MAX_DEPTH} deep`);
/**
 * Beats are short topic names ("Russia", "Energy") for now; they become tag references when tags
 * exist (same field, the strings then name tags).
 */
const beats = z
  .array(z.string().trim().min(1, 'A beat cannot be empty').max(60, 'A beat has at most 60 characters'))
  .max(BEATS_MAX, `At most ${BEATS_MAX} beats`)
  .transform((list) => [...new Set(list)]);
/** Staff-only: never on the public API. Empty means none. */
const email = z
  .string()
  .trim()
  .transform((value) => value.toLowerCase())
  .pipe(z.union([z.literal(''), z.email('Enter an email address such as name@newsroom.org')]))
  .transform((value) => value || null)
  .nullable();
export const SocialLinkSchema = z.strictObject({
  /** What the link is: "X", "Bluesky", "Instagram", "Website". */
  label: z.string().trim().min(1, 'Name the link, e.g. Bluesky').max(40, 'A label has at most 40 characters'),
  url: z.url({ protocol: /^https?$/, error: 'Enter a full http(s) address' }).max(500),
});
export type SocialLink = z.infer<typeof SocialLinkSchema>;
const socialLinks = z.array(SocialLinkSchema).max(SOCIAL_LINKS_MAX, `At most ${SOCIAL_LINKS_MAX} links`);

export const CreateCorrespondentSchema = z.strictObject({
  /** The person's display name ("Lucian Kim"). */
  name,
  /** Derived from the name when absent. */
  givenName: givenName.optional(),
  familyName: familyName.optional(),
  /** Link an existing person (e.g. one already speaking in transcripts) instead of creating one. */
  personId: IdSchema.optional(),
  /** Derived from the name when empty. */
  slug: z.union([SlugSchema, z.literal('')]).optional(),
  title: title.default(''),
  bureau: bureau.default(''),
  /** HTML; sanitized on the server. */
  bio: bio.default(''),
  photoId: IdSchema.nullable().optional(),
  beats: beats.default([]),
  email: email.optional(),
  socialLinks: socialLinks.default([]),
  /** false: departed (the profile stays, for their archive of stories). */
  active: z.boolean().default(true),
});
export type CreateCorrespondentInput = z.input<typeof CreateCorrespondentSchema>;

export const UpdateCorrespondentSchema = z.strictObject({
  version: VersionSchema,
  name: name.optional(),
  givenName: givenName.optional(),
  familyName: familyName.optional(),
  slug: SlugSchema.optional(),
  title: title.optional(),
  bureau: bureau.optional(),
  bio: bio.optional(),
  photoId: IdSchema.nullable().optional(),
  beats: beats.optional(),
  email: email.optional(),
  socialLinks: socialLinks.optional(),
  active: z.boolean().optional(),
});
export type UpdateCorrespondentInput = z.input<typeof UpdateCorrespondentSchema>;

export const CorrespondentTransitionSchema = z.strictObject({ version: VersionSchema });
export type CorrespondentTransitionInput = z.input<typeof CorrespondentTransitionSchema>;

export const CorrespondentSchema = z.object({
  id: IdSchema,
  personId: IdSchema,
  slug: z.string(),
  name: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  title: z.string(),
  bureau: z.string(),
  bio: z.string(),
  photoId: IdSchema.nullable(),
  photo: MediaSchema.nullable(),
  beats: z.array(z.string()),
  email: z.string().nullable(),
  socialLinks: z.array(SocialLinkSchema),
  active: z.boolean(),
  status: CorrespondentStatusSchema,
  /** First publication of the profile (kept through an unpublish). */
  publishedAt: z.string().nullable(),
  /** Earlier slugs that redirect to this profile. */
  oldSlugs: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Correspondent = z.infer<typeof CorrespondentSchema>;

export const CorrespondentSummarySchema = CorrespondentSchema.pick({
  id: true,
  slug: true,
  name: true,
  title: true,
  bureau: true,
  active: true,
  status: true,
  version: true,
  updatedAt: true,
}).extend({ photoUrl: z.string().nullable() });
export type CorrespondentSummary = z.infer<typeof CorrespondentSummarySchema>;

export const ListCorrespondentsQuerySchema = z.object({
  /** Name, title or bureau contains this text. */
  q: z.string().trim().max(200).optional(),
  status: CorrespondentStatusSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: LimitSchema,
  cursor: NameCursorSchema.optional(),
});
export type ListCorrespondentsQuery = z.infer<typeof ListCorrespondentsQuerySchema>;

export const CorrespondentPageSchema = pageOf(CorrespondentSummarySchema);
export type CorrespondentPage = z.infer<typeof CorrespondentPageSchema>;

/* ---- public ---- */

export const PublicCorrespondentsQuerySchema = z.strictObject({
  active: z.enum(['true', 'false']).optional(),
  limit: LimitSchema,
  cursor: NameCursorSchema.optional(),
});
export type PublicCorrespondentsQuery = z.infer<typeof PublicCorrespondentsQuerySchema>;

/** Paging of the profile's stories. */
export const PublicCorrespondentQuerySchema = z.strictObject({ limit: LimitSchema, cursor: CursorSchema.optional() });
export type PublicCorrespondentQuery = z.infer<typeof PublicCorrespondentQuerySchema>;

export const PublicCorrespondentSummarySchema = z.object({
  slug: z.string(),
  name: z.string(),
  title: z.string(),
  bureau: z.string(),
  active: z.boolean(),
  photo: PublicImageSchema.nullable(),
});
export type PublicCorrespondentSummary = z.infer<typeof PublicCorrespondentSummarySchema>;

export const PublicCorrespondentPageSchema = pageOf(PublicCorrespondentSummarySchema);
export type PublicCorrespondentPage = z.infer<typeof PublicCorrespondentPageSchema>;

export const PublicCorrespondentSchema = PublicCorrespondentSummarySchema.extend({
  givenName: z.string(),
  familyName: z.string(),
  bio: z.string(),
  beats: z.array(z.string()),
  socialLinks: z.array(z.object({ label: z.string(), url: z.string() })),
  /** Their latest published stories, newest first (`?cursor=` pages on). */
  stories: PublicStoryPageSchema,
  /** schema.org Person (JSON-LD) of this correspondent, `sameAs` their profile links (docs/open-web.md). */
  jsonLd: PersonJsonLdSchema,
});
export type PublicCorrespondent = z.infer<typeof PublicCorrespondentSchema>;
