'use client';

import type { SessionInfo } from '@newsdesk/contracts';
import { useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { SignOutButton } from '@/components/sign-out-button';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { describeUserAgent } from '@/lib/format';

interface Props {
  sessions: SessionInfo[];
  onRevoked: (id: string) => void;
  reloadError: string | null;
}

/** Where this user is signed in: each other session can be revoked; this one is ended by signing out. */
export function SessionList({ sessions, onRevoked, reloadError }: Props) {
  const [revoking, setRevoking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function revoke(session: SessionInfo) {
    setRevoking(session.id);
    setError(null);
    try {
      await browserApi.call('auth.revokeSession', { params: { id: session.id } });
      onRevoked(session.id);
    } catch (caught) {
      if (isSessionEnd(caught)) return;
      // Already ended (signed out, expired): it is gone either way.
      if (isApiError(caught) && caught.status === 404) onRevoked(session.id);
      else setError(isApiError(caught) ? `Could not revoke the session: ${caught.problem.title}` : 'Could not revoke the session.');
    } finally {
      setRevoking(null);
    }
  }

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      {error || reloadError ? (
        <p className="banner banner-error" role="alert">
          {error ?? reloadError}
        </p>
      ) : null}
      <ul className="session-list">
        {sessions.map((session) => (
          <li key={session.id} className="session">
            <div className="session-main">
              <p className="session-agent">
                {describeUserAgent(session.userAgent)}
                {session.current ? <span className="badge badge-current">This device</span> : null}
              </p>
              {session.userAgent ? (
                <p className="session-ua" title={session.userAgent}>
                  {session.userAgent}
                </p>
              ) : null}
              <dl className="session-facts">
                <dt>IP</dt>
                <dd>{session.ip ?? 'unknown'}</dd>
                <dt>Last seen</dt>
                <dd>
                  <LocalTime iso={session.lastSeenAt} />
                </dd>
                <dt>Signed in</dt>
                <dd>
                  <LocalTime iso={session.createdAt} />
                </dd>
              </dl>
            </div>
            <div className="session-action">
              {session.current ? (
                <SignOutButton />
              ) : (
                <button type="button" className="button button-quiet" onClick={() => revoke(session)} disabled={revoking !== null}>
                  {revoking === session.id ? 'Revoking…' : 'Revoke'}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {sessions.length > 1 ? <p className="field-hint">Revoke a session you do not recognise, then change your password.</p> : null}
    </section>
  );
}
