'use client';

import { cropBox, type Media } from '@newsdesk/contracts';
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { browserApi, isApiError } from '@/lib/api';

interface Props {
  media: Media;
  onSaved: (media: Media) => void;
  disabled?: boolean;
}

const STEP = 0.01;
const BIG_STEP = 0.1;
const clamp = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;

/**
 * The focal point on the photo: click where it is, or focus the photo and move it with the arrow
 * keys (Shift: ten times as far); the square crop it gives is outlined on the photo and previewed
 * beside it. Saving writes it with the record's version (a 409 says someone else changed it) and
 * the renditions are made again.
 */
export function FocalPointControl({ media, onSaved, disabled }: Props) {
  const [focal, setFocal] = useState({ x: media.focalX, y: media.focalY });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [base, setBase] = useState(media);
  if (base !== media) {
    setBase(media);
    setFocal({ x: media.focalX, y: media.focalY });
  }
  const changed = focal.x !== media.focalX || focal.y !== media.focalY;
  const square = cropBox(media.width, media.height, 'square', focal, media.crops);
  const pct = (value: number, of: number) => `${(value / of) * 100}%`;

  function pick(event: MouseEvent<HTMLDivElement>) {
    if (disabled) return;
    const rect = event.currentTarget.getBoundingClientRect();
    setFocal({ x: clamp((event.clientX - rect.left) / rect.width), y: clamp((event.clientY - rect.top) / rect.height) });
  }

  function move(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const deltas: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const delta = deltas[event.key];
    if (!delta || disabled) return;
    event.preventDefault();
    const [dx, dy] = delta;
    setFocal((current) => ({ x: clamp(current.x + dx), y: clamp(current.y + dy) }));
  }

  async function save() {
    setSaving(true);
    setError(null);
    try {
      onSaved(
        await browserApi.call('media.update', {
          params: { id: media.id },
          body: { version: media.version, focalX: focal.x, focalY: focal.y },
        }),
      );
    } catch (caught) {
      setError(isApiError(caught) ? (caught.problem.detail ?? caught.problem.title) : 'The focal point could not be saved. Try again.');
    } finally {
      setSaving(false);
    }
  }

  const position = `${Math.round(focal.x * 100)}% from the left, ${Math.round(focal.y * 100)}% from the top`;
  return (
    <div className="focal-point">
      <div className="focal-stage">
        <div
          className="focal-image"
          role="slider"
          tabIndex={disabled ? -1 : 0}
          aria-label="Focal point: click the photo or use the arrow keys"
          aria-valuetext={position}
          aria-valuenow={Math.round(focal.x * 100)}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-disabled={disabled || undefined}
          data-testid="focal-image"
          onClick={pick}
          onKeyDown={move}
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- the API serves the original (immutable) */}
          <img src={media.url} alt="" draggable={false} />
          <span
            className="focal-crop"
            style={{
              left: pct(square.left, media.width),
              top: pct(square.top, media.height),
              width: pct(square.width, media.width),
              height: pct(square.height, media.height),
            }}
            aria-hidden="true"
          />
          <span className="focal-marker" style={{ left: `${focal.x * 100}%`, top: `${focal.y * 100}%` }} aria-hidden="true" />
        </div>
        <figure className="focal-square">
          <div
            className="focal-square-preview"
            data-testid="square-preview"
            data-crop={`${square.left},${square.top},${square.width},${square.height}`}
            style={{
              backgroundImage: `url(${media.url})`,
              backgroundSize: `${(media.width / square.width) * 100}% auto`,
              backgroundPosition: `${media.width === square.width ? 0 : (square.left / (media.width - square.width)) * 100}% ${media.height === square.height ? 0 : (square.top / (media.height - square.height)) * 100}%`,
            }}
            role="img"
            aria-label="The square crop"
          />
          <figcaption>1:1 crop · {media.credit || 'no credit yet'}</figcaption>
        </figure>
      </div>
      <p className="field-hint" aria-live="polite">
        Focal point: {position}.
      </p>
      {!disabled ? (
        <div className="actions">
          <button type="button" className="button" onClick={save} disabled={!changed || saving}>
            {saving ? 'Saving…' : 'Save focal point'}
          </button>
          {changed ? (
            <button type="button" className="button button-quiet" onClick={() => setFocal({ x: media.focalX, y: media.focalY })}>
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
