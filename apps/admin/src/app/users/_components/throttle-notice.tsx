import type { LoginThrottle } from '@newsdesk/contracts';
import Link from 'next/link';

/** On the Users page: sign-in throttling in force now, above all accounts under attack from many addresses. */
export function ThrottleNotice({ items }: { items: LoginThrottle[] }) {
  const active = items.filter((item) => item.active);
  if (active.length === 0) return null;
  const targeted = active.filter((item) => item.scope === 'account').flatMap((item) => item.accounts);
  const addresses = active.filter((item) => item.scope !== 'account').length;
  return (
    <div className="banner banner-warning" role="status">
      <p className="banner-title">Sign-in throttling in force</p>
      {targeted.length ? (
        <p>Failing sign-ins from many addresses for: {targeted.join(', ')}. They can still sign in with the right password.</p>
      ) : null}
      {addresses ? (
        <p>{addresses === 1 ? '1 address is' : `${addresses} addresses are`} refused for now after too many failed sign-ins.</p>
      ) : null}
      <p>
        <Link href="/users/throttling">Review sign-in throttling</Link>
      </p>
    </div>
  );
}
