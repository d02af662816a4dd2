'use client';

import type { AudioPage } from '@newsdesk/contracts';
import Form from 'next/form';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { AudioUpload } from '@/components/audio-upload';
import { browserApi } from '@/lib/api';
import { ENCODING_LABELS, audioDuration, audioTypeLabel } from '@/lib/audio-format';
import { LoadMore, useLoadMore } from '@/lib/use-load-more';
import { announceArrival } from '@/lib/use-record-save';
import { ExternalAudioForm } from './external-audio-form';

interface Props {
  initialPage: AudioPage;
  q: string | undefined;
  pageSize: number;
  /** audio.write: may upload. */
  canWrite: boolean;
}

/** The library's header, search, upload panel and table ("Load more" appends the next page). */
export function AudioLibrary({ initialPage, q, pageSize, canWrite }: Props) {
  const router = useRouter();
  const list = useLoadMore(initialPage, (cursor) => browserApi.call('audio.list', { query: { q, cursor, limit: pageSize } }), 'audio');
  const { items } = list;

  return (
    <>
      <div className="page-header">
        <h1>Audio</h1>
        <p className="muted">Broadcast pieces, interviews and extras; WAV and FLAC masters get an MP3 for listeners.</p>
      </div>

      {canWrite ? (
        <section className="panel audio-upload-panel" aria-labelledby="audio-upload-title">
          <h2 id="audio-upload-title" className="panel-title">
            Upload audio
          </h2>
          <AudioUpload
            idPrefix="library-upload"
            label="Audio file"
            onUploaded={(asset) => {
              announceArrival(asset.id, 'Uploaded.');
              router.push(`/audio/${asset.id}`);
            }}
          />
          <details className="audio-external">
            <summary>Or add audio from a URL</summary>
            <ExternalAudioForm
              onCreated={(asset) => {
                announceArrival(asset.id, 'Added.');
                router.push(`/audio/${asset.id}`);
              }}
            />
          </details>
        </section>
      ) : null}

      <div className="filters">
        <Form action="/audio" className="search" role="search">
          <label htmlFor="audio-search" className="visually-hidden">
            Search audio
          </label>
          <input id="audio-search" name="q" type="search" defaultValue={q} placeholder="Title or file name" />
          <button type="submit" className="button">
            Search
          </button>
        </Form>
      </div>

      {items.length === 0 ? (
        <p className="empty">{q ? 'No audio matches this search.' : 'No audio yet.'}</p>
      ) : (
        <>
          <table className="story-table audio-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">File</th>
                <th scope="col">Duration</th>
                <th scope="col">Type</th>
                <th scope="col">Encoding</th>
              </tr>
            </thead>
            <tbody>
              {items.map((audio) => (
                <tr key={audio.id}>
                  <td className="story-headline">
                    <Link href={`/audio/${audio.id}`}>{audio.title || audio.originalName || 'Untitled audio'}</Link>
                    {audio.kind === 'external' ? <span className="story-slug">External URL</span> : null}
                  </td>
                  <td className="audio-file">{audio.originalName || <span className="muted">—</span>}</td>
                  <td className="nowrap">{audioDuration(audio.durationSeconds)}</td>
                  <td>{audioTypeLabel(audio.contentType)}</td>
                  <td>
                    <span className={`badge badge-encoding badge-encoding-${audio.encoding}`}>{ENCODING_LABELS[audio.encoding]}</span>
                    {!audio.playable && audio.encoding !== 'failed' ? <span className="muted"> · not playable yet</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore {...list} />
        </>
      )}
    </>
  );
}
