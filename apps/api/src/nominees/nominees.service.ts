import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NomineeKind } from '../../../../libs/domain/org';
import type { NomineeRecord } from '../../../../libs/domain/eligibility';
import type { AuthUser } from '../auth/auth-user';
import { AwardsService } from '../awards/awards.service';
import { AppError } from '../common/app-error';
import { inCallerSubtree } from '../common/org-scope';
import { parseCsv } from './csv';
import type {
  CollectiveYearDto,
  CreateNomineeDto,
  ImportAwardsDto,
  InitiativeDto,
  PastAwardDto,
  RatingDto,
  RestrictionDto,
} from './nominees.dto';

export interface NomineeRow {
  id: string;
  kind: NomineeKind;
  key: string;
  name: string;
  orgUnitCode: string;
  serviceStartDate: string | null;
}

export interface ImportLineResult {
  line: number;
  status: 'IMPORTED' | 'ALREADY_RECORDED' | 'ERROR';
  nomineeId?: string;
  message?: string;
}

const NOMINEE_COLUMNS = `id, kind, key, name, org_unit_code AS "orgUnitCode", to_char(service_start_date, 'YYYY-MM-DD') AS "serviceStartDate"`;
const CSV_HEADER = [
  'nominee_kind',
  'nominee_key',
  'nominee_name',
  'award_code',
  'year',
  'decision_number',
  'decision_date',
];

/** The registry of nominees and their records (thành tích): what eligibility is judged against. */
@Injectable()
export class NomineesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly awards: AwardsService,
  ) {}

  async create(user: AuthUser, dto: CreateNomineeDto): Promise<NomineeRow> {
    this.mustWrite(user);
    const org = dto.orgUnitCode ?? user.orgUnitCode;
    const exists = await this.ds.query(`SELECT 1 FROM org_units WHERE code = $1`, [org]);
    if (!exists.length || !(await inCallerSubtree(this.ds, user, org))) {
      throw AppError.field('orgUnitCode', `${org} is not an org unit in your subtree`);
    }
    const rows: NomineeRow[] = await this.ds.query(
      `INSERT INTO nominees (kind, key, name, org_unit_code, service_start_date) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (kind, key) DO NOTHING RETURNING ${NOMINEE_COLUMNS}`,
      [dto.kind, dto.key, dto.name, org, dto.serviceStartDate ?? null],
    );
    if (!rows.length) throw AppError.field('key', `a ${dto.kind} nominee with key ${dto.key} exists`, 'INVALID_STATE');
    return rows[0];
  }

  /** The nominee if the caller may see it (its org is in the caller's subtree); 404 otherwise. */
  async visible(user: AuthUser, id: string): Promise<NomineeRow> {
    const rows: NomineeRow[] = await this.ds.query(`SELECT ${NOMINEE_COLUMNS} FROM nominees WHERE id = $1`, [id]);
    if (!rows.length || !(await inCallerSubtree(this.ds, user, rows[0].orgUnitCode))) {
      throw new AppError('NOT_FOUND', `Nominee ${id} not found`);
    }
    return rows[0];
  }

  async view(user: AuthUser, id: string) {
    const nominee = await this.visible(user, id);
    const record = await this.record(id, nominee.kind, nominee.serviceStartDate);
    const awards = await this.ds.query(
      `SELECT award_code AS "awardCode", year, decision_number AS "decisionNumber",
         to_char(decision_date, 'YYYY-MM-DD') AS "decisionDate", source, dossier_id AS "dossierId"
       FROM nominee_awards WHERE nominee_id = $1 ORDER BY year, award_code`,
      [id],
    );
    const initiatives = await this.ds.query(
      `SELECT code, title, year, scope, used_by_dossier AS "usedByDossierId" FROM initiatives WHERE nominee_id = $1 ORDER BY year, code`,
      [id],
    );
    return { ...nominee, ...record, awards, initiatives };
  }

  /** The record as the eligibility evaluator reads it. */
  async record(id: string, kind: NomineeKind, serviceStartDate: string | null): Promise<NomineeRecord> {
    const [awards, ratings, initiatives, restrictions, collectiveYears] = await Promise.all([
      this.ds.query(`SELECT award_code AS "awardCode", year FROM nominee_awards WHERE nominee_id = $1`, [id]),
      this.ds.query(`SELECT year, rating FROM nominee_ratings WHERE nominee_id = $1 ORDER BY year`, [id]),
      this.ds.query(
        `SELECT code, year, scope, used_by_dossier AS "usedByDossierId" FROM initiatives WHERE nominee_id = $1`,
        [id],
      ),
      this.ds.query(
        `SELECT kind, to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to"
         FROM nominee_restrictions WHERE nominee_id = $1 ORDER BY from_date`,
        [id],
      ),
      this.ds.query(
        `SELECT year, member_count AS "memberCount", completed_count AS "completedCount",
           lao_dong_tien_tien_count AS "laoDongTienTienCount", cstd_co_so_count AS "cstdCoSoCount",
           disciplined_count AS "disciplinedCount"
         FROM collective_years WHERE nominee_id = $1 ORDER BY year`,
        [id],
      ),
    ]);
    return { kind, serviceStartDate, awards, ratings, initiatives, restrictions, collectiveYears };
  }

  async setRating(user: AuthUser, id: string, dto: RatingDto) {
    await this.writable(user, id);
    await this.ds.query(
      `INSERT INTO nominee_ratings (nominee_id, year, rating) VALUES ($1,$2,$3)
       ON CONFLICT (nominee_id, year) DO UPDATE SET rating = EXCLUDED.rating`,
      [id, dto.year, dto.rating],
    );
    return this.view(user, id);
  }

  async addAward(user: AuthUser, id: string, dto: PastAwardDto) {
    await this.writable(user, id);
    if (!(await this.awards.find(dto.awardCode)))
      throw AppError.field('awardCode', `unknown award code ${dto.awardCode}`);
    await this.insertAward(id, dto, 'IMPORT', null);
    return this.view(user, id);
  }

  async addInitiative(user: AuthUser, id: string, dto: InitiativeDto) {
    await this.writable(user, id);
    const rows = await this.ds.query(
      `INSERT INTO initiatives (nominee_id, code, title, year, scope) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [id, dto.code, dto.title, dto.year, dto.scope],
    );
    if (!rows.length) throw AppError.field('code', `initiative ${dto.code} is already registered`, 'INVALID_STATE');
    return this.view(user, id);
  }

  async addRestriction(user: AuthUser, id: string, dto: RestrictionDto) {
    await this.writable(user, id);
    if (dto.to && dto.to < dto.from) throw AppError.field('to', 'must not be before from');
    await this.ds.query(
      `INSERT INTO nominee_restrictions (nominee_id, kind, from_date, to_date, note) VALUES ($1,$2,$3,$4,$5)`,
      [id, dto.kind, dto.from, dto.to ?? null, dto.note ?? null],
    );
    return this.view(user, id);
  }

  async setCollectiveYear(user: AuthUser, id: string, dto: CollectiveYearDto) {
    const n = await this.writable(user, id);
    if (n.kind !== 'COLLECTIVE')
      throw AppError.field('id', 'yearly member results are for collectives', 'UNPROCESSABLE');
    for (const f of ['completedCount', 'laoDongTienTienCount', 'cstdCoSoCount', 'disciplinedCount'] as const) {
      if (dto[f] > dto.memberCount) throw AppError.field(f, 'must not exceed memberCount');
    }
    await this.ds.query(
      `INSERT INTO collective_years (nominee_id, year, member_count, completed_count, lao_dong_tien_tien_count,
         cstd_co_so_count, disciplined_count) VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (nominee_id, year) DO UPDATE SET member_count = EXCLUDED.member_count,
         completed_count = EXCLUDED.completed_count, lao_dong_tien_tien_count = EXCLUDED.lao_dong_tien_tien_count,
         cstd_co_so_count = EXCLUDED.cstd_co_so_count, disciplined_count = EXCLUDED.disciplined_count`,
      [
        id,
        dto.year,
        dto.memberCount,
        dto.completedCount,
        dto.laoDongTienTienCount,
        dto.cstdCoSoCount,
        dto.disciplinedCount,
      ],
    );
    return this.view(user, id);
  }

  /**
   * Past awards from a CSV export: one result per line, so a bad line does not stop the others. A nominee
   * unknown to the registry is created at the caller's org; a known one must be in the caller's subtree.
   */
  async importAwards(user: AuthUser, dto: ImportAwardsDto): Promise<{ results: ImportLineResult[] }> {
    this.mustWrite(user);
    const rows = parseCsv(dto.csv);
    const header = rows.shift();
    if (!header || CSV_HEADER.some((h, i) => header.cells[i]?.trim().toLowerCase() !== h)) {
      throw AppError.field('csv', `the first line must be the header ${CSV_HEADER.join(',')}`);
    }
    const catalog = new Set((await this.awards.list()).map((a) => a.code));
    const results: ImportLineResult[] = [];
    for (const { line, cells } of rows) {
      const [kind, key, name, awardCode, yearText, decisionNumber, decisionDate] = cells.map((c) => c.trim());
      const error = (message: string) => results.push({ line, status: 'ERROR', message });
      const year = Number(yearText);
      if (kind !== 'INDIVIDUAL' && kind !== 'COLLECTIVE') {
        error('nominee_kind must be INDIVIDUAL or COLLECTIVE');
        continue;
      }
      if (!/^[\w.:/-]{1,128}$/.test(key ?? '')) {
        error('nominee_key must be 1–128 letters, digits or . _ : / -');
        continue;
      }
      if (!catalog.has(awardCode)) {
        error(`unknown award_code ${awardCode}`);
        continue;
      }
      if (!Number.isInteger(year) || year < 1945 || year > 2200) {
        error('year must be a year');
        continue;
      }
      if (decisionDate && !/^\d{4}-\d{2}-\d{2}$/.test(decisionDate)) {
        error('decision_date must be YYYY-MM-DD');
        continue;
      }
      let nominee: NomineeRow | undefined = (
        await this.ds.query(`SELECT ${NOMINEE_COLUMNS} FROM nominees WHERE kind = $1 AND key = $2`, [kind, key])
      )[0];
      if (nominee && !(await inCallerSubtree(this.ds, user, nominee.orgUnitCode))) {
        error('the nominee belongs to an org outside your subtree');
        continue;
      }
      if (!nominee) {
        if (!name) {
          error('nominee_name is required for a nominee new to the registry');
          continue;
        }
        nominee = (
          await this.ds.query(
            `INSERT INTO nominees (kind, key, name, org_unit_code) VALUES ($1,$2,$3,$4)
             ON CONFLICT (kind, key) DO UPDATE SET kind = EXCLUDED.kind RETURNING ${NOMINEE_COLUMNS}`,
            [kind, key, name, user.orgUnitCode],
          )
        )[0] as NomineeRow;
      }
      const inserted = await this.insertAward(
        nominee.id,
        { awardCode, year, decisionNumber: decisionNumber || undefined, decisionDate: decisionDate || undefined },
        'IMPORT',
        null,
      );
      results.push({ line, status: inserted ? 'IMPORTED' : 'ALREADY_RECORDED', nomineeId: nominee.id });
    }
    return { results };
  }

  /** Idempotent: one row per (nominee, award, year). */
  async insertAward(
    nomineeId: string,
    a: { awardCode: string; year: number; decisionNumber?: string; decisionDate?: string },
    source: 'ENGINE' | 'IMPORT',
    dossierId: string | null,
  ): Promise<boolean> {
    const rows = await this.ds.query(
      `INSERT INTO nominee_awards (nominee_id, award_code, year, decision_number, decision_date, source, dossier_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (nominee_id, award_code, year) DO NOTHING RETURNING id`,
      [nomineeId, a.awardCode, a.year, a.decisionNumber ?? null, a.decisionDate ?? null, source, dossierId],
    );
    return rows.length > 0;
  }

  private mustWrite(user: AuthUser): void {
    if (user.role !== 'CLERK' && user.role !== 'ADMIN') {
      throw new AppError('FORBIDDEN', 'Only a CLERK or an ADMIN keeps the nominee registry');
    }
  }

  private async writable(user: AuthUser, id: string): Promise<NomineeRow> {
    const n = await this.visible(user, id);
    this.mustWrite(user);
    return n;
  }
}
