import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Decision, DossierStatus, Nominee } from '../../domain/dossier-machine';
import type { NomineeKind, OrgLevel, Role } from '../../domain/org';
import type { Route } from '../../domain/route';

/**
 * The read model of one dossier: written only by the worker's projection activity, from the workflow's
 * events; `version` is the sequence number of the last event applied, so replays never move it backwards.
 */
@Entity('dossiers')
@Index('idx_dossiers_inbox', ['currentOrgCode', 'currentRole', 'status', 'updatedAt'])
@Index('idx_dossiers_created', ['createdAt', 'id'])
@Index('idx_dossiers_status_created', ['status', 'createdAt', 'id'])
@Index('idx_dossiers_status_award_created', ['status', 'awardCode', 'createdAt', 'id'])
@Index('idx_dossiers_status_stage_created', ['status', 'currentStageName', 'createdAt', 'id'])
@Index('idx_dossiers_origin_created', ['originOrgCode', 'createdAt', 'id'])
export class DossierEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 128 })
  workflowId: string;

  @Column({ name: 'award_code', type: 'varchar', length: 64 })
  awardCode: string;

  @Column({ name: 'award_name', type: 'varchar', length: 255 })
  awardName: string;

  @Column({ name: 'nominee_kind', type: 'varchar', length: 16 })
  nomineeKind: NomineeKind;

  @Column({ name: 'nominee_name', type: 'varchar', length: 255 })
  nomineeName: string;

  @Column({ type: 'jsonb' })
  nominee: Nominee;

  @Column({ name: 'achievement_summary', type: 'text' })
  achievementSummary: string;

  @Column({ name: 'origin_org_code', type: 'varchar', length: 64 })
  originOrgCode: string;

  /** The nominating org and its ancestors; GIN-indexed for "dossiers in my subtree". */
  @Index('idx_dossiers_org_chain', { synchronize: false })
  @Column({ name: 'org_chain', type: 'text', array: true })
  orgChain: string[];

  @Column({ type: 'varchar', length: 16 })
  status: DossierStatus;

  /** The workflow's stage index; while RETURNED, the stage that returned the dossier. */
  @Column({ name: 'stage_index', type: 'int' })
  stageIndex: number;

  @Column({ name: 'current_stage_name', type: 'varchar', length: 32, nullable: true })
  currentStageName: string | null;

  @Column({ name: 'current_stage_index', type: 'int', nullable: true })
  currentStageIndex: number | null;

  @Column({ name: 'current_level', type: 'varchar', length: 16, nullable: true })
  currentLevel: OrgLevel | null;

  @Column({ name: 'current_org_code', type: 'varchar', length: 64, nullable: true })
  currentOrgCode: string | null;

  @Column({ name: 'current_actor_role', type: 'varchar', length: 16, nullable: true })
  currentRole: Role | null;

  @Column({ type: 'jsonb' })
  route: Route;

  @Column({ name: 'last_reason', type: 'text', nullable: true })
  lastReason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  decision: Decision | null;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'int' })
  version: number;

  /** The current stage's due instant; null while returned, drafting, closed, or for pre-deadline dossiers. */
  @Column({ name: 'current_due_at', type: 'timestamptz', nullable: true })
  currentDueAt: Date | null;
}
