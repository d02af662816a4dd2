'use client';

import { MEDIA_MAX_BYTES, MEDIA_SRC, MEDIA_TYPES, type Media } from '@newsdesk/contracts';
import { useEffect, useState, type ChangeEvent } from 'react';
import { ImageRenditions } from '@/components/image-renditions/image-renditions';
import { browserApi, isApiError } from '@/lib/api';

interface Props {
  /** The image address in the dialog: an uploaded image's is `/api/media/{id}`. */
  src: string;
  /** A new upload: the dialog takes its address, and its alt text and credit when it has them. */
  onUploaded: (media: Media) => void;
}

/**
 * The body image dialog's upload, and for an uploaded image its focal point and renditions
 * (the same component as a profile's photo).
 */
export function BodyImageMedia({ src, onUploaded }: Props) {
  const id = MEDIA_SRC.exec(src.trim())?.[1] ?? null;
  const [media, setMedia] = useState<Media | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!id || media?.id === id) return;
    let stopped = false;
    browserApi
      .call('media.record', { params: { id } })
      .then((record) => !stopped && setMedia(record))
      .catch(() => !stopped && setMedia(null));
    return () => {
      stopped = true;
    };
  }, [id, media?.id]);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    if (file.size > MEDIA_MAX_BYTES) {
      setError(`This image is larger than ${MEDIA_MAX_BYTES / (1024 * 1024)} MB. Export a smaller version.`);
      return;
    }
    setUploading(true);
    try {
      const uploaded = await browserApi.call('media.upload', { upload: { file, name: file.name } });
      setMedia(uploaded);
      onUploaded(uploaded);
    } catch (caught) {
      setError(
        isApiError(caught) ? (caught.problem.detail ?? caught.problem.title) : 'The upload failed. Check your connection and try again.',
      );
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="field">
      <label className="button button-quiet">
        {uploading ? 'Uploading…' : 'Upload an image'}
        <input type="file" className="visually-hidden" accept={MEDIA_TYPES.join(',')} onChange={upload} disabled={uploading} />
      </label>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {media && media.id === id ? <ImageRenditions media={media} onChange={setMedia} /> : null}
    </div>
  );
}
