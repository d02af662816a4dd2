'use client';

import { UpdateNoteSchema, type Note } from '@newsdesk/contracts';
import { useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { browserApi, isApiError } from '@/lib/api';

interface Props {
  note: Note;
  /** What the anchor points at, or null for the whole story. */
  anchor: string | null;
  userId: string;
  isAdmin: boolean;
  highlighted: boolean;
  onChanged: (note: Note) => void;
  onDeleted: (id: string) => void;
  /** A write was refused as stale: reload the list. */
  onStale: () => void;
}

/** One note: its text (always as text, never markup), who wrote it, what it points at; resolve, edit, delete. */
export function NoteItem({ note, anchor, userId, isAdmin, highlighted, onChanged, onDeleted, onStale }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = note.author.id === userId;

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      if (isApiError(caught) && caught.status === 409) {
        setError('Someone changed this note meanwhile; the list was reloaded.');
        onStale();
      } else setError(isApiError(caught) ? (caught.fieldErrors[0]?.message ?? caught.message) : 'That did not work.');
    } finally {
      setBusy(false);
    }
  }

  const update = (body: { body?: string; resolved?: boolean }) =>
    run(async () => {
      const input = { version: note.version, ...body };
      const parsed = UpdateNoteSchema.safeParse(input);
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message);
      onChanged(await browserApi.call('notes.update', { params: { id: note.id }, body: input }));
      setEditing(null);
    });

  const remove = () =>
    run(async () => {
      await browserApi.call('notes.delete', { params: { id: note.id }, query: { version: note.version } });
      onDeleted(note.id);
    });

  return (
    <li className={`note${note.resolved ? ' note-resolved' : ''}${highlighted ? ' note-highlighted' : ''}`} data-note-id={note.id}>
      <p className="note-meta">
        <strong>{note.author.name}</strong> · <LocalTime iso={note.createdAt} />
        {anchor ? <span className="note-anchor"> · on {anchor}</span> : null}
      </p>
      {editing === null ? (
        <p className="note-body">{note.body}</p>
      ) : (
        <textarea aria-label="Note text" rows={3} value={editing} onChange={(event) => setEditing(event.target.value)} />
      )}
      {note.mentions.length ? <p className="note-mentions muted">Mentions: {note.mentions.map((user) => user.name).join(', ')}</p> : null}
      {note.resolved ? (
        <p className="note-resolution muted">
          Resolved{note.resolved.by ? ` by ${note.resolved.by.name}` : ''} <LocalTime iso={note.resolved.at} />
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="note-actions">
        {editing !== null ? (
          <>
            <button type="button" className="button button-small" disabled={busy} onClick={() => update({ body: editing })}>
              Save note
            </button>
            <button type="button" className="link-button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button-small" disabled={busy} onClick={() => update({ resolved: !note.resolved })}>
              {note.resolved ? 'Reopen' : 'Resolve'}
            </button>
            {mine ? (
              <button type="button" className="link-button" disabled={busy} onClick={() => setEditing(note.body)}>
                Edit
              </button>
            ) : null}
            {mine || isAdmin ? (
              <button type="button" className="link-button" disabled={busy} onClick={remove}>
                Delete
              </button>
            ) : null}
          </>
        )}
      </div>
    </li>
  );
}
