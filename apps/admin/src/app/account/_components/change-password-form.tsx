'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { ChangePasswordSchema, PASSWORD_MIN, type User } from '@newsdesk/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ErrorBanner } from '@/components/error-banner';
import { Field, fieldAria } from '@/components/field';
import { browserApi } from '@/lib/api';
import { useRecordSave } from '@/lib/use-record-save';

/** The contract's fields, plus the new password typed a second time. */
const ChangePasswordFormSchema = ChangePasswordSchema.extend({ confirmPassword: z.string().min(1, 'Type the new password again') }).refine(
  (values) => values.newPassword === values.confirmPassword,
  { path: ['confirmPassword'], message: 'The two new passwords are not the same' },
);
type FormInput = z.input<typeof ChangePasswordFormSchema>;
type FormValues = z.output<typeof ChangePasswordFormSchema>;
const FIELDS = ['currentPassword', 'newPassword'] as const;
const EMPTY: FormInput = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<FormInput, unknown, FormValues>({ resolver: zodResolver(ChangePasswordFormSchema), defaultValues: EMPTY });
  const { notice, setNotice, busy, run } = useRecordSave<User, FormInput, 'save'>({
    initial: undefined,
    setError,
    fieldOf: (field) => FIELDS.find((name) => name === field) ?? null,
    invalidTitle: () => null,
    notFound: { title: 'Your account no longer exists.' },
    sessionEnd: 'ignore', // on the way to /login
  });

  const onSubmit = handleSubmit(({ currentPassword, newPassword }) =>
    run('save', async () => {
      setNotice(null);
      setDone(false);
      await browserApi.call('auth.changePassword', { body: { currentPassword, newPassword } });
      reset(EMPTY);
      setDone(true);
      onChanged();
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      {notice?.kind === 'error' ? <ErrorBanner error={notice} /> : null}
      {done ? (
        <div className="banner banner-success" role="status">
          <p className="banner-title">Password changed.</p>
          <p>You were signed out everywhere else; this browser stays signed in.</p>
        </div>
      ) : null}
      <Field id="current-password" label="Current password" error={errors.currentPassword}>
        <input
          type="password"
          autoComplete="current-password"
          {...fieldAria('current-password', { error: errors.currentPassword })}
          {...register('currentPassword')}
        />
      </Field>
      <Field
        id="new-password"
        label="New password"
        hint={`At least ${PASSWORD_MIN} characters, not a common one.`}
        error={errors.newPassword}
      >
        <input
          type="password"
          autoComplete="new-password"
          {...fieldAria('new-password', { hint: true, error: errors.newPassword })}
          {...register('newPassword')}
        />
      </Field>
      <Field id="confirm-password" label="New password again" error={errors.confirmPassword}>
        <input
          type="password"
          autoComplete="new-password"
          {...fieldAria('confirm-password', { error: errors.confirmPassword })}
          {...register('confirmPassword')}
        />
      </Field>
      <p className="field-hint form-note">Changing it signs you out on every other device.</p>
      <button type="submit" className="button button-primary" disabled={busy !== null}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
