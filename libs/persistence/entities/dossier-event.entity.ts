import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DossierEventAction, DossierStatus } from '../../domain/dossier-machine';
import type { Role } from '../../domain/org';

/** One transition of one dossier (who, role, org, action, from, to, why, when). Append-only. */
@Entity('dossier_events')
@Index('uq_dossier_events_seq', ['dossierId', 'seq'], { unique: true })
@Index('idx_dossier_events_request', ['dossierId', 'requestId'])
export class DossierEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 16 })
  action: DossierEventAction;

  @Column({ name: 'actor_username', type: 'varchar', length: 128 })
  actorUsername: string;

  @Column({ name: 'actor_display_name', type: 'varchar', length: 255 })
  actorDisplayName: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: Role;

  @Column({ name: 'actor_org_code', type: 'varchar', length: 64 })
  actorOrgCode: string;

  @Column({ name: 'acting_for', type: 'varchar', length: 128, nullable: true })
  actingFor: string | null;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: DossierStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: DossierStatus;

  @Column({ name: 'from_stage', type: 'varchar', length: 128, nullable: true })
  fromStage: string | null;

  @Column({ name: 'to_stage', type: 'varchar', length: 128, nullable: true })
  toStage: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 200, nullable: true })
  requestId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
