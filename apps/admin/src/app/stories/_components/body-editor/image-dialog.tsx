'use client';

import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { BodyImageMedia } from './body-image-media';
import { EditorDialog } from './editor-dialog';
import { SAFE_IMAGE_SOURCE } from './extensions';

type ImageField = 'src' | 'alt' | 'credit';

const LABELS: Record<ImageField, { label: string; hint: string }> = {
  src: { label: 'Image address', hint: 'An http(s) URL, or a path on this site starting with /.' },
  alt: { label: 'Alt text', hint: 'What the image shows, for readers who cannot see it. Required to publish.' },
  credit: { label: 'Image credit', hint: 'e.g. "Jane Doe/Newsdesk". Required to publish.' },
};

function problemsOf(values: Record<ImageField, string>): Partial<Record<ImageField, string>> {
  const problems: Partial<Record<ImageField, string>> = {};
  if (!values.src.trim()) problems.src = 'Enter the image address';
  else if (!SAFE_IMAGE_SOURCE.test(values.src.trim())) problems.src = 'Use an http(s) URL or a path starting with /';
  if (!values.alt.trim()) problems.alt = 'Describe the image for readers who cannot see it';
  else if (values.alt.length > 500) problems.alt = 'Alt text has at most 500 characters';
  if (!values.credit.trim()) problems.credit = 'Credit the image';
  else if (values.credit.length > 300) problems.credit = 'A credit has at most 300 characters';
  return problems;
}

/** Inserts an image by URL, or edits the selected one; alt text and credit are required. */
export function ImageDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const editing = editor.isActive('image');
  const attrs = editing ? editor.getAttributes('image') : {};
  const [values, setValues] = useState<Record<ImageField, string>>({
    src: (attrs.src as string | undefined) ?? '',
    alt: (attrs.alt as string | undefined) ?? '',
    credit: (attrs.credit as string | undefined) ?? '',
  });
  const [problems, setProblems] = useState<Partial<Record<ImageField, string>>>({});

  function apply() {
    const found = problemsOf(values);
    setProblems(found);
    if (Object.keys(found).length) {
      document.getElementById(`image-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const next = { src: values.src.trim(), alt: values.alt.trim(), credit: values.credit.trim() };
    if (editing) editor.chain().focus().updateAttributes('image', next).run();
    // A new image goes after the selection, never in place of selected text.
    else editor.chain().focus().setTextSelection(editor.state.selection.to).insertContent({ type: 'image', attrs: next }).run();
    onClose();
  }

  return (
    <EditorDialog
      title={editing ? 'Edit image' : 'Insert image'}
      confirm={editing ? 'Update image' : 'Insert image'}
      onConfirm={apply}
      onClose={() => {
        onClose();
        editor.commands.focus();
      }}
    >
      <BodyImageMedia
        src={values.src}
        onUploaded={(media) =>
          setValues((current) => ({ src: media.url, alt: media.alt || current.alt, credit: media.credit || current.credit }))
        }
      />
      {(Object.keys(LABELS) as ImageField[]).map((field, index) => {
        const id = `image-${field}`;
        const problem = problems[field];
        return (
          <div key={field} className={problem ? 'field field-invalid' : 'field'}>
            <label htmlFor={id}>{LABELS[field].label}</label>
            <input
              id={id}
              autoComplete="off"
              autoFocus={index === 0}
              required
              value={values[field]}
              onChange={(event) => setValues((current) => ({ ...current, [field]: event.target.value }))}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
            />
            <p id={`${id}-hint`} className="field-hint">
              {LABELS[field].hint}
            </p>
            {problem ? (
              <p id={`${id}-error`} className="field-error" role="alert">
                {problem}
              </p>
            ) : null}
          </div>
        );
      })}
    </EditorDialog>
  );
}
