'use client';

import { MEDIA_MAX_BYTES, MEDIA_TYPES, PODCAST_ARTWORK_MAX, PODCAST_ARTWORK_MIN } from '@newsdesk/contracts';
import { useState, type ChangeEvent } from 'react';
import { browserApi, isApiError } from '@/lib/api';
import { mediaIdOf } from '../_lib/podcast-form';

/** The artwork: an uploaded image (the media library), square, 1400 to 3000 px. */
export function ArtworkField({
  url,
  canUpload,
  canRemove,
  error,
  onChange,
}: {
  url: string | null;
  canUpload: boolean;
  canRemove: boolean;
  error: string | undefined;
  onChange: (mediaId: string | null) => void;
}) {
  const [uploading, setUploading] = useState(false);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    setWarning(null);
    if (file.size > MEDIA_MAX_BYTES) {
      setProblem(`This image is larger than ${MEDIA_MAX_BYTES / (1024 * 1024)} MB.`);
      return;
    }
    setUploading(true);
    try {
      const media = await browserApi.call('media.upload', { upload: { file, name: file.name } });
      if (media.width !== media.height || media.width < PODCAST_ARTWORK_MIN || media.width > PODCAST_ARTWORK_MAX) {
        setWarning(
          `This image is ${media.width} × ${media.height} px: Apple needs a square of ${PODCAST_ARTWORK_MIN} to ${PODCAST_ARTWORK_MAX} px. Saving will be refused.`,
        );
      }
      onChange(media.id);
    } catch (caught) {
      setProblem(
        isApiError(caught) ? (caught.problem.detail ?? caught.problem.title) : 'The upload failed. Check your connection and try again.',
      );
    } finally {
      setUploading(false);
    }
  }

  const message = error ?? problem;
  return (
    <div className={message ? 'field field-invalid' : 'field'}>
      <span className="label artwork-label" id="podcast-artwork-label">
        Artwork
      </span>
      <div className="artwork-field">
        {url ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img className="artwork-preview" src={url} alt="Podcast artwork" data-testid="podcast-artwork" />
        ) : (
          <div className="artwork-empty">No artwork</div>
        )}
        <div>
          <div className="actions">
            {canUpload ? (
              <label className="button button-quiet">
                {uploading ? 'Uploading…' : url ? 'Replace artwork' : 'Upload artwork'}
                <input
                  type="file"
                  className="visually-hidden"
                  accept={MEDIA_TYPES.filter((type) => type !== 'image/webp').join(',')}
                  onChange={(event) => void upload(event)}
                  disabled={uploading}
                  aria-describedby="podcast-artwork-hint"
                />
              </label>
            ) : null}
            {url && canRemove ? (
              <button type="button" className="button button-quiet" onClick={() => onChange(null)}>
                Remove artwork
              </button>
            ) : null}
          </div>
          {canRemove ? (
            <div className="artwork-address">
              <label htmlFor="podcast-artwork-address">Or an image already uploaded</label>
              <div className="password-link-row">
                <input
                  id="podcast-artwork-address"
                  className="input-mono"
                  autoComplete="off"
                  placeholder="/api/media/…"
                  value={address}
                  onChange={(event) => setAddress(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') event.preventDefault(); // never submit the settings from here
                  }}
                  aria-describedby="podcast-artwork-address-hint"
                />
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    const id = mediaIdOf(address);
                    setProblem(id ? null : 'Paste the address of an uploaded image: /api/media/ followed by its id.');
                    if (id) {
                      onChange(id);
                      setAddress('');
                    }
                  }}
                >
                  Use image
                </button>
              </div>
              <p id="podcast-artwork-address-hint" className="field-hint">
                The address of an image in the media library (e.g. from a story&apos;s body), checked when you save.
              </p>
            </div>
          ) : null}
          <p id="podcast-artwork-hint" className="field-hint">
            Square JPEG or PNG, {PODCAST_ARTWORK_MIN} to {PODCAST_ARTWORK_MAX} px a side.
            {!canUpload && canRemove ? ' Uploading images needs an editor or admin; an image they uploaded can be used below.' : ''}
          </p>
          <div aria-live="polite">
            {warning ? <p className="field-hint">{warning}</p> : null}
            {message ? (
              <p className="field-error" role="alert">
                {message}
              </p>
            ) : null}
          </div>
        </div>
      </div>
    </div>
  );
}
