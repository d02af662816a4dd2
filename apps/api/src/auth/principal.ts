import type { Role } from '@newsdesk/contracts';

/** Who is making a request, resolved from a session. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  sessionId: string;
  /** How the session token arrived: cookie-authenticated writes need the CSRF header. */
  via: 'cookie' | 'bearer';
}
