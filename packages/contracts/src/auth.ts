import { z } from 'zod';
import { IdSchema } from './common.js';

export const ROLES = ['admin', 'editor', 'producer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const EmailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

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

/**
 * Sign-in throttling as admins see it (GET /api/auth/throttles). `scope`: an `address` that failed
 * too often (any accounts), an `account_address` (one account from one address), or an `account`
 * failing from many addresses (never refused: slowed down and reported).
 */
export const THROTTLE_SCOPES = ['address', 'account_address', 'account'] as const;
export const LoginThrottleSchema = z.object({
  id: IdSchema,
  scope: z.enum(THROTTLE_SCOPES),
  /** The client address; null for an account-wide entry. */
  address: z.string().nullable(),
  /** Accounts tried from the address in the current window (or the one account). */
  accounts: z.array(z.string()),
  /** Distinct addresses that failed for the account in the window (account scope), else 1. */
  addressCount: z.number().int(),
  /** Attempts (address scopes) or failures (account scope) in the current window, and the limit. */
  attempts: z.number().int(),
  limit: z.number().int(),
  /** Refused (address scopes) or slowed-down (account scope) attempts in this episode. */
  hits: z.number().int(),
  /** Still in force now (the window has not moved past it). */
  active: z.boolean(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type LoginThrottle = z.infer<typeof LoginThrottleSchema>;
export const LoginThrottleListSchema = z.object({ items: z.array(LoginThrottleSchema) });
export type LoginThrottleList = z.infer<typeof LoginThrottleListSchema>;
