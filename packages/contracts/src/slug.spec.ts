import { SLUG_MAX, SlugSchema, slugify } from './slug.js';

describe('slugify', () => {
  it('derives a lowercase hyphenated slug from a headline', () => {
    expect(slugify('Russian President Attempts To Court Trump Through Fighting ISIS')).toBe(
      'russian-president-attempts-to-court-trump-through-fighting-isis',
    );
  });
  it('folds accents, drops apostrophes and punctuation', () => {
    expect(slugify("Kremlin's “Coalition” — Café Talks in Astana!")).toBe('kremlins-coalition-cafe-talks-in-astana');
  });
  it('cuts at a word boundary within the maximum length', () => {
    const slug = slugify('word '.repeat(100));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug.endsWith('-')).toBe(false);
    expect(SlugSchema.safeParse(slug).success).toBe(true);
  });
  it('returns an empty string when nothing usable is left', () => {
    expect(slugify('!!! ???')).toBe('');
  });
});

describe('SlugSchema', () => {
  it.each(['a', 'moscow-2017', 'x1-y2-z3'])('accepts %s', (slug) => {
    expect(SlugSchema.safeParse(slug).success).toBe(true);
  });
  it.each(['', 'Upper', 'double--hyphen', '-lead', 'trail-', 'sp ace', 'ünï'])('rejects %j', (slug) => {
    expect(SlugSchema.safeParse(slug).success).toBe(false);
  });
});
