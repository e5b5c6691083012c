import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { attachMissingDocumentsAs } from '../support/documents';
import { startStack, type TestStack } from '../support/stack';

/**
 * Every role × every route × the caller's org unit being the dossier's own org (van-lang, which nominates
 * and decides a GIAY_KHEN for its own staff), its parent (lang-son) or another province (dien-bien). The
 * expected status of each cell comes from the access rules written out below, independently of the code.
 */
const ROLES = ['CLERK', 'REVIEWER', 'COUNCIL', 'APPROVER', 'LEADER', 'ADMIN'] as const;
type Role = (typeof ROLES)[number];
const RELATIONS = { own: 'van-lang', parent: 'lang-son', other: 'dien-bien' } as const;
type Relation = keyof typeof RELATIONS;

let stack: TestStack;
const tokens = new Map<string, string>();
const userOf = (role: Role, rel: Relation) => `${RELATIONS[rel]}.${role.toLowerCase()}`;

beforeAll(async () => {
  stack = await startStack('matrix', { env: { LOGIN_RATE_LIMIT: '1000' } });
  const login = async (username: string, password = stack.demoPassword) => {
    const res = await request(stack.baseUrl).post('/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    return res.body.accessToken as string;
  };
  const adminToken = await login('admin');
  // The demo has one ADMIN (at trung-uong); the matrix needs one at each of the three org units.
  for (const org of Object.values(RELATIONS)) {
    const res = await request(stack.baseUrl)
      .post('/admin/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        username: `${org}.admin`,
        displayName: `Admin ${org}`,
        role: 'ADMIN',
        orgUnitCode: org,
        password: 'matrix-admin-password',
      });
    expect(res.status).toBe(201);
  }
  for (const rel of Object.keys(RELATIONS) as Relation[]) {
    for (const role of ROLES) {
      const u = userOf(role, rel);
      tokens.set(u, await login(u, role === 'ADMIN' ? 'matrix-admin-password' : stack.demoPassword));
    }
  }
});
afterAll(async () => {
  await stack?.close();
});

const as = (role: Role, rel: Relation) => `Bearer ${tokens.get(userOf(role, rel))}`;
const decision = { number: '5/QĐ-UBND', date: '2026-11-25', signer: 'Chủ tịch UBND huyện Văn Lãng' };

/** A fresh GIAY_KHEN nominated by van-lang's clerk, left in `state`. */
async function dossierIn(state: 'DRAFT' | 'APPRAISAL' | 'RETURNED'): Promise<string> {
  const clerk = as('CLERK', 'own');
  const created = await request(stack.baseUrl)
    .post('/dossiers')
    .set('Authorization', clerk)
    .send({ awardCode: 'GIAY_KHEN', nominee: { kind: 'INDIVIDUAL', name: 'Hà Thị Lý' }, achievementSummary: 'x' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  // The papers of Law Art. 84, so that submission is decided by the access rules alone.
  await attachMissingDocumentsAs(stack.baseUrl, clerk, id);
  if (state === 'DRAFT') return id;
  expect((await request(stack.baseUrl).post(`/dossiers/${id}/submit`).set('Authorization', clerk)).status).toBe(200);
  if (state === 'RETURNED') {
    const ret = await request(stack.baseUrl)
      .post(`/dossiers/${id}/return`)
      .set('Authorization', as('REVIEWER', 'own'))
      .send({ reason: 'Bổ sung' });
    expect(ret.status).toBe(200);
  }
  return id;
}

// ---- The access rules, as the product defines them ----
const visible = (role: Role, rel: Relation) => role === 'ADMIN' || rel !== 'other'; // own subtree; ADMIN all
type Action = 'submit' | 'withdraw' | 'approve' | 'return' | 'reject' | 'resubmit' | 'decide';
const ACTIONS: Record<Action, { state: 'DRAFT' | 'APPRAISAL' | 'RETURNED'; body: object }> = {
  submit: { state: 'DRAFT', body: {} },
  withdraw: { state: 'DRAFT', body: {} },
  approve: { state: 'APPRAISAL', body: {} },
  return: { state: 'APPRAISAL', body: { reason: 'Thiếu biên bản' } },
  reject: { state: 'APPRAISAL', body: { reason: 'Không đủ điều kiện' } },
  resubmit: { state: 'RETURNED', body: {} },
  decide: { state: 'APPRAISAL', body: { decision } },
};
function expectedForAction(action: Action, role: Role, rel: Relation): number {
  if (!visible(role, rel)) return 404;
  if (action === 'decide') return 409; // the dossier is at APPRAISAL, not at its decision stage
  const allowed: Record<Action, Role[]> = {
    submit: ['CLERK'],
    resubmit: ['CLERK'],
    withdraw: ['CLERK', 'APPROVER'],
    approve: ['REVIEWER'],
    return: ['REVIEWER'],
    reject: ['REVIEWER'],
    decide: [],
  };
  return rel === 'own' && allowed[action].includes(role) ? 200 : 403;
}

interface ReadRoute {
  path: (id: string) => string;
  expected: (role: Role, rel: Relation) => number;
}
const READS: Record<string, ReadRoute> = {
  'GET /dossiers/:id': { path: (id) => `/dossiers/${id}`, expected: (r, rel) => (visible(r, rel) ? 200 : 404) },
  'GET /dossiers': { path: () => '/dossiers', expected: () => 200 },
  'GET /inbox': { path: () => '/inbox', expected: () => 200 },
  'GET /org-units': { path: () => '/org-units', expected: () => 200 },
  'GET /awards': { path: () => '/awards', expected: () => 200 },
  'GET /auth/me': { path: () => '/auth/me', expected: () => 200 },
  'GET /substitutions': { path: () => '/substitutions', expected: () => 200 },
  'GET /audit/verify': {
    path: (id) => `/audit/verify?dossierId=${id}`,
    expected: (r) => (['LEADER', 'ADMIN'].includes(r) ? 200 : 403),
  },
  'GET /audit/events': {
    path: (id) => `/audit/events?dossierId=${id}`,
    expected: (r) => (['LEADER', 'ADMIN'].includes(r) ? 200 : 403),
  },
  'GET /admin/users': { path: () => '/admin/users', expected: (r) => (r === 'ADMIN' ? 200 : 403) },
};

const cells = ROLES.flatMap((role) => (Object.keys(RELATIONS) as Relation[]).map((rel) => [role, rel] as const));

describe.each(Object.entries(READS))('%s', (_name, route) => {
  let id: string;
  beforeAll(async () => {
    id = await dossierIn('APPRAISAL');
  });
  test.each(cells)('%s at the %s org', async (role, rel) => {
    const res = await request(stack.baseUrl).get(route.path(id)).set('Authorization', as(role, rel));
    expect(res.status).toBe(route.expected(role, rel));
    if (route.path(id).startsWith('/dossiers?') || route.path(id) === '/dossiers') {
      // Lists never leak another subtree's dossiers.
      expect(res.body.items.some((d: { id: string }) => d.id === id)).toBe(visible(role, rel));
    }
  });
});

describe.each(Object.keys(ACTIONS) as Action[])('POST /dossiers/:id/%s', (action) => {
  let shared: string;
  beforeAll(async () => {
    shared = await dossierIn(ACTIONS[action].state);
  });
  test.each(cells)('%s at the %s org', async (role, rel) => {
    const expected = expectedForAction(action, role, rel);
    // A cell expected to succeed gets its own dossier, so the shared one stays in its state for the others.
    const id = expected === 200 ? await dossierIn(ACTIONS[action].state) : shared;
    const before = (await request(stack.baseUrl).get(`/dossiers/${id}`).set('Authorization', as('ADMIN', 'own'))).body
      .version;
    const res = await request(stack.baseUrl)
      .post(`/dossiers/${id}/${action}`)
      .set('Authorization', as(role, rel))
      .send(ACTIONS[action].body);
    expect(res.status).toBe(expected);
    const after = (await request(stack.baseUrl).get(`/dossiers/${id}`).set('Authorization', as('ADMIN', 'own'))).body
      .version;
    expect(after).toBe(expected === 200 ? before + 1 : before);
  });
});

describe('POST /dossiers', () => {
  test.each(cells)('%s at the %s org', async (role, rel) => {
    const res = await request(stack.baseUrl)
      .post('/dossiers')
      .set('Authorization', as(role, rel))
      .send({
        awardCode: 'BANG_KHEN_CHU_TICH_TINH',
        nominee: { kind: 'INDIVIDUAL', name: 'Lò Văn Páo' },
        achievementSummary: 'x',
      });
    expect(res.status).toBe(role === 'CLERK' ? 201 : 403);
  });
});

describe('ADMIN-only writes', () => {
  test.each(cells)('%s at the %s org', async (role, rel) => {
    const code = `matrix-${randomUUID().slice(0, 8)}`;
    const org = await request(stack.baseUrl)
      .post('/admin/org-units')
      .set('Authorization', as(role, rel))
      .send({ code, name: 'Đơn vị thử', level: 'UNIT', parentCode: 'van-lang' });
    expect(org.status).toBe(role === 'ADMIN' ? 201 : 403);
    const user = await request(stack.baseUrl)
      .post('/admin/users')
      .set('Authorization', as(role, rel))
      .send({
        username: `${code}.clerk`,
        displayName: 'X',
        role: 'CLERK',
        orgUnitCode: 'van-lang',
        password: 'long-enough-password',
      });
    expect(user.status).toBe(role === 'ADMIN' ? 201 : 403);
  });
});
