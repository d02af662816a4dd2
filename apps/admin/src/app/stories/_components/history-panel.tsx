'use client';

import type { RevisionDiff, RevisionSummary } from '@newsdesk/contracts';
import { useEffect, useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { storyPreviewPath } from '@/lib/paths';
import { RevisionDiffView } from './revision-diff';
import { FIELD_LABELS } from './story-form-model';

interface Props {
  storyId: string;
  /** The list is fetched again whenever the story's version moves. */
  storyVersion: number;
  canWrite: boolean;
  /** Tag ids -> names, to show tag changes readably. */
  names: ReadonlyMap<string, string>;
  /** Restores revision n; resolves true when it was restored. */
  onRestore: (n: number) => Promise<boolean>;
  restoring: boolean;
}

/** "update" -> "Update", "restore of revision 2" -> "Restore of revision 2". */
const reasonLabel = (reason: string) => {
  const text = reason.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const fieldList = (fields: string[]) => fields.map((field) => FIELD_LABELS[field] ?? field).join(', ');

/** Every saved revision (who, when, why, what changed); compare any two; restore an older one. */
export function HistoryPanel({ storyId, storyVersion, canWrite, names, onRestore, restoring }: Props) {
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [loadingDiff, setLoadingDiff] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    browserApi
      .call('stories.listRevisions', { params: { id: storyId } })
      .then((list) => !cancelled && setRevisions(list.items))
      .catch((caught: unknown) => !cancelled && !isSessionEnd(caught) && setProblem('Could not load the history.'));
    return () => {
      cancelled = true;
    };
  }, [storyId, storyVersion]);

  function toggle(n: number) {
    setDiff(null);
    setSelected((current) => (current.includes(n) ? current.filter((item) => item !== n) : [...current, n].slice(-2)));
  }

  async function compare() {
    if (selected.length !== 2) return;
    const [from, to] = [...selected].sort((a, b) => a - b) as [number, number];
    setLoadingDiff(true);
    setProblem(null);
    try {
      setDiff(await browserApi.call('stories.diffRevisions', { params: { id: storyId }, query: { from, to } }));
    } catch (caught) {
      if (!isSessionEnd(caught))
        setProblem(isApiError(caught) ? `Could not compare: ${caught.problem.title}` : 'Could not compare the revisions.');
    } finally {
      setLoadingDiff(false);
    }
  }

  async function restore(n: number) {
    if (
      !window.confirm(`Restore revision ${n}? The story's content becomes that of revision ${n}, saved as a new revision; nothing is lost.`)
    )
      return;
    if (await onRestore(n)) {
      setSelected([]);
      setDiff(null);
    }
  }

  const newest = revisions?.[0]?.n;

  return (
    <section className="panel history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {revisions === null ? <p className="muted">Loading…</p> : null}
      {revisions?.length ? (
        <>
          <p className="field-hint">Tick two revisions to see what changed between them.</p>
          <ol className="revisions">
            {revisions.map((revision) => (
              <li key={revision.n} className={selected.includes(revision.n) ? 'revision revision-selected' : 'revision'}>
                <label className="revision-pick">
                  <input
                    type="checkbox"
                    checked={selected.includes(revision.n)}
                    onChange={() => toggle(revision.n)}
                    aria-label={`Compare revision ${revision.n}`}
                  />
                  <span className="revision-n">#{revision.n}</span>
                </label>
                <div className="revision-facts">
                  <span className="revision-reason">{reasonLabel(revision.reason)}</span>
                  {' · '}
                  {revision.createdBy?.name ?? 'someone'}
                  {' · '}
                  <LocalTime iso={revision.createdAt} />
                  {revision.changedFields.length ? (
                    <span className="revision-fields">Changed: {fieldList(revision.changedFields)}</span>
                  ) : null}
                </div>
                <span className="revision-actions">
                  <a
                    href={storyPreviewPath(storyId, revision.n)}
                    target="_blank"
                    rel="noopener"
                    className="button button-small"
                    aria-label={`Preview revision ${revision.n}`}
                  >
                    Preview
                  </a>
                  {canWrite && revision.n !== newest ? (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => restore(revision.n)}
                      disabled={restoring}
                      aria-label={`Restore revision ${revision.n}`}
                    >
                      Restore
                    </button>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
          <button type="button" className="button" onClick={compare} disabled={selected.length !== 2 || loadingDiff}>
            {loadingDiff
              ? 'Comparing…'
              : selected.length === 2
                ? `Compare #${Math.min(...selected)} with #${Math.max(...selected)}`
                : 'Compare'}
          </button>
        </>
      ) : revisions ? (
        <p className="muted">No revisions yet.</p>
      ) : null}
      {diff ? <RevisionDiffView diff={diff} names={names} /> : null}
    </section>
  );
}
