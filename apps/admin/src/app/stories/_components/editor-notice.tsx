'use client';

import { FIELD_LABELS } from './story-form-model';

export type Notice = { kind: 'error'; title: string; detail?: string; items?: string[] } | { kind: 'conflict'; currentVersion?: number; changedFields?: string[] };

/**
 * The editor's banner for what went wrong on the server (field errors show on their fields instead;
 * an ended session sends the tab to /login, see src/lib/session-end.ts).
 */
export function EditorNotice({ notice, reloading, onReload }: { notice: Notice; reloading: boolean; onReload: () => void }) {
  if (notice.kind === 'conflict') {
    return (
      <div className="banner banner-warning" role="alert">
        <p className="banner-title">This story changed since you opened it.</p>
        <p>
          Someone else saved it{notice.currentVersion ? ` (it is now at version ${notice.currentVersion})` : ''}, so your changes were not
          saved. Copy anything you want to keep, then load the latest version.
        </p>
        {notice.changedFields?.length ? <p>Changed there: {notice.changedFields.map((field) => FIELD_LABELS[field] ?? field).join(', ')}.</p> : null}
        <button type="button" className="button" onClick={onReload} disabled={reloading}>
          {reloading ? 'Loading…' : 'Reload the latest version'}
        </button>
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
