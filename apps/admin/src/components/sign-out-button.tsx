'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { browserApi } from '@/lib/api';

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    try {
      await browserApi.call('auth.logout');
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    router.replace('/login');
    router.refresh();
  }

  return (
    <button type="button" className="button button-quiet" onClick={signOut} disabled={pending}>
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
