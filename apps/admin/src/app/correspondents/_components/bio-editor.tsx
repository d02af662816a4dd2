'use client';

import { useRef, type TextareaHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

interface Props extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'onChange' | 'onBlur'> {
  registration: UseFormRegisterReturn;
  /** Writes the textarea's new value into the form (the toolbar edits text outside React's events). */
  setValue: (value: string) => void;
}

type Wrap = { label: string; title: string; before: string; after: string; placeholder: string };

const TOOLS: Wrap[] = [
  { label: 'P', title: 'Paragraph', before: '<p>', after: '</p>', placeholder: 'Paragraph' },
  { label: 'B', title: 'Bold', before: '<strong>', after: '</strong>', placeholder: 'bold text' },
  { label: 'I', title: 'Italic', before: '<em>', after: '</em>', placeholder: 'italic text' },
  { label: 'List', title: 'Bulleted list', before: '<ul>\n  <li>', after: '</li>\n</ul>', placeholder: 'item' },
];

/**
 * The bio as HTML in a textarea, with a small toolbar that wraps the selection in the tags the
 * server keeps (paragraphs, bold, italic, lists, links); the server sanitizes whatever is sent.
 * (Stories get a real rich-text editor later; the bio can move to it then.)
 */
export function BioEditor({ registration, setValue, disabled, ...rest }: Props) {
  const textarea = useRef<HTMLTextAreaElement | null>(null);

  function wrap(before: string, after: string, placeholder: string) {
    const element = textarea.current;
    if (!element) return;
    const { selectionStart: start, selectionEnd: end, value } = element;
    const selected = value.slice(start, end) || placeholder;
    const next = `${value.slice(0, start)}${before}${selected}${after}${value.slice(end)}`;
    setValue(next);
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(start + before.length, start + before.length + selected.length);
    });
  }

  function link() {
    const url = window.prompt('Link address (https://…)');
    if (!url) return;
    if (!/^(https?:\/\/|mailto:)/i.test(url)) {
      window.alert('Use a full address starting with https:// (or mailto:).');
      return;
    }
    wrap(`<a href="${url.replace(/"/g, '&quot;')}">`, '</a>', 'link text');
  }

  return (
    <>
      {!disabled ? (
        <div className="bio-toolbar" role="toolbar" aria-label="Bio formatting">
          {TOOLS.map((tool) => (
            <button
              key={tool.label}
              type="button"
              className="button button-quiet"
              title={tool.title}
              aria-label={tool.title}
              onClick={() => wrap(tool.before, tool.after, tool.placeholder)}
            >
              {tool.label}
            </button>
          ))}
          <button type="button" className="button button-quiet" title="Link" aria-label="Link" onClick={link}>
            Link
          </button>
        </div>
      ) : null}
      <textarea
        {...rest}
        disabled={disabled}
        {...registration}
        ref={(element) => {
          registration.ref(element);
          textarea.current = element;
        }}
      />
    </>
  );
}
