import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../../../libs/persistence/passwords';
import { AppError } from '../common/app-error';
import type { CreateOrgUnitDto, CreateUserDto, UpdateOrgUnitDto, UpdateUserDto } from './admin.dto';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  orgUnitCode: string;
  active: boolean;
}

const USER_VIEW = `SELECT u.id, u.username, u.display_name AS "displayName", u.role, o.code AS "orgUnitCode", u.active
  FROM users u JOIN org_units o ON o.id = u.org_unit_id`;

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';

/** Users and org units, for ADMINs. Password hashes never leave the database. */
@Injectable()
export class AdminService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  listUsers(orgUnitCode?: string): Promise<UserView[]> {
    return orgUnitCode
      ? this.ds.query(`${USER_VIEW} WHERE o.code = $1 ORDER BY u.username`, [orgUnitCode])
      : this.ds.query(`${USER_VIEW} ORDER BY u.username`);
  }

  async createUser(dto: CreateUserDto): Promise<UserView> {
    const orgId = await this.orgId(dto.orgUnitCode, 'orgUnitCode');
    try {
      const [{ id }] = await this.ds.query(
        `INSERT INTO users (username, password_hash, display_name, role, org_unit_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [dto.username, await hashPassword(dto.password), dto.displayName, dto.role, orgId],
      );
      return this.user(id);
    } catch (err) {
      if (isUniqueViolation(err)) throw AppError.field('username', `${dto.username} is taken`, 'INVALID_STATE');
      throw err;
    }
  }

  async updateUser(id: string, dto: UpdateUserDto): Promise<UserView> {
    await this.user(id);
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (dto.displayName !== undefined) set('display_name', dto.displayName);
    if (dto.role !== undefined) set('role', dto.role);
    if (dto.active !== undefined) set('active', dto.active);
    if (dto.orgUnitCode !== undefined) set('org_unit_id', await this.orgId(dto.orgUnitCode, 'orgUnitCode'));
    if (dto.password !== undefined) set('password_hash', await hashPassword(dto.password));
    if (sets.length > 0) {
      params.push(id);
      await this.ds.transaction(async (tx) => {
        await tx.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $${params.length}`, params);
        // A changed role, org, password or a deactivation ends the user's sessions.
        await tx.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      });
    }
    return this.user(id);
  }

  async createOrgUnit(dto: CreateOrgUnitDto) {
    const parentId = dto.parentCode ? await this.orgId(dto.parentCode, 'parentCode') : null;
    if (!parentId) {
      const roots = await this.ds.query(`SELECT 1 FROM org_units WHERE parent_id IS NULL`);
      if (roots.length > 0) throw AppError.field('parentCode', 'is required: the tree already has a root');
    }
    try {
      await this.ds.query(`INSERT INTO org_units (code, name, level, parent_id) VALUES ($1, $2, $3, $4)`, [
        dto.code,
        dto.name,
        dto.level,
        parentId,
      ]);
    } catch (err) {
      if (isUniqueViolation(err)) throw AppError.field('code', `${dto.code} is taken`, 'INVALID_STATE');
      throw err;
    }
    return this.orgUnit(dto.code);
  }

  async updateOrgUnit(code: string, dto: UpdateOrgUnitDto) {
    await this.orgId(code, 'code', 'NOT_FOUND');
    if (dto.name !== undefined) await this.ds.query(`UPDATE org_units SET name = $1 WHERE code = $2`, [dto.name, code]);
    if (dto.active !== undefined) {
      await this.ds.query(`UPDATE org_units SET active = $1 WHERE code = $2`, [dto.active, code]);
    }
    return this.orgUnit(code);
  }

  private async user(id: string): Promise<UserView> {
    const rows: UserView[] = await this.ds.query(`${USER_VIEW} WHERE u.id = $1`, [id]);
    if (!rows[0]) throw new AppError('NOT_FOUND', `User ${id} not found`);
    return rows[0];
  }

  private async orgUnit(code: string) {
    const rows = await this.ds.query(
      `SELECT o.code, o.name, o.level, p.code AS "parentCode", o.active FROM org_units o
       LEFT JOIN org_units p ON p.id = o.parent_id WHERE o.code = $1`,
      [code],
    );
    return rows[0];
  }

  private async orgId(code: string, field: string, missing: 'VALIDATION_FAILED' | 'NOT_FOUND' = 'VALIDATION_FAILED') {
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM org_units WHERE code = $1`, [code]);
    if (!rows[0]) {
      throw missing === 'NOT_FOUND'
        ? new AppError('NOT_FOUND', `Org unit ${code} not found`)
        : AppError.field(field, `unknown org unit ${code}`);
    }
    return rows[0].id;
  }
}
