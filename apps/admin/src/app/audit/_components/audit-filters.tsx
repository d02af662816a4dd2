'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { AUDIT_ACTIONS, AuditQuerySchema, IdSchema, type StaffUser } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { fieldAria } from '@/components/field';
import { FieldMessage } from '@/components/field-message';
import { browserApi, isSessionEnd } from '@/lib/api';
import { ACTION_LABELS, AUDIT_ENTITIES, ENTITY_LABELS, type AuditFilterValues } from '@/lib/audit';
import { isoToLocalInput, localInputToIso } from '@/lib/format';

const localTime = z.string().refine((value) => value === '' || localInputToIso(value) !== null, 'Enter a valid date and time');

/**
 * The filters as typed: '' for "any". The actor is an email (picked from the users the API finds
 * while typing) or a user id; times are the browser's local time, sent to the API as ISO instants.
 */
const AuditFilterFormSchema = z
  .object({
    entity: z.enum(AUDIT_ENTITIES).or(z.literal('')),
    action: z.enum(AUDIT_ACTIONS).or(z.literal('')),
    entityId: AuditQuerySchema.shape.entityId.unwrap(),
    actor: z.string().trim().max(254),
    from: localTime,
    to: localTime,
  })
  .refine((values) => !values.from || !values.to || (localInputToIso(values.from) ?? '') < (localInputToIso(values.to) ?? ''), {
    path: ['to'],
    message: 'Must be later than "From"',
  });
type FormInput = z.input<typeof AuditFilterFormSchema>;
type FormValues = z.output<typeof AuditFilterFormSchema>;

function toFormInput(filters: AuditFilterValues, actorEmail: string | null): FormInput {
  const entity = (AUDIT_ENTITIES as readonly string[]).includes(filters.entity ?? '') ? (filters.entity as FormInput['entity']) : '';
  const action = (AUDIT_ACTIONS as readonly string[]).includes(filters.action ?? '') ? (filters.action as FormInput['action']) : '';
  return {
    entity,
    action,
    entityId: filters.entityId ?? '',
    actor: actorEmail ?? filters.actor ?? '',
    // Local time of the browser: computed again on the client, and only ever set on the inputs after hydration.
    from: isoToLocalInput(filters.from),
    to: isoToLocalInput(filters.to),
  };
}

const sameEmail = (user: StaffUser, email: string) => user.email.toLowerCase() === email.toLowerCase();

export function AuditFilters({ filters, actorEmail }: { filters: AuditFilterValues; actorEmail: string | null }) {
  const router = useRouter();
  const [people, setPeople] = useState<StaffUser[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormValues>({
    resolver: zodResolver(AuditFilterFormSchema),
    defaultValues: toFormInput(filters, actorEmail),
  });
  const actorText = useWatch({ control, name: 'actor' });

  // The actor picker: users whose name or email match what is typed (GET /api/users), a moment after typing stops.
  useEffect(() => {
    const q = actorText?.trim() ?? '';
    if (q.length < 2 || IdSchema.safeParse(q).success) return;
    let stale = false;
    const timer = window.setTimeout(() => {
      browserApi
        .call('users.list', { query: { q, limit: 10 } })
        .then((page) => {
          if (!stale) setPeople(page.items);
        })
        .catch(() => {
          // The picker is a convenience; a failed lookup leaves the suggestions as they were.
        });
    }, 250);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [actorText]);

  async function actorId(text: string): Promise<string | null | undefined> {
    if (!text) return undefined;
    if (IdSchema.safeParse(text).success) return text;
    const known = people.find((user) => sameEmail(user, text));
    if (known) return known.id;
    const found = await browserApi.call('users.list', { query: { q: text, limit: 20 } });
    return found.items.find((user) => sameEmail(user, text))?.id ?? null;
  }

  const onSubmit = handleSubmit(async (values) => {
    let actor: string | null | undefined;
    try {
      actor = await actorId(values.actor);
    } catch (error) {
      if (isSessionEnd(error)) return;
      setError('actor', { type: 'server', message: 'Could not look up this user; try again' });
      return;
    }
    if (actor === null) {
      setError(
        'actor',
        { type: 'server', message: 'No user has this email; pick one from the suggestions or enter a user id' },
        { shouldFocus: true },
      );
      return;
    }
    const params = new URLSearchParams();
    if (values.entity) params.set('entity', values.entity);
    if (values.entityId) params.set('entityId', values.entityId);
    if (actor) params.set('actor', actor);
    if (values.action) params.set('action', values.action);
    const from = values.from ? localInputToIso(values.from) : null;
    const to = values.to ? localInputToIso(values.to) : null;
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    const query = params.toString();
    router.push(query ? `/audit?${query}` : '/audit');
  });

  return (
    <form onSubmit={onSubmit} noValidate className="filter-form" role="search" aria-label="Filter the audit log">
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="audit-entity">Record type</label>
          <select id="audit-entity" {...register('entity')}>
            <option value="">Any</option>
            {AUDIT_ENTITIES.map((entity) => (
              <option key={entity} value={entity}>
                {ENTITY_LABELS[entity]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" {...register('action')}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {ACTION_LABELS[action]} ({action})
              </option>
            ))}
          </select>
        </div>
        <div className={errors.actor ? 'field field-invalid' : 'field'}>
          <label htmlFor="audit-actor">Done by</label>
          <input
            type="search"
            list="audit-actor-options"
            autoComplete="off"
            spellCheck={false}
            placeholder="Email or user id"
            {...fieldAria('audit-actor', { error: errors.actor })}
            {...register('actor')}
          />
          <datalist id="audit-actor-options">
            {people.map((user) => (
              <option key={user.id} value={user.email}>
                {user.name}
              </option>
            ))}
          </datalist>
          <FieldMessage id="audit-actor-error" error={errors.actor} />
        </div>
        <div className={errors.entityId ? 'field field-invalid' : 'field'}>
          <label htmlFor="audit-entity-id">Record id</label>
          <input
            className="input-mono"
            autoComplete="off"
            spellCheck={false}
            {...fieldAria('audit-entity-id', { error: errors.entityId })}
            {...register('entityId')}
          />
          <FieldMessage id="audit-entity-id-error" error={errors.entityId} />
        </div>
        <div className={errors.from ? 'field field-invalid' : 'field'}>
          <label htmlFor="audit-from">From</label>
          <input type="datetime-local" {...fieldAria('audit-from', { error: errors.from })} {...register('from')} />
          <FieldMessage id="audit-from-error" error={errors.from} />
        </div>
        <div className={errors.to ? 'field field-invalid' : 'field'}>
          <label htmlFor="audit-to">Until</label>
          <input type="datetime-local" {...fieldAria('audit-to', { error: errors.to })} {...register('to')} />
          <FieldMessage id="audit-to-error" error={errors.to} />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          Apply filters
        </button>
        <Link href="/audit">Clear filters</Link>
        <span className="field-hint">Times are in your time zone.</span>
      </div>
    </form>
  );
}
