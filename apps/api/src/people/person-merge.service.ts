import { Injectable } from '@nestjs/common';
import { can, normalizeName, type MergePersonInput, type Person } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../common/errors.js';
import { PeopleService } from './people.service.js';
import { PERSON_AUDITED, PERSON_SELECT, writeSearchKeys, type PersonRow } from './people.rows.js';
import { movePersonReferences } from './person-references.js';

/**
 * Merging duplicates: everything that pointed at the duplicate moves to the survivor, in one
 * transaction; the duplicate's names become the survivor's aliases and its slug redirects there.
 */
@Injectable()
export class PersonMergeService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
  ) {}

  async merge(duplicateId: string, input: MergePersonInput, actor: Principal): Promise<Person> {
    if (duplicateId === input.intoId) throw new ValidationError([{ field: 'intoId', message: 'Choose another person to merge into' }]);
    await this.db.transaction(async (tx) => {
      const { duplicate, survivor } = await lockPair(tx, duplicateId, input.intoId);
      if (duplicate.version !== input.version) throw new StaleVersionError('person', duplicate.version);
      if (input.intoVersion !== undefined && survivor.version !== input.intoVersion) {
        throw new StaleVersionError(`person (${survivor.display_name})`, survivor.version);
      }
      if (duplicate.correspondent_id && survivor.correspondent_id) {
        throw new ConflictError(`${duplicate.display_name} and ${survivor.display_name} both have correspondent profiles; delete or unlink one profile first.`);
      }
      if (duplicate.correspondent_id && !can(actor.roles, 'correspondent.write')) {
        throw new ForbiddenError(`${duplicate.display_name} has a correspondent profile: merging moves it, which needs an admin.`);
      }

      const aliases = mergedAliases(survivor, duplicate);
      await tx.query(
        `UPDATE people SET aliases = $2, label_title = COALESCE(label_title, $3), affiliation = CASE WHEN affiliation = '' THEN $4 ELSE affiliation END,
                version = version + 1, updated_at = now(), updated_by = $5 WHERE id = $1`,
        [survivor.id, aliases, duplicate.label_title, duplicate.affiliation, actor.userId],
      );
      await movePersonReferences(tx, duplicate.id, survivor.id);
      // The duplicate's public addresses now lead to the survivor.
      await tx.query(`UPDATE person_slug_redirects SET person_id = $2 WHERE person_id = $1`, [duplicate.id, survivor.id]);
      await tx.query(`INSERT INTO person_slug_redirects (old_slug, person_id) VALUES ($1, $2)`, [duplicate.slug, survivor.id]);
      await tx.query(`DELETE FROM people WHERE id = $1`, [duplicate.id]);
      await writeSearchKeys(tx, survivor.id, { displayName: survivor.display_name, givenName: survivor.given_name, familyName: survivor.family_name, aliases });

      const [after]: PersonRow[] = await tx.query(`${PERSON_SELECT} WHERE p.id = $1`, [survivor.id]);
      await this.audit.record(tx, {
        actor, action: 'merge', entity: 'person', entityId: survivor.id,
        diff: { ...compactDiff(survivor as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, PERSON_AUDITED), mergedFrom: [null, { id: duplicate.id, displayName: duplicate.display_name, slug: duplicate.slug }] },
      });
      await this.audit.record(tx, {
        actor, action: 'merge', entity: 'person', entityId: duplicate.id,
        diff: { ...compactDiff(duplicate as unknown as Record<string, unknown>, null, PERSON_AUDITED), mergedInto: [null, { id: survivor.id, displayName: survivor.display_name }] },
      });
    });
    return this.people.get(input.intoId);
  }
}

/** Locks both people in id order (two merges crossing each other cannot deadlock). */
async function lockPair(tx: EntityManager, duplicateId: string, survivorId: string): Promise<{ duplicate: PersonRow; survivor: PersonRow }> {
  const rows: PersonRow[] = await tx.query(`${PERSON_SELECT} WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR UPDATE OF p`, [[duplicateId, survivorId]]);
  const duplicate = rows.find((row) => row.id === duplicateId);
  const survivor = rows.find((row) => row.id === survivorId);
  if (!duplicate) throw new NotFoundError('Person');
  if (!survivor) throw new NotFoundError('The person to merge into');
  return { duplicate, survivor };
}

/** The survivor's aliases plus the duplicate's names and aliases, without repeating a name the survivor already has. */
export function mergedAliases(survivor: PersonRow, duplicate: PersonRow): string[] {
  const own = new Set([survivor.display_name, `${survivor.given_name} ${survivor.family_name}`].map(normalizeName));
  const seen = new Set<string>();
  const result: string[] = [];
  for (const name of [...survivor.aliases, duplicate.display_name, `${duplicate.given_name} ${duplicate.family_name}`.trim(), ...duplicate.aliases]) {
    const folded = normalizeName(name);
    if (!folded || own.has(folded) || seen.has(folded)) continue;
    seen.add(folded);
    result.push(name);
  }
  return result;
}
