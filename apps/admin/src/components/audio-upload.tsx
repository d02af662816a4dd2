'use client';

import { AUDIO_TITLE_MAX, type AudioAsset } from '@newsdesk/contracts';
import { useState, type ChangeEvent } from 'react';
import { AUDIO_ACCEPT, uploadFailure } from '@/lib/audio-format';
import { isAbort, formatBytes, uploadWithProgress, type UploadProgress } from '@/lib/upload';

interface Props {
  /** Prefix of the inputs' ids (two uploaders on one page stay distinct). */
  idPrefix: string;
  /** Called with the stored asset (new, or the one already holding these bytes). */
  onUploaded: (asset: AudioAsset) => void;
  /** The upload button's text, e.g. "Upload audio" or "Upload and attach". */
  label?: string;
  disabled?: boolean;
}

interface Running {
  fileName: string;
  fileSize: number;
  progress: UploadProgress | null;
  abort: () => void;
}

/** Whole percent sent; the live region only speaks every tenth, the bar moves with every event. */
const percentOf = (progress: UploadProgress | null) =>
  progress && progress.total > 0 ? Math.floor((progress.loaded / progress.total) * 100) : 0;

/**
 * Uploads one audio file with a real progress bar (XMLHttpRequest's upload progress through the
 * /api proxy, which streams the body on to the API): MP3, M4A/AAC, WAV, FLAC or OGG/Opus, sniffed
 * by the API from the bytes. A wrong type (415) or a file past the size limit (413) is said in words.
 */
export function AudioUpload({ idPrefix, onUploaded, label = 'Upload audio', disabled = false }: Props) {
  const [title, setTitle] = useState('');
  const [running, setRunning] = useState<Running | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setDone(null);
    const fields = title.trim() ? { title: title.trim() } : {};
    const task = uploadWithProgress('audio.upload', { upload: { file, name: file.name, fields } }, (progress) =>
      setRunning((current) => (current ? { ...current, progress } : current)),
    );
    setRunning({ fileName: file.name, fileSize: file.size, progress: null, abort: task.abort });
    try {
      const asset = await task.result;
      setTitle('');
      setDone(`Uploaded ${file.name}.`);
      onUploaded(asset);
    } catch (caught) {
      setError(isAbort(caught) ? 'Upload cancelled.' : uploadFailure(caught));
    } finally {
      setRunning(null);
    }
  }

  const percent = percentOf(running?.progress ?? null);
  const sent = running?.progress?.sent ?? false;
  const statusText = running
    ? sent
      ? `Checking and storing ${running.fileName}…`
      : `Uploading ${running.fileName}: ${Math.floor(percent / 10) * 10}%`
    : (done ?? '');

  return (
    <div className="audio-upload">
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${idPrefix}-title`}>Title (optional)</label>
          <input
            id={`${idPrefix}-title`}
            autoComplete="off"
            maxLength={AUDIO_TITLE_MAX}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.preventDefault(); // never submit a surrounding form (the story) from here
            }}
            disabled={disabled || running !== null}
            aria-describedby={`${idPrefix}-title-hint`}
          />
          <p id={`${idPrefix}-title-hint`} className="field-hint">
            Empty: the file&apos;s own title tag, else its name.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-file`}>{label}</label>
          <input
            id={`${idPrefix}-file`}
            type="file"
            accept={AUDIO_ACCEPT}
            onChange={upload}
            disabled={disabled || running !== null}
            aria-describedby={`${idPrefix}-file-hint`}
          />
          <p id={`${idPrefix}-file-hint`} className="field-hint">
            MP3, M4A/AAC, WAV, FLAC or OGG/Opus, up to 1 GiB unless the newsroom set another limit. WAV and FLAC get an MP3 encoded.
          </p>
        </div>
      </div>
      {running ? (
        <div className="upload-progress">
          <label htmlFor={`${idPrefix}-progress`} className="visually-hidden">
            Upload progress
          </label>
          <progress id={`${idPrefix}-progress`} max={100} value={sent ? undefined : percent} data-testid="upload-progress">
            {percent}%
          </progress>
          <span className="muted">
            {sent ? 'Processing…' : `${percent}% of ${formatBytes(running.progress?.total ?? running.fileSize)}`}
          </span>{' '}
          {!sent ? (
            <button type="button" className="button button-quiet" onClick={running.abort}>
              Cancel upload
            </button>
          ) : null}
        </div>
      ) : null}
      <p className="upload-status" role="status" aria-live="polite">
        {statusText}
      </p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
