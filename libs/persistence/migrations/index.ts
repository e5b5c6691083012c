import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { RefreshTokens1764500000000 } from './1764500000000-refresh-tokens';
import { AuditChain1764500000001 } from './1764500000001-audit-chain';
import { Substitutions1764500000002 } from './1764500000002-substitutions';

/** In order. Listed as classes (not globs) so the same list works from ts-jest, swc and compiled JS. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  RefreshTokens1764500000000,
  AuditChain1764500000001,
  Substitutions1764500000002,
];
