'use client';

import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface Props {
  title: string;
  /** What the confirm button says. */
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
  /** An extra button beside confirm/cancel (e.g. "Remove link"). */
  extra?: ReactNode;
  children: ReactNode;
}

/**
 * A modal dialog of the body editor (native <dialog>: focus stays inside, Escape closes). Rendered in
 * document.body, outside the story's <form>, so its own form and Enter key never submit the story.
 */
export function EditorDialog({ title, confirm, onConfirm, onClose, extra, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    event.stopPropagation();
    onConfirm();
  }

  return createPortal(
    <dialog ref={ref} className="editor-dialog" aria-labelledby="editor-dialog-title" onCancel={onClose} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <h2 id="editor-dialog-title">{title}</h2>
        {children}
        <div className="actions">
          <button type="submit" className="button button-primary">
            {confirm}
          </button>
          {extra}
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}
