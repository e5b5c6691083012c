import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '../../../../libs/domain/org';
import type { Actor } from '../../../../libs/domain/dossier-machine';

/** The authenticated caller, from a verified access token. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitCode: string;
}

export const toActor = (u: AuthUser): Actor => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  orgUnitCode: u.orgUnitCode,
});

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);

export const IS_PUBLIC = 'isPublic';
/** A route anyone may call without a token (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
