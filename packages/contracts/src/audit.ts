import { z } from 'zod';
import { CursorSchema, IdSchema, LimitSchema, pageOf } from './common.js';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'publish',
  'unpublish',
  'schedule',
  'embargo',
  'submit',
  'return_to_draft',
  'restore',
  'correct',
  'merge',
  'login',
  'logout',
  'login_failed',
  'role_change',
  'deactivate',
  'activate',
  'password_change',
  'password_reset',
  'session_revoke',
  'login_throttled',
  'login_account_targeted',
  'throttle_cleared',
  /** A share link was opened by a guest (entity share_link; no actor, the address in ip). */
  'use',
  'revoke',
] as const;

/** The kinds of record the audit log names in `entity`. */
export const AUDIT_ENTITIES = [
  'story',
  'tag',
  'user',
  'session',
  'correspondent',
  'person',
  'media',
  'station',
  'program',
  'segment',
  'login_throttle',
  'share_link',
  /** The newsroom settings (one record; entityId null). */
  'settings',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditQuerySchema = z.object({
  entity: z
    .string()
    .trim()
    .max(50)
    .regex(/^[a-z_]+$/, 'An entity name such as "story" or "user"')
    .optional(),
  entityId: z.string().trim().max(100).optional(),
  actor: IdSchema.optional(),
  /** The actor's email as recorded (case-insensitive, exact). */
  actorEmail: z.string().trim().max(254).optional(),
  action: z
    .string()
    .trim()
    .max(50)
    .regex(/^[a-z_]+$/, 'An action such as "publish"')
    .optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** { field: [before, after] } for each changed field. */
  diff: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  ip: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof AuditEntrySchema>;
export const AuditPageSchema = pageOf(AuditEntrySchema);
export type AuditPage = z.infer<typeof AuditPageSchema>;
