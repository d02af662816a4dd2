import type { AUDIT_ACTIONS, AuditQuery } from '@newsdesk/contracts';

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What the audit log's actions mean, in words (every action of the contract must have one). */
export const ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  publish: 'Published',
  unpublish: 'Unpublished',
  schedule: 'Scheduled',
  embargo: 'Embargo changed',
  submit: 'Submitted for review',
  return_to_draft: 'Returned to draft',
  restore: 'Restored',
  correct: 'Corrected',
  merge: 'Merged',
  login: 'Signed in',
  logout: 'Signed out',
  login_failed: 'Failed sign-in',
  role_change: 'Roles changed',
  deactivate: 'Deactivated',
  activate: 'Reactivated',
  password_change: 'Password changed',
  password_reset: 'Reset link issued',
  session_revoke: 'Session revoked',
  login_throttled: 'Sign-in throttled',
  login_account_targeted: 'Account under sign-in attack',
  throttle_cleared: 'Sign-in throttle cleared',
  use: 'Opened by a guest',
  revoke: 'Revoked',
};

export function actionLabel(action: string): string {
  return (ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/**
 * The kinds of record the API audits (the `entity` column). The contract's AuditQuerySchema accepts
 * any lowercase name; these are the ones written today.
 */
export const AUDIT_ENTITIES = ['story', 'user', 'session', 'share_link'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
export const ENTITY_LABELS: Record<AuditEntity, string> = { story: 'Story', user: 'User', session: 'Session', share_link: 'Share link' };

export function entityLabel(entity: string): string {
  return (ENTITY_LABELS as Record<string, string>)[entity] ?? entity;
}

/** The page of a record, when the admin has one. */
export function entityHref(entity: string, id: string | null): string | null {
  if (!id) return null;
  if (entity === 'story') return `/stories/${encodeURIComponent(id)}`;
  if (entity === 'user') return `/users/${encodeURIComponent(id)}`;
  if (entity === 'login_throttle') return '/users/throttling';
  return null;
}

/** Names of the fields that appear in diffs (stories are audited by column name, users by property). */
const FIELD_LABELS: Record<string, string> = {
  headline: 'Headline',
  slug: 'Slug',
  teaser: 'Teaser',
  dateline: 'Dateline',
  body_html: 'Body',
  bodyHtml: 'Body',
  credit: 'Credit',
  status: 'Status',
  published_at: 'Publish time',
  publishedAt: 'Publish time',
  email: 'Email',
  name: 'Name',
  roles: 'Roles',
  active: 'Account',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** The audit log's filters (the query without paging), as in the /audit URL. */
export const AUDIT_FILTER_KEYS = ['entity', 'entityId', 'actor', 'action', 'from', 'to'] as const;
export type AuditFilterValues = Pick<AuditQuery, (typeof AUDIT_FILTER_KEYS)[number]>;
