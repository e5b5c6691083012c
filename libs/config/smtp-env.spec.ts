import { validateWorkerEnv } from './env';

describe('SMTP configuration', () => {
  const base = { DATABASE_URL: 'postgres://x@localhost/db' };

  it('is optional, and an empty SMTP_URL means none', () => {
    expect(validateWorkerEnv(base).SMTP_URL).toBeUndefined();
    expect(validateWorkerEnv({ ...base, SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('takes smtp:// and smtps:// URLs and refuses anything else, naming the variable', () => {
    expect(validateWorkerEnv({ ...base, SMTP_URL: 'smtps://u:p@mail.example:465' }).SMTP_URL).toBe(
      'smtps://u:p@mail.example:465',
    );
    expect(() => validateWorkerEnv({ ...base, SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
  });
});
