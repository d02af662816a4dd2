'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { AUDIO_TYPES, DURATION_HINTS, type AudioAsset } from '@newsdesk/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Field, fieldAria } from '@/components/field';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { audioTypeLabel } from '@/lib/audio-format';
import {
  EMPTY_EXTERNAL_AUDIO,
  ExternalAudioFormSchema,
  toExternalAudioInput,
  type ExternalAudioFormInput,
  type ExternalAudioFormValues,
} from './external-audio-model';

const API_FIELDS: Record<string, keyof ExternalAudioFormInput> = {
  url: 'url',
  contentType: 'contentType',
  durationSeconds: 'duration',
  title: 'title',
};

/** Registers audio that lives at another address (its type and length as declared; nothing is fetched). */
export function ExternalAudioForm({ onCreated }: { onCreated: (asset: AudioAsset) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ExternalAudioFormInput, unknown, ExternalAudioFormValues>({
    resolver: zodResolver(ExternalAudioFormSchema),
    defaultValues: EMPTY_EXTERNAL_AUDIO,
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      onCreated(await browserApi.call('audio.createExternal', { body: toExternalAudioInput(values) }));
    } catch (error) {
      if (isSessionEnd(error)) return;
      if (!isApiError(error)) return setProblem('The server could not be reached. Try again in a moment.');
      const unmapped: string[] = [];
      for (const fieldError of error.fieldErrors) {
        const field = API_FIELDS[fieldError.field];
        if (field) setError(field, { type: 'server', message: fieldError.message });
        else unmapped.push(fieldError.message);
      }
      if (unmapped.length || !error.fieldErrors.length) setProblem(unmapped.join(' ') || (error.problem.detail ?? error.problem.title));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add audio from a URL">
      {problem ? (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      ) : null}
      <Field id="external-url" label="Audio URL" hint="Where the file is (http or https)." error={errors.url}>
        <input
          type="url"
          inputMode="url"
          autoComplete="off"
          className="input-mono"
          {...fieldAria('external-url', { hint: true, error: errors.url })}
          {...register('url')}
        />
      </Field>
      <div className="audio-external-row">
        <Field id="external-type" label="Type" error={errors.contentType}>
          <select {...fieldAria('external-type', { error: errors.contentType })} {...register('contentType')}>
            {AUDIO_TYPES.map((type) => (
              <option key={type} value={type}>
                {audioTypeLabel(type)} ({type})
              </option>
            ))}
          </select>
        </Field>
        <Field id="external-duration" label="Length" hint={DURATION_HINTS.seconds} error={errors.duration}>
          <input
            autoComplete="off"
            inputMode="numeric"
            placeholder="3:45"
            {...fieldAria('external-duration', { hint: true, error: errors.duration })}
            {...register('duration')}
          />
        </Field>
        <Field id="external-title" label="Title" error={errors.title}>
          <input autoComplete="off" {...fieldAria('external-title', { error: errors.title })} {...register('title')} />
        </Field>
      </div>
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? 'Adding…' : 'Add audio from URL'}
      </button>
    </form>
  );
}
