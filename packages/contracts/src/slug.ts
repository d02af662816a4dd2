import { z } from 'zod';

export const SLUG_MAX = 120;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const SlugSchema = z
  .string()
  .max(SLUG_MAX, `A slug has at most ${SLUG_MAX} characters`)
  .regex(SLUG_PATTERN, 'Use lowercase letters, digits and single hyphens (e.g. "russia-courts-trump")');

/**
 * Derives a URL slug from a headline: accents folded, lowercase, words joined by single hyphens,
 * cut at a word boundary within SLUG_MAX. Returns "" when nothing usable is left.
 */
export function slugify(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, SLUG_MAX);
}
