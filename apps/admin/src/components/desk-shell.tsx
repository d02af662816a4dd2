import { can } from '@newsdesk/contracts';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { rolesLabel } from '@/lib/format';
import { SECTIONS } from '@/lib/nav';
import { requireUser } from '@/lib/server-api';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

/**
 * The frame of every signed-in page: masthead, the sections this user may open, who is signed in.
 * Each section's layout.tsx renders it, so an unauthenticated visit to any section goes to /login.
 */
export async function DeskShell({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const links = SECTIONS.filter((section) => can(user.roles, section.permission));
  return (
    <>
      <header className="masthead">
        <div className="masthead-inner">
          <Link href="/" className="brand">
            Newsdesk
          </Link>
          <nav aria-label="Sections">
            <NavLinks links={links.map(({ href, label }) => ({ href, label }))} />
          </nav>
          <div className="account">
            <span className="account-name">{user.name}</span>
            <span className="account-roles">{rolesLabel(user.roles)}</span>
            <Link href="/account" className="account-link" title="Your password and where you are signed in">
              Account
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="page">{children}</main>
    </>
  );
}
