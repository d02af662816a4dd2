import Link from 'next/link';

interface Props {
  /** The list this record belongs to, shown above the title. */
  section: { href: string; label: string };
  /** The heading's id (the form is labelled by it). */
  titleId: string;
  title: string;
  /** "Saving…", "Unsaved changes", the last result; announced as a status. */
  saveState: string;
  /** Shown only to those who may save. */
  canWrite: boolean;
  /** Some action is under way: Save waits. */
  busy: boolean;
  /** That action is the save itself. */
  saving: boolean;
  /** The record changed elsewhere since it was loaded. */
  stale?: boolean;
  saveStateId?: string;
  keyShortcuts?: string;
}

/** An editor's header: its section and title, the save state and the Save button (the form's submit). */
export function EditorHeader({ section, titleId, title, saveState, canWrite, busy, saving, stale, saveStateId, keyShortcuts }: Props) {
  return (
    <div className="page-header">
      <div>
        <p className="eyebrow">
          <Link href={section.href}>{section.label}</Link>
        </p>
        <h1 id={titleId}>{title}</h1>
      </div>
      <div className="editor-actions">
        <p className={`save-state${stale ? ' save-state-stale' : ''}`} role="status" id={saveStateId}>
          {saveState}
        </p>
        {canWrite ? (
          <button type="submit" className="button button-primary" disabled={busy} aria-keyshortcuts={keyShortcuts}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        ) : null}
      </div>
    </div>
  );
}
