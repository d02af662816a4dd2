'use client';

import type { AuditEntryDto, AuditPage } from '@newsdesk/contracts';
import Link from 'next/link';
import { LocalTime } from '@/components/local-time';
import { browserApi } from '@/lib/api';
import { LoadMore, useLoadMore } from '@/lib/use-load-more';
import { actionLabel, entityHref, entityLabel, type AuditFilterValues } from '@/lib/audit';
import { AuditDiff } from './audit-diff';

interface Props {
  initialPage: AuditPage;
  filters: AuditFilterValues;
  pageSize: number;
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** An email that may wrap after its @ rather than anywhere. */
function Email({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

function ActorCell({ entry }: { entry: AuditEntryDto }) {
  if (entry.actorEmail && entry.actorId) {
    return (
      <Link href={`/users/${entry.actorId}`}>
        <Email email={entry.actorEmail} />
      </Link>
    );
  }
  if (entry.actorEmail) return <Email email={entry.actorEmail} />;
  // No signed-in actor: a failed sign-in, or a password set with a one-time link.
  return <span className="muted">{entry.action === 'password_change' ? 'One-time link' : 'Not signed in'}</span>;
}

function RecordCell({ entry }: { entry: AuditEntryDto }) {
  const href = entityHref(entry.entity, entry.entityId);
  return (
    <>
      <span className="record-kind">{entityLabel(entry.entity)}</span>{' '}
      {entry.entityId ? (
        href ? (
          <Link href={href} className="record-id" title={entry.entityId}>
            {shortId(entry.entityId)}
          </Link>
        ) : (
          <span className="record-id" title={entry.entityId}>
            {shortId(entry.entityId)}
          </span>
        )
      ) : null}
    </>
  );
}

/** The audit table, newest first; "Load more" appends the next keyset page with the same filters. */
export function AuditList({ initialPage, filters, pageSize }: Props) {
  const list = useLoadMore(
    initialPage,
    (cursor) => browserApi.call('audit.list', { query: { ...filters, cursor, limit: pageSize } }),
    'entries',
  );
  const { items } = list;

  if (items.length === 0) {
    return <p className="empty">{Object.keys(filters).length ? 'No entries match these filters.' : 'Nothing has been recorded yet.'}</p>;
  }

  return (
    <>
      <div className="table-scroll">
        <table className="data-table audit-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Done by</th>
              <th scope="col">Action</th>
              <th scope="col">Record</th>
              <th scope="col">Changes</th>
              <th scope="col">IP</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">
                  <LocalTime iso={entry.at} />
                </td>
                <td className="audit-actor">
                  <ActorCell entry={entry} />
                </td>
                <td>
                  <span className={`action action-${entry.action}`}>{actionLabel(entry.action)}</span>
                </td>
                <td className="nowrap">
                  <RecordCell entry={entry} />
                </td>
                <td className="audit-changes">
                  <AuditDiff diff={entry.diff} />
                </td>
                <td className="audit-ip">{entry.ip ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore {...list} />
    </>
  );
}
