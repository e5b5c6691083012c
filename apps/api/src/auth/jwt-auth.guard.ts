import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../common/app-error';
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
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new AppError('UNAUTHENTICATED', 'A bearer access token is required');
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      req.user = {
        id: claims.sub,
        username: claims.username,
        displayName: claims.name,
        role: claims.role,
        orgUnitCode: claims.org,
      };
      return true;
    } catch {
      throw new AppError('UNAUTHENTICATED', 'The access token is invalid or expired');
    }
  }
}

export type { TokenClaims };
