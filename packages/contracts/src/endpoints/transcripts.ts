import type { Endpoint } from '../endpoints.js';
import { NoQuerySchema } from '../public.js';
import {
  NewsroomSettingsSchema,
  SpellingDeskPageSchema,
  SpellingDeskQuerySchema,
  UpdateNewsroomSettingsSchema,
} from '../transcript/desk.js';

/** The "(ph)" desk and the newsroom setting for unverified spellings (issue 19 item 4). */
export const TRANSCRIPT_DESK_ENDPOINTS = {
  'transcripts.spellings': {
    method: 'get',
    path: '/api/transcripts/spellings',
    summary:
      'The "(ph)" desk: stories with unverified spellings in their transcripts, newest edit first, each with its spans (turn, offsets, spelling, context); filter by program',
    tag: 'transcripts',
    permission: 'story.read',
    query: SpellingDeskQuerySchema,
    response: SpellingDeskPageSchema,
  },
  'settings.get': {
    method: 'get',
    path: '/api/settings',
    summary: 'Newsroom settings: whether unverified "(ph)" spellings block publishing (block) or print "(ph)" in public outputs (render)',
    tag: 'settings',
    permission: 'story.read',
    query: NoQuerySchema,
    response: NewsroomSettingsSchema,
  },
  'settings.update': {
    method: 'patch',
    path: '/api/settings',
    summary: 'Change the newsroom settings (admin; 409 when version is stale)',
    tag: 'settings',
    permission: 'settings.manage',
    body: UpdateNewsroomSettingsSchema,
    response: NewsroomSettingsSchema,
  },
} as const satisfies Record<string, Endpoint>;
