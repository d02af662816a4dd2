import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, StaleVersionError } from './errors.js';

/** One versioned write of one record; see VersionedWriter. */
export interface VersionedWrite<Row extends { version: number }, Result> {
  /** What messages call the record: "story", "profile", "segment" (404 "Story", 409 "This story changed ..."). */
  what: string;
  /** The version the client edited. */
  version: number;
  /** `SELECT ... FOR UPDATE` of the record (its repository); undefined when there is none. */
  lock(tx: EntityManager): Promise<Row | undefined>;
  /** Optional: the contract fields changed since the client's version, for the 409 body's `changedFields`. */
  changedSince?(tx: EntityManager, row: Row, version: number): Promise<string[] | undefined>;
  /** The write itself, which sets `version = version + 1`; returns what the caller answers with. */
  apply(tx: EntityManager, row: Row): Promise<Result>;
  /** The audit entries of this write (none: null or []), recorded in the same transaction. */
  audit(row: Row, result: Result): AuditRecord | AuditRecord[] | null;
}

/** One new record; see VersionedWriter.create. */
export interface RecordCreate<Row extends { id: string }> {
  /** The audit entity: "station", "program", "segment". */
  entity: string;
  actor: Principal;
  /** The INSERT (its repository), version 1. */
  insert(tx: EntityManager): Promise<Row>;
  /** The audited fields of the row (as compactDiff takes them). */
  audited: readonly string[] | Readonly<Record<string, string>>;
}

/**
 * The versioned write, the one mechanism for every versioned record: in one transaction, lock the
 * row, compare `version` (404 when missing, 409 with `currentVersion` and `changedFields` when
 * stale), write, and record the audit entries. The public cache learns of the change from the
 * table's NOTIFY trigger, which fires with this transaction's commit, so a rolled-back write never
 * invalidates anything and a committed one always does.
 * Pass `tx` to run inside a transaction the caller already holds (e.g. a story's transition that
 * also enqueues outbox events).
 */
@Injectable()
export class VersionedWriter {
  constructor(
    private readonly db: DataSource,
    private readonly audits: AuditService,
  ) {}

  async write<Row extends { version: number }, Result>(spec: VersionedWrite<Row, Result>, tx?: EntityManager): Promise<Result> {
    const work = async (manager: EntityManager): Promise<Result> => {
      const row = await spec.lock(manager);
      if (!row) throw new NotFoundError(spec.what.charAt(0).toUpperCase() + spec.what.slice(1));
      if (row.version !== spec.version) {
        throw new StaleVersionError(spec.what, row.version, await spec.changedSince?.(manager, row, spec.version));
      }
      const result = await spec.apply(manager, row);
      for (const entry of [spec.audit(row, result) ?? []].flat()) await this.audits.record(manager, entry);
      return result;
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  /** Inserts a new record (version 1) and records its `create` audit entry, in one transaction. */
  async create<Row extends { id: string }>(spec: RecordCreate<Row>, tx?: EntityManager): Promise<Row> {
    const work = async (manager: EntityManager): Promise<Row> => {
      const row = await spec.insert(manager);
      await this.audits.record(manager, {
        actor: spec.actor,
        action: 'create',
        entity: spec.entity,
        entityId: row.id,
        diff: compactDiff(null, { ...row }, spec.audited),
      });
      return row;
    };
    return tx ? work(tx) : this.db.transaction(work);
  }
}
