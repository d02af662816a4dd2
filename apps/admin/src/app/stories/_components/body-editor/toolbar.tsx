'use client';

import { useEditorState, type Editor } from '@tiptap/react';

interface Props {
  editor: Editor;
  disabled: boolean;
  onLink: () => void;
  onImage: () => void;
}

interface ButtonSpec {
  label: string;
  text: string;
  shortcut?: string;
  active: (state: ToolbarState) => boolean;
  run: (editor: Editor) => void;
}

type ToolbarState = ReturnType<typeof readState>;

function readState(editor: Editor) {
  return {
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    underline: editor.isActive('underline'),
    strike: editor.isActive('strike'),
    superscript: editor.isActive('superscript'),
    subscript: editor.isActive('subscript'),
    h2: editor.isActive('heading', { level: 2 }),
    h3: editor.isActive('heading', { level: 3 }),
    h4: editor.isActive('heading', { level: 4 }),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    blockquote: editor.isActive('blockquote'),
    link: editor.isActive('link'),
    image: editor.isActive('image'),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

const GROUPS: ButtonSpec[][] = [
  [
    { label: 'Bold', text: 'B', shortcut: 'Control+B', active: (s) => s.bold, run: (e) => e.chain().focus().toggleBold().run() },
    { label: 'Italic', text: 'I', shortcut: 'Control+I', active: (s) => s.italic, run: (e) => e.chain().focus().toggleItalic().run() },
    {
      label: 'Underline',
      text: 'U',
      shortcut: 'Control+U',
      active: (s) => s.underline,
      run: (e) => e.chain().focus().toggleUnderline().run(),
    },
    { label: 'Strikethrough', text: 'S', active: (s) => s.strike, run: (e) => e.chain().focus().toggleStrike().run() },
    {
      label: 'Superscript',
      text: 'x²',
      active: (s) => s.superscript,
      run: (e) => e.chain().focus().unsetMark('subscript').toggleMark('superscript').run(),
    },
    {
      label: 'Subscript',
      text: 'x₂',
      active: (s) => s.subscript,
      run: (e) => e.chain().focus().unsetMark('superscript').toggleMark('subscript').run(),
    },
  ],
  [
    { label: 'Heading 2', text: 'H2', active: (s) => s.h2, run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
    { label: 'Heading 3', text: 'H3', active: (s) => s.h3, run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
    { label: 'Heading 4', text: 'H4', active: (s) => s.h4, run: (e) => e.chain().focus().toggleHeading({ level: 4 }).run() },
  ],
  [
    { label: 'Bulleted list', text: '•', active: (s) => s.bulletList, run: (e) => e.chain().focus().toggleBulletList().run() },
    { label: 'Numbered list', text: '1.', active: (s) => s.orderedList, run: (e) => e.chain().focus().toggleOrderedList().run() },
    { label: 'Quote', text: '❝', active: (s) => s.blockquote, run: (e) => e.chain().focus().toggleBlockquote().run() },
    { label: 'Horizontal rule', text: '―', active: () => false, run: (e) => e.chain().focus().setHorizontalRule().run() },
  ],
];

/** The formatting buttons above the body: toggle buttons say whether they are on (aria-pressed). */
export function BodyToolbar({ editor, disabled, onLink, onImage }: Props) {
  const state = useEditorState({ editor, selector: ({ editor: current }) => readState(current) });

  return (
    <div className="body-toolbar" role="toolbar" aria-label="Formatting" aria-controls="story-body">
      {GROUPS.map((group, index) => (
        <div className="body-toolbar-group" key={index}>
          {group.map((button) => (
            <button
              key={button.label}
              type="button"
              className="toolbar-button"
              aria-label={button.label}
              title={button.shortcut ? `${button.label} (${button.shortcut.replace('Control', 'Ctrl')})` : button.label}
              aria-pressed={button.label === 'Horizontal rule' ? undefined : button.active(state)}
              aria-keyshortcuts={button.shortcut}
              disabled={disabled}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => button.run(editor)}
            >
              {button.text}
            </button>
          ))}
        </div>
      ))}
      <div className="body-toolbar-group">
        <button
          type="button"
          className="toolbar-button"
          aria-label="Link"
          title="Link (Ctrl+K)"
          aria-keyshortcuts="Control+K"
          aria-pressed={state.link}
          disabled={disabled}
          onClick={onLink}
        >
          Link
        </button>
        <button
          type="button"
          className="toolbar-button"
          aria-label="Image"
          title="Insert or edit an image"
          aria-pressed={state.image}
          disabled={disabled}
          onClick={onImage}
        >
          Image
        </button>
      </div>
      <div className="body-toolbar-group">
        <button
          type="button"
          className="toolbar-button"
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
          disabled={disabled || !state.canUndo}
          onClick={() => editor.chain().focus().undo().run()}
        >
          ↶
        </button>
        <button
          type="button"
          className="toolbar-button"
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
          disabled={disabled || !state.canRedo}
          onClick={() => editor.chain().focus().redo().run()}
        >
          ↷
        </button>
      </div>
    </div>
  );
}
