import type { ReactNode } from 'react';
import { DeskShell } from '@/components/desk-shell';

export default function DistributionLayout({ children }: { children: ReactNode }) {
  return <DeskShell>{children}</DeskShell>;
}
