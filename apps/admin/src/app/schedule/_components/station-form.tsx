'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { BANDS, CreateStationSchema, type CreateStationInput } from '@newsdesk/contracts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Field, fieldAria } from '@/components/field';
import { browserApi, isApiError } from '@/lib/api';

type Values = z.output<typeof CreateStationSchema>;
const FIELDS = ['callSign', 'name', 'band', 'frequency', 'city', 'timezone', 'streamUrl'] as const;

/** Adds a station (producers and admins). */
export function StationForm() {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateStationInput, unknown, Values>({
    resolver: zodResolver(CreateStationSchema),
    defaultValues: { callSign: '', name: '', band: 'FM', frequency: '', city: '', timezone: 'America/New_York', streamUrl: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const station = await browserApi.call('stations.create', { body: values });
      reset();
      router.push(`/schedule/${station.callSign}`);
    } catch (error) {
      if (!isApiError(error)) return setProblem('The server could not be reached.');
      let mapped = 0;
      for (const fieldError of error.fieldErrors) {
        const field = FIELDS.find((name) => name === fieldError.field);
        if (field) {
          setError(field, { type: 'server', message: fieldError.message });
          mapped += 1;
        }
      }
      if (!mapped) setProblem(error.problem.detail ?? error.problem.title);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="station-form">
      {problem ? (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="form-row">
        <Field id="station-call-sign" label="Call sign" error={errors.callSign}>
          <input autoComplete="off" {...fieldAria('station-call-sign', { error: errors.callSign })} {...register('callSign')} />
        </Field>
        <Field id="station-name" label="Name" error={errors.name}>
          <input autoComplete="off" {...fieldAria('station-name', { error: errors.name })} {...register('name')} />
        </Field>
      </div>
      <div className="form-row">
        <Field id="station-band" label="Band" error={errors.band}>
          <select {...fieldAria('station-band', { error: errors.band })} {...register('band')}>
            {BANDS.map((band) => (
              <option key={band} value={band}>
                {band}
              </option>
            ))}
          </select>
        </Field>
        <Field id="station-frequency" label="Frequency" hint="MHz for FM (88.5), kHz for AM (1500)" error={errors.frequency}>
          <input
            autoComplete="off"
            {...fieldAria('station-frequency', { hint: true, error: errors.frequency })}
            {...register('frequency')}
          />
        </Field>
        <Field id="station-city" label="City" error={errors.city}>
          <input autoComplete="off" {...fieldAria('station-city', { error: errors.city })} {...register('city')} />
        </Field>
      </div>
      <div className="form-row">
        <Field id="station-timezone" label="Time zone" hint="IANA name, e.g. America/Chicago" error={errors.timezone}>
          <input autoComplete="off" {...fieldAria('station-timezone', { hint: true, error: errors.timezone })} {...register('timezone')} />
        </Field>
        <Field id="station-stream" label="Stream URL" error={errors.streamUrl}>
          <input type="url" autoComplete="off" {...fieldAria('station-stream', { error: errors.streamUrl })} {...register('streamUrl')} />
        </Field>
      </div>
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? 'Adding…' : 'Add station'}
      </button>
    </form>
  );
}
