import { ROLES, type Role, type StoryStatus } from '@newsdesk/contracts';
import type { ReactNode } from 'react';
import { LocalTime } from '@/components/local-time';
import { fieldLabel } from '@/lib/audit';
import { ROLE_LABELS, STATUS_LABELS } from '@/lib/format';

/** Longer texts (bodies, teasers) go in a collapsible block with before and after one above the other. */
const INLINE_MAX = 120;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
const isStatus = (value: unknown): value is StoryStatus => typeof value === 'string' && value in STATUS_LABELS;
const isEmpty = (value: unknown) => value === null || value === undefined || value === '';
/** Text as is; anything else structured (e.g. a rich-text document) as indented JSON. */
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const isStructured = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLong = (value: unknown): boolean =>
  (typeof value === 'string' && (value.length > INLINE_MAX || value.includes('\n'))) ||
  (isStructured(value) && asText(value).length > INLINE_MAX);

function Empty() {
  return <span className="diff-empty">empty</span>;
}

/** One side of a change, shown for what it is: a date in local time, roles as a list, a flag in words. */
function DiffValue({ field, value }: { field: string; value: unknown }): ReactNode {
  if (isEmpty(value)) return <Empty />;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="diff-empty">none</span>;
    return (
      <ul className="diff-list">
        {value.map((item, index) => (
          <li key={index}>{isRole(item) ? ROLE_LABELS[item] : typeof item === 'string' ? item : JSON.stringify(item)}</li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'boolean') {
    if (field === 'active') return <span className="diff-value">{value ? 'Active' : 'Deactivated'}</span>;
    return <span className="diff-value">{value ? 'yes' : 'no'}</span>;
  }
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value)) return <LocalTime iso={value} />;
    if (field === 'status' && isStatus(value)) return <span className="diff-value">{STATUS_LABELS[value]}</span>;
    return <span className="diff-value">{value}</span>;
  }
  if (typeof value === 'number') return <span className="diff-value">{value}</span>;
  return <code className="diff-value">{JSON.stringify(value)}</code>;
}

const characters = (value: unknown) => (isEmpty(value) ? 0 : asText(value).length).toLocaleString('en-GB');

function LongChange({ before, after }: { before: unknown; after: unknown }) {
  const summary = isEmpty(before)
    ? `Show the text (${characters(after)} characters)`
    : isEmpty(after)
      ? `Show the removed text (${characters(before)} characters)`
      : `Show before and after (${characters(before)} → ${characters(after)} characters)`;
  return (
    <details className="diff-details">
      <summary>{summary}</summary>
      <div className="diff-long">
        <div>
          <p className="diff-side">Before</p>
          {isEmpty(before) ? <Empty /> : <pre className="diff-text diff-before">{asText(before)}</pre>}
        </div>
        <div>
          <p className="diff-side">After</p>
          {isEmpty(after) ? <Empty /> : <pre className="diff-text diff-after">{asText(after)}</pre>}
        </div>
      </div>
    </details>
  );
}

/** An audit entry's diff, { field: [before, after] }, one line per changed field: "before → after". */
export function AuditDiff({ diff }: { diff: Record<string, [unknown, unknown]> }) {
  // "empty -> empty" (e.g. null before, '' after, on a new record) says nothing.
  const changes = Object.entries(diff).filter(([, [before, after]]) => !(isEmpty(before) && isEmpty(after)));
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="diff">
      {changes.map(([field, [before, after]]) => (
        <div key={field} className="diff-row">
          <dt>{fieldLabel(field)}</dt>
          <dd>
            {isLong(before) || isLong(after) ? (
              <LongChange before={before} after={after} />
            ) : (
              <>
                <DiffValue field={field} value={before} />
                <span className="diff-arrow"> → </span>
                <DiffValue field={field} value={after} />
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
