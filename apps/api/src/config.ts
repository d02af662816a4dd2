import { isIP } from 'node:net';
import { AUDIO_DEFAULT_MAX_BYTES } from '@newsdesk/contracts';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR range (10.0.0.0/8, fd00::/8) or one of proxy-addr's names (loopback, linklocal, uniquelocal). */
export function isProxyEntry(entry: string): boolean {
  if (PROXY_KEYWORDS.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: the proxies whose X-Forwarded-For is believed, as a comma-separated list of
 * addresses/CIDRs. Unset or `false`: nobody (the socket's address is the client). `true` is a
 * shorthand for `loopback` only (127.0.0.0/8, ::1), never "everybody".
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): false | string[] => {
    const text = (value ?? '').trim().toLowerCase();
    if (text === '' || text === 'false' || text === '0') return false;
    if (text === 'true' || text === '1') return ['loopback'];
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const bad = entries.filter((entry) => !isProxyEntry(entry));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `not an IP address, a CIDR range, loopback, linklocal or uniquelocal: ${bad.join(', ')}` });
      return z.NEVER;
    }
    return entries;
  });

/**
 * A public page's URL with `{slug}` in it (an absolute http(s) URL once the slug is in). At most 1500
 * characters, so that with a slug it stays under the sitemap protocol's 2048 (see public/sitemaps.ts).
 */
const urlTemplate = (name: string) =>
  z
    .string()
    .max(1500, `${name} has at most 1500 characters`)
    .refine((value) => value.includes('{slug}'), `${name} must contain {slug}`)
    .refine((value) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value.replace('{slug}', 'x')), `${name} must be an http(s) URL`)
    .optional();

/** The API's whole configuration, read once from the environment and validated at boot. */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    DEMO_DATA: bool,
    /** Proxies (addresses/CIDRs) whose X-Forwarded-For names the client (login throttling, audit, logs). */
    TRUST_PROXY: trustProxy,
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD must have at least 12 characters').optional(),
    ADMIN_ORIGIN: z.string().default('http://localhost:3000'),
    /** The admin app's public address: share links' guest pages are ADMIN_PUBLIC_URL + /shared/{token}. */
    ADMIN_PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'ADMIN_PUBLIC_URL must be an http(s) URL' })
      .default('http://localhost:3000')
      .transform((value) => value.replace(/\/+$/, '')),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Run the outbox worker in this process (publishing side effects: webhooks, cache purges). */
    OUTBOX_WORKER: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    /** Readiness turns red when a due outbox event has waited longer than this (seconds) without being handled. */
    OUTBOX_MAX_LAG_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Distribution deliveries (docs/distribution.md): attempts before a delivery ends failed. */
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** The first retry waits this long (ms); each next one twice as long (capped at one hour). */
    DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
    /** One attempt's time limit (ms). */
    DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** How often an idle delivery worker looks for due deliveries (ms), and how many run per process. */
    DELIVERY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    DELIVERY_WORKERS: z.coerce.number().int().min(1).max(32).default(4),
    /** Comma-separated URLs that receive a signed POST for each story event. */
    WEBHOOK_URLS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url())),
    /** HMAC-SHA256 key for the X-Newsdesk-Signature header of webhooks. */
    WEBHOOK_SECRET: z.string().min(16, 'WEBHOOK_SECRET must have at least 16 characters').optional(),
    /**
     * The API's public address (scheme, host, optional port and path prefix): every absolute URL of
     * the API's outputs (feeds' self links) starts with it, never with the request's Host header.
     */
    PUBLIC_API_URL: z
      .url({ protocol: /^https?$/, error: 'PUBLIC_API_URL must be an http(s) URL' })
      .default('http://localhost:4000')
      .transform((value) => value.replace(/\/+$/, '')),
    /** The readers' home page, for feeds' home links (default: the public story list of PUBLIC_API_URL). */
    PUBLIC_SITE_URL: z.url({ protocol: /^https?$/, error: 'PUBLIC_SITE_URL must be an http(s) URL' }).optional(),
    /** Where readers find a story, for feeds: {slug} is replaced. */
    STORY_URL_TEMPLATE: z
      .string()
      .max(1500, 'STORY_URL_TEMPLATE has at most 1500 characters (a sitemap URL has fewer than 2048)')
      .default('http://localhost:4000/api/public/stories/{slug}'),
    FEED_TITLE: z.string().default('Newsdesk'),
    /**
     * The open web (docs/open-web.md): where readers find a correspondent's, a tag's and a program's
     * page ({slug} is replaced). Unset: the public API's own JSON of it under PUBLIC_API_URL.
     */
    CORRESPONDENT_URL_TEMPLATE: urlTemplate('CORRESPONDENT_URL_TEMPLATE'),
    TAG_URL_TEMPLATE: urlTemplate('TAG_URL_TEMPLATE'),
    PROGRAM_URL_TEMPLATE: urlTemplate('PROGRAM_URL_TEMPLATE'),
    /**
     * Where crawlers fetch /robots.txt, /sitemap.xml and /sitemaps/*: the sitemaps' own absolute URLs
     * start with it (the public site's origin when it proxies those paths to the API). Default: PUBLIC_API_URL.
     */
    SITEMAP_BASE_URL: z
      .url({ protocol: /^https?$/, error: 'SITEMAP_BASE_URL must be an http(s) URL' })
      .max(200)
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
    /** The publication's name (Google News' news:name, JSON-LD publisher, ninjs copyright holder). Default: FEED_TITLE. */
    PUBLISHER_NAME: z.string().trim().min(1).max(200).optional(),
    /** The publisher's logo (JSON-LD publisher.logo): an absolute http(s) URL. */
    PUBLISHER_LOGO_URL: z
      .url({ protocol: /^https?$/, error: 'PUBLISHER_LOGO_URL must be an http(s) URL' })
      .max(1000)
      .optional(),
    /** The publication's language: ISO 639 (two or three letters), or zh-cn / zh-tw, as Google News requires. */
    PUBLICATION_LANGUAGE: z
      .string()
      .regex(/^([a-z]{2,3}|zh-cn|zh-tw)$/, 'PUBLICATION_LANGUAGE must be an ISO 639 code (en, fr, ...) or zh-cn / zh-tw')
      .default('en'),
    /** In-process cache of public responses, invalidated on every change (0 turns it off). */
    PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    PUBLIC_CACHE_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(5000),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 14),
    SESSION_IDLE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 3),
    /** Uploaded media on local disk (relative to the working directory), unless S3_BUCKET is set. */
    MEDIA_DIR: z.string().min(1).default('.data/media'),
    /** S3-compatible media storage (AWS S3, MinIO, ...): set S3_BUCKET to use it instead of MEDIA_DIR. */
    S3_BUCKET: z.string().min(3).optional(),
    S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'S3_ENDPOINT must be an http(s) URL' }).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Path-style URLs (bucket in the path), as MinIO wants; defaults to true when S3_ENDPOINT is set. */
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
    /** Key prefix inside the bucket, e.g. "media/". */
    S3_PREFIX: z.string().max(200).default(''),
    /**
     * Milliseconds a storage request may wait for the bucket to connect or to send/receive a byte
     * before it fails (an idle timeout: long transfers that keep moving are not cut).
     */
    S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** Largest audio upload in bytes (413 past it); default 1 GiB. */
    AUDIO_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(64 * 1024 ** 3)
      .default(AUDIO_DEFAULT_MAX_BYTES),
    /** Encode a 64 kbit/s mono MP3 (for podcasts) of every uploaded audio, beside the 128 kbit/s one. */
    AUDIO_PODCAST_MONO: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /** Image rendition jobs one worker process runs at once (each decodes one image: memory grows with it). */
    IMAGE_JOBS: z.coerce.number().int().min(1).max(4).default(1),
    /** libvips threads per image rendition job. */
    IMAGE_THREADS: z.coerce.number().int().min(1).max(16).default(2),
    /**
     * Days a rendition no live output references is kept before the cleanup deletes it (its file and
     * row; docs/images.md "Rendition cleanup"): feeds, CDNs and partners holding an old URL keep it that long.
     */
    /**
     * Serve every uploaded original (`GET /api/media/{id}`) to anyone. Default false: an original is
     * public only while a live output references it, else staff-only (docs/images.md "Originals").
     */
    MEDIA_PUBLIC_ORIGINALS: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    IMAGE_RENDITION_GRACE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** Bearer token of GET /metrics (Prometheus); unset: the route answers 404. 24+ characters. */
    METRICS_TOKEN: z.string().min(24, 'METRICS_TOKEN must have at least 24 characters').optional(),
    /**
     * On SIGTERM, how long (ms) the process keeps serving while its health probes answer 503, so
     * that the proxy's health checks take it out of rotation before it stops accepting connections.
     * Default: 5000 with NODE_ENV=production, else 0.
     */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).optional(),
    /** After the drain, how long (ms) in-flight requests and workers may take to finish before the process exits anyway. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(25_000),
    /** The FFmpeg binary for audio encodes (default: the one @ffmpeg-installer/ffmpeg ships). */
    FFMPEG_PATH: z.string().min(1).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.DEMO_DATA && config.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['DEMO_DATA'], message: 'DEMO_DATA must not be set in production' });
    }
    if ((config.ADMIN_EMAIL === undefined) !== (config.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'set ADMIN_EMAIL and ADMIN_PASSWORD together' });
    }
    if ((config.S3_ACCESS_KEY_ID === undefined) !== (config.S3_SECRET_ACCESS_KEY === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['S3_SECRET_ACCESS_KEY'], message: 'set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together' });
    }
    if (!config.S3_BUCKET && (config.S3_ENDPOINT || config.S3_ACCESS_KEY_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: ['S3_BUCKET'],
        message: 'set S3_BUCKET to use S3 media storage (or unset the other S3_* variables)',
      });
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
