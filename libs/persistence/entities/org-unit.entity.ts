import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { OrgLevel } from '../../domain/org';

/** A node of the org tree (cơ quan, đơn vị). `code` is the stable slug used in routes and the API. */
@Entity('org_units')
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_org_units_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: OrgLevel;

  @Index('idx_org_units_parent')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnitEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_org_units_parent' })
  parent?: OrgUnitEntity | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
