'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { BANDS, CreateStationSchema, type CreateStationInput, type Station } from '@newsdesk/contracts';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorBanner } from '@/components/error-banner';
import { Field, fieldAria } from '@/components/field';
import { browserApi } from '@/lib/api';
import { useRecordSave } from '@/lib/use-record-save';

type Values = z.output<typeof CreateStationSchema>;
const FIELDS = ['callSign', 'name', 'band', 'frequency', 'city', 'timezone', 'streamUrl'] as const;

/** Adds a station (producers and admins). */
export function StationForm() {
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<CreateStationInput, unknown, Values>({
    resolver: zodResolver(CreateStationSchema),
    defaultValues: { callSign: '', name: '', band: 'FM', frequency: '', city: '', timezone: 'America/New_York', streamUrl: '' },
  });
  const { notice, setNotice, busy, run } = useRecordSave<Station, CreateStationInput, 'save'>({
    initial: undefined,
    setError,
    fieldOf: (field) => FIELDS.find((name) => name === field) ?? null,
    invalidTitle: () => null,
  });

  const onSubmit = handleSubmit((values) =>
    run('save', async () => {
      setNotice(null);
      const station = await browserApi.call('stations.create', { body: values });
      reset();
      router.push(`/schedule/${station.callSign}`);
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="station-form">
      {notice?.kind === 'error' ? <ErrorBanner error={notice} /> : null}
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
      <button type="submit" className="button button-primary" disabled={busy !== null}>
        {busy ? 'Adding…' : 'Add station'}
      </button>
    </form>
  );
}
