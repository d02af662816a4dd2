import type { ReactNode } from 'react';
import { DeskShell } from '@/components/desk-shell';
import '@/components/people-desk.css';

export default function PeopleLayout({ children }: { children: ReactNode }) {
  return <DeskShell>{children}</DeskShell>;
}
