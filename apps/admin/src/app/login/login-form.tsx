'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { LoginSchema, type LoginInput } from '@newsdesk/contracts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { FieldMessage } from '@/components/field-message';
import { browserApi, isApiError } from '@/lib/api';

function waitText(seconds: number | undefined): string {
  if (!seconds) return 'in a few minutes';
  const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${at})`;
}

function signInError(error: unknown): string {
  if (!isApiError(error)) return 'The server could not be reached. Check your connection and try again.';
  if (error.status === 401) return 'Email or password is incorrect.';
  if (error.status === 429) {
    return `Too many sign-in attempts from your network. Sign-in is paused here; try again ${waitText(error.retryAfter)}. An administrator can lift this sooner.`;
  }
  if (error.status === 400) return error.problem.detail ?? 'Check the email address and password.';
  return `Signing in failed: ${error.problem.title}. Try again in a moment.`;
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [serverError, setServerError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput, unknown, z.output<typeof LoginSchema>>({
    resolver: zodResolver(LoginSchema),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (credentials) => {
    setServerError(null);
    try {
      await browserApi.call('auth.login', { body: credentials });
    } catch (error) {
      setServerError(signInError(error));
      return;
    }
    router.replace(next);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      {serverError ? (
        <div className="banner banner-error" role="alert">
          {serverError}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="login-email">Email</label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          autoFocus
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? 'login-email-error' : undefined}
          {...register('email')}
        />
        <FieldMessage id="login-email-error" error={errors.email} />
      </div>
      <div className="field">
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? 'login-password-error' : undefined}
          {...register('password')}
        />
        <FieldMessage id="login-password-error" error={errors.password} />
      </div>
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
