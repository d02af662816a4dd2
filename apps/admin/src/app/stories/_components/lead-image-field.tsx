'use client';

import { MEDIA_MAX_BYTES, MEDIA_SRC, MEDIA_TYPES, type Media } from '@newsdesk/contracts';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { ImageRenditions } from '@/components/image-renditions/image-renditions';
import { browserApi, isApiError } from '@/lib/api';

interface Props {
  /** The lead photo's media id (null: none). */
  value: string | null;
  onChange: (id: string | null) => void;
  disabled: boolean;
  /** The API's error for `leadImageId` (e.g. at publication: alt text, credit or renditions missing). */
  error?: string;
}

const problemOf = (caught: unknown, fallback: string) => (isApiError(caught) ? (caught.problem.detail ?? caught.problem.title) : fallback);

/**
 * The story's lead photo (issue 21): upload one, or use an uploaded image by its address
 * (`/api/media/{id}`, as in the body image dialog); its alt text, credit and caption (saved on the
 * image record, versioned), and the focal point and renditions (the same component as a profile's
 * photo). The story's save sends the id; publication needs alt text, credit and ready renditions.
 */
export function LeadImageField({ value, onChange, disabled, error }: Props) {
  const [media, setMedia] = useState<Media | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [address, setAddress] = useState('');
  const [details, setDetails] = useState({ alt: '', credit: '', caption: '' });
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    if (!value || media?.id === value) return;
    let stopped = false;
    browserApi
      .call('media.record', { params: { id: value } })
      .then((record) => {
        if (stopped) return;
        setMedia(record);
        setDetails({ alt: record.alt, credit: record.credit, caption: record.caption });
      })
      .catch(() => !stopped && setProblem('The lead photo could not be loaded.'));
    return () => {
      stopped = true;
    };
  }, [value, media?.id]);

  function choose(record: Media) {
    setMedia(record);
    setDetails({ alt: record.alt, credit: record.credit, caption: record.caption });
    onChange(record.id);
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    if (file.size > MEDIA_MAX_BYTES) {
      setProblem(`This image is larger than ${MEDIA_MAX_BYTES / (1024 * 1024)} MB. Export a smaller version.`);
      return;
    }
    setBusy(true);
    try {
      choose(await browserApi.call('media.upload', { upload: { file, name: file.name } }));
    } catch (caught) {
      setProblem(problemOf(caught, 'The upload failed. Check your connection and try again.'));
    } finally {
      setBusy(false);
    }
  }

  async function pick(event: FormEvent) {
    event.preventDefault();
    const id = MEDIA_SRC.exec(address.trim())?.[1] ?? (/^[0-9a-f-]{36}$/i.test(address.trim()) ? address.trim() : null);
    if (!id) {
      setProblem('Enter an uploaded image’s address, /api/media/… (as in the body image dialog).');
      return;
    }
    setProblem(null);
    try {
      choose(await browserApi.call('media.record', { params: { id } }));
      setAddress('');
    } catch (caught) {
      setProblem(problemOf(caught, 'No uploaded image at this address.'));
    }
  }

  async function saveDetails() {
    if (!media) return;
    setBusy(true);
    setProblem(null);
    try {
      const next = await browserApi.call('media.update', { params: { id: media.id }, body: { version: media.version, ...details } });
      setMedia(next);
      setSaved('Photo details saved.');
    } catch (caught) {
      setProblem(problemOf(caught, 'The photo details could not be saved.'));
    } finally {
      setBusy(false);
    }
  }

  const shown = value && media?.id === value ? media : null;
  const message = error ?? problem;
  const preview = shown?.renditions.items.find((item) => item.aspect === 'wide' && item.type === 'image/jpeg' && item.width >= 640);
  return (
    <fieldset className={message ? 'field field-invalid' : 'field'} disabled={disabled} data-testid="lead-image-field">
      <legend className="field-label">Lead photo</legend>
      {shown ? (
        <div className="photo-field">
          {/* eslint-disable-next-line @next/next/no-img-element -- the API's rendition (or the staff original) as it is */}
          <img className="photo-preview" src={preview?.url ?? shown.url} alt={shown.alt || 'Lead photo preview (no alt text yet)'} />
          <p className="photo-meta">
            {shown.width} × {shown.height} px · {shown.originalName}
          </p>
        </div>
      ) : (
        <p className="field-hint">No lead photo. Readers’ apps show it as the story’s hero, card and square.</p>
      )}
      {!disabled ? (
        <div className="actions">
          <label className="button button-quiet">
            {busy ? 'Working…' : shown ? 'Replace with an upload' : 'Upload a lead photo'}
            <input type="file" className="visually-hidden" accept={MEDIA_TYPES.join(',')} onChange={upload} disabled={busy} />
          </label>
          {shown ? (
            <button type="button" className="button button-quiet" onClick={() => onChange(null)}>
              Remove lead photo
            </button>
          ) : null}
        </div>
      ) : null}
      {!disabled ? (
        <div className="field-row">
          <label className="field" htmlFor="lead-image-address">
            <span className="label">Or use an uploaded image</span>
            <input
              id="lead-image-address"
              className="input-mono"
              autoComplete="off"
              placeholder="/api/media/…"
              value={address}
              onChange={(event) => setAddress(event.target.value)}
            />
          </label>
          <button type="button" className="button button-quiet" onClick={pick}>
            Use this image
          </button>
        </div>
      ) : null}
      {message ? (
        <p className="field-error" role="alert">
          {message}
        </p>
      ) : null}
      {shown ? (
        <>
          <div className="field-row">
            <label className="field" htmlFor="lead-image-alt">
              <span className="label">Alt text</span>
              <input id="lead-image-alt" value={details.alt} onChange={(e) => setDetails({ ...details, alt: e.target.value })} />
            </label>
            <label className="field" htmlFor="lead-image-credit">
              <span className="label">Photo credit</span>
              <input id="lead-image-credit" value={details.credit} onChange={(e) => setDetails({ ...details, credit: e.target.value })} />
            </label>
          </div>
          <label className="field" htmlFor="lead-image-caption">
            <span className="label">Caption</span>
            <textarea
              id="lead-image-caption"
              rows={2}
              value={details.caption}
              onChange={(e) => setDetails({ ...details, caption: e.target.value })}
            />
          </label>
          {!disabled ? (
            <div className="actions">
              <button type="button" className="button button-quiet" onClick={saveDetails} disabled={busy}>
                Save photo details
              </button>
              {saved ? <span role="status">{saved}</span> : null}
            </div>
          ) : null}
          <ImageRenditions media={shown} onChange={setMedia} disabled={disabled} />
        </>
      ) : null}
    </fieldset>
  );
}
