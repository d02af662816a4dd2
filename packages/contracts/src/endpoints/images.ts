import { RetryImageRenditionsSchema } from '../images.js';
import { MediaSchema } from '../media.js';
import { NoQuerySchema } from '../public.js';
import type { Endpoint } from '../endpoints.js';

/** Image renditions (issue 21): the record with its rendering state, a retry, and the public rendition files. */
export const IMAGE_ENDPOINTS = {
  'media.record': {
    method: 'get',
    path: '/api/media/{id}/record',
    summary: 'An image record: alt, credit, focal point, crops, and its renditions (state, progress, files and sizes)',
    tag: 'media',
    permission: 'story.read',
    response: MediaSchema,
  },
  'media.retryRenditions': {
    method: 'post',
    path: '/api/media/{id}/renditions/retry',
    summary: 'Queue the renditions of an image again after they failed (409 when they did not fail)',
    tag: 'media',
    permission: 'story.write',
    body: RetryImageRenditionsSchema,
    response: MediaSchema,
  },
  'public.images.get': {
    method: 'get',
    path: '/api/public/images/{file}',
    summary: 'One rendition (public, immutable: the key names its original, crop, size and type; no content negotiation)',
    tag: 'public',
    permission: 'public',
    query: NoQuerySchema,
  },
} as const satisfies Record<string, Endpoint>;
