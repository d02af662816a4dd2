import { z } from 'zod';
import { EmailSchema, RoleSchema } from './auth.js';
import { CursorSchema, IdSchema, LimitSchema, pageOf } from './common.js';

export const PASSWORD_MIN = 12;

/**
 * A short list of passwords that are long enough yet guessed first. Checked case-insensitively,
 * also with the digits and symbols at the end stripped ("Password1234!" is "password").
 */
const COMMON_PASSWORDS = new Set([
  'password',
  'passwordpassword',
  'qwertyuiop',
  'qwertyuiopasdf',
  'qwertyqwerty',
  '123456789012',
  '1234567890123',
  'letmeinletmein',
  'iloveyouiloveyou',
  'administrator',
  'adminadminadmin',
  'welcomewelcome',
  'changeme',
  'changemechangeme',
  'newsdesk',
  'newsroom',
  'trustno1trustno1',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'starwars',
  'superman',
  'abcdefghijkl',
  'aaaaaaaaaaaa',
  'monkeymonkey',
  'dragondragon',
  'masterkey',
  'correcthorsebatterystaple',
  'publicradio',
]);

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(256, 'Use at most 256 characters')
  .refine((password) => {
    const lower = password.toLowerCase();
    return !COMMON_PASSWORDS.has(lower) && !COMMON_PASSWORDS.has(lower.replace(/[\d\W_]+$/, ''));
  }, 'This password is too common; choose another');

const name = z.string().trim().min(1, 'A name is required').max(200);
const roles = z
  .array(RoleSchema)
  .min(1, 'Give the user at least one role')
  .max(3)
  .transform((list) => [...new Set(list)]);

export const CreateUserSchema = z.strictObject({
  email: z.string().trim().pipe(EmailSchema),
  name,
  roles,
  /** Without a password the answer carries a one-time set-password link to hand over. */
  password: PasswordSchema.optional(),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

export const UpdateUserSchema = z.strictObject({
  /** The version the edit is based on; a stale one -> 409 with currentVersion and changedFields. */
  version: z.number().int().min(1),
  name: name.optional(),
  roles: roles.optional(),
  active: z.boolean().optional(),
});
export type UpdateUserInput = z.input<typeof UpdateUserSchema>;

export const StaffUserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
  hasPassword: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;

export const ListUsersQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuerySchema>;
export const StaffUserPageSchema = pageOf(StaffUserSchema);
export type StaffUserPage = z.infer<typeof StaffUserPageSchema>;

/** A one-time link to set a password; the token is shown once and stored only hashed. */
export const PasswordLinkSchema = z.object({ url: z.string(), token: z.string(), expiresAt: z.string() });
export type PasswordLink = z.infer<typeof PasswordLinkSchema>;
export const CreateUserResponseSchema = z.object({ user: StaffUserSchema, passwordLink: PasswordLinkSchema.nullable() });
export type CreateUserResponse = z.infer<typeof CreateUserResponseSchema>;

export const SetPasswordSchema = z.strictObject({ token: z.string().min(10).max(200), password: PasswordSchema });
export type SetPasswordInput = z.input<typeof SetPasswordSchema>;

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password').max(256),
  newPassword: PasswordSchema,
});
export type ChangePasswordInput = z.input<typeof ChangePasswordSchema>;
/** Every session ended with the password change; this one replaces the caller's. */
export const ChangePasswordResponseSchema = z.object({ token: z.string() });
export type ChangePasswordResponse = z.infer<typeof ChangePasswordResponseSchema>;

export const SessionInfoSchema = z.object({
  id: IdSchema,
  current: z.boolean(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
export const SessionListSchema = z.object({ items: z.array(SessionInfoSchema) });
export type SessionList = z.infer<typeof SessionListSchema>;
