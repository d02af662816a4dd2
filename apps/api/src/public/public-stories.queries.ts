/** Moved: the statements live in public-stories.repository.ts (kept so existing imports, e.g. LIVE, SUMMARY, TAG_IS_PUBLIC, and bench/src/explain.js, still resolve). */
export * from './public-stories.repository.js';
