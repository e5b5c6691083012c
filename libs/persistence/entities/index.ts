import { AwardEntity } from './award.entity';
import { DossierEventEntity } from './dossier-event.entity';
import { DossierEntity } from './dossier.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { UserEntity } from './user.entity';

export { AwardEntity, DossierEntity, DossierEventEntity, OrgUnitEntity, UserEntity };
export const ENTITIES = [OrgUnitEntity, AwardEntity, UserEntity, DossierEntity, DossierEventEntity];
