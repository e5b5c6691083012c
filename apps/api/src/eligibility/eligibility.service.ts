import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DossierState } from '../../../../libs/domain/dossier-machine';
import { CRITERIA, evaluate, type CriterionResult, type EligibilityResult } from '../../../../libs/domain/eligibility';
import { todayInVietnam } from '../common/org-scope';
import { NomineesService } from '../nominees/nominees.service';

export interface DossierLink {
  dossierId: string;
  nomineeId: string | null;
  initiativeCodes: string[];
  achievementYear: number;
  campaignCode: string | null;
  campaignKind: string | null;
}

export interface EligibilityView extends EligibilityResult {
  dossierId: string;
  awardCode: string;
  /** The day whose rules were applied: the submission day once submitted, else today. */
  asOf: string;
  achievementYear: number;
  nomineeId: string | null;
  /** false when the dossier names no registry nominee: there is no record to judge. */
  evaluated: boolean;
}

const NOT_IN_REGISTRY: CriterionResult = {
  code: 'NOMINEE_NOT_IN_REGISTRY',
  description: 'Hồ sơ chưa gắn với cá nhân / tập thể trong sổ theo dõi thành tích; tiêu chuẩn chưa được đối chiếu',
  legalBasis: 'Luật TĐKT 2022 Điều 84 (hồ sơ); người thẩm định đối chiếu thủ công',
  hard: false,
  met: false,
  detail: 'nominee.registryId was not given when the dossier was created',
};

/** Judges a dossier's nominee against the criteria of its award in force on the day. */
@Injectable()
export class EligibilityService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly nominees: NomineesService,
  ) {}

  async link(dossierId: string): Promise<DossierLink | null> {
    const rows: DossierLink[] = await this.ds.query(
      `SELECT dossier_id AS "dossierId", nominee_id AS "nomineeId", initiative_codes AS "initiativeCodes",
         achievement_year AS "achievementYear", campaign_code AS "campaignCode", campaign_kind AS "campaignKind"
       FROM dossier_links WHERE dossier_id = $1`,
      [dossierId],
    );
    return rows[0] ?? null;
  }

  async forDossier(state: DossierState, asOf?: string): Promise<EligibilityView> {
    const day = asOf ?? (state.submittedAt ? todayInVietnam(new Date(state.submittedAt)) : todayInVietnam());
    const link = await this.link(state.dossierId);
    const achievementYear = link?.achievementYear ?? Number(day.slice(0, 4));
    const base = { dossierId: state.dossierId, awardCode: state.awardCode, asOf: day, achievementYear };
    if (!link?.nomineeId) {
      return {
        ...base,
        nomineeId: null,
        evaluated: false,
        eligible: true,
        results: [NOT_IN_REGISTRY],
        unmetHard: [],
        warnings: [NOT_IN_REGISTRY],
      };
    }
    const nominee = (
      await this.ds.query(
        `SELECT kind, to_char(service_start_date, 'YYYY-MM-DD') AS "serviceStartDate" FROM nominees WHERE id = $1`,
        [link.nomineeId],
      )
    )[0];
    const record = await this.nominees.record(link.nomineeId, nominee.kind, nominee.serviceStartDate);
    const result = evaluate(CRITERIA, state.awardCode, record, {
      asOf: day,
      achievementYear,
      dossierId: state.dossierId,
      initiativeCodes: link.initiativeCodes,
    });
    return { ...base, nomineeId: link.nomineeId, evaluated: true, ...result };
  }

  /**
   * Marks the dossier's initiatives as used by it (one award per initiative). Only free ones or ones it
   * already holds; returns false when another dossier took one in the meantime.
   */
  async claimInitiatives(dossierId: string, codes: string[]): Promise<boolean> {
    if (!codes.length) return true;
    // A CTE, because TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const [{ n }] = await this.ds.query(
      `WITH claimed AS (
         UPDATE initiatives SET used_by_dossier = $1
         WHERE code = ANY($2) AND (used_by_dossier IS NULL OR used_by_dossier = $1) RETURNING code
       ) SELECT count(*)::int AS n FROM claimed`,
      [dossierId, codes],
    );
    return n === new Set(codes).size;
  }

  async releaseInitiatives(dossierId: string): Promise<void> {
    await this.ds.query(`UPDATE initiatives SET used_by_dossier = NULL WHERE used_by_dossier = $1`, [dossierId]);
  }
}
