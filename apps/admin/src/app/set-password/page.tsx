import type { Metadata } from 'next';
import Link from 'next/link';
import { SetPasswordForm } from './set-password-form';

// The token is in the URL: never send it to another site in a Referer header.
export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer' };

/**
 * Public (src/proxy.ts lets it through without a session): redeems the one-time link an admin handed
 * over, `/set-password?token=...`, for a new account or a password reset.
 */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const usable = typeof token === 'string' && token.length > 0;

  return (
    <main className="login">
      <div className="login-card">
        <p className="brand brand-large">Newsdesk</p>
        <h1>Set your password</h1>
        {usable ? (
          <SetPasswordForm token={token} />
        ) : (
          <>
            <div className="banner banner-error" role="alert">
              This link is incomplete. Open the whole link you were given, or ask an admin for a new one.
            </div>
            <p>
              <Link href="/login">Go to sign in</Link>
            </p>
          </>
        )}
      </div>
    </main>
  );
}
