import type { Permission } from '@newsdesk/contracts';

export interface Section {
  href: string;
  label: string;
  /** Who sees the link (DESIGN.md section 5); the API enforces the same table. */
  permission: Permission;
}

/**
 * The desk's sections, in menu order. Only sections that exist are listed; Schedule
 * ('schedule.read') joins this list as its pages are built. Each signed-in user's own account
 * (/account) is linked next to their name instead.
 */
export const SECTIONS: readonly Section[] = [
  { href: '/desk', label: 'Desk', permission: 'story.read' },
  { href: '/stories', label: 'Stories', permission: 'story.read' },
  { href: '/audio', label: 'Audio', permission: 'story.read' },
  { href: '/spellings', label: 'Spellings (ph)', permission: 'story.read' },
  { href: '/distribution', label: 'Distribution', permission: 'story.read' },
  { href: '/schedule', label: 'Schedule', permission: 'schedule.read' },
  { href: '/people', label: 'People', permission: 'story.read' },
  { href: '/correspondents', label: 'Correspondents', permission: 'correspondent.read' },
  { href: '/users', label: 'Users', permission: 'user.manage' },
  { href: '/audit', label: 'Audit', permission: 'audit.read' },
];
