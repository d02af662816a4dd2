import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { NotAllowed } from '@/components/not-allowed';
import { requireUser, serverApi } from '@/lib/server-api';
import { ThrottleList } from '../_components/throttle-list';

export const metadata: Metadata = { title: 'Sign-in throttling' };

/** Admins: recent sign-in throttling (addresses, accounts, counts), with a way to clear an entry. */
export default async function ThrottlingPage() {
  const user = await requireUser();
  if (!can(user.roles, 'throttle.manage')) return <NotAllowed section="Sign-in throttling" permission="throttle.manage" user={user} />;
  const api = await serverApi();
  const list = await api.call('auth.listThrottles');
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link href="/users">Users</Link>
          </p>
          <h1>Sign-in throttling</h1>
        </div>
      </div>
      <p className="field-hint">
        The last 24 hours. An address is refused for 15 minutes after 20 sign-in attempts, or after 5 for one account. An account failing
        from many addresses is never refused: each attempt is slowed down and shown here. Clearing an entry lets that address (or account)
        try again at once.
      </p>
      <ThrottleList initial={list.items} />
    </>
  );
}
