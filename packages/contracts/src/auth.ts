import { z } from 'zod';
import { IdSchema } from './common.js';

export const ROLES = ['admin', 'editor', 'producer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const EmailSchema = z.email().max(254).transform((email) => email.toLowerCase());

export const LoginSchema = z.strictObject({
  email: z.string().trim().min(1, 'Enter your email address').pipe(EmailSchema),
  password: z.string().min(1, 'Enter your password').max(1024),
});
export type LoginInput = z.input<typeof LoginSchema>;

export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
});
export type User = z.infer<typeof UserSchema>;

export const LoginResponseSchema = z.object({ token: z.string(), user: UserSchema });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** Name of the httpOnly session cookie the admin app uses. */
export const SESSION_COOKIE = 'newsdesk_session';
