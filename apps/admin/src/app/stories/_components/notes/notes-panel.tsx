'use client';

import type { Note, Story } from '@newsdesk/contracts';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { browserApi, isSessionEnd } from '@/lib/api';
import { NoteComposer } from './note-composer';
import { NoteItem } from './note-item';
import { anchorLabel, anchorOptions } from './notes-model';
import './notes.css';

interface Props {
  story: Story;
  userId: string;
  isAdmin: boolean;
}

type Filter = 'open' | 'resolved';

/**
 * The editor's notes side panel: the story's editorial notes (never published, never in its
 * revisions), open or resolved, with a count badge of open notes; add, resolve, edit and delete.
 * `?note=<id>` (a link from the desk's mentions) shows and highlights that note.
 */
export function NotesPanel({ story, userId, isAdmin }: Props) {
  const wanted = useSearchParams().get('note');
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [filter, setFilter] = useState<Filter>('open');
  const [failed, setFailed] = useState(false);
  const anchors = useMemo(() => anchorOptions(story), [story]);

  /** Bumped to fetch the list again (after a stale write). */
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    browserApi
      .call('notes.list', { params: { id: story.id }, query: { state: 'all' } })
      .then(({ items }) => {
        if (!current) return;
        setNotes(items);
        setFailed(false);
        if (wanted && items.find((note) => note.id === wanted)?.resolved) setFilter('resolved');
        if (wanted) requestAnimationFrame(() => document.getElementById('notes')?.scrollIntoView());
      })
      .catch((error: unknown) => current && !isSessionEnd(error) && setFailed(true));
    return () => {
      current = false;
    };
  }, [story.id, wanted, reloads]);

  const open = notes?.filter((note) => !note.resolved) ?? [];
  const shown = filter === 'open' ? open : (notes?.filter((note) => note.resolved) ?? []);
  const replace = (next: Note) => setNotes((list) => (list ?? []).map((note) => (note.id === next.id ? next : note)));

  return (
    <section className="panel notes-panel" id="notes" aria-labelledby="notes-title">
      <h2 id="notes-title">
        Notes{' '}
        <span className="desk-count" aria-label={`${open.length} open`}>
          {open.length}
        </span>
      </h2>
      <div className="notes-filter" role="group" aria-label="Show notes">
        {(['open', 'resolved'] as const).map((value) => (
          <button
            key={value}
            type="button"
            className={filter === value ? 'button button-small button-primary' : 'button button-small'}
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
          >
            {value === 'open' ? 'Open' : 'Resolved'}
          </button>
        ))}
      </div>
      {failed ? <p className="field-error">The notes could not be loaded.</p> : null}
      {notes === null && !failed ? <p className="muted">Loading notes…</p> : null}
      {notes !== null && !shown.length ? <p className="muted">{filter === 'open' ? 'No open notes.' : 'No resolved notes.'}</p> : null}
      {shown.length ? (
        <ol className="note-list">
          {shown.map((note) => (
            <NoteItem
              key={note.id}
              note={note}
              anchor={note.anchor ? anchorLabel(note.anchor, anchors) : null}
              userId={userId}
              isAdmin={isAdmin}
              highlighted={note.id === wanted}
              onChanged={replace}
              onDeleted={(id) => setNotes((list) => (list ?? []).filter((one) => one.id !== id))}
              onStale={() => setReloads((n) => n + 1)}
            />
          ))}
        </ol>
      ) : null}
      <NoteComposer
        storyId={story.id}
        anchors={anchors}
        onCreated={(note) => (setNotes((list) => [...(list ?? []), note]), setFilter('open'))}
      />
    </section>
  );
}
