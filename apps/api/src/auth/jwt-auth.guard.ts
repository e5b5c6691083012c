import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../common/app-error';
import { SubstitutionsService } from '../substitutions/substitutions.service';
import { IS_PUBLIC, type AuthUser } from './auth-user';

interface TokenClaims {
  sub: string;
  username: string;
  name: string;
  role: AuthUser['role'];
  org: string;
}

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly substitutions: SubstitutionsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new AppError('UNAUTHENTICATED', 'A bearer access token is required');
    let user: AuthUser;
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      user = {
        id: claims.sub,
        username: claims.username,
        displayName: claims.name,
        role: claims.role,
        orgUnitCode: claims.org,
      };
    } catch {
      throw new AppError('UNAUTHENTICATED', 'The access token is invalid or expired');
    }
    const actingFor = req.headers['x-acting-for'];
    if (actingFor !== undefined) {
      if (typeof actingFor !== 'string' || !/^[a-z0-9][a-z0-9._-]{1,127}$/.test(actingFor)) {
        throw AppError.field('X-Acting-For', 'must be the user name of the person you substitute for');
      }
      user = await this.substitutions.actingIdentity(user, actingFor);
    }
    req.user = user;
    return true;
  }
}

export type { TokenClaims };
