import type { StoryPreview } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { EmbargoNotice } from '@/components/embargo-notice';
import { StoryReader } from '@/components/story-reader';
import { isApiError } from '@/lib/api';
import { guestApi } from '@/lib/server-api';

type Params = Promise<{ token: string }>;

/** The shared story, 'throttled' after too many failed links from this address; a dead link is notFound() (./not-found.tsx). */
const loadShared = cache(async (token: string): Promise<StoryPreview | 'throttled'> => {
  try {
    return await (await guestApi()).call('shared.story', { params: { token } });
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 400)) notFound();
    if (isApiError(error) && error.status === 429) return 'throttled';
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { token } = await params;
  const shared = await loadShared(token);
  // Never indexed, and the token in the URL is never sent to another site in a Referer header.
  return {
    title: shared === 'throttled' ? 'Shared story' : `Shared: ${shared.story.headline}`,
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
  };
}

/** Shown above the story: the embargo first and prominently (as on the staff preview), then that it is a preview. */
function GuestBanner({ preview }: { preview: StoryPreview['preview'] }) {
  return (
    <>
      {preview.embargoUntil ? (
        <EmbargoNotice until={preview.embargoUntil} ended={Date.parse(preview.embargoUntil) <= Date.parse(preview.generatedAt)} />
      ) : null}
      <div className="banner banner-info reader-preview-banner" role="status">
        <p className="banner-title">Shared preview</p>
        <p>
          {preview.live ? 'This story is published.' : 'This story is not published yet and may still change.'} Please do not pass this link
          on.
        </p>
      </div>
    </>
  );
}

/**
 * A story shared with a guest (issue 15 item 2): opened from a share link with no account and no
 * session (src/proxy.ts lets /shared/ through), laid out by the same StoryReader as the staff
 * preview. An expired, revoked or wrong link is the 404 of ./not-found.tsx.
 */
export default async function SharedStoryPage({ params }: { params: Params }) {
  const { token } = await params;
  const shared = await loadShared(token);
  if (shared === 'throttled') {
    return (
      <main className="page page-narrow">
        <h1>Too many attempts</h1>
        <p>Too many links that do not work were opened from your network. Try again in a few minutes.</p>
      </main>
    );
  }
  return <StoryReader story={shared.story} banner={<GuestBanner preview={shared.preview} />} />;
}
