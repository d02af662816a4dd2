'use client';

import { MEDIA_MAX_BYTES, MEDIA_TYPES, type Media } from '@newsdesk/contracts';
import { useState, type ChangeEvent } from 'react';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { Field, fieldAria } from '@/components/field';
import { ImageRenditions } from '@/components/image-renditions/image-renditions';
import { browserApi, isApiError } from '@/lib/api';
import type { CorrespondentFormInput } from './correspondent-form-model';

interface Props {
  photo: Media | null;
  onChange: (photo: Media | null) => void;
  /** A newer record of the same photo (focal point saved, renditions' progress): keeps its version current. */
  onUpdated?: (photo: Media) => void;
  register: UseFormRegister<CorrespondentFormInput>;
  errors: FieldErrors<CorrespondentFormInput>;
  disabled: boolean;
}

const MEGABYTES = MEDIA_MAX_BYTES / (1024 * 1024);

/**
 * The profile photo: upload (the API checks the bytes: JPEG, PNG or WebP up to 10 MB), a preview,
 * and the image's alt text and credit, both needed before the profile can be published.
 */
export function PhotoField({ photo, onChange, onUpdated, register, errors, disabled }: Props) {
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    if (file.size > MEDIA_MAX_BYTES) {
      setError(`This image is larger than ${MEGABYTES} MB. Export a smaller version.`);
      return;
    }
    setUploading(true);
    try {
      onChange(await browserApi.call('media.upload', { upload: { file, name: file.name } }));
    } catch (caught) {
      setError(
        isApiError(caught) ? (caught.problem.detail ?? caught.problem.title) : 'The upload failed. Check your connection and try again.',
      );
    } finally {
      setUploading(false);
    }
  }

  const photoError = errors.photoId?.message ?? error;
  return (
    <fieldset className={photoError ? 'field field-invalid' : 'field'} disabled={disabled}>
      <legend className="field-label">Photo</legend>
      <div className="photo-field">
        {photo ? (
          // The API serves the image (public, immutable); the admin's /api proxy passes it through
          // (next/image's optimizer would re-encode it in the admin server for no gain).
          // eslint-disable-next-line @next/next/no-img-element
          <img className="photo-preview" src={photo.url} alt={photo.alt || 'Photo preview (no alt text yet)'} data-testid="photo-preview" />
        ) : (
          <div className="photo-empty">No photo</div>
        )}
        <div>
          {photo ? (
            <p className="photo-meta">
              {photo.width} × {photo.height} px · {photo.contentType.replace('image/', '').toUpperCase()} ·{' '}
              {(photo.byteSize / 1024).toFixed(0)} KB
            </p>
          ) : null}
          {!disabled ? (
            <div className="actions">
              <label className="button button-quiet">
                {uploading ? 'Uploading…' : photo ? 'Replace photo' : 'Upload photo'}
                <input
                  type="file"
                  className="visually-hidden"
                  accept={MEDIA_TYPES.join(',')}
                  onChange={upload}
                  disabled={uploading}
                  aria-describedby="photo-hint"
                />
              </label>
              {photo ? (
                <button type="button" className="button button-quiet" onClick={() => onChange(null)}>
                  Remove photo
                </button>
              ) : null}
            </div>
          ) : null}
          <p id="photo-hint" className="field-hint">
            JPEG, PNG or WebP, up to {MEGABYTES} MB.
          </p>
          {photoError ? (
            <p className="field-error" role="alert">
              {photoError}
            </p>
          ) : null}
        </div>
      </div>
      {photo ? <ImageRenditions media={photo} onChange={onUpdated} disabled={disabled} /> : null}
      {photo ? (
        <div className="field-row">
          <Field id="photo-alt" label="Alt text" hint="What the photo shows, for readers who cannot see it." error={errors.photoAlt}>
            <input autoComplete="off" {...fieldAria('photo-alt', { hint: true, error: errors.photoAlt })} {...register('photoAlt')} />
          </Field>
          <Field id="photo-credit" label="Photo credit" hint='Who took it, e.g. "Jane Doe/Newsdesk".' error={errors.photoCredit}>
            <input
              autoComplete="off"
              {...fieldAria('photo-credit', { hint: true, error: errors.photoCredit })}
              {...register('photoCredit')}
            />
          </Field>
        </div>
      ) : null}
      {photo ? (
        <Field id="photo-caption" label="Caption" hint="Optional: shown under the photo with the credit." error={errors.photoCaption}>
          <input
            autoComplete="off"
            {...fieldAria('photo-caption', { hint: true, error: errors.photoCaption })}
            {...register('photoCaption')}
          />
        </Field>
      ) : null}
    </fieldset>
  );
}
