import type { DataSource } from 'typeorm';
import { VIETNAM_ANNOUNCEMENTS } from '../../calendar';
import { AWARD_CATALOG } from '../../domain/award-catalog';
import { saveAnnouncement } from '../calendar';
import type { Role } from '../../domain/org';
import { hashPassword } from '../passwords';
import { DEMO_ORG_TREE, type DemoOrg } from './demo-org-tree';

/**
 * The award catalog is reference data every installation needs: upserted on every migrate. The yearly
 * holiday announcements shipped in libs/calendar are inserted for years not yet stored, so an ADMIN's
 * corrections survive a redeploy.
 */
export async function seedReferenceData(ds: DataSource): Promise<void> {
  for (const a of VIETNAM_ANNOUNCEMENTS) await saveAnnouncement(ds, a, { overwrite: false });
  for (const a of AWARD_CATALOG) {
    await ds.query(
      `INSERT INTO awards (code, name_vi, name_en, category, nominee_kinds, deciding_levels, decider, required_documents, legal_basis)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
       ON CONFLICT (code) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
         category = EXCLUDED.category, nominee_kinds = EXCLUDED.nominee_kinds, deciding_levels = EXCLUDED.deciding_levels,
         decider = EXCLUDED.decider, required_documents = EXCLUDED.required_documents, legal_basis = EXCLUDED.legal_basis`,
      [
        a.code,
        a.nameVi,
        a.nameEn,
        a.category,
        JSON.stringify(a.nomineeKinds),
        JSON.stringify(a.decidingLevels),
        a.decider,
        JSON.stringify(a.requiredDocuments),
        a.legalBasis,
      ],
    );
  }
}

const ROLE_TITLE: Record<Role, string> = {
  CLERK: 'Cán bộ TĐKT',
  REVIEWER: 'Chuyên viên thẩm định',
  COUNCIL: 'Thư ký Hội đồng TĐKT',
  COUNCIL_MEMBER: 'Thành viên Hội đồng TĐKT',
  APPROVER: 'Thủ trưởng',
  LEADER: 'Lãnh đạo',
  ADMIN: 'Quản trị hệ thống',
};

/** Which demo users an org gets: whatever role a stage needs there, the demo has that user. */
export function demoRolesFor(org: Pick<DemoOrg, 'level'>): Role[] {
  return org.level === 'UNIT' ? ['CLERK', 'APPROVER'] : ['CLERK', 'REVIEWER', 'COUNCIL', 'APPROVER', 'LEADER'];
}

/** Demo users get addresses on a reserved-style domain that no real mail server answers for. */
export const demoEmail = (username: string): string => `${username}@demo.local`;

export interface DemoUser {
  username: string;
  role: Role;
  orgCode: string;
  displayName: string;
}

/** Voting members of each council above the unit level: `<org>.member1` … `<org>.member5`. */
export const DEMO_COUNCIL_MEMBERS = 5;

export function demoUsers(tree: readonly DemoOrg[] = DEMO_ORG_TREE): DemoUser[] {
  const users = tree.flatMap((org) => [
    ...demoRolesFor(org).map((role) => ({
      username: `${org.code}.${role.toLowerCase()}`,
      role,
      orgCode: org.code,
      displayName: `${ROLE_TITLE[role]} – ${org.name}`,
    })),
    ...(org.level === 'UNIT'
      ? []
      : Array.from({ length: DEMO_COUNCIL_MEMBERS }, (_, i) => ({
          username: `${org.code}.member${i + 1}`,
          role: 'COUNCIL_MEMBER' as const,
          orgCode: org.code,
          displayName: `${ROLE_TITLE.COUNCIL_MEMBER} ${i + 1} – ${org.name}`,
        }))),
  ]);
  users.push({ username: 'admin', role: 'ADMIN', orgCode: 'trung-uong', displayName: ROLE_TITLE.ADMIN });
  return users;
}

/**
 * The demo organisations and users (on by default for the embedded start, off in production). Idempotent:
 * existing users keep their passwords. All demo users share one password, so it is hashed once.
 */
export async function seedDemoData(ds: DataSource, password: string): Promise<void> {
  await ds.transaction(async (tx) => {
    for (const org of DEMO_ORG_TREE) {
      await tx.query(
        `INSERT INTO org_units (code, name, level, parent_id)
         VALUES ($1, $2, $3, (SELECT id FROM org_units WHERE code = $4))
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id`,
        [org.code, org.name, org.level, org.parent],
      );
    }
    const hash = await hashPassword(password);
    for (const u of demoUsers()) {
      await tx.query(
        `INSERT INTO users (username, password_hash, display_name, role, org_unit_id, email)
         VALUES ($1, $2, $3, $4, (SELECT id FROM org_units WHERE code = $5), $6)
         ON CONFLICT (username) DO UPDATE SET email = COALESCE(users.email, EXCLUDED.email)`,
        [u.username, hash, u.displayName, u.role, u.orgCode, demoEmail(u.username)],
      );
    }
  });
}
