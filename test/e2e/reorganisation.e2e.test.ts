import type request from 'supertest';
import { apiClient, followOperation, type Caller } from '../support/http';
import { actorOf, createAndSubmit, passCouncil, type Stage } from '../support/route-driver';
import { expectDashboardAggregatesToMatchRawTables } from '../support/dashboard-aggregates';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('reorganisation');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

/** Follows the reroutes a reorganisation's 202 started, and answers the reorganisation as they left it. */
async function rerouted(admin: Caller, accepted: request.Response) {
  const op = await followOperation(admin, accepted);
  expect(op.kind).toBe('REORGANISATION');
  const res = await admin.get(accepted.body.links.self);
  expect(res.status).toBe(200);
  expect(res.body.pending).toBe(0);
  return res.body;
}

const decision = { number: '77/QĐ-UBND', date: '2026-11-25', signer: 'Chủ tịch UBND tỉnh Lạng Sơn' };

/** A district of our own under lang-son with one commune and the users who act there (the shared demo tree stays intact). */
async function ownDistrict(suffix: string) {
  const admin = await api.as('admin');
  const district = `rg-huyen-${suffix}`;
  const commune = `rg-xa-${suffix}`;
  for (const [code, name, level, parentCode] of [
    [district, `Huyện ${suffix}`, 'DISTRICT', 'lang-son'],
    [commune, `Xã ${suffix}`, 'COMMUNE', district],
  ]) {
    const res = await admin.post('/admin/org-units', { code, name, level, parentCode });
    expect(res.status).toBe(201);
  }
  for (const [org, role] of [
    [commune, 'CLERK'],
    [commune, 'APPROVER'],
    [district, 'REVIEWER'],
    [district, 'COUNCIL'],
    [district, 'APPROVER'],
  ]) {
    const res = await admin.post('/admin/users', {
      username: `${org}.${role.toLowerCase()}`,
      displayName: `${role} ${org}`,
      role,
      orgUnitCode: org,
      password: stack.demoPassword,
    });
    expect(res.status).toBe(201);
  }
  return { district, commune };
}

async function view(id: string) {
  return (await (await api.as('admin')).get(`/dossiers/${id}`)).body;
}

/** Approves until the dossier waits at `name@org`, each stage by its own user (a council by a session). */
async function advanceTo(id: string, name: string, org: string) {
  for (let guard = 0; guard < 20; guard++) {
    const stage = (await view(id)).currentStage as Stage;
    if (stage.name === name && stage.orgUnitCode === org) return;
    if (stage.name === 'COUNCIL') {
      await passCouncil(api, id, stage.orgUnitCode);
      continue;
    }
    const res = await (await api.as(actorOf(stage))).post(`/dossiers/${id}/approve`, {});
    expect(res.status).toBe(200);
  }
  throw new Error(`never reached ${name}@${org}`);
}

async function projected(id: string, seq: number) {
  for (let i = 0; i < 200; i++) {
    const [row] = await stack.db.query(`SELECT version FROM dossiers WHERE id = $1`, [id]);
    if (row && row.version >= seq) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dossier ${id} never reached version ${seq}`);
}

it('a dossier waiting at the council of an abolished district continues at the province', async () => {
  const { district, commune } = await ownDistrict('a');
  const id = await createAndSubmit(api, `${commune}.clerk`, 'BANG_KHEN_CHU_TICH_TINH', 'Hoàng Thị Mai');
  await advanceTo(id, 'COUNCIL', district);
  const before = await view(id);
  const earlier = (before.history as { seq: number; action: string }[]).map((e) => [e.seq, e.action]);

  const admin = await api.as('admin');
  const res = await admin.post(
    '/admin/reorganisations',
    { kind: 'ABOLISH', code: district, reason: 'Sắp xếp đơn vị hành chính cấp huyện' },
    { 'Idempotency-Key': `abolish-${district}` },
  );
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ kind: 'ABOLISH', code: district, parentCode: 'lang-son', actor: 'admin' });
  expect((await rerouted(admin, res)).results).toEqual([
    { dossierId: id, outcome: 'REROUTED', fromStage: `COUNCIL@${district}`, toStage: 'APPRAISAL@lang-son' },
  ]);

  // The tree: the commune reports to the province; the district is inactive.
  const tree = (await admin.get('/org-units')).body as { code: string; parentCode: string | null }[];
  expect(tree.find((u) => u.code === commune)?.parentCode).toBe('lang-son');
  expect(tree.map((u) => u.code)).not.toContain(district);
  const [gone] = await stack.db.query(`SELECT active FROM org_units WHERE code = $1`, [district]);
  expect(gone.active).toBe(false);

  await projected(id, before.version + 1);
  const after = await view(id);
  expect(after.status).toBe('IN_PROGRESS');
  expect(after.currentStage).toMatchObject({ name: 'APPRAISAL', orgUnitCode: 'lang-son', role: 'REVIEWER' });
  const history = after.history as {
    seq: number;
    action: string;
    fromStage: string;
    toStage: string;
    reason: string;
  }[];
  expect(history.slice(0, earlier.length).map((e) => [e.seq, e.action])).toEqual(earlier);
  expect(history.at(-1)).toMatchObject({
    action: 'reroute',
    fromStage: `COUNCIL@${district}`,
    toStage: 'APPRAISAL@lang-son',
    reason: 'Sắp xếp đơn vị hành chính cấp huyện',
  });
  const [row] = await stack.db.query(`SELECT org_chain FROM dossiers WHERE id = $1`, [id]);
  expect(row.org_chain).toEqual([commune, 'lang-son', 'trung-uong']);

  const inbox = (await (await api.as('lang-son.reviewer')).get('/inbox?limit=100')).body.items as { id: string }[];
  expect(inbox.map((d) => d.id)).toContain(id);
  // Nothing in flight waits at the abolished district any more.
  const [{ n }] = await stack.db.query(
    `SELECT count(*)::int AS n FROM dossiers WHERE current_org_code = $1 AND status IN ('DRAFT','IN_PROGRESS','RETURNED')`,
    [district],
  );
  expect(n).toBe(0);

  // A retry with the same key reorganises nothing twice and the update id dedupes the reroute.
  const retry = await admin.post(
    '/admin/reorganisations',
    { kind: 'ABOLISH', code: district, reason: 'Sắp xếp đơn vị hành chính cấp huyện' },
    { 'Idempotency-Key': `abolish-${district}` },
  );
  expect(retry.status).toBe(202);
  expect(retry.body.id).toBe(res.body.id);
  // Every dossier was rerouted: no new round, the Location is the operation that did it.
  expect(retry.headers.location).toBe(res.headers.location);
  expect(retry.body.results).toHaveLength(1);
  expect((await view(id)).version).toBe(after.version);

  const verify = await admin.get(`/audit/verify?dossierId=${id}`);
  expect(verify.body).toMatchObject({ ok: true, dossiers: 1, events: after.version, broken: [] });

  await advanceTo(id, 'DECISION', 'lang-son');
  const decided = await (await api.as('lang-son.approver')).post(`/dossiers/${id}/decide`, { decision });
  expect(decided.status).toBe(200);
  expect(decided.body.status).toBe('APPROVED');
  // The reroute moved the dossier's events to its new org chain in the dashboards' counts too.
  await projected(id, decided.body.version);
  await expectDashboardAggregatesToMatchRawTables(stack.db);
});

it('a merge of two provinces moves their districts and dossiers to the one that remains', async () => {
  const admin = await api.as('admin');
  for (const [code, name] of [
    ['rg-tinh-a', 'Tỉnh A'],
    ['rg-tinh-b', 'Tỉnh B'],
  ]) {
    expect(
      (await admin.post('/admin/org-units', { code, name, level: 'PROVINCE', parentCode: 'trung-uong' })).status,
    ).toBe(201);
  }
  expect(
    (
      await admin.post('/admin/org-units', {
        code: 'rg-huyen-b',
        name: 'Huyện B',
        level: 'DISTRICT',
        parentCode: 'rg-tinh-b',
      })
    ).status,
  ).toBe(201);
  for (const [org, role] of [
    ['rg-huyen-b', 'CLERK'],
    ['rg-huyen-b', 'APPROVER'],
    ['rg-tinh-b', 'REVIEWER'],
    ['rg-tinh-a', 'REVIEWER'],
  ]) {
    await admin.post('/admin/users', {
      username: `${org}.${role.toLowerCase()}`,
      displayName: `${role} ${org}`,
      role,
      orgUnitCode: org,
      password: stack.demoPassword,
    });
  }
  const id = await createAndSubmit(api, 'rg-huyen-b.clerk', 'BANG_KHEN_CHU_TICH_TINH', 'Lò Văn Sơn');
  await advanceTo(id, 'APPRAISAL', 'rg-tinh-b');

  // Validation: the field is named; unknown codes are 404; a unit cannot merge into its own descendant.
  const bad = await admin.post('/admin/reorganisations', { kind: 'MERGE', into: 'rg-tinh-a', reason: 'x' });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body)).toContain('from');
  expect(
    (
      await admin.post('/admin/reorganisations', {
        kind: 'MERGE',
        from: ['rg-khong-co'],
        into: 'rg-tinh-a',
        reason: 'x',
      })
    ).status,
  ).toBe(404);
  const cycle = await admin.post('/admin/reorganisations', {
    kind: 'MERGE',
    from: ['rg-tinh-b'],
    into: 'rg-huyen-b',
    reason: 'x',
  });
  expect(cycle.status).toBe(409);
  expect(
    (
      await (
        await api.as('rg-huyen-b.clerk')
      ).post('/admin/reorganisations', { kind: 'ABOLISH', code: 'rg-tinh-b', reason: 'x' })
    ).status,
  ).toBe(403);

  // The version before the merge, from the workflow: read after it, the reroute's projection may already be in.
  const before = await view(id);
  const res = await admin.post('/admin/reorganisations', {
    kind: 'MERGE',
    from: ['rg-tinh-b'],
    into: 'rg-tinh-a',
    reason: 'Hợp nhất tỉnh',
  });
  expect(res.status).toBe(202);
  expect((await rerouted(admin, res)).results).toEqual([
    { dossierId: id, outcome: 'REROUTED', fromStage: 'APPRAISAL@rg-tinh-b', toStage: 'APPRAISAL@rg-tinh-a' },
  ]);
  const [moved] = await stack.db.query(
    `SELECT p.code FROM org_units o JOIN org_units p ON p.id = o.parent_id WHERE o.code = 'rg-huyen-b'`,
  );
  expect(moved.code).toBe('rg-tinh-a');
  await projected(id, before.version + 1);
  const [row] = await stack.db.query(`SELECT org_chain, current_org_code FROM dossiers WHERE id = $1`, [id]);
  expect(row).toEqual({ org_chain: ['rg-huyen-b', 'rg-tinh-a', 'trung-uong'], current_org_code: 'rg-tinh-a' });
  await expectDashboardAggregatesToMatchRawTables(stack.db);
  // Merging an inactive unit again is a conflict.
  expect(
    (await admin.post('/admin/reorganisations', { kind: 'MERGE', from: ['rg-tinh-b'], into: 'rg-tinh-a', reason: 'x' }))
      .status,
  ).toBe(409);
});
