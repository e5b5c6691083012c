import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Env } from '../../../../libs/config/env';
import { dummyHash, verifyPassword } from '../../../../libs/persistence/passwords';
import { AppError } from '../common/app-error';
import { ENV } from '../config/env.provider';
import type { AuthUser } from './auth-user';
import type { TokenClaims } from './jwt-auth.guard';

export interface SessionTokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  /** Minutes without input after which the web ends the session (0: never); SESSION_IDLE_MINUTES. */
  idleMinutes: number;
  user: AuthUser & { orgUnitName: string };
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: AuthUser['role'];
  password_hash: string;
  org_code: string;
  org_name: string;
}

const USER_SQL = `SELECT u.id, u.username, u.display_name, u.role, u.password_hash, o.code AS org_code, o.name AS org_name
  FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.active AND o.active AND `;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Short-lived access tokens (JWT, JWT_EXPIRES_IN) and long-lived refresh tokens that rotate on every use.
 * Refresh tokens are opaque random strings stored only as hashes; presenting one that was already used
 * revokes its whole family, so a stolen token stops working as soon as either party uses it again.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async login(username: string, password: string): Promise<SessionTokens> {
    const rows: UserRow[] = await this.ds.query(`${USER_SQL} u.username = $1`, [username]);
    const row = rows[0];
    const ok = await verifyPassword(row?.password_hash ?? (await dummyHash()), password);
    if (!row || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
    return this.issue(this.ds.manager, row, randomUUID());
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    // The outcome is decided inside the transaction but thrown after it commits, so revoking a reused
    // token's family is not rolled back by the error that reports it.
    const outcome = await this.ds.transaction(async (tx): Promise<SessionTokens | AppError> => {
      const found: {
        id: string;
        user_id: string;
        family_id: string;
        expires_at: Date;
        revoked_at: Date | null;
        idle: boolean;
      }[] = await tx.query(
        `SELECT id, user_id, family_id, expires_at, revoked_at,
           ($2 > 0 AND created_at < now() - make_interval(mins => $2, secs => $3)) AS idle
         FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [sha256(refreshToken), this.env.SESSION_IDLE_MINUTES, this.accessSeconds()],
      );
      const token = found[0];
      if (!token) return new AppError('UNAUTHENTICATED', 'Unknown refresh token');
      if (token.revoked_at) {
        await tx.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
          token.family_id,
        ]);
        return new AppError('UNAUTHENTICATED', 'Refresh token already used; the session has been ended');
      }
      if (token.expires_at.getTime() < Date.now()) return new AppError('UNAUTHENTICATED', 'Refresh token expired');
      // The web refreshes while its user is active; a token left unused longer than the idle limit (plus the life
      // of the access token it came with) belongs to a session nobody was using, and ends it.
      if (token.idle) {
        await tx.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
          token.family_id,
        ]);
        return new AppError('UNAUTHENTICATED', 'The session ended after a time without activity');
      }
      await tx.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE id = $1`, [token.id]);
      const rows: UserRow[] = await tx.query(`${USER_SQL} u.id = $1`, [token.user_id]);
      if (!rows[0]) return new AppError('UNAUTHENTICATED', 'The account is no longer active');
      return this.issue(tx, rows[0], token.family_id);
    });
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.ds.query(
      `UPDATE refresh_tokens SET revoked_at = now()
       WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL`,
      [sha256(refreshToken)],
    );
  }

  private async issue(tx: EntityManager, row: UserRow, familyId: string): Promise<SessionTokens> {
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
    const accessToken = await this.jwt.signAsync(claims);
    const { exp, iat } = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    const refreshToken = randomBytes(32).toString('base64url');
    await tx.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [user.id, familyId, sha256(refreshToken), this.env.REFRESH_TOKEN_TTL_DAYS],
    );
    return {
      accessToken,
      expiresIn: exp - iat,
      refreshToken,
      idleMinutes: this.env.SESSION_IDLE_MINUTES,
      user: { ...user, orgUnitName: row.org_name },
    };
  }

  /** The life of an access token in seconds (JWT_EXPIRES_IN, as the JWT module reads it). */
  private accessSeconds(): number {
    if (this.accessLife === undefined) {
      const { exp, iat } = this.jwt.decode<{ exp: number; iat: number }>(this.jwt.sign({ probe: true }));
      this.accessLife = exp - iat;
    }
    return this.accessLife;
  }

  private accessLife?: number;
}
