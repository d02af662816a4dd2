import type { z } from 'zod';
import { AUDIO_ENDPOINTS } from './endpoints/audio.js';
import { DISTRIBUTION_ENDPOINTS } from './endpoints/distribution.js';
import { IMAGE_ENDPOINTS } from './endpoints/images.js';
import { NOTES_ENDPOINTS } from './endpoints/notes.js';
import { OPEN_WEB_ENDPOINTS } from './endpoints/open-web.js';
import { PEOPLE_ENDPOINTS } from './endpoints/people.js';
import { PRESENCE_ENDPOINTS } from './endpoints/presence.js';
import { SCHEDULE_ENDPOINTS } from './endpoints/schedule.js';
import { SERVICE_ENDPOINTS } from './endpoints/service.js';
import { SHARE_LINK_ENDPOINTS } from './endpoints/share-links.js';
import { STAFF_ENDPOINTS } from './endpoints/staff.js';
import { STORIES_ENDPOINTS } from './endpoints/stories.js';
import { TRANSCRIPT_DESK_ENDPOINTS } from './endpoints/transcripts.js';
import type { Permission } from './permissions.js';

/**
 * The route table: every route of the API, by name, with the contract schemas it speaks. One
 * declaration serves three readers:
 * - the API: its OpenAPI document is generated from it (apps/api/src/openapi/openapi.document.ts) and
 *   the router test (apps/api/test/routes.e2e-spec.ts) checks every controller route against it;
 * - the admin: its typed client is derived from it (`api.call('stories.update', { params, body })`);
 * - anyone reading the API: name, method, path, permission and summary side by side.
 * The entries live by feature in ./endpoints/*.ts; a new route is one entry there (plus its
 * controller); nothing else lists routes.
 */

/** The header the API requires on cookie-authenticated writes (its CSRF defence), with the value `1`. */
export const CSRF_HEADER = 'x-newsdesk-csrf';
export const CSRF_VALUE = '1';

/** One route. `permission` is 'public' for routes open to anyone. */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The full path, with `{param}` placeholders (e.g. `/api/stories/{id}`). */
  path: string;
  summary: string;
  tag: string;
  permission: Permission | 'public';
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A multipart/form-data body: a binary `file` plus these text fields. */
  upload?: z.ZodObject;
  /** The JSON answer (absent: no body, or not JSON such as feeds and images). */
  response?: z.ZodType;
  /** The success status (default 200). */
  status?: number;
  /** Defaults to one derived from method and path. */
  operationId?: string;
}

/** Every route of the API (the router test checks this table is complete and exact). */
export const ENDPOINTS = {
  ...SERVICE_ENDPOINTS,
  ...STAFF_ENDPOINTS,
  ...STORIES_ENDPOINTS,
  ...IMAGE_ENDPOINTS,
  ...PEOPLE_ENDPOINTS,
  ...AUDIO_ENDPOINTS,
  ...SCHEDULE_ENDPOINTS,
  ...SHARE_LINK_ENDPOINTS,
  ...PRESENCE_ENDPOINTS,
  ...NOTES_ENDPOINTS,
  ...OPEN_WEB_ENDPOINTS,
  ...TRANSCRIPT_DESK_ENDPOINTS,
  ...DISTRIBUTION_ENDPOINTS,
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;

/** The routes as a list, each with its name. */
export const ENDPOINT_LIST: ReadonlyArray<Endpoint & { name: EndpointName }> = Object.entries(ENDPOINTS).map(([name, endpoint]) => ({
  name: name as EndpointName,
  ...endpoint,
}));
