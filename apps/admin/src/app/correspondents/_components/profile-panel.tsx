'use client';

import type { Correspondent } from '@newsdesk/contracts';
import { LocalTime } from '@/components/local-time';
import { ProfileBadges } from './profile-badges';

export function publicProfilePath(slug: string): string {
  return `/api/public/correspondents/${encodeURIComponent(slug)}`;
}

interface Props {
  correspondent: Correspondent | undefined;
  canWrite: boolean;
  busy: boolean;
  switching: boolean;
  deleting: boolean;
  onPublishedChange: (published: boolean) => void;
  onDelete: () => void;
}

/** The profile's state: the publish switch, where it is live, earlier addresses, and (admins) delete. */
export function ProfilePanel({ correspondent, canWrite, busy, switching, deleting, onPublishedChange, onDelete }: Props) {
  const published = correspondent?.status === 'published';
  return (
    <section className="panel" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      {correspondent ? (
        <>
          {canWrite ? (
            <button
              type="button"
              role="switch"
              aria-checked={published}
              className="switch"
              onClick={() => onPublishedChange(!published)}
              disabled={busy}
            >
              <span className="switch-track" aria-hidden="true" />
              {switching ? (published ? 'Unpublishing…' : 'Publishing…') : 'Published profile'}
            </button>
          ) : null}
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <ProfileBadges status={correspondent.status} active={correspondent.active} />
            </dd>
            {correspondent.publishedAt ? (
              <>
                <dt>First published</dt>
                <dd>
                  <LocalTime iso={correspondent.publishedAt} />
                </dd>
              </>
            ) : null}
            <dt>Last saved</dt>
            <dd>
              <LocalTime iso={correspondent.updatedAt} />
            </dd>
            <dt>Version</dt>
            <dd>{correspondent.version}</dd>
          </dl>
          {published ? (
            <p className="public-url">
              Live at{' '}
              <a href={publicProfilePath(correspondent.slug)} target="_blank" rel="noreferrer">
                {publicProfilePath(correspondent.slug)}
              </a>
            </p>
          ) : null}
          {correspondent.oldSlugs.length ? (
            <p className="field-hint">Earlier addresses that redirect here: {correspondent.oldSlugs.join(', ')}</p>
          ) : null}
          {canWrite ? (
            <div className="danger-zone">
              <p className="field-hint">
                A correspondent with bylines cannot be deleted: mark them departed instead (uncheck “Still on staff”).
              </p>
              <button type="button" className="button button-quiet button-danger" onClick={onDelete} disabled={busy}>
                {deleting ? 'Deleting…' : 'Delete profile'}
              </button>
            </div>
          ) : null}
        </>
      ) : (
        <p className="muted">{canWrite ? 'Save the profile to publish it.' : 'Not saved yet.'}</p>
      )}
    </section>
  );
}
