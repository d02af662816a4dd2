import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** The API's whole configuration, read once from the environment and validated at boot. */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    DEMO_DATA: bool,
    /** Behind a reverse proxy: take the client address from X-Forwarded-For (used by login throttling). */
    TRUST_PROXY: bool,
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD must have at least 12 characters').optional(),
    ADMIN_ORIGIN: z.string().default('http://localhost:3000'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Run the outbox worker in this process (publishing side effects: webhooks, cache purges). */
    OUTBOX_WORKER: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
    /** Comma-separated URLs that receive a signed POST for each story event. */
    WEBHOOK_URLS: z.string().default('').transform((value) => value.split(',').map((url) => url.trim()).filter(Boolean)).pipe(z.array(z.url())),
    /** HMAC-SHA256 key for the X-Newsdesk-Signature header of webhooks. */
    WEBHOOK_SECRET: z.string().min(16, 'WEBHOOK_SECRET must have at least 16 characters').optional(),
    /** Where readers find a story, for feeds: {slug} is replaced. */
    STORY_URL_TEMPLATE: z.string().default('http://localhost:4000/api/public/stories/{slug}'),
    FEED_TITLE: z.string().default('Newsdesk'),
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
    SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 3),
  })
  .superRefine((config, ctx) => {
    if (config.DEMO_DATA && config.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['DEMO_DATA'], message: 'DEMO_DATA must not be set in production' });
    }
    if ((config.ADMIN_EMAIL === undefined) !== (config.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'set ADMIN_EMAIL and ADMIN_PASSWORD together' });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; a missing or bad value throws a ConfigError naming each variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = ConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(config)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Injection token for the validated Config. */
export const CONFIG = Symbol('CONFIG');
