import type { Endpoint } from '../endpoints.js';

import { LockRequestSchema, PresenceSnapshotSchema, PresenceTabQuerySchema, StoryLockSchema, UpdatePresenceSchema } from '../presence.js';

/** Presence and soft locks on a story (issue 15). */
export const PRESENCE_ENDPOINTS = {
  'presence.stream': {
    method: 'get',
    path: '/api/stories/{id}/presence/stream',
    summary:
      "Server-Sent Events: registers the tab (?tab=) on the story and sends a `presence` event (the snapshot) at once and on every change; a comment every 15 s. Closing it removes the tab and releases the tab's lock",
    tag: 'presence',
    permission: 'story.read',
    query: PresenceTabQuerySchema,
  },
  'presence.get': {
    method: 'get',
    path: '/api/stories/{id}/presence',
    summary: 'Who has the story open (and typing where), and who holds its lock',
    tag: 'presence',
    permission: 'story.read',
    response: PresenceSnapshotSchema,
  },
  'presence.update': {
    method: 'post',
    path: '/api/stories/{id}/presence',
    summary: 'What this tab is doing: the section it is in and whether it is typing',
    tag: 'presence',
    permission: 'story.read',
    body: UpdatePresenceSchema,
    status: 204,
  },
  'locks.acquire': {
    method: 'post',
    path: '/api/stories/{id}/lock',
    summary: 'Take the soft lock for this tab (409 naming the holder when another tab holds it). A courtesy: saves are not blocked',
    tag: 'presence',
    permission: 'story.write',
    body: LockRequestSchema,
    response: StoryLockSchema,
  },
  'locks.takeOver': {
    method: 'post',
    path: '/api/stories/{id}/lock/take-over',
    summary: 'Take the soft lock from whoever holds it (audited; the holder is told over its stream)',
    tag: 'presence',
    permission: 'story.write',
    body: LockRequestSchema,
    response: StoryLockSchema,
  },
  'locks.release': {
    method: 'delete',
    path: '/api/stories/{id}/lock',
    summary: "Release this tab's lock (?tab=); nothing happens when the tab does not hold it",
    tag: 'presence',
    permission: 'story.write',
    query: PresenceTabQuerySchema,
    status: 204,
  },
} as const satisfies Record<string, Endpoint>;
