/** Levels of the organisation tree (cấp). The route of a dossier is the chain of these from the nominating unit up. */
export const ORG_LEVELS = ['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'DEPARTMENT', 'UNIT'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/**
 * Roles a user holds at exactly one org unit. COUNCIL is the council's secretary (thư ký Hội đồng), who opens
 * sessions and acts on the council stage; COUNCIL_MEMBER (thành viên Hội đồng) votes in sessions.
 */
export const ROLES = ['CLERK', 'REVIEWER', 'COUNCIL', 'COUNCIL_MEMBER', 'APPROVER', 'LEADER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const NOMINEE_KINDS = ['INDIVIDUAL', 'COLLECTIVE'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];

/** One node of the org tree as the route needs it. */
export interface OrgNode {
  code: string;
  name: string;
  level: OrgLevel;
}
