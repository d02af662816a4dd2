'use client';

import type { Person } from '@newsdesk/contracts';
import { useEffect, useRef, useState } from 'react';
import { browserApi, isApiError } from '@/lib/api';

interface Props {
  person: Person;
  open: boolean;
  onClose: () => void;
  /** Called with the survivor after a merge. */
  onMerged: (survivor: Person) => void;
}

/**
 * Merging a duplicate: find the person who stays, confirm, and everything that named this one
 * (profile, transcripts) moves there; this person's names become other spellings of the survivor.
 */
export function MergeDialog({ person, open, onClose, onMerged }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState(person.familyName);
  const [results, setResults] = useState<Person[]>([]);
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  useEffect(() => {
    if (!open || !q.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      browserApi
        .call('people.list', { query: { q, limit: 10 } })
        .then((page) => {
          if (current) setResults(page.items.filter((item) => item.id !== person.id));
        })
        .catch(() => {
          if (current) setError('The search failed. Try again.');
        });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, open, person.id]);

  const survivor = results.find((item) => item.id === choice) ?? null;

  async function merge() {
    if (!survivor) return;
    setMerging(true);
    setError(null);
    try {
      onMerged(
        await browserApi.call('people.merge', {
          params: { id: person.id },
          body: { intoId: survivor.id, version: person.version, intoVersion: survivor.version },
        }),
      );
    } catch (caught) {
      setError(
        isApiError(caught) ? (caught.problem.detail ?? caught.problem.title) : 'The merge failed. Check your connection and try again.',
      );
    } finally {
      setMerging(false);
    }
  }

  return (
    <dialog ref={dialog} className="merge-dialog" aria-labelledby="merge-title" onClose={onClose}>
      <h2 id="merge-title">Merge {person.displayName} into…</h2>
      <p className="field-hint">
        Use this when {person.displayName} is a duplicate. Choose the person who stays: their record keeps its name, {person.displayName}’s
        names become other spellings of it, and everything that named {person.displayName} follows. This cannot be undone.
      </p>
      <div className="field">
        <label htmlFor="merge-search">Find the person who stays</label>
        <input
          id="merge-search"
          type="search"
          value={q}
          autoComplete="off"
          onChange={(event) => {
            setQ(event.target.value);
            setChoice(null);
          }}
        />
      </div>
      {results.length ? (
        <ul className="merge-results" aria-label="Matching people">
          {results.map((item) => (
            <li key={item.id}>
              <label>
                <input type="radio" name="merge-into" value={item.id} checked={choice === item.id} onChange={() => setChoice(item.id)} />
                <span>
                  {item.displayName}
                  <span className="person-meta">
                    {[
                      item.labelTitle,
                      item.affiliation,
                      item.isStaff ? 'staff' : null,
                      item.aliases.length ? `also ${item.aliases.join(', ')}` : null,
                    ]
                      .filter(Boolean)
                      .join(' · ') || item.slug}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{q.trim() ? 'Nobody else matches.' : 'Type a name.'}</p>
      )}
      {error ? (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button button-publish" onClick={merge} disabled={!survivor || merging}>
          {merging ? 'Merging…' : survivor ? `Merge into ${survivor.displayName}` : 'Merge'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
