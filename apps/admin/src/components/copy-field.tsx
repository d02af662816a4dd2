'use client';

import { useRef, useState, type ReactNode } from 'react';

/** Copies with the Clipboard API, or by selecting the input and the legacy copy command where that is missing. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!input) return false;
    input.select();
    return document.execCommand('copy');
  }
}

/**
 * A read-only address with a Copy button (and any other buttons after it), a hint, and a status line
 * that says whether the copy worked. Used for set-password links, feed addresses and share links.
 */
export function CopyField({
  id,
  label,
  value,
  what = 'link',
  copyLabel = 'Copy',
  primary = false,
  hint,
  children,
}: {
  id: string;
  label: ReactNode;
  value: string;
  /** Named in the fallback message ("select the link and copy it yourself"). */
  what?: string;
  copyLabel?: string;
  primary?: boolean;
  hint?: ReactNode;
  /** Extra actions after the Copy button. */
  children?: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div className="password-link-row">
        <input id={id} ref={input} className="input-mono" readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
        <button
          type="button"
          className={primary ? 'button button-primary' : 'button'}
          onClick={() => void copyText(value, input.current).then(setCopied)}
        >
          {copyLabel}
        </button>
        {children}
      </div>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <p className="copy-state" role="status">
        {copied === true ? 'Copied to the clipboard.' : copied === false ? `Could not copy: select the ${what} and copy it yourself.` : ''}
      </p>
    </>
  );
}
