'use client';

import type { Story } from '@newsdesk/contracts';
import { useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { StatusBadge } from '@/components/status-badge';
import { localInputToIso } from '@/lib/format';
import { publicStoryPath } from '@/lib/paths';

interface Props {
  story: Story | undefined;
  canPublish: boolean;
  busy: boolean;
  publishing: boolean;
  unpublishing: boolean;
  onPublish: (publishAt: string | undefined) => Promise<boolean>;
  onUnpublish: () => void;
}

/** Status of the story and, for editors and admins, the publish / schedule / unpublish controls. */
export function PublishPanel({ story, canPublish, busy, publishing, unpublishing, onPublish, onUnpublish }: Props) {
  const [publishAt, setPublishAt] = useState('');
  const [publishAtError, setPublishAtError] = useState<string | null>(null);
  const publishAtIso = publishAt ? localInputToIso(publishAt) : undefined;
  // Rendered only after a change in the input, so reading the clock here cannot cause a hydration mismatch.
  const schedules = publishAtIso ? Date.parse(publishAtIso) > Date.now() : false;
  const live = story?.status === 'published' || story?.status === 'scheduled';

  async function publish() {
    if (publishAtIso === null) {
      setPublishAtError('Enter a valid date and time, or leave it empty to publish now');
      return;
    }
    setPublishAtError(null);
    if (await onPublish(publishAtIso)) setPublishAt('');
  }

  return (
    <section className="panel" aria-labelledby="publishing-title">
      <h2 id="publishing-title">Publishing</h2>
      {story ? (
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <StatusBadge status={story.status} />
          </dd>
          {story.publishedAt && live ? (
            <>
              <dt>{story.status === 'scheduled' ? 'Goes live' : 'Published'}</dt>
              <dd>
                <LocalTime iso={story.publishedAt} />
              </dd>
            </>
          ) : null}
          <dt>Last saved</dt>
          <dd>
            <LocalTime iso={story.updatedAt} />
          </dd>
          <dt>Version</dt>
          <dd>{story.version}</dd>
        </dl>
      ) : (
        <p className="muted">{canPublish ? 'Save the story to publish it.' : 'Not saved yet.'}</p>
      )}

      {story && live ? (
        <p className="public-url">
          {story.status === 'scheduled' ? 'Will appear at ' : 'Live at '}
          <a href={publicStoryPath(story.slug)} target="_blank" rel="noreferrer">
            {publicStoryPath(story.slug)}
          </a>
        </p>
      ) : null}

      {story && canPublish ? (
        <div className="publish-controls">
          {story.status !== 'published' ? (
            <div className={publishAtError ? 'field field-invalid' : 'field'}>
              <label htmlFor="story-publish-at">Publish at (optional)</label>
              <input
                id="story-publish-at"
                type="datetime-local"
                value={publishAt}
                onChange={(event) => setPublishAt(event.target.value)}
                aria-invalid={publishAtError ? true : undefined}
                aria-describedby={publishAtError ? 'story-publish-at-hint story-publish-at-error' : 'story-publish-at-hint'}
              />
              <p id="story-publish-at-hint" className="field-hint">
                Your local time. A future time schedules the story; empty publishes now.
              </p>
              {publishAtError ? (
                <p id="story-publish-at-error" className="field-error" role="alert">
                  {publishAtError}
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="actions">
            {story.status !== 'published' ? (
              <button type="button" className="button button-publish" onClick={publish} disabled={busy}>
                {publishing ? 'Publishing…' : schedules ? 'Schedule' : 'Publish'}
              </button>
            ) : null}
            {live ? (
              <button type="button" className="button" onClick={onUnpublish} disabled={busy}>
                {unpublishing ? 'Unpublishing…' : 'Unpublish'}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
