import { DEV_JWT_SECRET, validateEnv, validateWorkerEnv } from './env';

describe('validated environment', () => {
  const base = { DATABASE_URL: 'postgres://u:p@localhost/db' };

  it('fills defaults and converts types', () => {
    const env = validateEnv({ ...base, PORT: '8080', DEMO_SEED: 'true' });
    expect(env).toMatchObject({ PORT: 8080, DEMO_SEED: true, TEMPORAL_TASK_QUEUE: 'dossiers', JWT_EXPIRES_IN: '15m' });
  });

  it('names every wrong variable', () => {
    expect(() => validateEnv({ PORT: 'eighty', NODE_ENV: 'staging' })).toThrow(/DATABASE_URL[\s\S]*|PORT|NODE_ENV/);
    try {
      validateEnv({ PORT: 'eighty', NODE_ENV: 'staging' });
    } catch (err) {
      expect((err as Error).message).toEqual(expect.stringContaining('PORT'));
      expect((err as Error).message).toEqual(expect.stringContaining('NODE_ENV'));
      expect((err as Error).message).toEqual(expect.stringContaining('DATABASE_URL'));
    }
  });

  it('refuses the development secret, or a short one, in production', () => {
    expect(() => validateEnv({ ...base, NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => validateEnv({ ...base, NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toThrow(/JWT_SECRET/);
    expect(() => validateEnv({ ...base, NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(validateEnv({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).NODE_ENV).toBe('production');
  });

  it('caps the worker’s workflow cache at 100 unless WORKER_MAX_CACHED_WORKFLOWS says otherwise', () => {
    expect(validateWorkerEnv(base).WORKER_MAX_CACHED_WORKFLOWS).toBe(100);
    expect(validateWorkerEnv({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(100);
    expect(validateWorkerEnv({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '500' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(500);
    expect(() => validateWorkerEnv({ ...base, WORKER_MAX_CACHED_WORKFLOWS: 'many' })).toThrow(
      /WORKER_MAX_CACHED_WORKFLOWS/,
    );
  });

  it('lets the worker start without the API’s secrets', () => {
    expect(validateWorkerEnv({ ...base, NODE_ENV: 'production' }).NODE_ENV).toBe('production');
  });
});
