export * from './common.js';
export * from './auth.js';
export * from './permissions.js';
export * from './slug.js';
export * from './stories.js';
export * from './public.js';
export * from './users.js';
export * from './audit.js';
