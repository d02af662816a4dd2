import {
  AuditPageSchema, AuditQuerySchema, LoginThrottleListSchema, ChangePasswordResponseSchema, ChangePasswordSchema, CreateUserResponseSchema, CreateUserSchema, ListUsersQuerySchema,
  PasswordLinkSchema, SessionListSchema, SetPasswordSchema, StaffUserPageSchema, StaffUserSchema, UpdateUserSchema,
  CreateCorrectionSchema, CreateTagSchema, DashboardSchema, ListTagsQuerySchema, MergeTagSchema, PublicSearchPageSchema, PublicSearchQuerySchema,
  PublicTagPageSchema, RevisionDiffQuerySchema, RevisionDiffSchema, RevisionListSchema, RevisionSchema, TagPageSchema, TagSchema,
  TagSuggestionListSchema, UpdateTagSchema,
  CreateStorySchema, HealthSchema, LivenessSchema, ListStoriesQuerySchema, LoginResponseSchema, LoginSchema, PublicStoriesQuerySchema,
  PublicStoryPageSchema, PublicStorySchema, PublishStorySchema, StoryPageSchema, StorySchema, StoryTransitionSchema,
  UpdateStorySchema, UserSchema, type Permission,
  CorrespondentPageSchema, CorrespondentSchema, CorrespondentTransitionSchema, CreateCorrespondentSchema, ListCorrespondentsQuerySchema,
  UpdateCorrespondentSchema, PublicCorrespondentPageSchema, PublicCorrespondentQuerySchema, PublicCorrespondentSchema, PublicCorrespondentsQuerySchema,
  CreatePersonSchema, ListPeopleQuerySchema, MergePersonSchema, PersonPageSchema, PersonSchema, PublicPersonSchema, UpdatePersonSchema,
  MediaSchema, UpdateMediaSchema, UploadMediaFieldsSchema,
  ParseTranscriptRequestSchema, ParseTranscriptResponseSchema, NoQuerySchema, PublicTagQuerySchema,
} from '@newsdesk/contracts';
import { SCHEDULE_OPERATIONS } from './schedule.operations.js';
import type { z } from 'zod';

/** One documented operation; `permission` is 'public' for routes open to anyone. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  permission: Permission | 'public';
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A multipart/form-data body: a binary `file` plus these text fields. */
  upload?: z.ZodObject;
  response?: z.ZodType;
  status?: number;
  /** Defaults to one derived from method and path (see operationIdOf). */
  operationId?: string;
}

/** Every route of the API, with the contract schemas it speaks. The router test checks this list is complete. */
export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/health', summary: 'Readiness (as /health/ready; kept for compatibility): 503 when a check is down', tag: 'service', permission: 'public', response: HealthSchema },
  { method: 'get', path: '/health/live', summary: 'Liveness: the process answers (no dependency checked)', tag: 'service', permission: 'public', response: LivenessSchema },
  { method: 'get', path: '/health/ready', summary: 'Readiness: database, migrations, outbox lag, cache listener; 503 when one is down', tag: 'service', permission: 'public', response: HealthSchema },
  { method: 'post', path: '/api/auth/login', summary: 'Sign in; returns a bearer token and sets the session cookie', tag: 'auth', permission: 'public', body: LoginSchema, response: LoginResponseSchema },
  { method: 'post', path: '/api/auth/logout', summary: 'End this session', tag: 'auth', permission: 'self', status: 204 },
  { method: 'get', path: '/api/auth/me', summary: 'The signed-in user', tag: 'auth', permission: 'self', response: UserSchema },
  { method: 'post', path: '/api/auth/password', summary: 'Change your password (all sessions end; a fresh token is returned)', tag: 'auth', permission: 'self', body: ChangePasswordSchema, response: ChangePasswordResponseSchema },
  { method: 'post', path: '/api/auth/set-password', summary: 'Set a password with a one-time link token', tag: 'auth', permission: 'public', body: SetPasswordSchema, status: 204 },
  { method: 'get', path: '/api/auth/sessions', summary: 'Your open sessions', tag: 'auth', permission: 'self', response: SessionListSchema },
  { method: 'delete', path: '/api/auth/sessions/{id}', summary: 'Revoke one of your sessions', tag: 'auth', permission: 'self', status: 204 },
  { method: 'get', path: '/api/auth/throttles', summary: 'Recent sign-in throttling: addresses, accounts, counts (admins)', tag: 'auth', permission: 'throttle.manage', response: LoginThrottleListSchema },
  { method: 'delete', path: '/api/auth/throttles/{id}', summary: 'Clear a throttle entry and the attempts it counts (admins)', tag: 'auth', permission: 'throttle.manage', status: 204 },
  { method: 'get', path: '/api/users', summary: 'Staff accounts', tag: 'users', permission: 'user.manage', query: ListUsersQuerySchema, response: StaffUserPageSchema },
  { method: 'post', path: '/api/users', summary: 'Create a staff account (without a password: a one-time set-password link)', tag: 'users', permission: 'user.manage', body: CreateUserSchema, response: CreateUserResponseSchema, status: 201 },
  { method: 'get', path: '/api/users/{id}', summary: 'One staff account', tag: 'users', permission: 'user.manage', response: StaffUserSchema },
  { method: 'patch', path: '/api/users/{id}', summary: 'Change name, roles or the active flag (409 when version is stale; deactivating ends all sessions)', tag: 'users', permission: 'user.manage', body: UpdateUserSchema, response: StaffUserSchema },
  { method: 'post', path: '/api/users/{id}/reset-password', summary: 'Issue a new one-time set-password link', tag: 'users', permission: 'user.manage', response: PasswordLinkSchema, status: 201 },
  { method: 'get', path: '/api/audit', summary: 'The audit log, newest first', tag: 'audit', permission: 'audit.read', query: AuditQuerySchema, response: AuditPageSchema },
  { method: 'get', path: '/api/stories', summary: 'List stories (newest edits first)', tag: 'stories', permission: 'story.read', query: ListStoriesQuerySchema, response: StoryPageSchema },
  { method: 'post', path: '/api/stories', summary: 'Create a draft story', tag: 'stories', permission: 'story.write', body: CreateStorySchema, response: StorySchema, status: 201 },
  { method: 'get', path: '/api/stories/{id}', summary: 'One story', tag: 'stories', permission: 'story.read', response: StorySchema },
  { method: 'patch', path: '/api/stories/{id}', summary: 'Edit a story (409 when version is stale)', tag: 'stories', permission: 'story.write', body: UpdateStorySchema, response: StorySchema },
  { method: 'delete', path: '/api/stories/{id}', summary: 'Delete a story (query: version)', tag: 'stories', permission: 'story.write', status: 204 },
  { method: 'post', path: '/api/stories/{id}/publish', summary: 'Publish now, or schedule with a future publishAt', tag: 'stories', permission: 'story.publish', body: PublishStorySchema, response: StorySchema },
  { method: 'post', path: '/api/stories/{id}/unpublish', summary: 'Take a story off the public API', tag: 'stories', permission: 'story.publish', body: StoryTransitionSchema, response: StorySchema },
  { method: 'get', path: '/api/stories/dashboard', summary: 'My drafts, the review queue, scheduled and recently published stories', tag: 'stories', permission: 'story.read', response: DashboardSchema },
  { method: 'post', path: '/api/stories/{id}/submit', summary: 'Ask for review (draft -> in review)', tag: 'stories', permission: 'story.write', body: StoryTransitionSchema, response: StorySchema },
  { method: 'post', path: '/api/stories/{id}/return-to-draft', summary: 'Back to draft (from review, a schedule, or unpublished)', tag: 'stories', permission: 'story.write', body: StoryTransitionSchema, response: StorySchema },
  { method: 'post', path: '/api/stories/{id}/corrections', summary: 'Append a correction to a published story', tag: 'stories', permission: 'story.publish', body: CreateCorrectionSchema, response: StorySchema, status: 201 },
  { method: 'get', path: '/api/stories/{id}/revisions', summary: 'Every saved revision, newest first', tag: 'stories', permission: 'story.read', response: RevisionListSchema },
  { method: 'get', path: '/api/stories/{id}/revisions/diff', summary: 'Field-level diff between two revisions (query: from, to)', tag: 'stories', permission: 'story.read', query: RevisionDiffQuerySchema, response: RevisionDiffSchema },
  { method: 'get', path: '/api/stories/{id}/revisions/{n}', summary: 'One revision with its full snapshot', tag: 'stories', permission: 'story.read', response: RevisionSchema },
  { method: 'post', path: '/api/stories/{id}/revisions/{n}/restore', summary: 'Restore a revision (a new revision)', tag: 'stories', permission: 'story.write', body: StoryTransitionSchema, response: StorySchema },
  { method: 'post', path: '/api/stories/{id}/tag-suggestions', summary: 'Existing tags whose name or alias occurs in the story, ranked', tag: 'tags', permission: 'story.read', response: TagSuggestionListSchema },
  { method: 'get', path: '/api/tags', summary: 'Tags by name; q matches a name or alias prefix', tag: 'tags', permission: 'story.read', query: ListTagsQuerySchema, response: TagPageSchema },
  { method: 'post', path: '/api/tags', summary: 'Create a tag', tag: 'tags', permission: 'story.write', body: CreateTagSchema, response: TagSchema, status: 201 },
  { method: 'get', path: '/api/tags/{id}', summary: 'One tag', tag: 'tags', permission: 'story.read', response: TagSchema },
  { method: 'patch', path: '/api/tags/{id}', summary: 'Edit a tag (a slug change redirects the old one)', tag: 'tags', permission: 'story.write', body: UpdateTagSchema, response: TagSchema },
  { method: 'post', path: '/api/tags/{id}/merge', summary: 'Merge into another tag: stories move, the old slug redirects', tag: 'tags', permission: 'story.write', body: MergeTagSchema, response: TagSchema },
  { method: 'get', path: '/api/public/search', summary: 'Ranked full-text search of published stories, with snippets', tag: 'public', permission: 'public', query: PublicSearchQuerySchema, response: PublicSearchPageSchema },
  { method: 'get', path: '/api/public/tags/{slug}', summary: 'A tag with its published stories (404 unless a live story carries it; old slugs: 301)', tag: 'public', permission: 'public', query: PublicTagQuerySchema, response: PublicTagPageSchema },
  { method: 'get', path: '/api/public/feeds/latest.rss', summary: 'RSS 2.0 of the latest stories', tag: 'public', permission: 'public', query: NoQuerySchema },
  { method: 'get', path: '/api/public/feeds/latest.json', summary: 'JSON Feed 1.1 of the latest stories', tag: 'public', permission: 'public', query: NoQuerySchema },
  { method: 'get', path: '/api/public/feeds/tags/{file}', summary: 'A tag\'s feed: <slug>.rss or <slug>.json', tag: 'public', permission: 'public', query: NoQuerySchema },
  { method: 'get', path: '/api/public/stories', summary: 'Published stories, newest first', tag: 'public', permission: 'public', query: PublicStoriesQuerySchema, response: PublicStoryPageSchema },
  { method: 'get', path: '/api/public/stories/{slug}', summary: 'One published story (404 unless published)', tag: 'public', permission: 'public', query: NoQuerySchema, response: PublicStorySchema },
  { method: 'get', path: '/api/public/stories/{slug}/transcript.txt', summary: "A published story's transcript as plain text, broadcast style, credit last (404 without one; old slugs: 301)", tag: 'public', permission: 'public', query: NoQuerySchema },
  { method: 'post', path: '/api/transcripts/parse', summary: 'Read a pasted transcript: turns with matched speakers, unresolved labels, the credit line', tag: 'transcripts', permission: 'story.write', body: ParseTranscriptRequestSchema, response: ParseTranscriptResponseSchema },
  { method: 'get', path: '/api/correspondents', summary: "Correspondents' profiles, by name", tag: 'correspondents', permission: 'correspondent.read', query: ListCorrespondentsQuerySchema, response: CorrespondentPageSchema },
  { method: 'post', path: '/api/correspondents', summary: 'Create a draft profile (and its person, or link personId)', tag: 'correspondents', permission: 'correspondent.write', body: CreateCorrespondentSchema, response: CorrespondentSchema, status: 201 },
  { method: 'get', path: '/api/correspondents/{id}', summary: 'One profile (with the staff-only email)', tag: 'correspondents', permission: 'correspondent.read', response: CorrespondentSchema },
  { method: 'patch', path: '/api/correspondents/{id}', summary: 'Edit a profile (409 when version is stale; a slug changed after publication keeps redirecting)', tag: 'correspondents', permission: 'correspondent.write', body: UpdateCorrespondentSchema, response: CorrespondentSchema },
  { method: 'delete', path: '/api/correspondents/{id}', summary: 'Delete a profile (query: version); 409 naming the stories while it has bylines', tag: 'correspondents', permission: 'correspondent.write', status: 204 },
  { method: 'post', path: '/api/correspondents/{id}/publish', summary: 'Publish the profile (needs a title, a bio, and alt text and credit on the photo)', tag: 'correspondents', permission: 'correspondent.write', body: CorrespondentTransitionSchema, response: CorrespondentSchema },
  { method: 'post', path: '/api/correspondents/{id}/unpublish', summary: 'Take the profile off the public API', tag: 'correspondents', permission: 'correspondent.write', body: CorrespondentTransitionSchema, response: CorrespondentSchema },
  { method: 'get', path: '/api/people', summary: 'People by name, or a ranked prefix and alias search (q)', tag: 'people', permission: 'story.read', query: ListPeopleQuerySchema, response: PersonPageSchema },
  { method: 'post', path: '/api/people', summary: 'Add a person to the registry', tag: 'people', permission: 'story.write', body: CreatePersonSchema, response: PersonSchema, status: 201 },
  { method: 'get', path: '/api/people/{id}', summary: 'One person', tag: 'people', permission: 'story.read', response: PersonSchema },
  { method: 'patch', path: '/api/people/{id}', summary: 'Edit a person (409 when version is stale)', tag: 'people', permission: 'story.write', body: UpdatePersonSchema, response: PersonSchema },
  { method: 'post', path: '/api/people/{id}/merge', summary: 'Merge this duplicate into intoId (references, names as aliases, slug redirect); answers the survivor', tag: 'people', permission: 'story.write', body: MergePersonSchema, response: PersonSchema },
  { method: 'post', path: '/api/media', summary: 'Upload an image (JPEG, PNG, WebP; sniffed from the bytes; 10 MB max). 201 new, 200 already stored', tag: 'media', permission: 'story.write', upload: UploadMediaFieldsSchema, response: MediaSchema, status: 201 },
  { method: 'patch', path: '/api/media/{id}', summary: 'Edit alt text and credit', tag: 'media', permission: 'story.write', body: UpdateMediaSchema, response: MediaSchema },
  { method: 'get', path: '/api/media/{id}', summary: 'The image bytes (public, immutable cache)', tag: 'media', permission: 'public' },
  { method: 'get', path: '/api/public/correspondents', summary: 'Published profiles, by name', tag: 'public', permission: 'public', query: PublicCorrespondentsQuerySchema, response: PublicCorrespondentPageSchema },
  { method: 'get', path: '/api/public/correspondents/{slug}', summary: 'A published profile with its latest stories (cursor-paged); 301 from an old slug', tag: 'public', permission: 'public', query: PublicCorrespondentQuerySchema, response: PublicCorrespondentSchema },
  { method: 'get', path: '/api/public/people/{slug}', summary: 'A person named by published content; 301 from an old or merged slug', tag: 'public', permission: 'public', query: NoQuerySchema, response: PublicPersonSchema },
  ...SCHEDULE_OPERATIONS,
  { method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'service', permission: 'public' },
  { method: 'get', path: '/api/docs', summary: 'Swagger UI', tag: 'service', permission: 'public' },
  { method: 'get', path: '/api/docs/{asset}', summary: 'Swagger UI assets', tag: 'service', permission: 'public' },
];
