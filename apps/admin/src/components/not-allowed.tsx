import type { Permission, User } from '@newsdesk/contracts';
import Link from 'next/link';
import { rolesLabel } from '@/lib/format';

const WHO: Partial<Record<Permission, string>> = {
  'user.manage': 'Only admins can manage staff accounts.',
  'audit.read': 'Only admins can read the audit log.',
};

/**
 * What a signed-in user sees on a section their role may not open (the nav does not link it; the
 * API refuses its calls with 403 either way).
 */
export function NotAllowed({ section, permission, user }: { section: string; permission: Permission; user: User }) {
  return (
    <div className="page-narrow not-allowed">
      <h1>Not allowed</h1>
      <p>
        {WHO[permission] ?? 'Your role cannot open this page.'} You are signed in as {user.name} ({rolesLabel(user.roles)}), so {section} is
        not available to you.
      </p>
      <p>If you need access, ask an admin.</p>
      <p>
        <Link href="/stories">Back to stories</Link>
      </p>
    </div>
  );
}
