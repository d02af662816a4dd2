'use client';

import type { Story } from '@newsdesk/contracts';
import { LocalTime } from '@/components/local-time';
import { StatusBadge } from '@/components/status-badge';
import { publicStoryPath, storyPreviewPath } from '@/lib/paths';
import { formatCountdown } from '@/lib/time-zones';
import { useNow } from '@/lib/use-now';
import { EmbargoBadge } from '@/components/embargo-badge';
import { EmbargoPicker } from './embargo-picker';
import { SchedulePicker } from './schedule-picker';

export type WorkflowAction = 'submit' | 'return' | 'publish' | 'schedule' | 'unpublish';

interface Props {
  story: Story | undefined;
  canWrite: boolean;
  canPublish: boolean;
  /** What is running now (any running action disables the others). */
  busy: string | null;
  onPublish: (publishAt: string | undefined) => Promise<boolean>;
  onTransition: (action: 'submit' | 'return' | 'unpublish') => void;
  /** Sets (an instant) or lifts (null) the embargo; resolves true when done. */
  onEmbargo: (embargoUntil: string | null) => Promise<boolean>;
}

/**
 * Status and workflow of the story: draft -> in review -> scheduled | published -> unpublished, and
 * back to draft. Buttons by state and role: writers submit and return to draft, editors publish,
 * schedule and unpublish (review is a request for a second pair of eyes, not a gate).
 */
export function PublishPanel({ story, canWrite, canPublish, busy, onPublish, onTransition, onEmbargo }: Props) {
  const now = useNow();
  if (!story) {
    return (
      <section className="panel" aria-labelledby="publishing-title">
        <h2 id="publishing-title">Publishing</h2>
        <p className="muted">{canPublish ? 'Save the story to publish it.' : 'Not saved yet.'}</p>
      </section>
    );
  }

  const goesLiveAt = story.publishedAt ? Date.parse(story.publishedAt) : null;
  // A schedule whose time has come is live, whether or not this page has been reloaded since.
  const status = story.status === 'scheduled' && now !== null && goesLiveAt !== null && goesLiveAt <= now ? 'published' : story.status;
  const live = status === 'published' || status === 'scheduled';
  const disabled = busy !== null;

  const button = (action: WorkflowAction, label: string, running: string, onClick: () => void, kind = 'button') => (
    <button type="button" className={kind} onClick={onClick} disabled={disabled}>
      {busy === action ? running : label}
    </button>
  );

  return (
    <section className="panel" aria-labelledby="publishing-title">
      <h2 id="publishing-title">Publishing</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd className="story-badges">
          <StatusBadge status={status} />
          <EmbargoBadge until={story.embargoUntil} />
        </dd>
        {story.publishedAt && live ? (
          <>
            <dt>{status === 'scheduled' ? 'Goes live' : 'Published'}</dt>
            <dd>
              <LocalTime iso={story.publishedAt} />
              {status === 'scheduled' && now !== null && goesLiveAt !== null ? (
                <span className="countdown" aria-label={`goes live in ${formatCountdown(goesLiveAt - now)}`}>
                  in {formatCountdown(goesLiveAt - now)}
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>Last saved</dt>
        <dd>
          <LocalTime iso={story.updatedAt} />
          {story.updatedBy ? ` by ${story.updatedBy.name}` : ''}
        </dd>
        <dt>Version</dt>
        <dd>{story.version}</dd>
      </dl>

      {live ? (
        <p className="public-url">
          {status === 'scheduled' ? 'Will appear at ' : 'Live at '}
          <a href={publicStoryPath(story.slug)} target="_blank" rel="noreferrer">
            {publicStoryPath(story.slug)}
          </a>
        </p>
      ) : null}

      <p className="preview-link">
        <a href={storyPreviewPath(story.id)} target="_blank" rel="noopener" className="button">
          Preview
        </a>{' '}
        <span className="muted">the saved story as readers will see it (new tab)</span>
      </p>

      {status === 'in_review' ? <p className="muted">Waiting in the review queue for a second pair of eyes.</p> : null}

      <div className="workflow actions">
        {canWrite && status === 'draft' ? button('submit', 'Submit for review', 'Submitting…', () => onTransition('submit')) : null}
        {canPublish && status !== 'published'
          ? button(
              'publish',
              status === 'unpublished' ? 'Publish again' : 'Publish now',
              'Publishing…',
              () => void onPublish(undefined),
              'button button-publish',
            )
          : null}
        {canWrite && (status === 'in_review' || status === 'scheduled' || status === 'unpublished')
          ? button('return', 'Return to draft', 'Returning…', () => onTransition('return'))
          : null}
        {canPublish && status === 'published' ? button('unpublish', 'Unpublish', 'Unpublishing…', () => onTransition('unpublish')) : null}
      </div>

      {canPublish && status !== 'published' && status !== 'unpublished' ? (
        <SchedulePicker disabled={disabled} scheduling={busy === 'schedule'} onSchedule={(publishAt) => onPublish(publishAt)} />
      ) : null}

      {canPublish ? (
        <EmbargoPicker
          embargoUntil={story.embargoUntil}
          live={status === 'published'}
          disabled={disabled}
          running={busy === 'embargo'}
          onEmbargo={onEmbargo}
        />
      ) : null}
    </section>
  );
}
