import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

/** Secrets that ship in this repository for local use; a production start refuses them. */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

/**
 * The process environment, validated at boot: a bad configuration stops the process with a message that
 * names each wrong variable. WorkerEnv is what both processes need; ApiEnv adds the HTTP side.
 */
export class WorkerEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsString()
  @IsNotEmpty()
  DATABASE_URL: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * Workflows the worker keeps in memory between their tasks (sticky cache); a workflow outside it is replayed
   * from its (short) history at its next task. The SDK's own default grows with the heap limit (about 2,300
   * with Node's 4 GiB), more than a 512 MiB worker holds in a year-end burst of open dossiers. Peak RSS of the
   * worker in `npm run bench -- bench/burst` (README "Performance"): at 3,000 dossiers 727 MiB with 500 and 442 with
   * 200; at 20,000, 512 with 200 and 488 with 100 — the workflow thread's heap grows by about a MiB per cached
   * dossier, as the SDK documents. 100 still holds every dossier 64 concurrent clients act on at once; a dossier
   * outside it replays its short history. 0 turns the cache off.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 100 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(100_000)
  WORKER_MAX_CACHED_WORKFLOWS = 100;

  @IsString()
  @IsNotEmpty()
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE = 'dossiers';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** smtp://user:pass@host:port (smtps:// for TLS): e-mail copies of notifications; unset: in-app only. */
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @IsNotEmpty()
  SMTP_FROM = 'Award Dossier Engine <no-reply@localhost>';
}

export class ApiEnv extends WorkerEnv {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  JWT_SECRET = DEV_JWT_SECRET;

  @IsString()
  @IsNotEmpty()
  JWT_EXPIRES_IN = '15m';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /**
   * Minutes without a keystroke, click or scroll after which the web signs the user out (0: never). The API
   * enforces it too: a refresh token unused for this long plus an access token's life is refused.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(1440)
  SESSION_IDLE_MINUTES = 60;

  /** Login and refresh attempts allowed per minute for one user name from one address. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_RATE_LIMIT = 10;

  /** Browser origins allowed to call the API (comma-separated); empty: same origin only. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  @Transform(toBool)
  @IsBoolean()
  DEMO_SEED = false;

  @IsString()
  @IsNotEmpty()
  DEMO_PASSWORD = 'demo';

  /** Where uploaded documents live: `local` (content-addressed files under DOCUMENTS_DIR) or `s3`. */
  @IsIn(['local', 's3'])
  DOCUMENTS_STORE: 'local' | 's3' = 'local';

  @IsString()
  @IsNotEmpty()
  DOCUMENTS_DIR = '.data/documents';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  DOCUMENTS_MAX_BYTES = 20 * 1024 * 1024;

  @IsOptional()
  @IsString()
  S3_ENDPOINT?: string;

  @IsString()
  @IsNotEmpty()
  S3_REGION = 'us-east-1';

  @IsOptional()
  @IsString()
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Overrides the unverified default council threshold (percent of all members, strictly more than). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  COUNCIL_DEFAULT_THRESHOLD_PERCENT?: number;

  /** Path-style addressing, as most S3-compatible servers (MinIO, Ceph) need. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;
}

/** The API's environment (the common name: most code needs this one). */
export type Env = ApiEnv;

function validate<T extends object>(cls: new () => T, raw: Record<string, unknown>, extra: (env: T) => string[]): T {
  const env = plainToInstance(cls, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = [
    ...errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`),
    ...extra(env),
  ];
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return env;
}

export function validateWorkerEnv(raw: Record<string, unknown>): WorkerEnv {
  return validate(WorkerEnv, raw, () => []);
}

export function validateEnv(raw: Record<string, unknown>): ApiEnv {
  return validate(ApiEnv, raw, (env) => {
    const problems: string[] = [];
    if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
      problems.push('JWT_SECRET: the development default may not be used in production');
    }
    if (env.NODE_ENV === 'production' && env.JWT_SECRET.length < 32) {
      problems.push('JWT_SECRET: must be at least 32 characters in production');
    }
    if (env.DOCUMENTS_STORE === 's3' && !env.S3_BUCKET) {
      problems.push('S3_BUCKET: required when DOCUMENTS_STORE is s3');
    }
    return problems;
  });
}
