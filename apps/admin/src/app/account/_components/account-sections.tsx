'use client';

import type { SessionInfo } from '@newsdesk/contracts';
import { useState } from 'react';
import { browserApi, isSessionEnd } from '@/lib/api';
import { ChangePasswordForm } from './change-password-form';
import { SessionList } from './session-list';

/** The password form and the session list; changing the password ends the other sessions, so the list reloads. */
export function AccountSections({ initialSessions }: { initialSessions: SessionInfo[] }) {
  const [sessions, setSessions] = useState(initialSessions);
  const [reloadError, setReloadError] = useState<string | null>(null);

  async function reloadSessions() {
    setReloadError(null);
    try {
      setSessions((await browserApi.call('auth.listSessions')).items);
    } catch (error) {
      if (isSessionEnd(error)) return;
      setReloadError('Could not reload the list of sessions. Reload the page to see it.');
    }
  }

  return (
    <div className="account-grid">
      <ChangePasswordForm onChanged={reloadSessions} />
      <SessionList
        sessions={sessions}
        onRevoked={(id) => setSessions((current) => current.filter((session) => session.id !== id))}
        reloadError={reloadError}
      />
    </div>
  );
}
