import type { CorrespondentStatus } from '@newsdesk/contracts';

/** A profile's status (draft / published) and, for one who has left, "Departed". */
export function ProfileBadges({ status, active }: { status: CorrespondentStatus; active: boolean }) {
  return (
    <span className="actions">
      <span className={`badge badge-${status}`}>{status === 'published' ? 'Published' : 'Draft'}</span>
      {!active ? <span className="badge badge-departed">Departed</span> : null}
    </span>
  );
}
