/** A share link that is expired, revoked, mistyped or was never made: the same page for each (and a 404). */
export default function SharedLinkNotFound() {
  return (
    <main className="page page-narrow">
      <h1>This link is no longer valid</h1>
      <p>The link may have expired or been withdrawn. Ask the person who sent it for a new one.</p>
    </main>
  );
}
