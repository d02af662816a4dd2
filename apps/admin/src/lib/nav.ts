import type { Permission } from '@newsdesk/contracts';

export interface Section {
  href: string;
  label: string;
  /** Who sees the link (DESIGN.md section 5); the API enforces the same table. */
  permission: Permission;
}

/**
 * The desk's sections, in menu order. Only sections that exist are listed; Correspondents
 * ('correspondent.read'), People, Schedule ('schedule.read') and Users ('user.manage') join
 * this list as their pages are built.
 */
export const SECTIONS: readonly Section[] = [
  { href: '/stories', label: 'Stories', permission: 'story.read' },
  { href: '/schedule', label: 'Schedule', permission: 'schedule.read' },
];
