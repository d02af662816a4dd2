'use client';

import { defined } from '@newsdesk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { CreateProgramSchema, DURATION_HINTS, parseDuration, type Program } from '@newsdesk/contracts';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ErrorBanner } from '@/components/error-banner';
import { Field, fieldAria } from '@/components/field';
import { browserApi } from '@/lib/api';
import { useRecordSave } from '@/lib/use-record-save';

/** The contract's program, with hosts typed as a comma-separated list and the length as "h:mm:ss". */
const ProgramFormSchema = CreateProgramSchema.pick({ name: true }).extend({
  hosts: z.string().max(1500),
  duration: z.string().refine((value) => {
    const seconds = parseDuration(value, 'minutes');
    return seconds !== null && seconds >= 1 && seconds <= 86_400;
  }, 'Use h:mm:ss or m:ss, at most 24 hours'),
});
type Input = z.input<typeof ProgramFormSchema>;
type Values = z.output<typeof ProgramFormSchema>;

/** Adds a program. Hosts are names for now; the people registry will link them to people. */
export function ProgramForm({ onSaved }: { onSaved: () => void }) {
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<Input, unknown, Values>({
    resolver: zodResolver(ProgramFormSchema),
    defaultValues: { name: '', hosts: '', duration: '1:00:00' },
  });

  const { notice, setNotice, busy, run } = useRecordSave<Program, Input, 'save'>({
    initial: undefined,
    setError,
    // hosts.0 and defaultDurationSeconds come from the hosts and length fields.
    fieldOf: (field) =>
      field === 'name' ? 'name' : field.startsWith('hosts') ? 'hosts' : field === 'defaultDurationSeconds' ? 'duration' : null,
    invalidTitle: () => null,
  });

  const onSubmit = handleSubmit((values) =>
    run('save', async () => {
      setNotice(null);
      await browserApi.call('programs.create', {
        body: {
          name: values.name,
          hosts: values.hosts
            .split(',')
            .map((host) => host.trim())
            .filter(Boolean),
          defaultDurationSeconds: defined(parseDuration(values.duration, 'minutes'), 'validated duration'),
        },
      });
      reset();
      onSaved();
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      {notice?.kind === 'error' ? <ErrorBanner error={notice} /> : null}
      <div className="form-row">
        <Field id="program-name" label="Name" error={errors.name}>
          <input autoComplete="off" {...fieldAria('program-name', { error: errors.name })} {...register('name')} />
        </Field>
        <Field id="program-hosts" label="Hosts" hint="Names, separated by commas" error={errors.hosts}>
          <input autoComplete="off" {...fieldAria('program-hosts', { hint: true, error: errors.hosts })} {...register('hosts')} />
        </Field>
        <Field id="program-duration" label="Usual length" hint={DURATION_HINTS.minutes} error={errors.duration}>
          <input autoComplete="off" {...fieldAria('program-duration', { hint: true, error: errors.duration })} {...register('duration')} />
        </Field>
      </div>
      <button type="submit" className="button button-primary" disabled={busy !== null}>
        {busy ? 'Adding…' : 'Add program'}
      </button>
    </form>
  );
}
