import type { ReactNode } from 'react';
import { DeskShell } from '@/components/desk-shell';
import './schedule.css';
import '@/components/audio.css';

export default function ScheduleLayout({ children }: { children: ReactNode }) {
  return <DeskShell>{children}</DeskShell>;
}
