'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { AudioAsset, AudioRendition } from '@newsdesk/contracts';
import Link from 'next/link';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { CheckboxField } from '@/components/checkbox-field';
import { EditorHeader } from '@/components/editor-header';
import { Field, fieldAria } from '@/components/field';
import { RecordNoticeBanner } from '@/components/record-notice';
import { browserApi, isSessionEnd } from '@/lib/api';
import { PROFILE_LABELS, audioDuration, audioTypeLabel } from '@/lib/audio-format';
import { STATUS_LABELS } from '@/lib/format';
import { browserTimeZone } from '@/lib/time-zones';
import { formatBytes } from '@/lib/upload';
import { useRecordSave } from '@/lib/use-record-save';
import {
  AUDIO_FORM_FIELDS,
  audioFormSchema,
  encodePending,
  toAudioForm,
  toAudioUpdate,
  type AudioFormInput,
  type AudioFormValues,
} from './audio-form-model';

type Busy = 'save' | 'reload' | 'retry';

const POLL_MS = 1000;

const subscribeToNothing = () => () => {};

const RENDITION_STATUS: Record<AudioRendition['status'], string> = {
  queued: 'Waiting to encode',
  encoding: 'Encoding',
  ready: 'Ready',
  failed: 'Failed',
};

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  streamable: 'Streamable',
  downloadable: 'Downloadable',
  embeddable: 'Embeddable',
  availableFrom: 'Available from',
  availableUntil: 'Available until',
};

function channelsLabel(channels: number | null): string {
  if (channels === null) return '—';
  return channels === 1 ? 'Mono' : channels === 2 ? 'Stereo' : `${channels} channels`;
}

/** The asset page: player, facts read from the file, renditions (polled while encoding), the rights form and the stories using it. */
export function AudioAssetView({ asset: initial, canWrite }: { asset: AudioAsset; canWrite: boolean }) {
  // The window is shown in the editor's own zone: UTC on the server (and while hydrating), then the browser's.
  const zone = useSyncExternalStore(subscribeToNothing, browserTimeZone, () => 'UTC');
  const zoneRef = useRef(zone);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm<AudioFormInput, unknown, AudioFormValues>({
    resolver: (values, context, options) => zodResolver(audioFormSchema(zoneRef.current))(values, context, options),
    defaultValues: toAudioForm(initial, 'UTC'),
  });
  const { saved, setSaved, notice, setNotice, message, setMessage, busy, run } = useRecordSave<AudioAsset, AudioFormInput, Busy>({
    initial,
    setError,
    fieldOf: (field) => ((AUDIO_FORM_FIELDS as readonly string[]).includes(field) ? (field as FieldPath<AudioFormInput>) : null),
    invalidTitle: () => 'The audio was not saved. Check the highlighted fields.',
    notFound: { title: 'This audio no longer exists.' },
  });
  /** The latest state read from the API (renditions move on their own while encoding). */
  const [live, setLive] = useState<AudioAsset>(initial);
  const [pollProblem, setPollProblem] = useState<string | null>(null);
  const asset = saved ?? live;
  const pending = encodePending(live);

  // Once the browser's zone is known, the window's inputs show it there.
  useEffect(() => {
    if (zoneRef.current === zone) return;
    zoneRef.current = zone;
    reset(toAudioForm(saved ?? initial, zone), { keepDirtyValues: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the zone becomes known
  }, [zone]);

  /** Takes a newer reading of the asset: the display always, the form's base only when nothing is being edited. */
  function adopt(next: AudioAsset, force = false) {
    setLive(next);
    if (force || !isDirty) {
      reset(toAudioForm(next, zone));
      setSaved(next);
    }
  }

  // While an encode is queued or running, read the asset again every second (one request at a time).
  const adoptPolled = (next: AudioAsset) => adopt(next);
  useEffect(() => {
    if (!pending) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const next = await browserApi.call('audio.get', { params: { id: initial.id } });
        if (!cancelled) {
          setPollProblem(null);
          adoptPolled(next);
        }
      } catch (caught) {
        if (!cancelled && !isSessionEnd(caught)) setPollProblem('Could not read the encode state; trying again.');
        // A failed read is retried: change `live` identity so the effect runs again.
        if (!cancelled) setLive((current) => ({ ...current }));
      }
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-armed by each new reading of the asset
  }, [live, pending, initial.id]);

  const onSave = handleSubmit((values) =>
    run('save', async () => {
      setNotice(null);
      setMessage(null);
      const update = toAudioUpdate(values, asset, zone);
      if (Object.keys(update).length === 1) {
        reset(toAudioForm(asset, zone));
        setMessage('No changes to save.');
        return;
      }
      const updated = await browserApi.call('audio.update', { params: { id: asset.id }, body: update });
      adopt(updated, true);
      setMessage('Saved.');
    }),
  );

  async function reloadLatest() {
    if (isDirty && !window.confirm('Discard your unsaved changes and load the latest version of this audio?')) return;
    await run('reload', async () => {
      const latest = await browserApi.call('audio.get', { params: { id: asset.id } });
      adopt(latest, true);
      setNotice(null);
      setMessage(`Loaded the latest version (${latest.version}).`);
    });
  }

  async function retry(rendition: AudioRendition) {
    await run('retry', async () => {
      setNotice(null);
      const next = await browserApi.call('audio.retryRendition', {
        params: { id: asset.id, profile: rendition.profile },
        body: { version: live.version },
      });
      adopt(next);
      setMessage(`${PROFILE_LABELS[rendition.profile]}: queued again.`);
    });
  }

  const saveState = busy === 'save' ? 'Saving…' : (message ?? (isDirty ? 'Unsaved changes' : ''));
  const title = live.title || live.originalName || 'Untitled audio';
  const loudness = Object.entries(live.loudnessTags);

  return (
    <form onSubmit={onSave} noValidate className="story-editor audio-asset" aria-labelledby="audio-title">
      <EditorHeader
        section={{ href: '/audio', label: 'Audio' }}
        titleId="audio-title"
        title={title}
        saveState={saveState}
        canWrite={canWrite}
        busy={busy !== null}
        saving={busy === 'save'}
      />
      {notice ? (
        <RecordNoticeBanner notice={notice} what="audio" fieldLabels={FIELD_LABELS} reloading={busy === 'reload'} onReload={reloadLatest} />
      ) : null}

      <div className="editor-grid">
        <div className="audio-main">
          <section className="panel" aria-labelledby="audio-player-title">
            <h2 id="audio-player-title" className="panel-title">
              Listen
            </h2>
            {live.playable ? (
              // Staff playback through the /api proxy (Range requests pass through, so the player can seek).
              <audio
                key={`${live.id}-${live.renditions.filter((rendition) => rendition.status === 'ready').length}`}
                className="audio-player"
                controls
                preload="metadata"
                src={`/api/audio/${live.id}/play`}
                aria-label={`Play ${title}`}
                data-testid="audio-player"
              />
            ) : (
              <p className="muted">
                {pending ? 'Playable once the MP3 is encoded.' : 'Not playable: no rendition is ready. Retry the failed encode below.'}
              </p>
            )}
            <dl className="facts audio-facts">
              <dt>Duration</dt>
              <dd data-testid="audio-duration">{audioDuration(live.durationSeconds)}</dd>
              <dt>Type</dt>
              <dd>
                {audioTypeLabel(live.contentType)} <span className="muted">({live.contentType})</span>
              </dd>
              <dt>Bitrate</dt>
              <dd>{live.bitrate ? `${Math.round(live.bitrate / 1000)} kbit/s` : '—'}</dd>
              <dt>Sample rate</dt>
              <dd>{live.sampleRate ? `${(live.sampleRate / 1000).toLocaleString('en-US')} kHz` : '—'}</dd>
              <dt>Channels</dt>
              <dd>{channelsLabel(live.channels)}</dd>
              <dt>Codec</dt>
              <dd>{live.codec ?? '—'}</dd>
              <dt>Size</dt>
              <dd>{live.byteSize !== null ? formatBytes(live.byteSize) : '—'}</dd>
              {live.kind === 'external' ? (
                <>
                  <dt>External URL</dt>
                  <dd className="input-mono">{live.externalUrl}</dd>
                </>
              ) : (
                <>
                  <dt>File</dt>
                  <dd>{live.originalName || '—'}</dd>
                </>
              )}
              <dt>Loudness tags</dt>
              <dd>
                {loudness.length ? (
                  <ul className="plain-list">
                    {loudness.map(([name, value]) => (
                      <li key={name}>
                        <code>{name}</code>: {value}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">None in the file</span>
                )}
              </dd>
            </dl>
          </section>

          <section className="panel" aria-labelledby="renditions-title">
            <h2 id="renditions-title" className="panel-title">
              Renditions
            </h2>
            {pollProblem ? (
              <p className="field-error" role="alert">
                {pollProblem}
              </p>
            ) : null}
            <ul className="rendition-list" aria-live="polite">
              {live.renditions.map((rendition) => (
                <RenditionRow
                  key={rendition.id}
                  rendition={rendition}
                  canRetry={canWrite}
                  busy={busy !== null}
                  onRetry={() => void retry(rendition)}
                />
              ))}
            </ul>
          </section>

          <section className="panel" aria-labelledby="used-by-title">
            <h2 id="used-by-title" className="panel-title">
              Stories using it
            </h2>
            {live.usedBy.length ? (
              <ul className="plain-list">
                {live.usedBy.map((story) => (
                  <li key={story.id}>
                    <Link href={`/stories/${story.id}`}>{story.headline || 'Untitled story'}</Link>{' '}
                    <span className="muted">({STATUS_LABELS[story.status as keyof typeof STATUS_LABELS] ?? story.status})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No story uses it yet.</p>
            )}
          </section>
        </div>

        <aside className="editor-side">
          <section className="panel" aria-labelledby="rights-title">
            <h2 id="rights-title" className="panel-title">
              Rights and availability
            </h2>
            <fieldset disabled={!canWrite || busy !== null}>
              <legend className="visually-hidden">Rights and availability</legend>
              {!canWrite ? <p className="banner banner-info">You can listen to this audio but not change it.</p> : null}
              <Field id="audio-title-input" label="Title" error={errors.title}>
                <input autoComplete="off" {...fieldAria('audio-title-input', { error: errors.title })} {...register('title')} />
              </Field>
              <div className="checkbox-list field">
                <CheckboxField
                  id="audio-streamable"
                  label="Streamable"
                  hint="Listeners may play it. Off: absent from every public output."
                  registration={register('streamable')}
                />
                <CheckboxField
                  id="audio-downloadable"
                  label="Downloadable"
                  hint="May be offered for download. Podcast episodes need it."
                  registration={register('downloadable')}
                />
                <CheckboxField
                  id="audio-embeddable"
                  label="Embeddable"
                  hint="Other sites may embed it in their players."
                  registration={register('embeddable')}
                />
              </div>
              <Field
                id="audio-available-from"
                label="Available from"
                hint={`In ${zone}. Empty: from the story’s publication.`}
                error={errors.availableFrom}
              >
                <input
                  type="datetime-local"
                  {...fieldAria('audio-available-from', { hint: true, error: errors.availableFrom })}
                  {...register('availableFrom')}
                />
              </Field>
              <Field
                id="audio-available-until"
                label="Available until"
                hint={`In ${zone}. From this minute on it is gone from every public output. Empty: no end.`}
                error={errors.availableUntil}
              >
                <input
                  type="datetime-local"
                  {...fieldAria('audio-available-until', { hint: true, error: errors.availableUntil })}
                  {...register('availableUntil')}
                />
              </Field>
            </fieldset>
          </section>
        </aside>
      </div>
    </form>
  );
}

function RenditionRow({
  rendition,
  canRetry,
  busy,
  onRetry,
}: {
  rendition: AudioRendition;
  canRetry: boolean;
  busy: boolean;
  onRetry: () => void;
}) {
  const label = PROFILE_LABELS[rendition.profile];
  const working = rendition.status === 'queued' || rendition.status === 'encoding';
  const percent = Math.round(Math.min(1, Math.max(0, rendition.progress)) * 100);
  const progressId = `rendition-${rendition.profile}-progress`;
  return (
    <li className={`rendition rendition-${rendition.status}`} data-testid={`rendition-${rendition.profile}`}>
      <div className="rendition-head">
        <strong>{label}</strong>{' '}
        <span className={`badge badge-encoding badge-encoding-${rendition.status}`}>{RENDITION_STATUS[rendition.status]}</span>
        {rendition.status === 'ready' ? (
          <span className="muted">
            {' '}
            {rendition.contentType ? audioTypeLabel(rendition.contentType) : ''}
            {rendition.bitrate ? ` · ${Math.round(rendition.bitrate / 1000)} kbit/s` : ''}
            {rendition.byteSize !== null ? ` · ${formatBytes(rendition.byteSize)}` : ''}
            {rendition.durationSeconds !== null ? ` · ${audioDuration(rendition.durationSeconds)}` : ''}
          </span>
        ) : null}
      </div>
      {working ? (
        <div className="upload-progress">
          <label htmlFor={progressId} className="visually-hidden">
            {label} encode progress
          </label>
          <progress id={progressId} max={100} value={rendition.status === 'queued' ? undefined : percent}>
            {percent}%
          </progress>
          <span className="muted">{rendition.status === 'queued' ? 'Queued' : `${percent}%`}</span>
        </div>
      ) : null}
      {rendition.status === 'failed' ? (
        <div className="rendition-failure">
          <p className="field-error">
            Failed{rendition.attempts > 1 ? ` after ${rendition.attempts} attempts` : ''}: {rendition.error ?? 'no reason given'}
          </p>
          {canRetry ? (
            <button type="button" className="button" onClick={onRetry} disabled={busy}>
              Retry {label}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
