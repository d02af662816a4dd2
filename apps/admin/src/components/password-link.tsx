'use client';

import type { PasswordLink } from '@newsdesk/contracts';
import { CopyField } from './copy-field';
import { LocalTime } from './local-time';

/**
 * A one-time set-password link, shown once (the API stores only its hash): the link itself, a Copy
 * button and when it expires. The admin hands it to the person it is for.
 */
export function PasswordLinkBox({ link, forName, id }: { link: PasswordLink; forName: string; id: string }) {
  return (
    <div className="password-link">
      <CopyField
        id={id}
        label={`Set-password link for ${forName}`}
        value={link.url}
        copyLabel="Copy link"
        primary
        hint={
          <>
            Works once, until <LocalTime iso={link.expiresAt} />. It is shown only now: copy it and hand it over in person or through a
            channel you trust.
          </>
        }
      />
    </div>
  );
}
