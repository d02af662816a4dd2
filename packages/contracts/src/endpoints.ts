import type { z } from 'zod';
import { AuditPageSchema, AuditQuerySchema } from './audit.js';
import { LoginResponseSchema, LoginSchema, LoginThrottleListSchema, UserSchema } from './auth.js';
import { HealthSchema, LivenessSchema } from './common.js';
import { CorrespondentPageSchema, CorrespondentSchema, CorrespondentTransitionSchema, CreateCorrespondentSchema, ListCorrespondentsQuerySchema, PublicCorrespondentPageSchema, PublicCorrespondentQuerySchema, PublicCorrespondentSchema, PublicCorrespondentsQuerySchema, UpdateCorrespondentSchema } from './correspondents.js';
import { MediaSchema, UpdateMediaSchema, UploadMediaFieldsSchema } from './media.js';
import { CreatePersonSchema, ListPeopleQuerySchema, MergePersonSchema, PersonPageSchema, PersonSchema, PublicPersonSchema, UpdatePersonSchema } from './people.js';
import { NoQuerySchema, PublicSearchPageSchema, PublicSearchQuerySchema, PublicStoriesQuerySchema, PublicStoryPageSchema, PublicStorySchema, PublicTagPageSchema, PublicTagQuerySchema } from './public.js';
import { PublicNowNextQuerySchema, PublicNowNextSchema, PublicStationListSchema } from './schedule/public.js';
import { CreateRecurrenceSchema, ListRecurrencesQuerySchema, MaterializeResultSchema, MaterializeSlotsSchema, RecurrenceListSchema, RecurrenceSchema, SlotListSchema, SlotWindowSchema, UpdateRecurrenceSchema } from './schedule/recurrences.js';
import { RundownSchema, SaveRundownSchema } from './schedule/rundowns.js';
import { CreateSegmentSchema, ListSegmentsQuerySchema, ScheduleDeleteQuerySchema, SegmentPageSchema, SegmentSchema, StationScheduleQuerySchema, StationScheduleSchema, UpdateSegmentSchema } from './schedule/segments.js';
import { CreateProgramSchema, CreateStationSchema, ProgramListSchema, ProgramSchema, StationListSchema, StationSchema, UpdateProgramSchema, UpdateStationSchema } from './schedule/stations.js';
import { CreateCorrectionSchema, CreateStorySchema, DashboardSchema, ListStoriesQuerySchema, PublishStorySchema, RevisionDiffQuerySchema, RevisionDiffSchema, RevisionListSchema, RevisionSchema, StoryPageSchema, StorySchema, StoryTransitionSchema, UpdateStorySchema } from './stories.js';
import { CreateTagSchema, ListTagsQuerySchema, MergeTagSchema, TagPageSchema, TagSchema, TagSuggestionListSchema, UpdateTagSchema } from './tags.js';
import { ParseTranscriptRequestSchema, ParseTranscriptResponseSchema } from './transcript/schemas.js';
import { ChangePasswordResponseSchema, ChangePasswordSchema, CreateUserResponseSchema, CreateUserSchema, ListUsersQuerySchema, PasswordLinkSchema, SessionListSchema, SetPasswordSchema, StaffUserPageSchema, StaffUserSchema, UpdateUserSchema } from './users.js';
import type { Permission } from './permissions.js';

/**
 * The route table: every route of the API, by name, with the contract schemas it speaks. One
 * declaration serves three readers:
 * - the API: its OpenAPI document is generated from it (apps/api/src/openapi/openapi.document.ts) and
 *   the router test (apps/api/test/routes.e2e-spec.ts) checks every controller route against it;
 * - the admin: its typed client is derived from it (`api.call('stories.update', { params, body })`);
 * - anyone reading the API: name, method, path, permission and summary side by side.
 * A new route is one entry here (plus its controller); nothing else lists routes.
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
  'health.check': { method: 'get', path: '/health', summary: 'Readiness (as /health/ready; kept for compatibility): 503 when a check is down', tag: 'service', permission: 'public', response: HealthSchema, },
  'health.live': { method: 'get', path: '/health/live', summary: 'Liveness: the process answers (no dependency checked)', tag: 'service', permission: 'public', response: LivenessSchema, },
  'health.ready': { method: 'get', path: '/health/ready', summary: 'Readiness: database, migrations, outbox lag, cache listener; 503 when one is down', tag: 'service', permission: 'public', response: HealthSchema, },
  'auth.login': { method: 'post', path: '/api/auth/login', summary: 'Sign in; returns a bearer token and sets the session cookie', tag: 'auth', permission: 'public', body: LoginSchema, response: LoginResponseSchema, },
  'auth.logout': { method: 'post', path: '/api/auth/logout', summary: 'End this session', tag: 'auth', permission: 'self', status: 204, },
  'auth.me': { method: 'get', path: '/api/auth/me', summary: 'The signed-in user', tag: 'auth', permission: 'self', response: UserSchema, },
  'auth.changePassword': { method: 'post', path: '/api/auth/password', summary: 'Change your password (all sessions end; a fresh token is returned)', tag: 'auth', permission: 'self', body: ChangePasswordSchema, response: ChangePasswordResponseSchema, },
  'auth.setPassword': { method: 'post', path: '/api/auth/set-password', summary: 'Set a password with a one-time link token', tag: 'auth', permission: 'public', body: SetPasswordSchema, status: 204, },
  'auth.listSessions': { method: 'get', path: '/api/auth/sessions', summary: 'Your open sessions', tag: 'auth', permission: 'self', response: SessionListSchema, },
  'auth.revokeSession': { method: 'delete', path: '/api/auth/sessions/{id}', summary: 'Revoke one of your sessions', tag: 'auth', permission: 'self', status: 204, },
  'auth.listThrottles': { method: 'get', path: '/api/auth/throttles', summary: 'Recent sign-in throttling: addresses, accounts, counts (admins)', tag: 'auth', permission: 'throttle.manage', response: LoginThrottleListSchema, },
  'auth.clearThrottle': { method: 'delete', path: '/api/auth/throttles/{id}', summary: 'Clear a throttle entry and the attempts it counts (admins)', tag: 'auth', permission: 'throttle.manage', status: 204, },
  'users.list': { method: 'get', path: '/api/users', summary: 'Staff accounts', tag: 'users', permission: 'user.manage', query: ListUsersQuerySchema, response: StaffUserPageSchema, },
  'users.create': { method: 'post', path: '/api/users', summary: 'Create a staff account (without a password: a one-time set-password link)', tag: 'users', permission: 'user.manage', body: CreateUserSchema, response: CreateUserResponseSchema, status: 201, },
  'users.get': { method: 'get', path: '/api/users/{id}', summary: 'One staff account', tag: 'users', permission: 'user.manage', response: StaffUserSchema, },
  'users.update': { method: 'patch', path: '/api/users/{id}', summary: 'Change name, roles or the active flag (409 when version is stale; deactivating ends all sessions)', tag: 'users', permission: 'user.manage', body: UpdateUserSchema, response: StaffUserSchema, },
  'users.resetPassword': { method: 'post', path: '/api/users/{id}/reset-password', summary: 'Issue a new one-time set-password link', tag: 'users', permission: 'user.manage', response: PasswordLinkSchema, status: 201, },
  'audit.list': { method: 'get', path: '/api/audit', summary: 'The audit log, newest first', tag: 'audit', permission: 'audit.read', query: AuditQuerySchema, response: AuditPageSchema, },
  'stories.list': { method: 'get', path: '/api/stories', summary: 'List stories (newest edits first)', tag: 'stories', permission: 'story.read', query: ListStoriesQuerySchema, response: StoryPageSchema, },
  'stories.create': { method: 'post', path: '/api/stories', summary: 'Create a draft story', tag: 'stories', permission: 'story.write', body: CreateStorySchema, response: StorySchema, status: 201, },
  'stories.get': { method: 'get', path: '/api/stories/{id}', summary: 'One story', tag: 'stories', permission: 'story.read', response: StorySchema, },
  'stories.update': { method: 'patch', path: '/api/stories/{id}', summary: 'Edit a story (409 when version is stale)', tag: 'stories', permission: 'story.write', body: UpdateStorySchema, response: StorySchema, },
  'stories.delete': { method: 'delete', path: '/api/stories/{id}', summary: 'Delete a story (query: version)', tag: 'stories', permission: 'story.write', query: ScheduleDeleteQuerySchema, status: 204, },
  'stories.publish': { method: 'post', path: '/api/stories/{id}/publish', summary: 'Publish now, or schedule with a future publishAt', tag: 'stories', permission: 'story.publish', body: PublishStorySchema, response: StorySchema, },
  'stories.unpublish': { method: 'post', path: '/api/stories/{id}/unpublish', summary: 'Take a story off the public API', tag: 'stories', permission: 'story.publish', body: StoryTransitionSchema, response: StorySchema, },
  'stories.dashboard': { method: 'get', path: '/api/stories/dashboard', summary: 'My drafts, the review queue, scheduled and recently published stories', tag: 'stories', permission: 'story.read', response: DashboardSchema, },
  'stories.submit': { method: 'post', path: '/api/stories/{id}/submit', summary: 'Ask for review (draft -> in review)', tag: 'stories', permission: 'story.write', body: StoryTransitionSchema, response: StorySchema, },
  'stories.returnToDraft': { method: 'post', path: '/api/stories/{id}/return-to-draft', summary: 'Back to draft (from review, a schedule, or unpublished)', tag: 'stories', permission: 'story.write', body: StoryTransitionSchema, response: StorySchema, },
  'stories.addCorrection': { method: 'post', path: '/api/stories/{id}/corrections', summary: 'Append a correction to a published story', tag: 'stories', permission: 'story.publish', body: CreateCorrectionSchema, response: StorySchema, status: 201, },
  'stories.listRevisions': { method: 'get', path: '/api/stories/{id}/revisions', summary: 'Every saved revision, newest first', tag: 'stories', permission: 'story.read', response: RevisionListSchema, },
  'stories.diffRevisions': { method: 'get', path: '/api/stories/{id}/revisions/diff', summary: 'Field-level diff between two revisions (query: from, to)', tag: 'stories', permission: 'story.read', query: RevisionDiffQuerySchema, response: RevisionDiffSchema, },
  'stories.getRevision': { method: 'get', path: '/api/stories/{id}/revisions/{n}', summary: 'One revision with its full snapshot', tag: 'stories', permission: 'story.read', response: RevisionSchema, },
  'stories.restoreRevision': { method: 'post', path: '/api/stories/{id}/revisions/{n}/restore', summary: 'Restore a revision (a new revision)', tag: 'stories', permission: 'story.write', body: StoryTransitionSchema, response: StorySchema, },
  'stories.tagSuggestions': { method: 'post', path: '/api/stories/{id}/tag-suggestions', summary: 'Existing tags whose name or alias occurs in the story, ranked', tag: 'tags', permission: 'story.read', response: TagSuggestionListSchema, },
  'tags.list': { method: 'get', path: '/api/tags', summary: 'Tags by name; q matches a name or alias prefix', tag: 'tags', permission: 'story.read', query: ListTagsQuerySchema, response: TagPageSchema, },
  'tags.create': { method: 'post', path: '/api/tags', summary: 'Create a tag', tag: 'tags', permission: 'story.write', body: CreateTagSchema, response: TagSchema, status: 201, },
  'tags.get': { method: 'get', path: '/api/tags/{id}', summary: 'One tag', tag: 'tags', permission: 'story.read', response: TagSchema, },
  'tags.update': { method: 'patch', path: '/api/tags/{id}', summary: 'Edit a tag (a slug change redirects the old one)', tag: 'tags', permission: 'story.write', body: UpdateTagSchema, response: TagSchema, },
  'tags.merge': { method: 'post', path: '/api/tags/{id}/merge', summary: 'Merge into another tag: stories move, the old slug redirects', tag: 'tags', permission: 'story.write', body: MergeTagSchema, response: TagSchema, },
  'public.search': { method: 'get', path: '/api/public/search', summary: 'Ranked full-text search of published stories, with snippets', tag: 'public', permission: 'public', query: PublicSearchQuerySchema, response: PublicSearchPageSchema, },
  'public.tags.get': { method: 'get', path: '/api/public/tags/{slug}', summary: 'A tag with its published stories (404 unless a live story carries it; old slugs: 301)', tag: 'public', permission: 'public', query: PublicTagQuerySchema, response: PublicTagPageSchema, },
  'public.feeds.latestRss': { method: 'get', path: '/api/public/feeds/latest.rss', summary: 'RSS 2.0 of the latest stories', tag: 'public', permission: 'public', query: NoQuerySchema, },
  'public.feeds.latestJson': { method: 'get', path: '/api/public/feeds/latest.json', summary: 'JSON Feed 1.1 of the latest stories', tag: 'public', permission: 'public', query: NoQuerySchema, },
  'public.feeds.tag': { method: 'get', path: '/api/public/feeds/tags/{file}', summary: 'A tag\'s feed: <slug>.rss or <slug>.json', tag: 'public', permission: 'public', query: NoQuerySchema, },
  'public.stories.list': { method: 'get', path: '/api/public/stories', summary: 'Published stories, newest first', tag: 'public', permission: 'public', query: PublicStoriesQuerySchema, response: PublicStoryPageSchema, },
  'public.stories.get': { method: 'get', path: '/api/public/stories/{slug}', summary: 'One published story (404 unless published)', tag: 'public', permission: 'public', query: NoQuerySchema, response: PublicStorySchema, },
  'public.stories.transcriptTxt': { method: 'get', path: '/api/public/stories/{slug}/transcript.txt', summary: "A published story's transcript as plain text, broadcast style, credit last (404 without one; old slugs: 301)", tag: 'public', permission: 'public', query: NoQuerySchema, },
  'transcripts.parse': { method: 'post', path: '/api/transcripts/parse', summary: 'Read a pasted transcript: turns with matched speakers, unresolved labels, the credit line', tag: 'transcripts', permission: 'story.write', body: ParseTranscriptRequestSchema, response: ParseTranscriptResponseSchema, },
  'correspondents.list': { method: 'get', path: '/api/correspondents', summary: "Correspondents' profiles, by name", tag: 'correspondents', permission: 'correspondent.read', query: ListCorrespondentsQuerySchema, response: CorrespondentPageSchema, },
  'correspondents.create': { method: 'post', path: '/api/correspondents', summary: 'Create a draft profile (and its person, or link personId)', tag: 'correspondents', permission: 'correspondent.write', body: CreateCorrespondentSchema, response: CorrespondentSchema, status: 201, },
  'correspondents.get': { method: 'get', path: '/api/correspondents/{id}', summary: 'One profile (with the staff-only email)', tag: 'correspondents', permission: 'correspondent.read', response: CorrespondentSchema, },
  'correspondents.update': { method: 'patch', path: '/api/correspondents/{id}', summary: 'Edit a profile (409 when version is stale; a slug changed after publication keeps redirecting)', tag: 'correspondents', permission: 'correspondent.write', body: UpdateCorrespondentSchema, response: CorrespondentSchema, },
  'correspondents.delete': { method: 'delete', path: '/api/correspondents/{id}', summary: 'Delete a profile (query: version); 409 naming the stories while it has bylines', tag: 'correspondents', permission: 'correspondent.write', query: ScheduleDeleteQuerySchema, status: 204, },
  'correspondents.publish': { method: 'post', path: '/api/correspondents/{id}/publish', summary: 'Publish the profile (needs a title, a bio, and alt text and credit on the photo)', tag: 'correspondents', permission: 'correspondent.write', body: CorrespondentTransitionSchema, response: CorrespondentSchema, },
  'correspondents.unpublish': { method: 'post', path: '/api/correspondents/{id}/unpublish', summary: 'Take the profile off the public API', tag: 'correspondents', permission: 'correspondent.write', body: CorrespondentTransitionSchema, response: CorrespondentSchema, },
  'people.list': { method: 'get', path: '/api/people', summary: 'People by name, or a ranked prefix and alias search (q)', tag: 'people', permission: 'story.read', query: ListPeopleQuerySchema, response: PersonPageSchema, },
  'people.create': { method: 'post', path: '/api/people', summary: 'Add a person to the registry', tag: 'people', permission: 'story.write', body: CreatePersonSchema, response: PersonSchema, status: 201, },
  'people.get': { method: 'get', path: '/api/people/{id}', summary: 'One person', tag: 'people', permission: 'story.read', response: PersonSchema, },
  'people.update': { method: 'patch', path: '/api/people/{id}', summary: 'Edit a person (409 when version is stale)', tag: 'people', permission: 'story.write', body: UpdatePersonSchema, response: PersonSchema, },
  'people.merge': { method: 'post', path: '/api/people/{id}/merge', summary: 'Merge this duplicate into intoId (references, names as aliases, slug redirect); answers the survivor', tag: 'people', permission: 'story.write', body: MergePersonSchema, response: PersonSchema, },
  'media.upload': { method: 'post', path: '/api/media', summary: 'Upload an image (JPEG, PNG, WebP; sniffed from the bytes; 10 MB max). 201 new, 200 already stored', tag: 'media', permission: 'story.write', upload: UploadMediaFieldsSchema, response: MediaSchema, status: 201, },
  'media.update': { method: 'patch', path: '/api/media/{id}', summary: 'Edit alt text and credit', tag: 'media', permission: 'story.write', body: UpdateMediaSchema, response: MediaSchema, },
  'media.get': { method: 'get', path: '/api/media/{id}', summary: 'The image bytes (public, immutable cache)', tag: 'media', permission: 'public', },
  'public.correspondents.list': { method: 'get', path: '/api/public/correspondents', summary: 'Published profiles, by name', tag: 'public', permission: 'public', query: PublicCorrespondentsQuerySchema, response: PublicCorrespondentPageSchema, },
  'public.correspondents.get': { method: 'get', path: '/api/public/correspondents/{slug}', summary: 'A published profile with its latest stories (cursor-paged); 301 from an old slug', tag: 'public', permission: 'public', query: PublicCorrespondentQuerySchema, response: PublicCorrespondentSchema, },
  'public.people.get': { method: 'get', path: '/api/public/people/{slug}', summary: 'A person named by published content; 301 from an old or merged slug', tag: 'public', permission: 'public', query: NoQuerySchema, response: PublicPersonSchema, },
  'docs.openapi': { method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'service', permission: 'public', },
  'docs.ui': { method: 'get', path: '/api/docs', summary: 'Swagger UI', tag: 'service', permission: 'public', },
  'docs.asset': { method: 'get', path: '/api/docs/{asset}', summary: 'Swagger UI assets', tag: 'service', permission: 'public', },
  'stations.list': { method: 'get', path: '/api/stations', summary: 'All stations (active first)', tag: 'schedule', permission: 'schedule.read', response: StationListSchema, },
  'stations.create': { method: 'post', path: '/api/stations', summary: 'Add a station', tag: 'schedule', permission: 'schedule.write', body: CreateStationSchema, response: StationSchema, status: 201, },
  'stations.get': { method: 'get', path: '/api/stations/{id}', summary: 'One station', tag: 'schedule', permission: 'schedule.read', response: StationSchema, },
  'stations.update': { method: 'patch', path: '/api/stations/{id}', summary: 'Edit a station (409 when version is stale)', tag: 'schedule', permission: 'schedule.write', body: UpdateStationSchema, response: StationSchema, },
  'stations.schedule': { method: 'get', path: '/api/stations/{id}/schedule', summary: "The station's segments over whole local days (from, to inclusive)", tag: 'schedule', permission: 'schedule.read', query: StationScheduleQuerySchema, response: StationScheduleSchema, },
  'stations.listSlots': { method: 'get', path: '/api/stations/{id}/slots', summary: "The station's recurring slots over local days, and whether each is scheduled, open or in conflict", tag: 'schedule', permission: 'schedule.read', query: SlotWindowSchema, response: SlotListSchema, },
  'stations.materializeSlots': { method: 'post', path: '/api/stations/{id}/slots/materialize', summary: 'Make segments of the open recurring slots (idempotent; conflicts are reported, never overwritten)', tag: 'schedule', permission: 'schedule.write', body: MaterializeSlotsSchema, response: MaterializeResultSchema, },
  'programs.list': { method: 'get', path: '/api/programs', summary: 'All programs', tag: 'schedule', permission: 'schedule.read', response: ProgramListSchema, },
  'programs.create': { method: 'post', path: '/api/programs', summary: 'Add a program', tag: 'schedule', permission: 'schedule.write', body: CreateProgramSchema, response: ProgramSchema, status: 201, },
  'programs.get': { method: 'get', path: '/api/programs/{id}', summary: 'One program', tag: 'schedule', permission: 'schedule.read', response: ProgramSchema, },
  'programs.update': { method: 'patch', path: '/api/programs/{id}', summary: 'Edit a program (409 when version is stale)', tag: 'schedule', permission: 'schedule.write', body: UpdateProgramSchema, response: ProgramSchema, },
  'programs.delete': { method: 'delete', path: '/api/programs/{id}', summary: 'Delete a program and its recurring slots (query: version); its segments stay', tag: 'schedule', permission: 'schedule.write', query: ScheduleDeleteQuerySchema, status: 204, },
  'programs.listRecurrences': { method: 'get', path: '/api/programs/{id}/recurrences', summary: "The program's recurring slots", tag: 'schedule', permission: 'schedule.read', response: RecurrenceListSchema, },
  'programs.createRecurrence': { method: 'post', path: '/api/programs/{id}/recurrences', summary: 'Add a recurring slot (RRULE subset, station-local start time and wall-clock length)', tag: 'schedule', permission: 'schedule.write', body: CreateRecurrenceSchema, response: RecurrenceSchema, status: 201, },
  'recurrences.list': { method: 'get', path: '/api/recurrences', summary: 'Recurring slots, by station or program', tag: 'schedule', permission: 'schedule.read', query: ListRecurrencesQuerySchema, response: RecurrenceListSchema, },
  'recurrences.get': { method: 'get', path: '/api/recurrences/{id}', summary: 'One recurring slot', tag: 'schedule', permission: 'schedule.read', response: RecurrenceSchema, },
  'recurrences.update': { method: 'patch', path: '/api/recurrences/{id}', summary: 'Edit a recurring slot (409 when version is stale)', tag: 'schedule', permission: 'schedule.write', body: UpdateRecurrenceSchema, response: RecurrenceSchema, },
  'recurrences.delete': { method: 'delete', path: '/api/recurrences/{id}', summary: 'Delete a recurring slot (query: version); segments made from it stay', tag: 'schedule', permission: 'schedule.write', query: ScheduleDeleteQuerySchema, status: 204, },
  'segments.list': { method: 'get', path: '/api/segments', summary: 'Segments in start order, by station and time window (keyset cursor)', tag: 'schedule', permission: 'schedule.read', query: ListSegmentsQuerySchema, response: SegmentPageSchema, },
  'segments.create': { method: 'post', path: '/api/segments', summary: 'Schedule a segment (start in station time; 409 naming the segment it would overlap)', tag: 'schedule', permission: 'schedule.write', body: CreateSegmentSchema, response: SegmentSchema, status: 201, },
  'segments.get': { method: 'get', path: '/api/segments/{id}', summary: 'One segment', tag: 'schedule', permission: 'schedule.read', response: SegmentSchema, },
  'segments.update': { method: 'patch', path: '/api/segments/{id}', summary: 'Edit or move a segment (409 when version is stale or it would overlap)', tag: 'schedule', permission: 'schedule.write', body: UpdateSegmentSchema, response: SegmentSchema, },
  'segments.delete': { method: 'delete', path: '/api/segments/{id}', summary: 'Take a segment off the schedule (query: version)', tag: 'schedule', permission: 'schedule.write', query: ScheduleDeleteQuerySchema, status: 204, },
  'segments.getRundown': { method: 'get', path: '/api/segments/{id}/rundown', summary: "The block's rundown with front- and back-timing against its hard out", tag: 'schedule', permission: 'schedule.read', response: RundownSchema, },
  'segments.saveRundown': { method: 'put', path: '/api/segments/{id}/rundown', summary: "Replace the block's ordered rundown (409 when the rundown's version is stale)", tag: 'schedule', permission: 'schedule.write', body: SaveRundownSchema, response: RundownSchema, },
  'public.stations.list': { method: 'get', path: '/api/public/stations', summary: 'Active stations with their stream URLs', tag: 'public', permission: 'public', query: NoQuerySchema, response: PublicStationListSchema, },
  'public.stations.nowNext': { method: 'get', path: '/api/public/stations/{callSign}/now-next', summary: 'On air now and next up at a station (at defaults to now); cacheable until the next boundary', tag: 'public', permission: 'public', query: PublicNowNextQuerySchema, response: PublicNowNextSchema, },
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;

/** The routes as a list, each with its name. */
export const ENDPOINT_LIST: ReadonlyArray<Endpoint & { name: EndpointName }> = Object.entries(ENDPOINTS).map(([name, endpoint]) => ({ name: name as EndpointName, ...endpoint }));
