'use client';

import { defined } from '@newsdesk/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  CreateRecurrenceSchema,
  SEGMENT_KINDS,
  SEGMENT_KIND_LABELS,
  SegmentKindSchema,
  StationDateSchema,
  StationTimeSchema,
  WEEKDAYS,
  DURATION_HINTS,
  WEEKDAY_NAMES,
  parseDuration,
  type Program,
  type Recurrence,
  type Station,
} from '@newsdesk/contracts';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Field, fieldAria } from '@/components/field';
import { ErrorBanner } from '@/components/error-banner';
import { browserApi } from '@/lib/api';
import { useRecordSave } from '@/lib/use-record-save';

const ORDER = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** The days as checkboxes; the contract's RRULE is built from them (every day -> FREQ=DAILY). */
const RuleFormSchema = z.object({
  programId: z.string().min(1, 'Choose a program'),
  days: z.array(z.enum(WEEKDAYS)).min(1, 'Choose at least one day'),
  startTime: StationTimeSchema,
  duration: z.string().refine((value) => {
    const seconds = parseDuration(value, 'minutes');
    return seconds !== null && seconds >= 1 && seconds <= 86_400;
  }, 'Use h:mm:ss or m:ss, at most 24 hours'),
  startsOn: StationDateSchema,
  title: z.string().trim().max(200),
  kind: SegmentKindSchema,
});
type Input = z.input<typeof RuleFormSchema>;
type Values = z.output<typeof RuleFormSchema>;
/** The API's fields that are also this form's (durationSeconds and rrule are assembled from others). */
const RULE_FIELDS = ['startsOn', 'startTime', 'title', 'kind'] as const;

function rruleOf(days: readonly string[]): string {
  return days.length === 7 ? 'FREQ=DAILY' : `FREQ=WEEKLY;BYDAY=${ORDER.filter((day) => days.includes(day)).join(',')}`;
}

/** Adds a program's recurring slot at this station ("weekdays 05:00 for 4 hours", station time). */
export function RuleForm({
  station,
  programs,
  startsOn,
  onSaved,
}: {
  station: Station;
  programs: readonly Program[];
  startsOn: string;
  onSaved: () => void;
}) {
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<Input, unknown, Values>({
    resolver: zodResolver(RuleFormSchema),
    defaultValues: {
      programId: '',
      days: ['MO', 'TU', 'WE', 'TH', 'FR'],
      startTime: '05:00',
      duration: '4:00:00',
      startsOn,
      title: '',
      kind: 'program',
    },
  });

  const { notice, setNotice, busy, run } = useRecordSave<Recurrence, Input, 'save'>({
    initial: undefined,
    setError,
    fieldOf: (field) => RULE_FIELDS.find((name) => name === field) ?? null,
    invalidTitle: () => null,
  });

  const onSubmit = handleSubmit(async (values) => {
    setNotice(null);
    const input = {
      stationId: station.id,
      rrule: rruleOf(values.days),
      startsOn: values.startsOn,
      startTime: values.startTime,
      durationSeconds: defined(parseDuration(values.duration, 'minutes'), 'validated duration'),
      ...(values.title ? { title: values.title } : {}),
      kind: values.kind,
    };
    // The contract checks the assembled rule as the API will.
    const checked = CreateRecurrenceSchema.safeParse(input);
    if (!checked.success) {
      setNotice({ kind: 'error', title: 'The rule is not valid.', items: checked.error.issues.map((issue) => issue.message) });
      return;
    }
    await run('save', async () => {
      await browserApi.call('programs.createRecurrence', { params: { id: values.programId }, body: input });
      reset();
      onSaved();
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="rule-form">
      {notice?.kind === 'error' ? <ErrorBanner error={notice} /> : null}
      <div className="form-row">
        <Field id="rule-program" label="Program" error={errors.programId}>
          <select {...fieldAria('rule-program', { error: errors.programId })} {...register('programId')}>
            <option value="">— choose —</option>
            {programs.map((program) => (
              <option key={program.id} value={program.id}>
                {program.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="rule-kind" label="Kind" error={errors.kind}>
          <select {...fieldAria('rule-kind', { error: errors.kind })} {...register('kind')}>
            {SEGMENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {SEGMENT_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="rule-title" label="Title (optional)" hint="Defaults to the program's name" error={errors.title}>
          <input autoComplete="off" {...fieldAria('rule-title', { hint: true, error: errors.title })} {...register('title')} />
        </Field>
      </div>
      <fieldset className={errors.days ? 'field field-invalid' : 'field'}>
        <legend>Days</legend>
        <div className="day-checkboxes">
          {ORDER.map((day) => (
            <label key={day} className="checkbox">
              <input type="checkbox" value={day} {...register('days')} /> {WEEKDAY_NAMES[day].slice(0, 3)}
            </label>
          ))}
        </div>
        {errors.days ? (
          <p className="field-error" role="alert">
            {errors.days.message}
          </p>
        ) : null}
      </fieldset>
      <div className="form-row">
        <Field id="rule-start" label="Start time" hint={station.timezone} error={errors.startTime}>
          <input autoComplete="off" {...fieldAria('rule-start', { hint: true, error: errors.startTime })} {...register('startTime')} />
        </Field>
        <Field
          id="rule-duration"
          label="Length"
          hint={`On the wall clock: keeps its end across DST. ${DURATION_HINTS.minutes}`}
          error={errors.duration}
        >
          <input autoComplete="off" {...fieldAria('rule-duration', { hint: true, error: errors.duration })} {...register('duration')} />
        </Field>
        <Field id="rule-starts-on" label="First day" error={errors.startsOn}>
          <input type="date" {...fieldAria('rule-starts-on', { error: errors.startsOn })} {...register('startsOn')} />
        </Field>
      </div>
      <button type="submit" className="button button-primary" disabled={busy !== null}>
        {busy ? 'Adding…' : 'Add recurring slot'}
      </button>
    </form>
  );
}
