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
  /**
   * Set while a substitute acts for someone (header `X-Acting-For`): role and org unit are then the
   * principal's, user name and display name the substitute's own.
   */
  actingFor?: string;
}

export const toActor = (u: AuthUser): Actor => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  orgUnitCode: u.orgUnitCode,
  ...(u.actingFor ? { actingFor: u.actingFor } : {}),
});

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);

export const IS_PUBLIC = 'isPublic';
/** A route anyone may call without a token (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
