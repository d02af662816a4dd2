'use client';

import { defined } from '@newsdesk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { CreateProgramSchema, DURATION_HINTS, parseDuration } from '@newsdesk/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Field, fieldAria } from '@/components/field';
import { browserApi, isApiError } from '@/lib/api';

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
  const [problem, setProblem] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Values>({
    resolver: zodResolver(ProgramFormSchema),
    defaultValues: { name: '', hosts: '', duration: '1:00:00' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
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
    } catch (error) {
      if (!isApiError(error)) return setProblem('The server could not be reached.');
      const field = error.fieldErrors[0];
      if (field?.field === 'name') setError('name', { type: 'server', message: field.message });
      else setProblem(field ? `${field.field}: ${field.message}` : (error.problem.detail ?? error.problem.title));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      {problem ? (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      ) : null}
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
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? 'Adding…' : 'Add program'}
      </button>
    </form>
  );
}
