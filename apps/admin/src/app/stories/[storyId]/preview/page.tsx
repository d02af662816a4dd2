import { IdSchema, StoryPreviewQuerySchema, type StoryPreview } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { EmbargoNotice } from '@/components/embargo-notice';
import { LocalTime } from '@/components/local-time';
import { StoryReader } from '@/components/story-reader';
import { isApiError } from '@/lib/api';
import { serverApi } from '@/lib/server-api';

type Params = Promise<{ storyId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?revision=n`: preview the story as restoring revision n would make it (a bad value is a 404 page). */
async function revisionOf(searchParams: SearchParams): Promise<number | undefined> {
  const { revision } = await searchParams;
  if (revision === undefined) return undefined;
  const parsed = StoryPreviewQuerySchema.shape.revision.safeParse(revision);
  if (!parsed.success || parsed.data === undefined) notFound();
  return parsed.data;
}

/** One API call per request (`stories.preview`: the public serializer, any state), shared by generateMetadata and the page. */
const loadPreview = cache(async (storyId: string, revision: number | undefined): Promise<StoryPreview> => {
  if (!IdSchema.safeParse(storyId).success) notFound();
  try {
    return await (await serverApi()).call('stories.preview', { params: { id: storyId }, query: { revision } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
});

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const { storyId } = await params;
  const { story } = await loadPreview(storyId, await revisionOf(searchParams));
  // <meta name="robots" content="noindex, nofollow">: a preview is never for search engines.
  return { title: `Preview: ${story.headline}`, robots: { index: false, follow: false } };
}

const STATES: Record<string, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

/** The banner's state: what readers get now, and when a scheduled story goes live. */
function PreviewState({ preview, publishedAt }: { preview: StoryPreview['preview']; publishedAt: string | null }) {
  const label = STATES[preview.status] ?? preview.status;
  if (preview.live) return <>Live now: readers see this story.</>;
  if (preview.status === 'scheduled' && publishedAt) {
    return (
      <>
        {label}: goes live <LocalTime iso={publishedAt} />.
      </>
    );
  }
  return <>{label}.</>;
}

/**
 * The story as readers will get it (issue #15 item 1): the API's preview is the public story JSON
 * (the public read side's one serializer), laid out as a simple article. Opened in a new tab from
 * the editor's publishing panel.
 */
export default async function StoryPreviewPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { storyId } = await params;
  const { story, preview } = await loadPreview(storyId, await revisionOf(searchParams));
  return (
    <StoryReader
      story={story}
      banner={
        <>
          {preview.embargoUntil ? (
            <EmbargoNotice until={preview.embargoUntil} ended={Date.parse(preview.embargoUntil) <= Date.parse(preview.generatedAt)} />
          ) : null}
          <div className={`banner ${preview.live ? 'banner-info' : 'banner-warning'} reader-preview-banner`} role="status">
            <p className="banner-title">{preview.live ? 'Preview' : 'Preview — not public'}</p>
            <p>
              <PreviewState preview={preview} publishedAt={story.publishedAt} /> Version {preview.version}.
              {preview.revision !== null ? ` Showing revision #${preview.revision}, as restoring it would make the story.` : ''}
            </p>
          </div>
        </>
      }
    />
  );
}
