'use client';

import { TAG_TYPES, type StoryTagSchema, type Tag, type TagSuggestion, type TagType } from '@newsdesk/contracts';
import { useEffect, useId, useState } from 'react';
import type { z } from 'zod';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { useSearch } from '@/lib/use-search';

export type ChipTag = z.infer<typeof StoryTagSchema>;

interface Props {
  tags: ChipTag[];
  onChange: (tags: ChipTag[]) => void;
  disabled: boolean;
  /** The saved story, for suggestions (computed by the API from what is saved); absent for a new story. */
  storyId?: string;
  /** Suggestions are fetched again after each save. */
  storyVersion?: number;
  /** The form has edits the suggestions do not know about yet. */
  unsaved: boolean;
  error?: string;
}

function whereFound(suggestion: TagSuggestion): string {
  const sources = [...new Set(suggestion.matches.map((match) => match.source))];
  const count = suggestion.matches.reduce((sum, match) => sum + match.count, 0);
  return `${sources.join(', ')}, ${count}×`;
}

const toChip = (tag: Pick<Tag, 'id' | 'name' | 'slug' | 'type'>): ChipTag => ({
  id: tag.id,
  name: tag.name,
  slug: tag.slug,
  type: tag.type,
});

/** The story's tags as chips: search existing tags, create one inline with its type, accept suggestions with one click. */
export function TagPicker({ tags, onChange, disabled, storyId, storyVersion, unsaved, error }: Props) {
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [newType, setNewType] = useState<TagType>('topic');
  const [creating, setCreating] = useState(false);
  const [suggestions, setSuggestions] = useState<TagSuggestion[] | null>(null);

  const chosen = new Set(tags.map((tag) => tag.id));
  const trimmed = query.trim();

  const { results, setResults, searching, problem, setProblem } = useSearch(
    query,
    async (q) => (await browserApi.call('tags.list', { query: { q, limit: 8 } })).items,
    'Could not search tags.',
  );

  useEffect(() => {
    if (!storyId || disabled) return;
    let cancelled = false;
    browserApi
      .call('stories.tagSuggestions', { params: { id: storyId } })
      .then((list) => !cancelled && setSuggestions(list.items))
      .catch(() => !cancelled && setSuggestions([]));
    return () => {
      cancelled = true;
    };
  }, [storyId, storyVersion, disabled]);

  function add(tag: ChipTag) {
    if (!chosen.has(tag.id)) onChange([...tags, tag]);
    setQuery('');
    setResults([]);
    setProblem(null);
  }

  function remove(id: string) {
    onChange(tags.filter((tag) => tag.id !== id));
  }

  async function create() {
    if (!trimmed || creating) return;
    setCreating(true);
    setProblem(null);
    try {
      add(toChip(await browserApi.call('tags.create', { body: { name: trimmed, type: newType } })));
    } catch (caught) {
      if (isSessionEnd(caught)) return;
      setProblem(
        isApiError(caught)
          ? (caught.fieldErrors[0]?.message ?? caught.problem.detail ?? caught.problem.title)
          : 'Could not create the tag.',
      );
    } finally {
      setCreating(false);
    }
  }

  const exact = results.some((tag) => tag.name.toLowerCase() === trimmed.toLowerCase());
  const open = suggestions?.filter((suggestion) => !chosen.has(suggestion.tag.id)) ?? [];

  return (
    <div className={error ? 'field field-invalid tag-picker' : 'field tag-picker'}>
      <label htmlFor={inputId}>Tags</label>
      <ul className="chips" aria-label="Tags of this story">
        {tags.map((tag) => (
          <li key={tag.id} className={`chip chip-${tag.type}`}>
            <span>{tag.name}</span>
            <span className="chip-type">{tag.type}</span>
            {!disabled ? (
              <button type="button" className="chip-remove" aria-label={`Remove tag ${tag.name}`} onClick={() => remove(tag.id)}>
                ×
              </button>
            ) : null}
          </li>
        ))}
        {tags.length === 0 ? <li className="muted">No tags yet.</li> : null}
      </ul>

      {!disabled ? (
        <>
          <input
            id={inputId}
            type="search"
            autoComplete="off"
            placeholder="Find or create a tag"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault(); // never submit the story from here
              const first = results.find((tag) => !chosen.has(tag.id));
              if (first) add(toChip(first));
            }}
            aria-describedby={`${inputId}-hint`}
          />
          <p id={`${inputId}-hint`} className="field-hint">
            Type to search tags by name or alias; Enter adds the first match.
          </p>
          {trimmed ? (
            <div className="tag-results" aria-live="polite">
              {results.length ? (
                <ul className="chips">
                  {results.map((tag) => (
                    <li key={tag.id}>
                      <button type="button" className="chip chip-add" disabled={chosen.has(tag.id)} onClick={() => add(toChip(tag))}>
                        + {tag.name} <span className="chip-type">{tag.type}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{searching ? 'Searching…' : 'No tag matches.'}</p>
              )}
              {!exact && !searching ? (
                <div className="tag-create">
                  <label htmlFor={`${inputId}-type`} className="visually-hidden">
                    Type of the new tag
                  </label>
                  <select id={`${inputId}-type`} value={newType} onChange={(event) => setNewType(event.target.value as TagType)}>
                    {TAG_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {type}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="button" onClick={create} disabled={creating}>
                    {creating ? 'Creating…' : `Create tag “${trimmed}”`}
                  </button>
                </div>
              ) : null}
            </div>
          ) : null}
          {problem ? (
            <p className="field-error" role="alert">
              {problem}
            </p>
          ) : null}
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}

          <section className="tag-suggestions" aria-label="Suggested tags">
            <h3>Suggested</h3>
            {!storyId ? (
              <p className="muted">Save the story to get tag suggestions from its text.</p>
            ) : open.length ? (
              <ul className="chips">
                {open.map((suggestion) => (
                  <li key={suggestion.tag.id}>
                    <button
                      type="button"
                      className="chip chip-suggestion"
                      title={suggestion.matches.map((match) => `“${match.term}” in ${match.source} ${match.count}×`).join('; ')}
                      onClick={() => add(toChip(suggestion.tag))}
                    >
                      + {suggestion.tag.name} ({whereFound(suggestion)})
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">
                {suggestions === null ? 'Looking for tags in the text…' : 'No suggestions: no tag name occurs in the saved text.'}
              </p>
            )}
            {storyId && unsaved ? <p className="field-hint">From the last saved version.</p> : null}
          </section>
        </>
      ) : null}
    </div>
  );
}
