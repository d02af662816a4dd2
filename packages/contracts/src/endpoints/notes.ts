import type { Endpoint } from '../endpoints.js';

/** Editorial notes on stories, with @mentions (issue 15). */
export const NOTES_ENDPOINTS = {} as const satisfies Record<string, Endpoint>;
