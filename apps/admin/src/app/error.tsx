'use client';

import Link from 'next/link';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page page-narrow">
      <h1>Something went wrong</h1>
      <p>The page could not be loaded. If the API was restarting, trying again usually helps.</p>
      {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
      <p className="actions">
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link href="/stories">Back to stories</Link>
      </p>
    </main>
  );
}
