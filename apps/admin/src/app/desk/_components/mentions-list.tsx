'use client';

import type { Mention } from '@newsdesk/contracts';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { StatusBadge } from '@/components/status-badge';
import { browserApi, isSessionEnd } from '@/lib/api';
import '../../stories/_components/notes/notes.css';

const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 159)}…` : text);

/** The signed-in user's @mentions in notes: unread first, each linking to its story with the notes panel on the note. */
export function MentionsList() {
  const [mentions, setMentions] = useState<{ unread: Mention[]; read: Mention[] } | null>(null);
  const [failed, setFailed] = useState(false);

  /** Bumped to fetch the lists again (after marking one read). */
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    Promise.all([
      browserApi.call('mentions.list', { query: { unread: 'true', limit: 20 } }),
      browserApi.call('mentions.list', { query: { unread: 'false', limit: 5 } }),
    ])
      .then(([unread, read]) => current && setMentions({ unread: unread.items, read: read.items }))
      .catch((error: unknown) => current && !isSessionEnd(error) && setFailed(true));
    return () => {
      current = false;
    };
  }, [reloads]);

  async function markRead(noteId: string) {
    await browserApi.call('mentions.read', { params: { id: noteId } }).catch(() => undefined);
    setReloads((n) => n + 1);
  }

  const line = (mention: Mention) => {
    const unread = mention.readAt === null;
    return (
      <li key={mention.note.id} className={unread ? 'desk-story mention-unread' : 'desk-story'}>
        <Link
          href={`/stories/${mention.story.id}?note=${mention.note.id}#notes`}
          className="desk-headline"
          onClick={() =>
            unread ? void browserApi.call('mentions.read', { params: { id: mention.note.id } }).catch(() => undefined) : undefined
          }
        >
          {mention.story.headline}
        </Link>
        <span className="note-body">{excerpt(mention.note.body)}</span>
        <span className="desk-meta">
          {unread ? 'Unread · ' : ''}
          {mention.note.author.name} · <LocalTime iso={mention.note.createdAt} /> · <StatusBadge status={mention.story.status} />
          {mention.note.resolved ? ' · resolved' : ''}
          {unread ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => void markRead(mention.note.id)}>
                Mark read
              </button>
            </>
          ) : null}
        </span>
      </li>
    );
  };

  const all = mentions ? [...mentions.unread, ...mentions.read] : [];
  return (
    <section className="panel desk-section desk-mentions" aria-labelledby="desk-mentions">
      <h2 id="desk-mentions">
        Mentions <span className="desk-count">{mentions?.unread.length ?? 0}</span>
      </h2>
      {failed ? <p className="field-error">Your mentions could not be loaded.</p> : null}
      {mentions === null && !failed ? <p className="muted">Loading…</p> : null}
      {mentions !== null && !all.length ? <p className="muted">Nobody has mentioned you in a note.</p> : null}
      {all.length ? <ul className="desk-list mention-list">{all.map(line)}</ul> : null}
    </section>
  );
}
