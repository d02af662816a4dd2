import type { Metadata } from 'next';
import { RoleBadges } from '@/components/role-badges';
import { requireUser, serverApi } from '@/lib/server-api';
import { AccountSections } from './_components/account-sections';

export const metadata: Metadata = { title: 'Your account' };

/** Any signed-in user's own account: their password and the sessions they are signed in with. */
export default async function AccountPage() {
  const user = await requireUser();
  const sessions = await (await serverApi()).call('auth.listSessions');

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Your account</h1>
          <p className="account-summary">
            {user.name} · {user.email} <RoleBadges roles={user.roles} />
          </p>
        </div>
      </div>
      <AccountSections initialSessions={sessions.items} />
    </>
  );
}
