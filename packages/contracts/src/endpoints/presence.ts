import type { Endpoint } from '../endpoints.js';

/** Presence and soft locks on a story (issue 15). */
export const PRESENCE_ENDPOINTS = {} as const satisfies Record<string, Endpoint>;
