'use client';

import type { CorrespondentSummary, StoryBylineSchema } from '@newsdesk/contracts';
import { useId, useState } from 'react';
import type { z } from 'zod';
import { browserApi } from '@/lib/api';
import { useSearch } from '@/lib/use-search';

export type ChipByline = z.infer<typeof StoryBylineSchema>;

interface Props {
  bylines: ChipByline[];
  onChange: (bylines: ChipByline[]) => void;
  disabled: boolean;
  error?: string;
}

const toChip = (c: Pick<CorrespondentSummary, 'id' | 'name' | 'slug' | 'title'>): ChipByline => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  title: c.title,
});

/** The story's bylines, in order: search correspondents, add, reorder, remove. Publishing needs at least one. */
export function BylinePicker({ bylines, onChange, disabled, error }: Props) {
  const inputId = useId();
  const [query, setQuery] = useState('');
  const trimmed = query.trim();
  const chosen = new Set(bylines.map((byline) => byline.id));

  const { results, setResults, problem, setProblem } = useSearch(
    query,
    async (q) => (await browserApi.call('correspondents.list', { query: { q, limit: 8 } })).items,
    'Could not search correspondents.',
  );

  function add(correspondent: CorrespondentSummary) {
    if (!chosen.has(correspondent.id)) onChange([...bylines, toChip(correspondent)]);
    setQuery('');
    setResults([]);
    setProblem(null);
  }

  function move(index: number, by: -1 | 1) {
    const next = [...bylines];
    const [byline] = next.splice(index, 1);
    if (!byline) return;
    next.splice(index + by, 0, byline);
    onChange(next);
  }

  return (
    <div className={error ? 'field field-invalid byline-picker' : 'field byline-picker'}>
      <label htmlFor={inputId}>Bylines</label>
      <ol className="chips" aria-label="Bylines of this story">
        {bylines.map((byline, index) => (
          <li key={byline.id} className="chip">
            <span>{byline.name}</span>
            {byline.title ? <span className="chip-type">{byline.title}</span> : null}
            {!disabled ? (
              <>
                {index > 0 ? (
                  <button type="button" className="chip-remove" aria-label={`Move ${byline.name} earlier`} onClick={() => move(index, -1)}>
                    ↑
                  </button>
                ) : null}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove byline ${byline.name}`}
                  onClick={() => onChange(bylines.filter((b) => b.id !== byline.id))}
                >
                  ×
                </button>
              </>
            ) : null}
          </li>
        ))}
        {bylines.length === 0 ? <li className="muted">No bylines yet.</li> : null}
      </ol>
      {!disabled ? (
        <>
          <input
            id={inputId}
            type="search"
            autoComplete="off"
            placeholder="Find a correspondent"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault(); // never submit the story from here
              const first = results.find((correspondent) => !chosen.has(correspondent.id));
              if (first) add(first);
            }}
            aria-describedby={error ? `${inputId}-error` : `${inputId}-hint`}
          />
          {trimmed ? (
            <div className="tag-results" aria-live="polite">
              {results.length ? (
                <ul className="chips">
                  {results.map((correspondent) => (
                    <li key={correspondent.id}>
                      <button
                        type="button"
                        className="chip chip-add"
                        disabled={chosen.has(correspondent.id)}
                        onClick={() => add(correspondent)}
                      >
                        + {correspondent.name}{' '}
                        <span className="chip-type">{[correspondent.title, correspondent.bureau].filter(Boolean).join(', ')}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No correspondent matches.</p>
              )}
            </div>
          ) : null}
        </>
      ) : null}
      <p id={`${inputId}-hint`} className="field-hint">
        The reporters who signed the story, in order. Publishing needs at least one.
      </p>
      {problem ? <p className="field-error">{problem}</p> : null}
      {error ? (
        <p id={`${inputId}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
