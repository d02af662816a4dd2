'use client';

import type { RichTextDoc } from '@newsdesk/contracts';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useEffectEvent, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { BodyToolbar } from './toolbar';
import { BODY_EXTENSIONS, toRichTextDoc } from './extensions';
import { ImageDialog } from './image-dialog';
import { LinkDialog } from './link-dialog';

export interface BodyEditorHandle {
  focus: () => void;
}

interface Props {
  id: string;
  labelId: string;
  describedBy?: string;
  invalid: boolean;
  /** The document to show; taken again only when `resetKey` changes (a reload or restore), not on every save. */
  value: RichTextDoc;
  resetKey: number;
  editable: boolean;
  onChange: (doc: RichTextDoc) => void;
  ref?: Ref<BodyEditorHandle>;
}

type Dialog = 'link' | 'image' | null;

/**
 * The story body: a Tiptap editor over the contract's RichTextDoc. Client-only (immediatelyRender:
 * false): the server renders the frame and the toolbar, the document appears once hydrated.
 */
export function BodyEditor({ id, labelId, describedBy, invalid, value, resetKey, editable, onChange, ref }: Props) {
  const [dialog, setDialog] = useState<Dialog>(null);
  // The editor's onUpdate is an editor event, not an Effect: it reads the latest onChange through a ref.
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  const editor = useEditor({
    extensions: BODY_EXTENSIONS,
    content: value,
    editable,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        id,
        class: 'body-editor-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        spellcheck: 'true',
      },
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          setDialog('link');
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: current }) => onChangeRef.current(toRichTextDoc(current.getJSON())),
  });

  useImperativeHandle(ref, () => ({ focus: () => editor?.commands.focus() }), [editor]);

  // A reload or a restored revision replaces the document (without counting as the user's edit).
  const shownReset = useRef(resetKey);
  const replaceContent = useEffectEvent(() => editor?.commands.setContent(value, { emitUpdate: false }));
  useEffect(() => {
    if (shownReset.current === resetKey) return;
    shownReset.current = resetKey;
    replaceContent();
  }, [resetKey]);

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);

  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    if (invalid) dom.setAttribute('aria-invalid', 'true');
    else dom.removeAttribute('aria-invalid');
    if (describedBy) dom.setAttribute('aria-describedby', describedBy);
    else dom.removeAttribute('aria-describedby');
    if (!editable) dom.setAttribute('aria-readonly', 'true');
    else dom.removeAttribute('aria-readonly');
  }, [editor, invalid, describedBy, editable]);

  return (
    <div className={`body-editor${invalid ? ' body-editor-invalid' : ''}${editable ? '' : ' body-editor-readonly'}`}>
      {editor && editable ? (
        <BodyToolbar editor={editor} disabled={!editable} onLink={() => setDialog('link')} onImage={() => setDialog('image')} />
      ) : null}
      {editor ? <EditorContent editor={editor} /> : <div className="body-editor-content body-editor-loading" aria-hidden="true" />}
      {editor && dialog === 'link' ? <LinkDialog editor={editor} onClose={() => setDialog(null)} /> : null}
      {editor && dialog === 'image' ? <ImageDialog editor={editor} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
