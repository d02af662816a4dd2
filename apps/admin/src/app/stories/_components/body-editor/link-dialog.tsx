'use client';

import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { EditorDialog } from './editor-dialog';
import { SAFE_LINK } from './extensions';

/** Adds, changes or removes the link on the selection; only http(s) and mailto addresses are accepted. */
export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [href, setHref] = useState(current);
  const [error, setError] = useState<string | null>(null);

  function apply() {
    const url = href.trim();
    if (!url) {
      setError('Enter the address to link to');
      return;
    }
    if (!SAFE_LINK.test(url)) {
      setError('Use an http(s) or mailto link, e.g. https://example.org/page');
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: insert the address itself as the link's text.
      chain.insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
    } else {
      chain.setLink({ href: url }).run();
    }
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  }

  return (
    <EditorDialog
      title={current ? 'Edit link' : 'Add link'}
      confirm="Apply link"
      onConfirm={apply}
      onClose={() => {
        onClose();
        editor.commands.focus();
      }}
      extra={
        current ? (
          <button type="button" className="button" onClick={remove}>
            Remove link
          </button>
        ) : null
      }
    >
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor="link-href">Link address</label>
        <input
          id="link-href"
          type="url"
          inputMode="url"
          autoComplete="off"
          autoFocus
          placeholder="https://"
          value={href}
          onChange={(event) => {
            setHref(event.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'link-href-hint link-href-error' : 'link-href-hint'}
        />
        <p id="link-href-hint" className="field-hint">
          An http(s) web address or a mailto: email link.
        </p>
        {error ? (
          <p id="link-href-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </EditorDialog>
  );
}
