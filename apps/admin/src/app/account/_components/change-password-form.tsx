'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { ChangePasswordSchema, PASSWORD_MIN } from '@newsdesk/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ErrorBanner } from '@/components/error-banner';
import { Field, fieldAria } from '@/components/field';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { applyFieldErrors, bannerFor, type BannerError } from '@/lib/form-errors';

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
  const [banner, setBanner] = useState<BannerError | null>(null);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormValues>({ resolver: zodResolver(ChangePasswordFormSchema), defaultValues: EMPTY });

  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setBanner(null);
    setDone(false);
    try {
      await browserApi.call('auth.changePassword', { body: { currentPassword, newPassword } });
      reset(EMPTY);
      setDone(true);
      onChanged();
    } catch (error) {
      if (isSessionEnd(error)) return; // on the way to /login
      const unmapped = isApiError(error) ? applyFieldErrors<FormInput>(error.fieldErrors, FIELDS, setError) : [];
      const onFieldsOnly = isApiError(error) && error.fieldErrors.length > 0 && unmapped.length === 0;
      if (!onFieldsOnly) setBanner(bannerFor(error, 'Your account', unmapped));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      {banner ? <ErrorBanner error={banner} /> : null}
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
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
