import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="page page-narrow">
      <h1>Not found</h1>
      <p>There is nothing at this address. It may have been deleted, or the link is wrong.</p>
      <p>
        <Link href="/stories">Back to stories</Link>
      </p>
    </main>
  );
}
