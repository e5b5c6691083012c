import { createHash } from 'node:crypto';
import request from 'supertest';
import { apiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;
const allowedOrigin = 'https://tdkt.example.gov.vn';

beforeAll(async () => {
  stack = await startStack('auth', { env: { CORS_ORIGINS: allowedOrigin, JWT_EXPIRES_IN: '15m' } });
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

const login = (username: string, password = stack.demoPassword) =>
  api.anonymous().post('/auth/login').send({ username, password });

describe('sessions', () => {
  it('logs in with a short-lived access token and a refresh token that rotates, and detects reuse', async () => {
    const first = await login('van-lang.reviewer');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      user: { username: 'van-lang.reviewer', role: 'REVIEWER', orgUnitCode: 'van-lang' },
    });
    expect(first.body.expiresIn).toBeLessThanOrEqual(15 * 60);
    expect(first.body.refreshToken).toEqual(expect.any(String));

    const second = await api.anonymous().post('/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    const me = await api.anonymous().get('/auth/me').set('Authorization', `Bearer ${second.body.accessToken}`);
    expect(me.body).toMatchObject({ username: 'van-lang.reviewer' });

    // Reusing the old token ends the whole session: the newer refresh token stops working too.
    const reuse = await api.anonymous().post('/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expect(reuse.status).toBe(401);
    const after = await api.anonymous().post('/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(after.status).toBe(401);
  });

  it('says how long a session may sit idle, and refuses a refresh token left unused longer', async () => {
    const s = await login('van-lang.approver');
    expect(s.body.idleMinutes).toBe(60); // SESSION_IDLE_MINUTES' default
    const fresh = await api.anonymous().post('/auth/refresh').send({ refreshToken: s.body.refreshToken });
    expect(fresh.status).toBe(200);
    // The refresh tokens are stored as hashes; the family of this login is found by its first token's.
    const hash = createHash('sha256').update(s.body.refreshToken).digest('hex');
    const age = (interval: string) =>
      stack.db.query(
        `UPDATE refresh_tokens SET created_at = now() - $2::interval WHERE revoked_at IS NULL
           AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
        [hash, interval],
      );
    // Issued 60 min + the access token's 15 min − 5 s ago: still a session someone was using.
    await age('74 minutes 55 seconds');
    const kept = await api.anonymous().post('/auth/refresh').send({ refreshToken: fresh.body.refreshToken });
    expect(kept.status).toBe(200);
    // 10 s further: idle. The session ends (its newest token too), not only this refresh.
    await age('75 minutes 5 seconds');
    const idle = await api.anonymous().post('/auth/refresh').send({ refreshToken: kept.body.refreshToken });
    expect(idle.status).toBe(401);
    expect(idle.body.message).toMatch(/without activity/);
    const [{ open }] = await stack.db.query(
      `SELECT count(*)::int AS open FROM refresh_tokens
       WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
      [hash],
    );
    expect(open).toBe(0);
  });

  it('logout ends the session', async () => {
    const s = await login('van-lang.council');
    expect((await api.anonymous().post('/auth/logout').send({ refreshToken: s.body.refreshToken })).status).toBe(204);
    expect((await api.anonymous().post('/auth/refresh').send({ refreshToken: s.body.refreshToken })).status).toBe(401);
  });

  it('refuses wrong passwords and unknown users alike, and forged tokens', async () => {
    const wrong = await login('van-lang.approver', 'not-the-password');
    const unknown = await login('nobody.here', 'not-the-password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.message).toBe(unknown.body.message);
    const forged = await api
      .anonymous()
      .get('/auth/me')
      .set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect(forged.status).toBe(401);
  });

  it('throttles repeated login attempts for one user name', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login('dinh-lap.clerk', `guess-${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another user from the same address is not locked out.
    expect((await login('dinh-lap.approver')).status).toBe(200);
  });

  it('stores passwords as Argon2id hashes', async () => {
    const [row] = await stack.db.query(`SELECT password_hash FROM users WHERE username = 'admin'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('HTTP hardening', () => {
  it('sends security headers', async () => {
    const res = await api.anonymous().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows only the configured browser origins', async () => {
    const preflight = (origin: string) =>
      api.anonymous().options('/dossiers').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
    expect((await preflight(allowedOrigin)).headers['access-control-allow-origin']).toBe(allowedOrigin);
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses bodies over the size limit with 413', async () => {
    const caller = await api.as('xa-hoang-van-thu.clerk');
    const res = await caller.post('/dossiers', {
      awardCode: 'GIAY_KHEN',
      nominee: { kind: 'INDIVIDUAL', name: 'x' },
      achievementSummary: 'x'.repeat(1_100_000),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413 });
  });
});

describe('admin endpoints', () => {
  it('are for ADMIN only', async () => {
    for (const username of ['lang-son.leader', 'trung-uong.approver', 'xa-hoang-van-thu.clerk']) {
      const res = await (await api.as(username)).get('/admin/users');
      expect(res.status).toBe(403);
    }
    expect((await api.anonymous().get('/admin/users')).status).toBe(401);
  });

  it('create a user who can log in, refuse duplicates and bad fields, and deactivation ends access', async () => {
    const admin = await api.as('admin');
    const created = await admin.post('/admin/users', {
      username: 'cao-loc.clerk2',
      displayName: 'Nông Thị Lan',
      role: 'CLERK',
      orgUnitCode: 'cao-loc',
      password: 'a-long-enough-password',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'cao-loc.clerk2',
      role: 'CLERK',
      orgUnitCode: 'cao-loc',
      active: true,
    });
    expect(created.body.passwordHash).toBeUndefined();
    const session = await login('cao-loc.clerk2', 'a-long-enough-password');
    expect(session.status).toBe(200);

    const dup = await admin.post('/admin/users', {
      ...created.body,
      id: undefined,
      active: undefined,
      password: 'a-long-enough-password',
    });
    expect(dup.status).toBe(409);
    const bad = await admin.post('/admin/users', {
      username: 'X Y',
      displayName: '',
      role: 'KING',
      orgUnitCode: 'nowhere',
      password: 'short',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['username', 'displayName', 'role', 'password']),
    );
    const unknownOrg = await admin.post('/admin/users', {
      username: 'x.clerk',
      displayName: 'X',
      role: 'CLERK',
      orgUnitCode: 'nowhere',
      password: 'a-long-enough-password',
    });
    expect(unknownOrg.status).toBe(400);
    expect(unknownOrg.body.fields).toEqual([expect.objectContaining({ field: 'orgUnitCode' })]);

    const off = await admin.post(`/admin/users/${created.body.id}`).send({});
    expect(off.status).toBe(404); // PATCH, not POST
    const deactivated = await request(stack.baseUrl)
      .patch(`/admin/users/${created.body.id}`)
      .set('Authorization', `Bearer ${(await login('admin')).body.accessToken}`)
      .send({ active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await login('cao-loc.clerk2', 'a-long-enough-password')).status).toBe(401);
    expect((await api.anonymous().post('/auth/refresh').send({ refreshToken: session.body.refreshToken })).status).toBe(
      401,
    );
  });

  it('add org units under a parent', async () => {
    const admin = await api.as('admin');
    const res = await admin.post('/admin/org-units', {
      code: 'xa-tan-thanh',
      name: 'UBND xã Tân Thành',
      level: 'UNIT',
      parentCode: 'van-lang',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'xa-tan-thanh', parentCode: 'van-lang', level: 'UNIT', active: true });
    const orphan = await admin.post('/admin/org-units', { code: 'root-2', name: 'Another root', level: 'CENTRAL' });
    expect(orphan.status).toBe(400);
    expect(orphan.body.fields).toEqual([expect.objectContaining({ field: 'parentCode' })]);
  });
});
