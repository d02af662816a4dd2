import { z } from 'zod';
import { IdSchema } from './common.js';

/**
 * Share links (issue 15 item 2): a story shown to someone without an account (a guest, a partner
 * station's editor) through `GET /api/shared/{token}`, as the staff preview shows it. A link is
 * tied to one story: its latest draft (`revision: null`) or one revision. It expires (default 48 h,
 * at most 14 days) and can be revoked; an expired, revoked, unknown or tampered link answers 404
 * like a missing story. The token (`<link id>.<secret>`, 256 random bits) is shown once, when the
 * link is made; the API keeps only the SHA-256 of its secret.
 */
export const SHARE_LINK_DEFAULT_HOURS = 48;
export const SHARE_LINK_MAX_HOURS = 14 * 24;

/** Where the admin app shows a shared story to a guest: `/shared/{token}`. */
export const sharedStoryPath = (token: string) => `/shared/${encodeURIComponent(token)}`;

export const ShareLinkStateSchema = z.enum(['active', 'expired', 'revoked']);
export type ShareLinkState = z.infer<typeof ShareLinkStateSchema>;

/** `POST /api/stories/{id}/share-links`. */
export const CreateShareLinkSchema = z.strictObject({
  /** How long the link works, in hours: 1 to 336 (14 days); default 48. */
  expiresInHours: z
    .number({ error: 'expiresInHours must be a whole number of hours' })
    .int('expiresInHours must be a whole number of hours')
    .min(1, 'expiresInHours must be at least 1')
    .max(SHARE_LINK_MAX_HOURS, `expiresInHours must be at most ${SHARE_LINK_MAX_HOURS} (14 days)`)
    .default(SHARE_LINK_DEFAULT_HOURS),
  /** Pin the link to this revision of the story; null or absent: the latest draft, whenever it is opened. */
  revision: z
    .number({ error: 'revision must be a revision number or null' })
    .int('revision must be a whole number')
    .min(1, 'revision must be at least 1')
    .max(1_000_000, 'revision must be at most 1000000')
    .nullable()
    .default(null),
  /** Who the link is for ("Partner station WXYZ"), for the list; optional. */
  label: z.string({ error: 'label must be text' }).trim().max(200, 'label must be at most 200 characters').default(''),
});
export type CreateShareLinkInput = z.input<typeof CreateShareLinkSchema>;

export const ShareLinkSchema = z.object({
  id: IdSchema,
  storyId: IdSchema,
  /** The pinned revision, or null: the latest draft. */
  revision: z.number().int().nullable(),
  label: z.string(),
  createdBy: z.object({ id: IdSchema, name: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  lastUsedAt: z.string().nullable(),
  useCount: z.number().int(),
  /** active until expiresAt, unless revoked first. */
  state: ShareLinkStateSchema,
});
export type ShareLink = z.infer<typeof ShareLinkSchema>;

export const ShareLinkListSchema = z.object({ items: z.array(ShareLinkSchema) });
export type ShareLinkList = z.infer<typeof ShareLinkListSchema>;

/** The answer of a create, the only time the token and the guest's URL are shown. */
export const CreatedShareLinkSchema = ShareLinkSchema.extend({
  /** `<link id>.<secret>`: the credential; never shown again. */
  token: z.string(),
  /** The guest page in the admin app (ADMIN_PUBLIC_URL + /shared/{token}). */
  url: z.string(),
});
export type CreatedShareLink = z.infer<typeof CreatedShareLinkSchema>;

/**
 * The token in `GET /api/shared/{token}`: any text. A token that is not of the form
 * `<uuid>.<43 base64url characters>` (too long, too short, wrong characters) is not refused with a
 * 400: it answers the same 404 as a wrong or expired one, so its shape tells a prober nothing.
 */
export const ShareTokenParamSchema = z.object({ token: z.string() });
