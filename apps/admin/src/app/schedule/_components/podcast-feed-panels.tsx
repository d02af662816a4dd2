'use client';

import type { PodcastCheck, PodcastEpisodeList } from '@newsdesk/contracts';
import Link from 'next/link';
import { CopyField } from '@/components/copy-field';
import { audioDuration } from '@/lib/audio-format';
import { STATUS_LABELS, formatUtc } from '@/lib/format';
import { PODCAST_FIELD_LABELS } from '../_lib/podcast-form';

type Episode = PodcastEpisodeList['items'][number];

/** The feed's public address with Copy and Open. */
export function FeedUrl({ url, enabled }: { url: string; enabled: boolean }) {
  return (
    <div className="field">
      <CopyField
        id="podcast-feed-url"
        label="Feed address"
        value={url}
        what="address"
        hint={enabled ? 'Submit this address to Apple Podcasts and Podcast Index.' : 'Published once “Publish the feed” is saved on.'}
      >
        <a className="button button-quiet" href={url} target="_blank" rel="noreferrer">
          Open
        </a>
      </CopyField>
    </div>
  );
}

/** What Apple Podcasts or Podcast Index would reject (errors) and what is advised (warnings). */
export function FeedCheckPanel({
  check,
  checking,
  problem,
  onCheck,
}: {
  check: PodcastCheck;
  checking: boolean;
  problem: string | null;
  onCheck: () => void;
}) {
  const errors = check.items.filter((item) => item.severity === 'error');
  const warnings = check.items.filter((item) => item.severity === 'warning');
  return (
    <section className="panel feed-check" aria-labelledby="feed-check-title">
      <h2 id="feed-check-title" className="panel-title">
        Feed check
      </h2>
      <div aria-live="polite" aria-busy={checking}>
        <p className={check.ok ? 'banner banner-success' : 'banner banner-warning'} data-testid="feed-check-summary">
          {check.ok
            ? `Ready: Apple Podcasts and Podcast Index would accept this feed (${check.episodeCount} ${check.episodeCount === 1 ? 'episode' : 'episodes'}).`
            : `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} would get this feed rejected.`}
        </p>
        {errors.length ? (
          <>
            <h3 className="feed-check-heading">Would be rejected</h3>
            <ul className="feed-check-list" aria-label="Errors">
              {errors.map((item) => (
                <li key={`${item.field}-${item.message}`} className="feed-check-error">
                  <strong>{PODCAST_FIELD_LABELS[item.field] ?? item.field}:</strong> {item.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {warnings.length ? (
          <>
            <h3 className="feed-check-heading">Advised</h3>
            <ul className="feed-check-list" aria-label="Warnings">
              {warnings.map((item) => (
                <li key={`${item.field}-${item.message}`} className="feed-check-warning">
                  <strong>{PODCAST_FIELD_LABELS[item.field] ?? item.field}:</strong> {item.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      <p className="actions">
        <button type="button" className="button" onClick={onCheck} disabled={checking}>
          {checking ? 'Checking…' : 'Check again'}
        </button>
      </p>
    </section>
  );
}

/** The program's stories as episodes: in the feed, or why not. */
export function EpisodeList({ episodes }: { episodes: Episode[] }) {
  return (
    <section className="after-panel" aria-labelledby="episodes-title">
      <h2 id="episodes-title">Episodes</h2>
      {episodes.length ? (
        <table className="story-table">
          <thead>
            <tr>
              <th scope="col">Story</th>
              <th scope="col">Published</th>
              <th scope="col">Episode</th>
              <th scope="col">Duration</th>
              <th scope="col">In the feed</th>
            </tr>
          </thead>
          <tbody>
            {episodes.map((episode) => (
              <tr key={episode.storyId}>
                <td className="story-headline">
                  <Link href={`/stories/${episode.storyId}`}>{episode.headline || 'Untitled story'}</Link>
                  <span className="story-slug">{STATUS_LABELS[episode.status as keyof typeof STATUS_LABELS] ?? episode.status}</span>
                </td>
                <td className="nowrap">{episode.publishedAt ? formatUtc(episode.publishedAt) : <span className="muted">—</span>}</td>
                <td className="nowrap">
                  {[episode.season !== null ? `S${episode.season}` : null, episode.episode !== null ? `E${episode.episode}` : null]
                    .filter(Boolean)
                    .join(' ') || <span className="muted">—</span>}
                  {episode.episodeType !== 'full' ? <span className="muted"> ({episode.episodeType})</span> : null}
                </td>
                <td className="nowrap">{audioDuration(episode.durationSeconds)}</td>
                <td>
                  {episode.inFeed ? (
                    <span className="badge badge-published">In the feed</span>
                  ) : (
                    <span>{episode.reason ?? 'Not in the feed'}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">No stories of this program yet. A story joins the program from the schedule (its segment) or the API.</p>
      )}
    </section>
  );
}
