'use client';

import { editDistance, editTimedText, joinOverlaps, normalizeName, type Person } from '@newsdesk/contracts';
import { useState } from 'react';
import { browserApi, isSessionEnd } from '@/lib/api';
import type { SpellingForm, SpokenTurnForm } from './transcript-model';

interface Props {
  index: number;
  turn: SpokenTurnForm;
  canWrite: boolean;
  /** The id of the turn's text area (its selection is what "Mark as (ph)" marks). */
  textId: string;
  onChange: (turn: SpokenTurnForm) => void;
}

const SUGGESTIONS = 5;

/** A registry person spelled close to `spelling` (family name within 2 edits, or the whole name within 3). */
function close(person: Person, spelling: string): boolean {
  const words = normalizeName(spelling).split(' ');
  const family = words.at(-1) ?? '';
  return (
    editDistance(normalizeName(person.familyName), family, 2) <= 2 ||
    editDistance(normalizeName(person.displayName), words.join(' '), 3) <= 3
  );
}

const unverifiedSpan = (at: number, end: number): SpellingForm => ({
  at,
  end,
  verified: false,
  note: null,
  verifiedBy: null,
  verifiedByName: null,
  verifiedAt: null,
});

/**
 * The "(ph)" marks of one turn: mark the selected text as an unverified spelling; verify a spelling
 * against a source (the note), or correct it (registry people spelled closely are offered; the
 * corrected text replaces the span and counts as verified); or unmark it. Who verified and when is
 * recorded by the API when the story is saved. The public prints " (ph)" after unverified spellings.
 */
export function TurnSpellings({ index, turn, canWrite, textId, onChange }: Props) {
  const n = index + 1;
  const spans = turn.spellings ?? [];
  const [open, setOpen] = useState<{ k: number; mode: 'verify' | 'correct' } | null>(null);
  const [note, setNote] = useState('');
  const [value, setValue] = useState('');
  const [suggestions, setSuggestions] = useState<Person[]>([]);
  const [hint, setHint] = useState<string | null>(null);

  const write = (spellings: SpellingForm[]) => onChange({ ...turn, spellings: spellings.length ? spellings : null });

  function markSelection() {
    const area = document.getElementById(textId) as HTMLTextAreaElement | null;
    let at = area?.selectionStart ?? 0;
    let end = area?.selectionEnd ?? 0;
    while (at < end && /\s/.test(turn.text[at] ?? '')) at++;
    while (end > at && /\s/.test(turn.text[end - 1] ?? '')) end--;
    if (end <= at) {
      setHint('Select the spelling in the text first, then mark it.');
      return;
    }
    setHint(null);
    write(joinOverlaps([...spans, unverifiedSpan(at, end)]));
  }

  async function openCorrect(k: number) {
    const span = spans[k];
    if (!span) return;
    const spelling = turn.text.slice(span.at, span.end);
    setOpen({ k, mode: 'correct' });
    setValue(spelling);
    setNote('');
    setSuggestions([]);
    const family = normalizeName(spelling).split(' ').at(-1) ?? '';
    if (family.length < 3) return;
    try {
      const found = await browserApi.call('people.list', { query: { q: family.slice(0, 3), limit: 40 } });
      setSuggestions(found.items.filter((person) => close(person, spelling)).slice(0, SUGGESTIONS));
    } catch (error) {
      if (!isSessionEnd(error)) setSuggestions([]);
    }
  }

  function verify(k: number) {
    write(spans.map((span, i) => (i === k ? { ...span, verified: true, note: note.trim() || null } : span)));
    setOpen(null);
  }

  function correct(k: number) {
    const span = spans[k];
    const spelling = value.trim();
    if (!span || !spelling) return;
    const text = `${turn.text.slice(0, span.at)}${spelling}${turn.text.slice(span.end)}`;
    // The other spans and the sentence marks move with the edit (contracts' editTimedText); the corrected one is verified.
    const edited = (editTimedText([turn], 0, text)[0] ?? turn) as SpokenTurnForm;
    const end = span.at + spelling.length;
    const others = (edited.spellings ?? []).filter((other) => other.end <= span.at || other.at >= end);
    const corrected: SpellingForm = {
      ...unverifiedSpan(span.at, end),
      verified: true,
      note: note.trim() || `Corrected from “${turn.text.slice(span.at, span.end)}”`,
    };
    onChange({ ...edited, spellings: joinOverlaps([...others, corrected]) });
    setOpen(null);
  }

  const status = (span: SpellingForm) =>
    !span.verified
      ? 'unverified (ph)'
      : span.verifiedByName
        ? `verified by ${span.verifiedByName}${span.verifiedAt ? ` on ${span.verifiedAt.slice(0, 10)}` : ''}${span.note ? ` — ${span.note}` : ''}`
        : `verified${span.note ? ` — ${span.note}` : ''} (recorded when the story is saved)`;

  return (
    <div className="turn-spellings">
      {spans.length ? (
        <ul className="spelling-list" aria-label={`Spellings of turn ${n}`}>
          {spans.map((span, k) => {
            const spelling = turn.text.slice(span.at, span.end);
            const editing = open?.k === k ? open.mode : null;
            return (
              <li key={`${span.at}-${span.end}`} className={span.verified ? 'spelling spelling-verified' : 'spelling spelling-unverified'}>
                <mark>{spelling}</mark> <span className="muted">{status(span)}</span>
                {canWrite && !editing ? (
                  <span className="spelling-actions">
                    {!span.verified ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Verify the spelling ${spelling}`}
                        onClick={() => {
                          setOpen({ k, mode: 'verify' });
                          setNote('');
                        }}
                      >
                        Verify
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Correct the spelling ${spelling}`}
                      onClick={() => void openCorrect(k)}
                    >
                      Correct
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Unmark the spelling ${spelling}`}
                      onClick={() => write(spans.filter((_, i) => i !== k))}
                    >
                      Unmark
                    </button>
                  </span>
                ) : null}
                {editing ? (
                  <div className="spelling-form" role="group" aria-label={`${editing === 'verify' ? 'Verify' : 'Correct'} ${spelling}`}>
                    {editing === 'correct' ? (
                      <>
                        <label htmlFor={`${textId}-spelling-${k}`}>Correct spelling</label>
                        <input
                          id={`${textId}-spelling-${k}`}
                          autoComplete="off"
                          value={value}
                          onChange={(event) => setValue(event.target.value)}
                        />
                        {suggestions.length ? (
                          <p className="field-hint">
                            In the registry:{' '}
                            {suggestions.map((person) => (
                              <button
                                key={person.id}
                                type="button"
                                className="link-button"
                                onClick={() => {
                                  setValue(spelling.includes(' ') ? person.displayName : person.familyName);
                                  setNote(`Registry: ${person.displayName}`);
                                }}
                              >
                                {person.displayName}
                              </button>
                            ))}
                          </p>
                        ) : null}
                      </>
                    ) : null}
                    <label htmlFor={`${textId}-source-${k}`}>Source</label>
                    <input
                      id={`${textId}-source-${k}`}
                      autoComplete="off"
                      maxLength={300}
                      placeholder="e.g. ministry website, asked the guest"
                      value={note}
                      onChange={(event) => setNote(event.target.value)}
                    />
                    <button type="button" className="button" onClick={() => (editing === 'verify' ? verify(k) : correct(k))}>
                      {editing === 'verify' ? 'Mark verified' : 'Apply correction'}
                    </button>
                    <button type="button" className="button button-quiet" onClick={() => setOpen(null)}>
                      Cancel
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {canWrite ? (
        <p className="spelling-mark">
          <button
            type="button"
            className="toolbar-button"
            aria-label={`Mark the selected text of turn ${n} as an unverified spelling`}
            onClick={markSelection}
          >
            Mark as (ph)
          </button>
          {hint ? <span className="field-hint"> {hint}</span> : null}
        </p>
      ) : null}
    </div>
  );
}
