import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AwardsService } from '../awards/awards.service';
import { AppError } from '../common/app-error';
import { inCallerSubtree, orgChainCodes } from '../common/org-scope';
import type { CampaignKind, CreateCampaignDto, QuotaDto } from './campaigns.dto';

export interface Campaign {
  code: string;
  name: string;
  kind: CampaignKind;
  opensOn: string;
  closesOn: string;
  awardCodes: string[];
  orgUnitCode: string;
}

const COLUMNS = `code, name, kind, to_char(opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(closes_on, 'YYYY-MM-DD') AS "closesOn",
  award_codes AS "awardCodes", org_unit_code AS "orgUnitCode"`;

/** Campaigns (đợt thi đua): a call for nominations with a window, a kind and the awards it admits. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly awards: AwardsService,
  ) {}

  async create(user: AuthUser, dto: CreateCampaignDto): Promise<Campaign> {
    this.mustManage(user);
    const org = dto.orgUnitCode ?? user.orgUnitCode;
    if (!(await inCallerSubtree(this.ds, user, org)) || !(await orgChainCodes(this.ds, org)).length) {
      throw AppError.field('orgUnitCode', `${org} is not an org unit in your subtree`);
    }
    if (dto.closesOn < dto.opensOn) throw AppError.field('closesOn', 'must not be before opensOn');
    for (const [i, code] of dto.awardCodes.entries()) {
      if (!(await this.awards.find(code))) throw AppError.field(`awardCodes[${i}]`, `unknown award code ${code}`);
    }
    const rows = await this.ds.query(
      `INSERT INTO campaigns (code, name, kind, opens_on, closes_on, award_codes, org_unit_code, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [dto.code, dto.name, dto.kind, dto.opensOn, dto.closesOn, [...new Set(dto.awardCodes)], org, user.username],
    );
    if (!rows.length) throw AppError.field('code', `campaign ${dto.code} exists`, 'INVALID_STATE');
    return (await this.find(dto.code))!;
  }

  /** Campaigns that apply to the caller (set at their org or above) or that they manage (below). */
  async list(user: AuthUser): Promise<Campaign[]> {
    const chain = await orgChainCodes(this.ds, user.orgUnitCode);
    const all: Campaign[] = await this.ds.query(`SELECT ${COLUMNS} FROM campaigns ORDER BY opens_on DESC, code`);
    const out: Campaign[] = [];
    for (const c of all) {
      if (
        user.role === 'ADMIN' ||
        chain.includes(c.orgUnitCode) ||
        (await inCallerSubtree(this.ds, user, c.orgUnitCode))
      ) {
        out.push(c);
      }
    }
    return out;
  }

  async find(code: string): Promise<Campaign | null> {
    const rows: Campaign[] = await this.ds.query(`SELECT ${COLUMNS} FROM campaigns WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  /** The campaign a clerk nominates under: it must reach the clerk's org and admit the award (422 otherwise). */
  async forNomination(user: AuthUser, code: string, awardCode: string): Promise<Campaign> {
    const c = await this.find(code);
    if (!c || !(await orgChainCodes(this.ds, user.orgUnitCode)).includes(c.orgUnitCode)) {
      throw AppError.field('campaignCode', `no campaign ${code} reaches ${user.orgUnitCode}`, 'UNPROCESSABLE');
    }
    if (!c.awardCodes.includes(awardCode)) {
      throw AppError.field(
        'campaignCode',
        `campaign ${code} admits ${c.awardCodes.join(', ')}, not ${awardCode}`,
        'UNPROCESSABLE',
      );
    }
    return c;
  }

  /** Why a submission on `day` falls outside the campaign's window, or null. */
  windowProblem(c: Campaign, day: string): string | null {
    if (day < c.opensOn) return `campaign ${c.code} opens on ${c.opensOn}`;
    if (day > c.closesOn) return `campaign ${c.code} closed on ${c.closesOn}`;
    return null;
  }

  async setQuota(user: AuthUser, code: string, dto: QuotaDto) {
    this.mustManage(user);
    const c = await this.find(code);
    if (!c) throw new AppError('NOT_FOUND', `Campaign ${code} not found`);
    if (!(await inCallerSubtree(this.ds, user, dto.orgUnitCode))) {
      throw AppError.field('orgUnitCode', `${dto.orgUnitCode} is not an org unit in your subtree`);
    }
    if (dto.maxCount === undefined && (dto.maxPercent === undefined || !dto.basisAwardCode)) {
      throw AppError.field('maxCount', 'give maxCount, or maxPercent with basisAwardCode');
    }
    await this.ds.query(
      `INSERT INTO campaign_quotas (campaign_code, org_unit_code, award_code, max_count, max_percent, basis_award_code, legal_basis)
       VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (campaign_code, org_unit_code, award_code) DO UPDATE SET max_count = EXCLUDED.max_count,
         max_percent = EXCLUDED.max_percent, basis_award_code = EXCLUDED.basis_award_code, legal_basis = EXCLUDED.legal_basis`,
      [
        code,
        dto.orgUnitCode,
        dto.awardCode,
        dto.maxCount ?? null,
        dto.maxPercent ?? null,
        dto.basisAwardCode ?? null,
        dto.legalBasis ?? 'Chỉ tiêu cấu hình theo kế hoạch thi đua (chưa xác minh)',
      ],
    );
    return this.quotas(code);
  }

  quotas(code: string) {
    return this.ds.query(
      `SELECT campaign_code AS "campaignCode", org_unit_code AS "orgUnitCode", award_code AS "awardCode",
         max_count AS "maxCount", max_percent AS "maxPercent", basis_award_code AS "basisAwardCode",
         legal_basis AS "legalBasis" FROM campaign_quotas WHERE campaign_code = $1 ORDER BY org_unit_code, award_code`,
      [code],
    );
  }

  private mustManage(user: AuthUser): void {
    if (user.role !== 'ADMIN' && user.role !== 'LEADER') {
      throw new AppError('FORBIDDEN', 'Only a LEADER or an ADMIN manages campaigns');
    }
  }
}
