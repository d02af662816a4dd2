'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { PASSWORD_MIN, SetPasswordSchema, type User } from '@newsdesk/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ErrorBanner } from '@/components/error-banner';
import { Field, fieldAria } from '@/components/field';
import { browserApi, isApiError } from '@/lib/api';
import { useRecordSave } from '@/lib/use-record-save';

/** The contract's password (the token comes from the link), typed twice. */
const SetPasswordFormSchema = SetPasswordSchema.pick({ password: true })
  .extend({ confirm: z.string().min(1, 'Type the password again') })
  .refine((values) => values.password === values.confirm, { path: ['confirm'], message: 'The two passwords are not the same' });
type FormInput = z.input<typeof SetPasswordFormSchema>;
type FormValues = z.output<typeof SetPasswordFormSchema>;

export function SetPasswordForm({ token }: { token: string }) {
  const [done, setDone] = useState(false);
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<FormInput, unknown, FormValues>({
    resolver: zodResolver(SetPasswordFormSchema),
    defaultValues: { password: '', confirm: '' },
  });
  const { notice, setNotice, busy, run } = useRecordSave<User, FormInput, 'save'>({
    initial: undefined,
    setError,
    fieldOf: (field) => (field === 'password' ? 'password' : null),
    invalidTitle: () => null,
    notFound: { title: 'This link no longer exists.' },
  });

  const onSubmit = handleSubmit(({ password }) =>
    run('save', async () => {
      setNotice(null);
      try {
        await browserApi.call('auth.setPassword', { body: { token, password } });
      } catch (error) {
        // A used or expired link is about the link, not the form: the page says so instead.
        const tokenError = isApiError(error) ? error.fieldErrors.find((fieldError) => fieldError.field === 'token') : undefined;
        if (!tokenError) throw error;
        setLinkProblem(tokenError.message);
        return;
      }
      setDone(true);
    }),
  );

  if (done) {
    return (
      <div className="stack">
        <div className="banner banner-success" role="status">
          <p className="banner-title">Your password is set.</p>
          <p>Sign in with your email address and the new password.</p>
        </div>
        <Link href="/login" className="button button-primary">
          Sign in
        </Link>
      </div>
    );
  }

  if (linkProblem) {
    return (
      <div className="stack">
        <div className="banner banner-error" role="alert">
          <p className="banner-title">This link cannot be used.</p>
          <p>{linkProblem}</p>
        </div>
        <Link href="/login">Go to sign in</Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      {notice?.kind === 'error' ? <ErrorBanner error={notice} /> : null}
      <Field id="set-password" label="New password" hint={`At least ${PASSWORD_MIN} characters, not a common one.`} error={errors.password}>
        <input
          type="password"
          autoComplete="new-password"
          autoFocus
          {...fieldAria('set-password', { hint: true, error: errors.password })}
          {...register('password')}
        />
      </Field>
      <Field id="set-password-confirm" label="New password again" error={errors.confirm}>
        <input
          type="password"
          autoComplete="new-password"
          {...fieldAria('set-password-confirm', { error: errors.confirm })}
          {...register('confirm')}
        />
      </Field>
      <button type="submit" className="button button-primary" disabled={busy !== null}>
        {busy ? 'Saving…' : 'Set password'}
      </button>
    </form>
  );
}
