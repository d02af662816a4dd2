import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded write: who did what to which record, with a compact before/after diff. */
@Entity({ name: 'audit_entries' })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('timestamptz') at: Date;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'actor_email', nullable: true }) actorEmail: string | null;
  @Column('text') action: string;
  @Column('text') entity: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId: string | null;
  @Column('jsonb') diff: Record<string, [unknown, unknown]>;
  @Column('text', { nullable: true }) ip: string | null;
}
