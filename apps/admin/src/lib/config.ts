import { z } from 'zod';

const DEFAULT_API_URL = 'http://localhost:4000';
const ApiUrlSchema = z.url({ protocol: /^https?$/ });

/**
 * Base URL of the Newsdesk API, read at request time (never at build time) so one build runs
 * against any API: docker sets API_URL when the container starts.
 */
export function apiUrl(): string {
  const raw = process.env.API_URL?.trim() || DEFAULT_API_URL;
  const parsed = ApiUrlSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`API_URL must be an http(s) URL such as ${DEFAULT_API_URL}; got ${JSON.stringify(raw)}`);
  }
  return parsed.data.replace(/\/+$/, '');
}
