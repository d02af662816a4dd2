import type { ReactNode } from 'react';
import { DeskShell } from '@/components/desk-shell';
import '@/components/audio.css';

export default function AudioLayout({ children }: { children: ReactNode }) {
  return <DeskShell>{children}</DeskShell>;
}
