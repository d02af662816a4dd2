import { IdSchema, isCueTurn, type StoryPreview } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { EmbargoNotice } from '@/components/embargo-notice';
import { LocalTime } from '@/components/local-time';
import { isApiError } from '@/lib/api';
import { serverApi } from '@/lib/server-api';
import './preview.css';

type Params = Promise<{ storyId: string }>;

/** One API call per request (`stories.preview`: the public serializer, any state), shared by generateMetadata and the page. */
const loadPreview = cache(async (storyId: string): Promise<StoryPreview> => {
  if (!IdSchema.safeParse(storyId).success) notFound();
  try {
    return await (await serverApi()).call('stories.preview', { params: { id: storyId } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { storyId } = await params;
  const { story } = await loadPreview(storyId);
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
export default async function StoryPreviewPage({ params }: { params: Params }) {
  const { storyId } = await params;
  const { story, preview } = await loadPreview(storyId);
  const primary = story.audioItems.find((item) => item.primary) ?? null;
  return (
    <article className="reader-preview" aria-labelledby="preview-headline">
      {preview.embargoUntil ? (
        <EmbargoNotice until={preview.embargoUntil} ended={Date.parse(preview.embargoUntil) <= Date.parse(preview.generatedAt)} />
      ) : null}
      <div className={`banner ${preview.live ? 'banner-info' : 'banner-warning'} reader-preview-banner`} role="status">
        <p className="banner-title">{preview.live ? 'Preview' : 'Preview — not public'}</p>
        <p>
          <PreviewState preview={preview} publishedAt={story.publishedAt} /> Version {preview.version}.
        </p>
      </div>

      <header>
        <h1 id="preview-headline">{story.headline}</h1>
        {story.teaser ? <p className="reader-preview-teaser">{story.teaser}</p> : null}
        {story.bylines.length > 0 ? (
          <p className="reader-preview-byline">
            By{' '}
            {story.bylines.map((byline, index) => (
              <span key={byline.slug}>
                {index > 0 ? (index === story.bylines.length - 1 ? ' and ' : ', ') : ''}
                {byline.name}
                {byline.title ? `, ${byline.title}` : ''}
              </span>
            ))}
          </p>
        ) : null}
        <p className="reader-preview-meta">
          {story.dateline ? <span className="reader-preview-dateline">{story.dateline}</span> : null}
          {story.publishedAt ? (
            <>
              {story.dateline ? ' · ' : ''}
              <LocalTime iso={story.publishedAt} />
            </>
          ) : null}
        </p>
      </header>

      {primary ? (
        <figure className="reader-preview-audio">
          <audio controls preload="none" src={primary.url} aria-label={`Listen: ${primary.title}`} />
          <figcaption>{primary.title}</figcaption>
        </figure>
      ) : null}

      {/* bodyHtml is sanitised by the API (apps/api/src/stories/story-content.ts runs sanitize-html,
          stories/sanitize.ts sanitizeBody, on every body_html it writes): only therefore is it set as HTML here. */}
      <div className="reader-preview-body" dangerouslySetInnerHTML={{ __html: story.bodyHtml }} />

      {story.transcript.turns.length > 0 ? (
        <section className="reader-preview-transcript" aria-labelledby="preview-transcript-title">
          <h2 id="preview-transcript-title">Transcript</h2>
          {story.transcript.turns.map((turn, index) =>
            isCueTurn(turn) ? (
              <p key={index} className="reader-preview-cue">
                ({turn.cue})
              </p>
            ) : (
              <p key={index}>
                <strong>{turn.label}:</strong> {turn.annotation ? <em>({turn.annotation}) </em> : null}
                {turn.text}
              </p>
            ),
          )}
        </section>
      ) : null}

      {story.corrections.length > 0 ? (
        <section className="reader-preview-corrections" aria-labelledby="preview-corrections-title">
          <h2 id="preview-corrections-title">Corrections</h2>
          <ul>
            {story.corrections.map((correction) => (
              <li key={correction.correctedAt + correction.text}>
                <LocalTime iso={correction.correctedAt} />: {correction.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {story.credit ? <p className="reader-preview-credit">{story.credit}</p> : null}
    </article>
  );
}
