import type { Endpoint } from '../endpoints.js';

/** Share links: a story shown to someone without an account (issue 15). */
export const SHARE_LINK_ENDPOINTS = {} as const satisfies Record<string, Endpoint>;
