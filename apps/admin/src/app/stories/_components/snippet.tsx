import { Fragment } from 'react';

/**
 * A search snippet from the API: text with `<mark>` highlights (PostgreSQL's ts_headline over the
 * story's plain text). The text itself is not HTML-escaped by the database, so it is never used as
 * HTML: it is split on the two mark tags and every piece rendered as text.
 */
export function Snippet({ html }: { html: string }) {
  let marked = false;
  const parts: Array<{ text: string; marked: boolean }> = [];
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece) parts.push({ text: piece, marked });
  }
  return (
    <span className="snippet">
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>))}
    </span>
  );
}
