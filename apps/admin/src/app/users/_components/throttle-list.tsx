'use client';

import type { LoginThrottle } from '@newsdesk/contracts';
import { useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { browserApi, isSessionEnd } from '@/lib/api';
import { bannerFor } from '@/lib/form-errors';

const SCOPE_LABELS: Record<LoginThrottle['scope'], string> = {
  address: 'Address (all accounts)',
  account_address: 'Account at this address',
  account: 'Account, from many addresses',
};

function accountsText(entry: LoginThrottle): string {
  if (entry.accounts.length <= 3) return entry.accounts.join(', ');
  return `${entry.accounts.slice(0, 3).join(', ')} and ${entry.accounts.length - 3} more`;
}

/** The throttle entries, newest first, each with a Clear button. */
export function ThrottleList({ initial }: { initial: LoginThrottle[] }) {
  const [items, setItems] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function clear(entry: LoginThrottle) {
    if (busy) return;
    setBusy(entry.id);
    setError(null);
    setStatus(null);
    try {
      await browserApi.call('auth.clearThrottle', { params: { id: entry.id } });
      setItems((current) => current.filter((item) => item.id !== entry.id));
      setStatus(`Cleared: ${entry.address ?? entry.accounts[0] ?? 'entry'} may sign in again.`);
    } catch (failure) {
      if (isSessionEnd(failure)) return;
      setError(bannerFor(failure, 'This entry').title);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      {error ? (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      ) : null}
      {status ? (
        <p className="panel-note" role="status">
          {status}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">No sign-in throttling in the last 24 hours.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table throttle-table">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Accounts</th>
                <th scope="col">Kind</th>
                <th scope="col">Now</th>
                <th scope="col">Refused or slowed</th>
                <th scope="col">Since</th>
                <th scope="col">Last</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id} className={entry.active ? undefined : 'row-inactive'}>
                  <td className="nowrap">{entry.address ?? `${entry.addressCount} addresses`}</td>
                  <td>{accountsText(entry)}</td>
                  <td>{SCOPE_LABELS[entry.scope]}</td>
                  <td className="nowrap">
                    {entry.attempts} of {entry.limit}
                    {entry.active ? <strong> (in force)</strong> : null}
                  </td>
                  <td>{entry.hits}</td>
                  <td className="nowrap">
                    <LocalTime iso={entry.firstAt} />
                  </td>
                  <td className="nowrap">
                    <LocalTime iso={entry.lastAt} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      onClick={() => clear(entry)}
                      disabled={busy !== null}
                      aria-label={`Clear ${entry.address ?? entry.accounts[0] ?? 'entry'}`}
                    >
                      {busy === entry.id ? 'Clearing…' : 'Clear'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
