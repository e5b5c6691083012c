import type { AwardDefinition } from './award-catalog';
import type { NomineeKind, OrgLevel, OrgNode, Role } from './org';

/**
 * The route of a dossier is data derived from the org tree and the award catalog, never hard-coded in the
 * workflow: the chain from the nominating unit up to the nearest org whose level may decide the award, with
 * the stages each org on it has.
 */
export const STAGE_NAMES = ['UNIT_REVIEW', 'APPRAISAL', 'COUNCIL', 'SUBMISSION', 'DECISION'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** Who acts at each stage, at the stage's own org unit. */
export const STAGE_ROLE: Record<StageName, Role> = {
  UNIT_REVIEW: 'APPROVER', // the head of the nominating unit signs its request letter (tờ trình)
  APPRAISAL: 'REVIEWER', // intake and appraisal (tiếp nhận, thẩm định) by the level's office
  COUNCIL: 'COUNCIL', // the level's Hội đồng TĐKT votes; its secretary records the outcome
  SUBMISSION: 'APPROVER', // the head signs the submission to the next level up
  DECISION: 'APPROVER', // the competent authority signs the decision (quyết định khen thưởng)
};

export interface RouteStage {
  index: number;
  name: StageName;
  level: OrgLevel;
  orgUnitCode: string;
  orgUnitName: string;
  role: Role;
}

export interface RouteLevel {
  level: OrgLevel;
  orgUnitCode: string;
  orgUnitName: string;
}

export interface Route {
  levels: RouteLevel[];
  stages: RouteStage[];
  decidingOrgUnitCode: string;
}

export type RouteErrorCode = 'NOMINEE_KIND_NOT_ACCEPTED' | 'NO_DECIDING_LEVEL' | 'EMPTY_CHAIN';

export class RouteError extends Error {
  constructor(
    readonly code: RouteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RouteError';
  }
}

/**
 * Stages an org has on a route. The nominating org only reviews and signs unless it decides itself; an org
 * in between appraises, votes in council and submits upward; the deciding org appraises, votes and decides.
 * At the centre the Ban TĐKT Trung ương appraises and the Prime Minister decides (or submits to the
 * President) without a council vote. A plain UNIT has no office or council of its own in the org model.
 */
export function stagesAt(level: OrgLevel, isOrigin: boolean, isDeciding: boolean): StageName[] {
  if (isOrigin && !isDeciding) return ['UNIT_REVIEW'];
  if (isOrigin && level === 'UNIT') return ['DECISION'];
  if (!isDeciding) return ['APPRAISAL', 'COUNCIL', 'SUBMISSION'];
  if (level === 'CENTRAL') return ['APPRAISAL', 'DECISION'];
  return ['APPRAISAL', 'COUNCIL', 'DECISION'];
}

/**
 * @param chain the nominating org first, then its parent, up to the root.
 */
export function computeRoute(
  chain: readonly OrgNode[],
  award: Pick<AwardDefinition, 'code' | 'decidingLevels' | 'nomineeKinds'>,
  nomineeKind: NomineeKind,
): Route {
  if (chain.length === 0) throw new RouteError('EMPTY_CHAIN', 'The nominating org unit has no chain');
  if (!award.nomineeKinds.includes(nomineeKind)) {
    throw new RouteError(
      'NOMINEE_KIND_NOT_ACCEPTED',
      `${award.code} does not accept ${nomineeKind} nominees (accepts ${award.nomineeKinds.join(', ')})`,
    );
  }
  const decidingIndex = chain.findIndex((org) => award.decidingLevels.includes(org.level));
  if (decidingIndex < 0) {
    throw new RouteError(
      'NO_DECIDING_LEVEL',
      `No org unit above ${chain[0].code} may decide ${award.code} (decided at ${award.decidingLevels.join(', ')})`,
    );
  }
  const path = chain.slice(0, decidingIndex + 1);
  const stages: RouteStage[] = [];
  path.forEach((org, i) => {
    for (const name of stagesAt(org.level, i === 0, i === decidingIndex)) {
      stages.push({
        index: stages.length,
        name,
        level: org.level,
        orgUnitCode: org.code,
        orgUnitName: org.name,
        role: STAGE_ROLE[name],
      });
    }
  });
  return {
    levels: path.map((org) => ({ level: org.level, orgUnitCode: org.code, orgUnitName: org.name })),
    stages,
    decidingOrgUnitCode: path[decidingIndex].code,
  };
}
