import { isCueTurn, type StoryPreview } from '@newsdesk/contracts';
import type { ReactNode } from 'react';
import { LocalTime } from '@/components/local-time';
import './story-reader.css';

interface Props {
  /** The public story JSON (the API's one serializer), as a preview or a share link answers it. */
  story: StoryPreview['story'];
  /** What the reader is looking at (preview state, embargo, a guest's notice), above the headline. */
  banner?: ReactNode;
}

/**
 * A story laid out as readers get it: headline, teaser, byline, dateline, the primary audio, body,
 * transcript with its labels, corrections and credit line. The staff preview
 * (/stories/[storyId]/preview) and a guest's shared link (/shared/[token]) both render it.
 */
export function StoryReader({ story, banner }: Props) {
  const primary = story.audioItems.find((item) => item.primary) ?? null;
  return (
    <article className="reader-preview" aria-labelledby="preview-headline">
      {banner}

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
