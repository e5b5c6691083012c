import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import type { CreateSubstitutionDto } from './substitutions.dto';

const VIEW = `SELECT s.id, p.username AS principal, b.username AS substitute, to_char(s.starts_on, 'YYYY-MM-DD') AS "from",
  to_char(s.ends_on, 'YYYY-MM-DD') AS "to", s.reason, s.revoked_at AS "revokedAt"
  FROM substitutions s JOIN users p ON p.id = s.principal_id JOIN users b ON b.id = s.substitute_id`;

/** Who may act for whom, and when. Days are Vietnam calendar days. */
@Injectable()
export class SubstitutionsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async create(principal: AuthUser, dto: CreateSubstitutionDto) {
    if (principal.actingFor) throw new AppError('FORBIDDEN', 'A substitute cannot name substitutes');
    if (principal.role === 'ADMIN') throw new AppError('FORBIDDEN', 'ADMIN rights cannot be delegated');
    if (dto.to < dto.from) throw AppError.field('to', 'must not be before from');
    const subs: { id: string }[] = await this.ds.query(`SELECT id FROM users WHERE username = $1 AND active`, [
      dto.substitute,
    ]);
    if (!subs[0]) throw AppError.field('substitute', `no active user ${dto.substitute}`);
    if (subs[0].id === principal.id) throw AppError.field('substitute', 'cannot be yourself');
    const [{ id }] = await this.ds.query(
      `INSERT INTO substitutions (principal_id, substitute_id, starts_on, ends_on, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [principal.id, subs[0].id, dto.from, dto.to, dto.reason ?? null],
    );
    return (await this.ds.query(`${VIEW} WHERE s.id = $1`, [id]))[0];
  }

  /** Substitutions the caller gave or received. */
  list(user: AuthUser) {
    return this.ds.query(`${VIEW} WHERE s.principal_id = $1 OR s.substitute_id = $1 ORDER BY s.starts_on DESC`, [
      user.id,
    ]);
  }

  async revoke(user: AuthUser, id: string): Promise<void> {
    const result: [unknown[], number] = await this.ds.query(
      `UPDATE substitutions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL AND (principal_id = $2 OR $3)`,
      [id, user.id, user.role === 'ADMIN' && !user.actingFor],
    );
    if (result[1] === 0) throw new AppError('NOT_FOUND', `No active substitution ${id} of yours`);
  }

  /**
   * The identity a substitute acts with today: the principal's role and org unit under the substitute's
   * own name. Refused unless a substitution covers today (Vietnam time) and both accounts are active.
   */
  async actingIdentity(substitute: AuthUser, principalUsername: string): Promise<AuthUser> {
    const rows: { username: string; role: AuthUser['role']; org: string }[] = await this.ds.query(
      `SELECT p.username, p.role, o.code AS org FROM substitutions s
       JOIN users p ON p.id = s.principal_id JOIN org_units o ON o.id = p.org_unit_id
       JOIN users b ON b.id = s.substitute_id
       WHERE b.id = $1 AND p.username = $2 AND s.revoked_at IS NULL AND p.active AND b.active AND o.active
         AND (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN s.starts_on AND s.ends_on
       LIMIT 1`,
      [substitute.id, principalUsername],
    );
    const p = rows[0];
    if (!p) throw new AppError('FORBIDDEN', `You are not named substitute for ${principalUsername} today`);
    if (p.role === 'ADMIN') throw new AppError('FORBIDDEN', 'ADMIN rights cannot be delegated');
    return { ...substitute, role: p.role, orgUnitCode: p.org, actingFor: p.username };
  }
}
