import type { Role } from '@newsdesk/contracts';
import { ROLE_LABELS } from '@/lib/format';

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  return (
    <ul className="role-badges" aria-label="Roles">
      {roles.map((role) => (
        <li key={role} className={`badge badge-role badge-role-${role}`}>
          {ROLE_LABELS[role]}
        </li>
      ))}
    </ul>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  return <span className={active ? 'badge badge-active' : 'badge badge-deactivated'}>{active ? 'Active' : 'Deactivated'}</span>;
}
