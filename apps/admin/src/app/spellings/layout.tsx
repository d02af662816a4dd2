import type { ReactNode } from 'react';
import { DeskShell } from '@/components/desk-shell';
import '../stories/desk.css';

export default function SpellingsLayout({ children }: { children: ReactNode }) {
  return <DeskShell>{children}</DeskShell>;
}
