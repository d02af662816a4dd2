import { AuditQuerySchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { NotAllowed } from '@/components/not-allowed';
import { AUDIT_FILTER_KEYS, type AuditFilterValues } from '@/lib/audit';
import { requireUser, serverApi } from '@/lib/server-api';
import { AuditFilters } from './_components/audit-filters';
import { AuditList } from './_components/audit-list';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

/** The filters in the URL, each checked with the contract's schema; an invalid one is ignored. */
function parseFilters(params: SearchParams): AuditFilterValues {
  const filters: AuditFilterValues = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const raw = params[key];
    const parsed = AuditQuerySchema.shape[key].safeParse(typeof raw === 'string' && raw.trim() ? raw : undefined);
    if (parsed.success && parsed.data) filters[key] = parsed.data;
  }
  return filters;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  if (!can(user.roles, 'audit.read')) return <NotAllowed section="the audit log" permission="audit.read" user={user} />;

  const filters = parseFilters(await searchParams);
  const api = await serverApi();
  const [page, actor] = await Promise.all([
    api.call('audit.list', { query: { ...filters, limit: PAGE_SIZE } }),
    filters.actor ? api.call('users.get', { params: { id: filters.actor } }).catch(() => null) : null,
  ]);
  const key = JSON.stringify(filters);

  return (
    <>
      <div className="page-header">
        <h1>Audit log</h1>
        <p className="muted header-note">Every change and sign-in, newest first.</p>
      </div>
      <AuditFilters key={`filters${key}`} filters={filters} actorEmail={actor?.email ?? null} />
      <AuditList key={`list${key}`} initialPage={page} filters={filters} pageSize={PAGE_SIZE} />
    </>
  );
}
