'use client';

import { usePathname } from 'next/navigation';
import { loginPath } from '@/lib/paths';

export type RecordNotice =
  | { kind: 'error'; title: string; detail?: string; items?: string[] }
  /** changedFields: what the other save changed (API field names), when the server says. */
  | { kind: 'conflict'; currentVersion?: number; changedFields?: string[] }
  | { kind: 'session' };

interface Props {
  notice: RecordNotice;
  /** The record, in "This … changed since you opened it": "profile", "person", "story". */
  what: string;
  reloading: boolean;
  onReload: () => void;
  /** Labels of the API's field names, for a conflict's changed fields (unlabelled ones show as named). */
  fieldLabels?: Readonly<Record<string, string>>;
}

/** A form's banner for what went wrong on the server (field errors show on their fields). */
export function RecordNoticeBanner({ notice, what, reloading, onReload, fieldLabels }: Props) {
  const pathname = usePathname();

  if (notice.kind === 'conflict') {
    return (
      <div className="banner banner-warning" role="alert">
        <p className="banner-title">This {what} changed since you opened it.</p>
        <p>
          Someone else saved it{notice.currentVersion ? ` (it is now at version ${notice.currentVersion})` : ''}, so your changes were not
          saved. Copy anything you want to keep, then load the latest version.
        </p>
        {notice.changedFields?.length ? (
          <p>Changed there: {notice.changedFields.map((field) => fieldLabels?.[field] ?? field).join(', ')}.</p>
        ) : null}
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
