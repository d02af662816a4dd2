'use client';

import { ASPECT_LABELS, IMAGE_ASPECTS, type Media } from '@newsdesk/contracts';
import { useState } from 'react';
import { browserApi, isApiError } from '@/lib/api';
import { formatBytes } from '@/lib/upload';

interface Props {
  media: Media;
  onChange: (media: Media) => void;
  disabled?: boolean;
}

const TYPE_LABELS: Record<string, string> = { 'image/avif': 'AVIF', 'image/webp': 'WebP', 'image/jpeg': 'JPEG' };

/**
 * The image's renditions: the job's state (progress while they are made; the reason and a retry
 * when they failed), then per aspect a preview with the credit under it and every width and type
 * with its file size.
 */
export function RenditionsPanel({ media, onChange, disabled }: Props) {
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { state, done, total, error: reason, items } = media.renditions;

  async function retry() {
    setRetrying(true);
    setError(null);
    try {
      onChange(await browserApi.call('media.retryRenditions', { params: { id: media.id }, body: { version: media.version } }));
    } catch (caught) {
      setError(isApiError(caught) ? (caught.problem.detail ?? caught.problem.title) : 'The retry could not be sent. Try again.');
    } finally {
      setRetrying(false);
    }
  }

  return (
    <section className="renditions" aria-label="Renditions">
      <p className={`renditions-state renditions-${state}`} aria-live="polite" data-testid="renditions-state">
        {state === 'ready'
          ? `Renditions ready: ${total} files.`
          : state === 'failed'
            ? `Renditions failed: ${reason ?? 'no reason given'}`
            : state === 'encoding'
              ? `Making renditions… ${done} of ${total}`
              : 'Renditions queued…'}
      </p>
      {state === 'encoding' || state === 'pending' ? <progress max={total || 1} value={done} aria-label="Renditions made" /> : null}
      {state === 'failed' && !disabled ? (
        <button type="button" className="button button-quiet" onClick={retry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry renditions'}
        </button>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {items.length ? (
        <div className="renditions-aspects">
          {IMAGE_ASPECTS.map((aspect) => {
            const mine = items.filter((item) => item.aspect === aspect);
            const preview = mine.find((item) => item.type === 'image/webp') ?? mine[0];
            if (!preview) return null;
            return (
              <figure key={aspect} className="rendition-aspect" data-testid={`aspect-${aspect}`}>
                {/* eslint-disable-next-line @next/next/no-img-element -- rendition files are served final and immutable */}
                <img src={preview.url} alt="" width={preview.width} height={preview.height} loading="lazy" />
                <figcaption>
                  <strong>{ASPECT_LABELS[aspect]}</strong> · {media.credit || 'no credit yet'}
                </figcaption>
                <ul className="rendition-files">
                  {mine.map((item) => (
                    <li key={item.url}>
                      <a href={item.url} target="_blank" rel="noreferrer">
                        {item.width} × {item.height} {TYPE_LABELS[item.type]}
                      </a>{' '}
                      {formatBytes(item.byteSize)}
                    </li>
                  ))}
                </ul>
              </figure>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
