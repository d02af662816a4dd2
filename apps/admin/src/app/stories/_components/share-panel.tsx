'use client';

import { CreateShareLinkSchema, SHARE_LINK_DEFAULT_HOURS, type RevisionSummary, type ShareLink } from '@newsdesk/contracts';
import { useEffect, useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import './share-panel.css';

interface Props {
  storyId: string;
  /** The revision list is fetched again when the story's version moves (a new revision to pin). */
  storyVersion: number;
  canWrite: boolean;
}

const EXPIRY_CHOICES: Array<[number, string]> = [
  [1, '1 hour'],
  [24, '1 day'],
  [SHARE_LINK_DEFAULT_HOURS, '2 days'],
  [7 * 24, '7 days'],
  [14 * 24, '14 days'],
];
const STATE_LABELS: Record<ShareLink['state'], string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

const problemText = (caught: unknown, what: string) =>
  isApiError(caught) ? `${what}: ${caught.problem.errors?.[0]?.message ?? caught.problem.detail ?? caught.problem.title}` : `${what}.`;

/**
 * Share links (issue 15 item 2): make a link a guest without an account can open (expiry, latest
 * draft or a pinned revision, a label), copy its URL (shown once), see who made each link and when it
 * was last used, and revoke it.
 */
export function SharePanel({ storyId, storyVersion, canWrite }: Props) {
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [revisions, setRevisions] = useState<RevisionSummary[]>([]);
  const [hours, setHours] = useState(SHARE_LINK_DEFAULT_HOURS);
  const [revision, setRevision] = useState('');
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<{ url: string; copied: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  /** Bumped after a create or a revoke: the list is fetched again. */
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);

  useEffect(() => {
    let cancelled = false;
    browserApi
      .call('shareLinks.list', { params: { id: storyId } })
      .then((list) => !cancelled && setLinks(list.items))
      .catch((caught: unknown) => !cancelled && !isSessionEnd(caught) && setProblem(problemText(caught, 'Could not load the share links')));
    return () => {
      cancelled = true;
    };
  }, [storyId, generation]);

  useEffect(() => {
    if (!canWrite) return;
    browserApi
      .call('stories.listRevisions', { params: { id: storyId } })
      .then((list) => setRevisions(list.items))
      .catch(() => setRevisions([]));
  }, [storyId, storyVersion, canWrite]);

  async function create() {
    const parsed = CreateShareLinkSchema.safeParse({ expiresInHours: hours, revision: revision ? Number(revision) : null, label });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Check the link’s settings');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const link = await browserApi.call('shareLinks.create', { params: { id: storyId }, body: parsed.data });
      setCreated({ url: link.url, copied: false });
      setLabel('');
      reload();
    } catch (caught) {
      if (!isSessionEnd(caught)) setProblem(problemText(caught, 'Could not create the link'));
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCreated({ ...created, copied: true });
    } catch {
      setProblem('Could not copy: select the address and copy it yourself.');
    }
  }

  async function revoke(link: ShareLink) {
    if (!window.confirm('Revoke this link? Whoever has it will no longer be able to open the story.')) return;
    setBusy(true);
    setProblem(null);
    try {
      await browserApi.call('shareLinks.revoke', { params: { id: link.id } });
      reload();
    } catch (caught) {
      if (!isSessionEnd(caught)) setProblem(problemText(caught, 'Could not revoke the link'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel share-links" aria-labelledby="share-title">
      <h2 id="share-title">Share</h2>
      <p className="field-hint">A link shows this story, as readers will get it, to someone without an account.</p>
      {canWrite ? (
        <div className="share-create">
          <div className="field">
            <label htmlFor="share-expiry">Link works for</label>
            <select id="share-expiry" value={hours} onChange={(event) => setHours(Number(event.target.value))}>
              {EXPIRY_CHOICES.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="share-revision">Shows</label>
            <select id="share-revision" value={revision} onChange={(event) => setRevision(event.target.value)}>
              <option value="">The latest draft, whenever opened</option>
              {revisions.map((item) => (
                <option key={item.n} value={item.n}>
                  Revision #{item.n} only
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="share-label">For (optional)</label>
            <input
              id="share-label"
              value={label}
              maxLength={200}
              onChange={(event) => setLabel(event.target.value)}
              onKeyDown={(event) => {
                // Inside the story's form: Enter makes the link instead of saving the story.
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void create();
                }
              }}
            />
          </div>
          <button type="button" className="button" onClick={create} disabled={busy}>
            {busy ? 'Working…' : 'Create link'}
          </button>
        </div>
      ) : null}
      {created ? (
        <div className="banner banner-success share-created" role="status">
          <p className="banner-title">Link created. Copy it now: it is shown only once.</p>
          <input
            className="share-url"
            readOnly
            value={created.url}
            aria-label="Share link address"
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button button-small" onClick={copy}>
            {created.copied ? 'Copied' : 'Copy link'}
          </button>
        </div>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {links === null ? <p className="muted">Loading…</p> : null}
      {links?.length === 0 ? <p className="muted">No share links.</p> : null}
      {links?.length ? (
        <ul className="share-list" aria-label="Share links">
          {links.map((link) => (
            <li key={link.id} className={`share-link share-link-${link.state}`}>
              <p>
                <span className={`badge badge-share-${link.state}`}>{STATE_LABELS[link.state]}</span>{' '}
                <strong>{link.label || (link.revision ? `Revision #${link.revision}` : 'Latest draft')}</strong>
                {link.label ? ` · ${link.revision ? `revision #${link.revision}` : 'latest draft'}` : ''}
              </p>
              <p className="field-hint">
                By {link.createdBy.name}, <LocalTime iso={link.createdAt} />.{' '}
                {link.state === 'revoked' && link.revokedAt ? (
                  <>
                    Revoked <LocalTime iso={link.revokedAt} />.
                  </>
                ) : (
                  <>
                    {link.state === 'expired' ? 'Expired' : 'Expires'} <LocalTime iso={link.expiresAt} />.
                  </>
                )}{' '}
                {link.lastUsedAt ? (
                  <>
                    Last used <LocalTime iso={link.lastUsedAt} /> ({link.useCount} {link.useCount === 1 ? 'view' : 'views'}).
                  </>
                ) : (
                  'Never opened.'
                )}
              </p>
              {canWrite && link.state === 'active' ? (
                <button type="button" className="button button-small button-danger" onClick={() => revoke(link)} disabled={busy}>
                  Revoke
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
