import type { ReactNode } from 'react';
import { DeskShell } from '@/components/desk-shell';
import './desk.css';
import '@/components/audio.css';

export default function StoriesLayout({ children }: { children: ReactNode }) {
  return <DeskShell>{children}</DeskShell>;
}
