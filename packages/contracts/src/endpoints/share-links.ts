import type { Endpoint } from '../endpoints.js';
import { StoryPreviewSchema } from '../public.js';
import { CreateShareLinkSchema, CreatedShareLinkSchema, ShareLinkListSchema } from '../share-links.js';

/** Share links: a story shown to someone without an account (issue 15). */
export const SHARE_LINK_ENDPOINTS = {
  'shareLinks.list': {
    method: 'get',
    path: '/api/stories/{id}/share-links',
    summary: "A story's share links (who made them, expiry, last use, state); never their tokens",
    tag: 'stories',
    permission: 'story.read',
    response: ShareLinkListSchema,
  },
  'shareLinks.create': {
    method: 'post',
    path: '/api/stories/{id}/share-links',
    summary: 'Make a share link (latest draft or a pinned revision; default 48 h, at most 14 days); the token and URL are shown once',
    tag: 'stories',
    permission: 'story.write',
    body: CreateShareLinkSchema,
    response: CreatedShareLinkSchema,
    status: 201,
  },
  'shareLinks.revoke': {
    method: 'delete',
    path: '/api/share-links/{id}',
    summary: 'Revoke a share link (idempotent: revoking a revoked link answers 204 again)',
    tag: 'stories',
    permission: 'story.write',
    status: 204,
  },
  'shared.story': {
    method: 'get',
    path: '/api/shared/{token}',
    summary:
      'A shared story for a guest without an account (the staff preview answer); 404 for an unknown, tampered, expired or revoked link; no-store, noindex; 429 after too many failed lookups',
    tag: 'stories',
    permission: 'public',
    response: StoryPreviewSchema,
  },
} as const satisfies Record<string, Endpoint>;
