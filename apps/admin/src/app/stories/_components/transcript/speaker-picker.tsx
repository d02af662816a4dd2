'use client';

import { useId, useRef, useState } from 'react';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { useSearch } from '@/lib/use-search';
import { personSummary, type TranscriptPersonForm } from './transcript-model';

export const UNIDENTIFIED_DESCRIPTORS = ['PERSON', 'MAN', 'WOMAN', 'CHILD', 'REPORTER', 'GROUP', 'CROWD'] as const;

interface Props {
  /** What the picker chooses, for its accessible names: "turn 3", "NADIA PETROVA, BYLINE". */
  subject: string;
  /** The current choice as shown on the button. */
  current: string;
  /** Speakers of this story, most recent first (asked for when the picker opens). */
  recent: () => TranscriptPersonForm[];
  onPick: (person: TranscriptPersonForm) => void;
  /** Offer "unidentified speaker" (not in the import review: a label there names someone). */
  onUnidentified?: (descriptor: string) => void;
  /** The name "Create a person" starts with (e.g. from an imported label). */
  suggestedName?: string;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  buttonId?: string;
}

/**
 * Chooses a speaker: this story's speakers first, then a search of the people registry (name,
 * family name or other spelling), or a new person created on the spot (POST /api/people), or an
 * unidentified speaker. A disclosure: the button opens the panel; Escape closes it.
 */
export function SpeakerPicker({
  subject,
  current,
  recent,
  onPick,
  onUnidentified,
  suggestedName = '',
  disabled,
  invalid,
  describedBy,
  buttonId,
}: Props) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [newName, setNewName] = useState(suggestedName);
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [descriptor, setDescriptor] = useState<string>('PERSON');
  const [inStory, setInStory] = useState<TranscriptPersonForm[]>([]);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const trimmed = query.trim();

  const {
    results,
    searching,
    problem: searchProblem,
  } = useSearch(
    query,
    async (q) => (await browserApi.call('people.list', { query: { q, limit: 8 } })).items,
    'Could not search people.',
    open,
  );

  function show() {
    setInStory(recent());
    setNewName((name) => name || suggestedName);
    setProblem(null);
    setOpen(true);
    requestAnimationFrame(() => searchRef.current?.focus());
  }

  function close() {
    setOpen(false);
    setQuery('');
    buttonRef.current?.focus();
  }

  function pick(person: TranscriptPersonForm) {
    onPick(person);
    close();
  }

  async function create() {
    const name = newName.trim();
    if (!name || creating) return;
    setCreating(true);
    setProblem(null);
    try {
      pick(personSummary(await browserApi.call('people.create', { body: { displayName: name } })));
    } catch (caught) {
      if (isSessionEnd(caught)) return;
      setProblem(
        isApiError(caught)
          ? (caught.fieldErrors[0]?.message ?? caught.problem.detail ?? caught.problem.title)
          : 'Could not create the person.',
      );
    } finally {
      setCreating(false);
    }
  }

  const inStoryIds = new Set(inStory.map((person) => person.id));
  const found = results.filter((person) => !inStoryIds.has(person.id));
  const shownInStory = trimmed ? inStory.filter((person) => person.displayName.toLowerCase().includes(trimmed.toLowerCase())) : inStory;

  return (
    <div
      className="speaker-picker"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className={`speaker-button${invalid ? ' speaker-button-invalid' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Speaker of ${subject}: ${current}`}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        disabled={disabled}
        onClick={() => (open ? close() : show())}
      >
        <span className="speaker-current">{current}</span> <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div id={panelId} className="speaker-panel" role="group" aria-label={`Choose the speaker of ${subject}`}>
          <label htmlFor={`${panelId}-q`} className="label">
            Find a person
          </label>
          <input
            ref={searchRef}
            id={`${panelId}-q`}
            type="search"
            autoComplete="off"
            placeholder="Name or other spelling"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              const first = shownInStory[0] ?? (found[0] ? personSummary(found[0]) : undefined);
              if (first) pick(first);
            }}
          />
          {shownInStory.length ? (
            <>
              <p className="speaker-group">In this story</p>
              <ul className="speaker-options">
                {shownInStory.map((person) => (
                  <li key={person.id}>
                    <button type="button" className="speaker-option" onClick={() => pick(person)}>
                      {person.displayName}
                      {person.isStaff ? <span className="chip-type">staff</span> : null}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {trimmed ? (
            <div aria-live="polite">
              <p className="speaker-group">People</p>
              {found.length ? (
                <ul className="speaker-options">
                  {found.map((person) => (
                    <li key={person.id}>
                      <button type="button" className="speaker-option" onClick={() => pick(personSummary(person))}>
                        {person.displayName}
                        {person.affiliation ? <span className="speaker-affiliation"> — {person.affiliation}</span> : null}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{searching ? 'Searching…' : 'Nobody else matches.'}</p>
              )}
            </div>
          ) : null}

          <div className="speaker-create">
            <label htmlFor={`${panelId}-new`} className="label">
              Not in the registry?
            </label>
            <div className="speaker-inline">
              <input
                id={`${panelId}-new`}
                autoComplete="off"
                placeholder="Full name, e.g. Nadia Petrova"
                value={newName}
                onChange={(event) => setNewName(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    void create();
                  }
                }}
              />
              <button type="button" className="button button-small" onClick={create} disabled={creating || !newName.trim()}>
                {creating ? 'Creating…' : 'Create person'}
              </button>
            </div>
          </div>

          {onUnidentified ? (
            <div className="speaker-unidentified">
              <label htmlFor={`${panelId}-unidentified`} className="label">
                Or an unidentified speaker
              </label>
              <div className="speaker-inline">
                <select id={`${panelId}-unidentified`} value={descriptor} onChange={(event) => setDescriptor(event.target.value)}>
                  {UNIDENTIFIED_DESCRIPTORS.map((value) => (
                    <option key={value} value={value}>
                      UNIDENTIFIED {value}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    onUnidentified(descriptor);
                    close();
                  }}
                >
                  Use unidentified speaker
                </button>
              </div>
            </div>
          ) : null}
          {problem || searchProblem ? (
            <p className="field-error" role="alert">
              {problem ?? searchProblem}
            </p>
          ) : null}
          <button type="button" className="button button-quiet button-small" onClick={close}>
            Close
          </button>
        </div>
      ) : null}
    </div>
  );
}
