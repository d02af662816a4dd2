import { Injectable } from '@nestjs/common';
import { can, normalizeName, type MergePersonInput, type Person } from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import type { Principal } from '../auth/principal.js';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { PeopleService } from './people.service.js';
import { PeopleRepository, type PersonRow } from './people.repository.js';
import { PERSON_AUDITED } from './people.rows.js';
import { PersonReferences } from './person-references.js';

/** Both people of a merge, locked; `version` is the duplicate's (the record the client edited). */
interface MergePair {
  version: number;
  duplicate: PersonRow;
  survivor: PersonRow;
}

/**
 * Merging duplicates: everything that pointed at the duplicate moves to the survivor, in one
 * transaction; the duplicate's names become the survivor's aliases and its slug redirects there.
 */
@Injectable()
export class PersonMergeService {
  constructor(
    private readonly repository: PeopleRepository,
    private readonly writer: VersionedWriter,
    private readonly people: PeopleService,
    private readonly references: PersonReferences,
  ) {}

  async merge(duplicateId: string, input: MergePersonInput, actor: Principal): Promise<Person> {
    if (duplicateId === input.intoId) throw new ValidationError([{ field: 'intoId', message: 'Choose another person to merge into' }]);
    await this.writer.write<MergePair, PersonRow>({
      what: 'person',
      version: input.version,
      lock: (tx) => this.lockPair(tx, duplicateId, input.intoId),
      apply: async (tx, { duplicate, survivor }) => {
        if (input.intoVersion !== undefined && survivor.version !== input.intoVersion) {
          throw new StaleVersionError(`person (${survivor.display_name})`, survivor.version);
        }
        if (duplicate.correspondent_id && survivor.correspondent_id) {
          throw new ConflictError(
            `${duplicate.display_name} and ${survivor.display_name} both have correspondent profiles; delete or unlink one profile first.`,
          );
        }
        if (duplicate.correspondent_id && !can(actor.roles, 'correspondent.write')) {
          throw new ForbiddenError(`${duplicate.display_name} has a correspondent profile: merging moves it, which needs an admin.`);
        }
        const aliases = mergedAliases(survivor, duplicate);
        await this.repository.absorb(tx, survivor.id, aliases, duplicate, actor.userId);
        await this.references.move(tx, duplicate.id, survivor.id);
        // The duplicate's public addresses now lead to the survivor.
        await this.repository.removeMerged(tx, duplicate, survivor.id);
        await this.repository.writeSearchKeys(tx, survivor.id, {
          displayName: survivor.display_name,
          givenName: survivor.given_name,
          familyName: survivor.family_name,
          aliases,
        });
        return this.people.rowAfterWrite(tx, survivor.id);
      },
      audit: ({ duplicate, survivor }, after) => [
        {
          actor,
          action: 'merge',
          entity: 'person',
          entityId: survivor.id,
          diff: {
            ...compactDiff(survivor, after, PERSON_AUDITED),
            mergedFrom: [null, { id: duplicate.id, displayName: duplicate.display_name, slug: duplicate.slug }],
          },
        },
        {
          actor,
          action: 'merge',
          entity: 'person',
          entityId: duplicate.id,
          diff: {
            ...compactDiff(duplicate, null, PERSON_AUDITED),
            mergedInto: [null, { id: survivor.id, displayName: survivor.display_name }],
          },
        },
      ],
    });
    return this.people.get(input.intoId);
  }

  /** Locks both people in id order (two merges crossing each other cannot deadlock). */
  private async lockPair(tx: EntityManager, duplicateId: string, survivorId: string): Promise<MergePair> {
    const rows = await this.repository.lockMany(tx, [duplicateId, survivorId]);
    const duplicate = rows.find((row) => row.id === duplicateId);
    const survivor = rows.find((row) => row.id === survivorId);
    if (!duplicate) throw new NotFoundError('Person');
    if (!survivor) throw new NotFoundError('The person to merge into');
    return { version: duplicate.version, duplicate, survivor };
  }
}

/** The survivor's aliases plus the duplicate's names and aliases, without repeating a name the survivor already has. */
export function mergedAliases(survivor: PersonRow, duplicate: PersonRow): string[] {
  const own = new Set([survivor.display_name, `${survivor.given_name} ${survivor.family_name}`].map(normalizeName));
  const seen = new Set<string>();
  const result: string[] = [];
  for (const name of [
    ...survivor.aliases,
    duplicate.display_name,
    `${duplicate.given_name} ${duplicate.family_name}`.trim(),
    ...duplicate.aliases,
  ]) {
    const folded = normalizeName(name);
    if (!folded || own.has(folded) || seen.has(folded)) continue;
    seen.add(folded);
    result.push(name);
  }
  return result;
}
