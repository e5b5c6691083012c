import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AwardDefinition, RequiredDocument } from '../../domain/award-catalog';
import type { NomineeKind, OrgLevel } from '../../domain/org';

/** An entry of the award catalog; seeded from libs/domain/award-catalog.ts with its legal basis. */
@Entity('awards')
export class AwardEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ name: 'name_vi', type: 'varchar', length: 255 })
  nameVi: string;

  @Column({ name: 'name_en', type: 'varchar', length: 255 })
  nameEn: string;

  @Column({ type: 'varchar', length: 16 })
  category: AwardDefinition['category'];

  @Column({ name: 'nominee_kinds', type: 'jsonb' })
  nomineeKinds: NomineeKind[];

  @Column({ name: 'deciding_levels', type: 'jsonb' })
  decidingLevels: OrgLevel[];

  @Column({ type: 'varchar', length: 255 })
  decider: string;

  @Column({ name: 'required_documents', type: 'jsonb' })
  requiredDocuments: RequiredDocument[];

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
