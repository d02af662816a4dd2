'use client';

import { EPISODE_TYPES, STORY_AUDIO_MAX, type AudioSummary, type Story } from '@newsdesk/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { AudioUpload } from '@/components/audio-upload';
import { CheckboxField } from '@/components/checkbox-field';
import { Field, fieldAria } from '@/components/field';
import { browserApi } from '@/lib/api';
import { ENCODING_LABELS, audioDuration, audioName, audioTypeLabel, summaryOf } from '@/lib/audio-format';
import { useSearch } from '@/lib/use-search';
import type { StoryFormInput, StoryFormValues } from './story-form-model';

interface Props {
  form: UseFormReturn<StoryFormInput, unknown, StoryFormValues>;
  story: Story | undefined;
  canWrite: boolean;
  /** The first message of the list's own error (e.g. the same audio twice, or the publish check). */
  error: string | undefined;
}

const EPISODE_TYPE_LABELS: Record<(typeof EPISODE_TYPES)[number], string> = {
  full: 'Full episode',
  trailer: 'Trailer',
  bonus: 'Bonus',
};

function AssetFacts({ asset }: { asset: AudioSummary }) {
  return (
    <span className="muted">
      {audioDuration(asset.durationSeconds)} · {audioTypeLabel(asset.contentType)} ·{' '}
      {asset.playable ? 'playable' : asset.encoding === 'failed' ? ENCODING_LABELS.failed.toLowerCase() : 'not playable yet'}
    </span>
  );
}

/**
 * The story's audio, in order (the first is the primary "Listen" audio, the transcript belongs to
 * it): a title per item for this story, reorder, remove; add from the library or upload in place.
 * Then the broadcast flag and, for a story of a program, its podcast episode numbers.
 */
export function StoryAudioSection({ form, story, canWrite, error }: Props) {
  const {
    control,
    register,
    formState: { errors },
  } = form;
  const { fields, append, remove, move } = useFieldArray({ control, name: 'audio', keyName: 'key' });
  const [query, setQuery] = useState('');
  const chosen = new Set(fields.map((item) => item.assetId));
  const full = fields.length >= STORY_AUDIO_MAX;

  const { results, setResults, problem, setProblem } = useSearch(
    query,
    async (q) => (await browserApi.call('audio.list', { query: { q, limit: 8 } })).items,
    'Could not search the audio library.',
    canWrite,
  );

  function add(asset: AudioSummary) {
    if (!chosen.has(asset.id) && !full) append({ assetId: asset.id, title: '', asset });
    setQuery('');
    setResults([]);
    setProblem(null);
  }

  return (
    <section className={error ? 'field field-invalid story-audio' : 'field story-audio'} aria-labelledby="story-audio-label">
      <h2 className="label" id="story-audio-label">
        Audio
      </h2>
      <ol className="story-audio-list" aria-label="Audio of this story">
        {fields.map((item, index) => {
          const name = audioName(item.asset);
          const titleError = errors.audio?.[index]?.title;
          return (
            <li key={item.key} className="story-audio-item">
              <div className="story-audio-head">
                <span className={index === 0 ? 'badge badge-published' : 'badge'}>
                  {index === 0 ? 'Primary · Listen' : `Extra ${index}`}
                </span>{' '}
                <Link href={`/audio/${item.assetId}`}>{name}</Link> <AssetFacts asset={item.asset} />
              </div>
              <div className="story-audio-row">
                <Field id={`story-audio-${index}-title`} label={`Title of audio ${index + 1}`} error={titleError}>
                  <input
                    autoComplete="off"
                    placeholder={name}
                    {...fieldAria(`story-audio-${index}-title`, { error: titleError })}
                    {...register(`audio.${index}.title`)}
                  />
                </Field>
                {canWrite ? (
                  <div className="actions story-audio-actions">
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={`Move ${name} up`}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={`Move ${name} down`}
                      disabled={index === fields.length - 1}
                      onClick={() => move(index, index + 1)}
                    >
                      ↓
                    </button>
                    <button type="button" className="button button-quiet" aria-label={`Remove ${name}`} onClick={() => remove(index)}>
                      Remove
                    </button>
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
        {fields.length === 0 ? <li className="muted">No audio yet.</li> : null}
      </ol>
      <p id="story-audio-hint" className="field-hint">
        The first is the primary audio: listeners get it as “Listen”, the transcript belongs to it, and the podcast episode plays it.
      </p>
      {error ? (
        <p id="story-audio-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}

      {canWrite && !full ? (
        <div className="story-audio-add">
          <div className="field">
            <label htmlFor="story-audio-search">Add from library</label>
            <input
              id="story-audio-search"
              type="search"
              autoComplete="off"
              placeholder="Search the audio library by title or file name"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key !== 'Enter') return;
                event.preventDefault(); // never submit the story from here
                const first = results.find((asset) => !chosen.has(asset.id));
                if (first) add(first);
              }}
            />
            {query.trim() ? (
              <div className="tag-results" aria-live="polite">
                {results.length ? (
                  <ul className="chips" aria-label="Audio found">
                    {results.map((asset) => (
                      <li key={asset.id}>
                        <button type="button" className="chip chip-add" disabled={chosen.has(asset.id)} onClick={() => add(asset)}>
                          + {audioName(asset)}{' '}
                          <span className="chip-type">
                            {audioDuration(asset.durationSeconds)} · {audioTypeLabel(asset.contentType)}
                            {asset.playable ? '' : ' · not playable yet'}
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">No audio matches.</p>
                )}
              </div>
            ) : null}
            {problem ? <p className="field-error">{problem}</p> : null}
          </div>
          <details className="story-audio-upload">
            <summary>Upload new audio</summary>
            <AudioUpload
              idPrefix="story-audio-upload"
              label="Upload and attach"
              onUploaded={(asset) => {
                if (!chosen.has(asset.id)) append({ assetId: asset.id, title: '', asset: summaryOf(asset) });
              }}
            />
          </details>
        </div>
      ) : null}

      <CheckboxField
        id="story-broadcast"
        label="Broadcast piece"
        hint="It aired: publishing then needs the primary audio to be playable and inside its availability window."
        registration={register('broadcast')}
      />

      {story?.programId ? (
        <fieldset className="story-episode">
          <legend className="label">Podcast episode</legend>
          <p className="field-hint">How this story appears in its program’s podcast feed. Numbers are optional.</p>
          <div className="field-row">
            <Field id="story-episode-season" label="Season" error={errors.episodeSeason}>
              <input
                inputMode="numeric"
                autoComplete="off"
                {...fieldAria('story-episode-season', { error: errors.episodeSeason })}
                {...register('episodeSeason')}
              />
            </Field>
            <Field id="story-episode-number" label="Episode number" error={errors.episodeNumber}>
              <input
                inputMode="numeric"
                autoComplete="off"
                {...fieldAria('story-episode-number', { error: errors.episodeNumber })}
                {...register('episodeNumber')}
              />
            </Field>
            <Field id="story-episode-type" label="Episode type" error={errors.episodeType}>
              <select {...fieldAria('story-episode-type', { error: errors.episodeType })} {...register('episodeType')}>
                {EPISODE_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {EPISODE_TYPE_LABELS[type]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>
      ) : null}
    </section>
  );
}
