import { can } from '@newsdesk/contracts';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { rolesLabel } from '@/lib/format';
import { SECTIONS } from '@/lib/nav';
import { requireUser, serverApi } from '@/lib/server-api';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

/**
 * The frame of every signed-in page: masthead, the sections this user may open, who is signed in.
 * Each section's layout.tsx renders it, so an unauthenticated visit to any section goes to /login.
 */
export async function DeskShell({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const links = SECTIONS.filter((section) => can(user.roles, section.permission));
  // A failed push (CDS, webhooks, purges) is impossible to miss: a banner on every page until made good.
  const failed = can(user.roles, 'story.read')
    ? await (
        await serverApi()
      )
        .call('distribution.failed', { query: { limit: 1 } })
        .then((page) => page.total)
        .catch(() => 0)
    : 0;
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
      <main className="page">
        {failed ? (
          <div className="banner banner-error failed-deliveries" role="alert">
            <span className="banner-title">
              {failed} failed {failed === 1 ? 'delivery' : 'deliveries'}
            </span>{' '}
            (NPR CDS, webhooks, purges): <Link href="/distribution">see what failed and resend</Link>
          </div>
        ) : null}
        {children}
      </main>
    </>
  );
}
