import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import type { AuthUser } from './auth-user';
import type { TokenClaims } from './jwt-auth.guard';

// Compared against when the username is unknown, so a miss costs the same time as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 10);

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login(
    username: string,
    password: string,
  ): Promise<{ accessToken: string; user: AuthUser & { orgUnitName: string } }> {
    const rows: {
      id: string;
      username: string;
      display_name: string;
      role: AuthUser['role'];
      password_hash: string;
      org_code: string;
      org_name: string;
    }[] = await this.ds.query(
      `SELECT u.id, u.username, u.display_name, u.role, u.password_hash, o.code AS org_code, o.name AS org_name
         FROM users u JOIN org_units o ON o.id = u.org_unit_id
         WHERE u.username = $1 AND u.active AND o.active`,
      [username],
    );
    const row = rows[0];
    const ok = await bcrypt.compare(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
    const user: AuthUser = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      orgUnitCode: row.org_code,
    };
    const claims: TokenClaims = {
      sub: user.id,
      username: user.username,
      name: user.displayName,
      role: user.role,
      org: user.orgUnitCode,
    };
    return { accessToken: await this.jwt.signAsync(claims), user: { ...user, orgUnitName: row.org_name } };
  }
}
