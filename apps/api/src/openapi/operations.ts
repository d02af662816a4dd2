import {
  AuditPageSchema, AuditQuerySchema, ChangePasswordResponseSchema, ChangePasswordSchema, CreateUserResponseSchema, CreateUserSchema, ListUsersQuerySchema,
  PasswordLinkSchema, SessionListSchema, SetPasswordSchema, StaffUserPageSchema, StaffUserSchema, UpdateUserSchema,
  CreateCorrectionSchema, CreateTagSchema, DashboardSchema, ListTagsQuerySchema, MergeTagSchema, PublicSearchPageSchema, PublicSearchQuerySchema,
  PublicTagPageSchema, RevisionDiffQuerySchema, RevisionDiffSchema, RevisionListSchema, RevisionSchema, TagPageSchema, TagSchema,
  TagSuggestionListSchema, UpdateTagSchema,
  CreateStorySchema, HealthSchema, ListStoriesQuerySchema, LoginResponseSchema, LoginSchema, PublicStoriesQuerySchema,
  PublicStoryPageSchema, PublicStorySchema, PublishStorySchema, StoryPageSchema, StorySchema, StoryTransitionSchema,
  UpdateStorySchema, UserSchema, type Permission,
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
  response?: z.ZodType;
  status?: number;
}

/** Every route of the API, with the contract schemas it speaks. The router test checks this list is complete. */
export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/health', summary: 'Liveness and database check', tag: 'service', permission: 'public', response: HealthSchema },
  { method: 'post', path: '/api/auth/login', summary: 'Sign in; returns a bearer token and sets the session cookie', tag: 'auth', permission: 'public', body: LoginSchema, response: LoginResponseSchema },
  { method: 'post', path: '/api/auth/logout', summary: 'End this session', tag: 'auth', permission: 'self', status: 204 },
  { method: 'get', path: '/api/auth/me', summary: 'The signed-in user', tag: 'auth', permission: 'self', response: UserSchema },
  { method: 'post', path: '/api/auth/password', summary: 'Change your password (all sessions end; a fresh token is returned)', tag: 'auth', permission: 'self', body: ChangePasswordSchema, response: ChangePasswordResponseSchema },
  { method: 'post', path: '/api/auth/set-password', summary: 'Set a password with a one-time link token', tag: 'auth', permission: 'public', body: SetPasswordSchema, status: 204 },
  { method: 'get', path: '/api/auth/sessions', summary: 'Your open sessions', tag: 'auth', permission: 'self', response: SessionListSchema },
  { method: 'delete', path: '/api/auth/sessions/{id}', summary: 'Revoke one of your sessions', tag: 'auth', permission: 'self', status: 204 },
  { method: 'get', path: '/api/users', summary: 'Staff accounts', tag: 'users', permission: 'user.manage', query: ListUsersQuerySchema, response: StaffUserPageSchema },
  { method: 'post', path: '/api/users', summary: 'Create a staff account (without a password: a one-time set-password link)', tag: 'users', permission: 'user.manage', body: CreateUserSchema, response: CreateUserResponseSchema, status: 201 },
  { method: 'get', path: '/api/users/{id}', summary: 'One staff account', tag: 'users', permission: 'user.manage', response: StaffUserSchema },
  { method: 'patch', path: '/api/users/{id}', summary: 'Change name, roles or the active flag (deactivating ends all sessions)', tag: 'users', permission: 'user.manage', body: UpdateUserSchema, response: StaffUserSchema },
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
  { method: 'get', path: '/api/public/tags/{slug}', summary: 'A tag with its published stories (old slugs: 301)', tag: 'public', permission: 'public', response: PublicTagPageSchema },
  { method: 'get', path: '/api/public/feeds/latest.rss', summary: 'RSS 2.0 of the latest stories', tag: 'public', permission: 'public' },
  { method: 'get', path: '/api/public/feeds/latest.json', summary: 'JSON Feed 1.1 of the latest stories', tag: 'public', permission: 'public' },
  { method: 'get', path: '/api/public/feeds/tags/{file}', summary: 'A tag\'s feed: <slug>.rss or <slug>.json', tag: 'public', permission: 'public' },
  { method: 'get', path: '/api/public/stories', summary: 'Published stories, newest first', tag: 'public', permission: 'public', query: PublicStoriesQuerySchema, response: PublicStoryPageSchema },
  { method: 'get', path: '/api/public/stories/{slug}', summary: 'One published story (404 unless published)', tag: 'public', permission: 'public', response: PublicStorySchema },
  ...SCHEDULE_OPERATIONS,
  { method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'service', permission: 'public' },
  { method: 'get', path: '/api/docs', summary: 'Swagger UI', tag: 'service', permission: 'public' },
  { method: 'get', path: '/api/docs/{asset}', summary: 'Swagger UI assets', tag: 'service', permission: 'public' },
];
