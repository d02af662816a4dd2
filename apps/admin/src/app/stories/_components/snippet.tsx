import { Fragment } from 'react';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text an escaped piece of a snippet stands for (the five entities the API escapes with). */
function unescape(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * A search snippet from the API: HTML-escaped text whose only markup is `<mark>` around the
 * matches. Even so it is never used as HTML here: it is split on the two mark tags, each piece
 * unescaped and rendered as text by React (so a snippet that somehow held other markup would show
 * it as text, never run it).
 */
export function Snippet({ html }: { html: string }) {
  let marked = false;
  const parts: Array<{ text: string; marked: boolean }> = [];
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece) parts.push({ text: unescape(piece), marked });
  }
  return (
    <span className="snippet">
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>))}
    </span>
  );
}
