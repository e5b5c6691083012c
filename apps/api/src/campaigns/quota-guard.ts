import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { describeQuota, remaining, type Quota } from '../../../../libs/domain/quota';
import type { CloseGuard, ItemRow } from '../councils/councils.service';

/**
 * Quotas are checked when a council closes: of the dossiers that passed their threshold, those beyond a
 * campaign's cap (for the org whose subtree the cap counts) do not go forward. Passing dossiers are taken in
 * order of their yes votes, then as listed. A cap is the council of its own org's to keep: a district council
 * forwards its proposals to the province, and only the province's council chooses within the province's cap
 * (since every council stage passes by a session, issue 14, the lower councils close sessions too).
 */
@Injectable()
export class QuotaGuard implements CloseGuard {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async blockedAtClose(councilOrg: string, passed: ItemRow[]): Promise<Map<string, string>> {
    const blocked = new Map<string, string>();
    const consumed = new Map<string, number>();
    const ordered = [...passed].sort((a, b) => (b.tally?.yes ?? 0) - (a.tally?.yes ?? 0));
    const pendingIds = passed.map((p) => p.dossierId);
    for (const item of ordered) {
      const quotas: (Quota & { id: string })[] = await this.ds.query(
        `SELECT q.id, q.campaign_code AS "campaignCode", q.org_unit_code AS "orgUnitCode", q.award_code AS "awardCode",
           q.max_count AS "maxCount", q.max_percent AS "maxPercent", q.basis_award_code AS "basisAwardCode",
           q.legal_basis AS "legalBasis"
         FROM campaign_quotas q JOIN dossier_links l ON l.campaign_code = q.campaign_code
         JOIN dossiers d ON d.id = l.dossier_id
         WHERE l.dossier_id = $1 AND q.award_code = $2 AND q.org_unit_code = ANY(d.org_chain)
           AND q.org_unit_code = $3`,
        [item.dossierId, item.awardCode, councilOrg],
      );
      for (const q of quotas) {
        const key = String(q.id);
        const used =
          (await this.passedCount(q.campaignCode, q.awardCode, q.orgUnitCode, councilOrg, pendingIds)) +
          (consumed.get(key) ?? 0);
        const basis = q.basisAwardCode
          ? await this.passedCount(q.campaignCode, q.basisAwardCode, q.orgUnitCode, councilOrg, [])
          : 0;
        if (remaining(q, { used, basis }) <= 0) {
          blocked.set(item.dossierId, `Vượt ${describeQuota(q)}`);
          break;
        }
      }
      if (!blocked.has(item.dossierId)) {
        for (const q of quotas) consumed.set(String(q.id), (consumed.get(String(q.id)) ?? 0) + 1);
      }
    }
    return blocked;
  }

  /** Dossiers of the campaign, award and org subtree that are approved or passed this same council before. */
  private async passedCount(campaign: string, award: string, org: string, councilOrg: string, exclude: string[]) {
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM dossier_links l JOIN dossiers d ON d.id = l.dossier_id
       WHERE l.campaign_code = $1 AND d.award_code = $2 AND d.org_chain @> ARRAY[$3]::text[] AND NOT (d.id = ANY($5::uuid[]))
         AND (d.status = 'APPROVED' OR EXISTS (
           SELECT 1 FROM council_session_items i JOIN council_sessions s ON s.id = i.session_id
           WHERE i.dossier_id = d.id AND i.outcome = 'APPROVED' AND s.org_unit_code = $4))`,
      [campaign, award, org, councilOrg, exclude],
    );
    return n as number;
  }
}
