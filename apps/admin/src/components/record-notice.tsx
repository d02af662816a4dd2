'use client';

import { usePathname } from 'next/navigation';
import { loginPath } from '@/lib/paths';

export type RecordNotice =
  | { kind: 'error'; title: string; detail?: string; items?: string[] }
  | { kind: 'conflict'; currentVersion?: number }
  | { kind: 'session' };

/** A form's banner for what went wrong on the server (field errors show on their fields). `what`: "profile", "person". */
export function RecordNoticeBanner({ notice, what, reloading, onReload }: { notice: RecordNotice; what: string; reloading: boolean; onReload: () => void }) {
  const pathname = usePathname();

  if (notice.kind === 'conflict') {
    return (
      <div className="banner banner-warning" role="alert">
        <p className="banner-title">This {what} changed since you opened it.</p>
        <p>
          Someone else saved it{notice.currentVersion ? ` (it is now at version ${notice.currentVersion})` : ''}, so your changes were not saved. Copy
          anything you want to keep, then load the latest version.
        </p>
        <button type="button" className="button" onClick={onReload} disabled={reloading}>
          {reloading ? 'Loading…' : 'Reload the latest version'}
        </button>
      </div>
    );
  }

  if (notice.kind === 'session') {
    return (
      <div className="banner banner-error" role="alert">
        <p className="banner-title">Your session has ended.</p>
        <p>
          Your edits are still here.{' '}
          <a href={loginPath(pathname)} target="_blank" rel="noreferrer">
            Sign in again in a new tab
          </a>
          , then come back and save.
        </p>
      </div>
    );
  }

  return (
    <div className="banner banner-error" role="alert">
      <p className="banner-title">{notice.title}</p>
      {notice.detail ? <p>{notice.detail}</p> : null}
      {notice.items?.length ? (
        <ul>
          {notice.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
