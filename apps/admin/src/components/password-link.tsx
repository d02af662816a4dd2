'use client';

import type { PasswordLink } from '@newsdesk/contracts';
import { useRef, useState } from 'react';
import { LocalTime } from './local-time';

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
 * A one-time set-password link, shown once (the API stores only its hash): the link itself, a Copy
 * button and when it expires. The admin hands it to the person it is for.
 */
export function PasswordLinkBox({ link, forName, id }: { link: PasswordLink; forName: string; id: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  async function copy() {
    setCopied(await copyText(link.url, input.current));
  }

  return (
    <div className="password-link">
      <label htmlFor={id}>Set-password link for {forName}</label>
      <div className="password-link-row">
        <input id={id} ref={input} className="input-mono" readOnly value={link.url} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" className="button button-primary" onClick={copy}>
          Copy link
        </button>
      </div>
      <p className="field-hint">
        Works once, until <LocalTime iso={link.expiresAt} />. It is shown only now: copy it and hand it over in person or through a channel
        you trust.
      </p>
      <p className="copy-state" role="status">
        {copied === true ? 'Copied to the clipboard.' : copied === false ? 'Could not copy: select the link and copy it yourself.' : ''}
      </p>
    </div>
  );
}
