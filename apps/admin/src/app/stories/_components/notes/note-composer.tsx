'use client';

import { CreateNoteSchema, type Note, type StaffName } from '@newsdesk/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { browserApi, isApiError } from '@/lib/api';
import { mentionQuery, mentionsInText, type AnchorOption } from './notes-model';

interface Props {
  storyId: string;
  anchors: AnchorOption[];
  onCreated: (note: Note) => void;
}

/** Writes a note: plain text with @mentions picked from the staff directory, and an optional anchor. */
export function NoteComposer({ storyId, anchors, onCreated }: Props) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [anchor, setAnchor] = useState('');
  const [chosen, setChosen] = useState<StaffName[]>([]);
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const [suggestions, setSuggestions] = useState<StaffName[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!typing) return;
    let current = true;
    browserApi
      .call('staff.directory', { query: { q: typing.query || undefined, limit: 8 } })
      .then((found) => current && (setSuggestions(found.items), setActive(0)))
      .catch(() => current && setSuggestions([]));
    return () => {
      current = false;
    };
  }, [typing]);

  function onChange(value: string, caret: number) {
    setText(value);
    setTyping(mentionQuery(value, caret));
  }

  function pick(user: StaffName) {
    if (!typing) return;
    const caret = typing.start + typing.query.length + 1;
    const next = `${text.slice(0, typing.start)}@${user.name} ${text.slice(caret)}`;
    setText(next);
    setChosen((list) => (list.some((one) => one.id === user.id) ? list : [...list, user]));
    setTyping(null);
    textarea.current?.focus();
  }

  async function submit() {
    const option = anchors.find((one) => one.value === anchor);
    const input = { body: text, anchor: option ? option.anchor : null, mentions: mentionsInText(text, chosen) };
    const parsed = CreateNoteSchema.safeParse(input);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Write a note');
    setBusy(true);
    setError(null);
    try {
      onCreated(await browserApi.call('notes.create', { params: { id: storyId }, body: input }));
      setText('');
      setAnchor('');
      setChosen([]);
    } catch (caught) {
      setError(isApiError(caught) ? (caught.fieldErrors[0]?.message ?? caught.message) : 'The note could not be saved.');
    } finally {
      setBusy(false);
    }
  }

  const listId = `${id}-mentions`;
  const open = typing !== null && suggestions.length > 0;
  return (
    <div className={error ? 'field field-invalid note-composer' : 'field note-composer'}>
      <label htmlFor={`${id}-text`}>Add a note</label>
      <textarea
        id={`${id}-text`}
        ref={textarea}
        rows={3}
        value={text}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value, event.target.selectionStart)}
        onKeyDown={(event) => {
          if (!open) return;
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
          } else if (event.key === 'Enter' || event.key === 'Tab') {
            event.preventDefault();
            const user = suggestions[active];
            if (user) pick(user);
          } else if (event.key === 'Escape') setTyping(null);
        }}
      />
      {open ? (
        <ul id={listId} role="listbox" aria-label="Mention someone" className="mention-suggestions">
          {suggestions.map((user, index) => (
            <li
              key={user.id}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(user);
              }}
            >
              {user.name}
            </li>
          ))}
        </ul>
      ) : null}
      <p id={`${id}-hint`} className="field-hint">
        Staff only, never published. Type @ to mention someone: they see it on their desk.
      </p>
      <label htmlFor={`${id}-anchor`}>Points at</label>
      <select id={`${id}-anchor`} value={anchor} onChange={(event) => setAnchor(event.target.value)}>
        <option value="">The whole story</option>
        {anchors.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button" onClick={submit} disabled={busy}>
        {busy ? 'Adding…' : 'Add note'}
      </button>
    </div>
  );
}
