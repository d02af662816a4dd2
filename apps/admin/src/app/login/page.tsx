import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SESSION_ENDED, safeNextPath } from '@/lib/paths';
import { optionalUser } from '@/lib/server-api';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next, reason } = await searchParams;
  const target = safeNextPath(typeof next === 'string' ? next : undefined);
  if (await optionalUser()) redirect(target);

  return (
    <main className="login">
      <div className="login-card">
        <p className="brand brand-large">Newsdesk</p>
        <h1>Sign in</h1>
        {reason === SESSION_ENDED ? (
          <div className="banner banner-warning" role="alert">
            Your session has ended. Sign in again.
          </div>
        ) : null}
        <LoginForm next={target} />
      </div>
    </main>
  );
}
