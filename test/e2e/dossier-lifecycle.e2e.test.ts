import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { dossierWorkflowId, getDossierState } from '../../libs/contracts';
import { currentStage, type DossierState } from '../../libs/domain/dossier-machine';
import { DossierEntity, DossierEventEntity } from '../../libs/persistence/entities';
import { expectDashboardAggregatesToMatchRawTables } from '../support/dashboard-aggregates';
import { COUNCIL_PRODUCED_DOCUMENTS } from '../../libs/domain/documents';
import { attachMissingDocuments } from '../support/documents';
import { passCouncil } from '../support/route-driver';
import { apiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('lifecycle');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

const nominee = { kind: 'INDIVIDUAL', name: 'Hoàng Văn Nam', position: 'Chủ tịch UBND xã', directWorker: false };
const decision = { number: '1234/QĐ-TTg', date: '2026-11-25', signer: 'Thủ tướng Chính phủ' };

async function createDossier(clerk: string, awardCode: string) {
  const res = await (
    await api.as(clerk)
  ).post('/dossiers', { awardCode, nominee, achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025' });
  expect(res.status).toBe(201);
  // The papers of Law Art. 84 must be attached before submission.
  await attachMissingDocuments(await api.as(clerk), res.body.id);
  return res.body as {
    id: string;
    route: {
      levels: { level: string; orgUnitCode: string }[];
      stages: { name: string; orgUnitCode: string; role: string }[];
    };
  };
}

/**
 * The read model is written by an activity after the Update returns; wait until it has caught up with the
 * workflow, then check that the two agree on everything a list or an inbox shows.
 */
async function expectReadModelAgrees(id: string): Promise<DossierState> {
  const handle = stack.temporal.workflow.getHandle(dossierWorkflowId(id));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = await handle.query(getDossierState);
    const row = await stack.db.getRepository(DossierEntity).findOneBy({ id });
    if (row && row.version === state.seq) {
      const stage = currentStage(state);
      expect(row.status).toBe(state.status);
      expect(row.stageIndex).toBe(state.stageIndex);
      expect(row.currentStageName).toBe(stage?.name ?? null);
      expect(row.currentOrgCode).toBe(stage?.orgUnitCode ?? null);
      expect(row.currentRole).toBe(stage?.role ?? null);
      expect(row.lastReason).toBe(state.lastReason);
      expect(row.decision).toEqual(state.decision);
      const events = await stack.db
        .getRepository(DossierEventEntity)
        .find({ where: { dossierId: id }, order: { seq: 'ASC' } });
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: state.seq }, (_, i) => i + 1));
      return state;
    }
    if (Date.now() > deadline)
      throw new Error(`read model of ${id} did not catch up (row v${row?.version}, workflow v${state.seq})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function act(username: string, id: string, action: string, body: object = {}) {
  const res = await (await api.as(username)).post(`/dossiers/${id}/${action}`, body);
  if (res.status !== 200) throw new Error(`${username} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
  await expectReadModelAgrees(id);
  return res.body;
}

/** A COUNCIL stage passes by a session of its council; the dossier as it is after the close. */
async function councilPasses(id: string, orgUnitCode: string) {
  await passCouncil(api, id, orgUnitCode);
  await expectReadModelAgrees(id);
  return (await (await api.as(`${orgUnitCode}.council`)).get(`/dossiers/${id}`)).body;
}

const userFor = (stage: { orgUnitCode: string; role: string }) => `${stage.orgUnitCode}.${stage.role.toLowerCase()}`;

describe('a BANG_KHEN_THU_TUONG nomination from xa-hoang-van-thu', () => {
  it('passes every stage of van-lang, lang-son and trung-uong to APPROVED, returned once at lang-son', async () => {
    const created = await createDossier('xa-hoang-van-thu.clerk', 'BANG_KHEN_THU_TUONG');
    const { id } = created;
    expect(created.route.levels.map((l) => [l.level, l.orgUnitCode])).toEqual([
      ['UNIT', 'xa-hoang-van-thu'],
      ['DISTRICT', 'van-lang'],
      ['PROVINCE', 'lang-son'],
      ['CENTRAL', 'trung-uong'],
    ]);
    const orgsWithStages = new Set(created.route.stages.map((s) => s.orgUnitCode));
    expect([...orgsWithStages]).toEqual(['xa-hoang-van-thu', 'van-lang', 'lang-son', 'trung-uong']);
    expect((created as unknown as { status: string }).status).toBe('DRAFT');
    await expectReadModelAgrees(id);

    let body = await act('xa-hoang-van-thu.clerk', id, 'submit');
    expect(body.status).toBe('IN_PROGRESS');
    let returnedAt: number | null = null;
    for (const [index, stage] of created.route.stages.entries()) {
      expect(body.currentStage).toMatchObject({
        index,
        name: stage.name,
        orgUnitCode: stage.orgUnitCode,
        role: stage.role,
      });
      const actor = userFor(stage);
      // The one who must act sees it in their inbox, and may act.
      const inbox = await (await api.as(actor)).get('/inbox?limit=100');
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.map((d: { id: string }) => d.id)).toContain(id);
      const view = await (await api.as(actor)).get(`/dossiers/${id}`);
      expect(view.body.allowedActions).toEqual(
        expect.arrayContaining(
          stage.name === 'DECISION'
            ? ['decide', 'return', 'reject']
            : stage.name === 'COUNCIL'
              ? ['return', 'reject']
              : ['approve', 'return', 'reject'],
        ),
      );

      if (stage.orgUnitCode === 'lang-son' && stage.name === 'COUNCIL' && returnedAt === null) {
        body = await act(actor, id, 'return', { reason: 'Bổ sung biên bản họp xét của Hội đồng cấp huyện' });
        expect(body.status).toBe('RETURNED');
        expect(body.currentStage).toMatchObject({ name: 'SUPPLEMENT', orgUnitCode: 'xa-hoang-van-thu', role: 'CLERK' });
        const clerkInbox = await (await api.as('xa-hoang-van-thu.clerk')).get('/inbox?limit=100');
        const mine = clerkInbox.body.items.find((d: { id: string }) => d.id === id);
        expect(mine).toMatchObject({ status: 'RETURNED' });
        const clerkView = await (await api.as('xa-hoang-van-thu.clerk')).get(`/dossiers/${id}`);
        expect(clerkView.body.lastReason).toBe('Bổ sung biên bản họp xét của Hội đồng cấp huyện');
        expect(clerkView.body.allowedActions).toEqual(expect.arrayContaining(['resubmit', 'withdraw']));
        body = await act('xa-hoang-van-thu.clerk', id, 'resubmit', { comment: 'Đã bổ sung biên bản' });
        // Back at the stage that returned it, not the start of the route.
        expect(body.currentStage).toMatchObject({ index, name: 'COUNCIL', orgUnitCode: 'lang-son' });
        returnedAt = index;
      }
      if (stage.name === 'COUNCIL') {
        // The secretary may not approve: the stage waits for a session ("chờ phiên họp"), and only its close moves it.
        expect(view.body.allowedActions).not.toContain('approve');
        expect(view.body.council).toEqual({ waitingForSession: true, session: null });
        const refused = await (await api.as(actor)).post(`/dossiers/${id}/approve`, { comment: 'Đồng ý' });
        expect(refused.status).toBe(409);
        expect(refused.body.message).toMatch(/\/councils\/sessions/);
        const session = await passCouncil(api, id, stage.orgUnitCode);
        body = (await (await api.as(actor)).get(`/dossiers/${id}`)).body;
        expect(body.currentStage).toMatchObject({ index: index + 1 });
        await expectReadModelAgrees(id);
        // The minutes of the session are the dossier's papers now, and its event names the session.
        const docs = await (await api.as('lang-son.leader')).get(`/dossiers/${id}/documents`);
        const minutes = docs.body.items.filter((d: { code: string }) => COUNCIL_PRODUCED_DOCUMENTS.includes(d.code));
        expect(minutes.some((d: { current: unknown }) => d.current !== null)).toBe(true);
        const passed = body.history.find(
          (e: { action: string; fromStage: string }) =>
            e.action === 'approve' && e.fromStage === `COUNCIL@${stage.orgUnitCode}`,
        );
        expect(passed.comment).toBe(`Phiên họp “${session.title}”: đồng ý 5/5, cần 3`);
        continue;
      }
      body =
        stage.name === 'DECISION'
          ? await act(actor, id, 'decide', { decision })
          : await act(actor, id, 'approve', { comment: 'Đồng ý' });
    }
    expect(returnedAt).not.toBeNull();
    expect(body.status).toBe('APPROVED');
    expect(body.decision).toEqual(decision);
    expect(body.allowedActions).toEqual([]);

    const final = await (await api.as('lang-son.leader')).get(`/dossiers/${id}`);
    expect(final.status).toBe(200);
    expect(final.body.status).toBe('APPROVED');
    const actions = final.body.history.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 2)).toEqual(['create', 'submit']);
    expect(actions.filter((a: string) => a === 'return')).toHaveLength(1);
    expect(actions[actions.length - 1]).toBe('decide');
    // The dashboards' trigger-kept counts followed every step, the return and resubmission included.
    await expectDashboardAggregatesToMatchRawTables(stack.db);
    const ret = final.body.history.find((e: { action: string }) => e.action === 'return');
    expect(ret).toMatchObject({
      actor: { username: 'lang-son.council', role: 'COUNCIL', orgUnitCode: 'lang-son' },
      fromStage: 'COUNCIL@lang-son',
      toStage: 'SUPPLEMENT@xa-hoang-van-thu',
      reason: expect.any(String),
    });
  });
});

it('a GIAY_KHEN from xa-hoang-van-thu stops at the district', async () => {
  const created = await createDossier('xa-hoang-van-thu.clerk', 'GIAY_KHEN');
  expect(created.route.levels.map((l) => l.orgUnitCode)).toEqual(['xa-hoang-van-thu', 'van-lang']);
  expect(created.route.stages[created.route.stages.length - 1]).toMatchObject({
    name: 'DECISION',
    orgUnitCode: 'van-lang',
    role: 'APPROVER',
  });
  let body = await act('xa-hoang-van-thu.clerk', created.id, 'submit');
  for (const stage of created.route.stages) {
    if (stage.name === 'COUNCIL') {
      body = await councilPasses(created.id, stage.orgUnitCode);
      continue;
    }
    body = await act(
      userFor(stage),
      created.id,
      stage.name === 'DECISION' ? 'decide' : 'approve',
      stage.name === 'DECISION'
        ? { decision: { ...decision, number: '15/QĐ-UBND', signer: 'Chủ tịch UBND huyện Văn Lãng' } }
        : {},
    );
  }
  expect(body.status).toBe('APPROVED');
  // Nothing reached the province.
  const events = await stack.db.getRepository(DossierEventEntity).find({ where: { dossierId: created.id } });
  expect(events.some((e) => e.actorOrgCode === 'lang-son')).toBe(false);
});

it('a BANG_KHEN_CHU_TICH_TINH from a Điện Biên department unit skips districts', async () => {
  const created = await createDossier('chi-cuc-bao-ve-moi-truong.clerk', 'BANG_KHEN_CHU_TICH_TINH');
  expect(created.route.levels.map((l) => [l.level, l.orgUnitCode])).toEqual([
    ['UNIT', 'chi-cuc-bao-ve-moi-truong'],
    ['DEPARTMENT', 'so-tai-nguyen-moi-truong'],
    ['PROVINCE', 'dien-bien'],
  ]);
  let body = await act('chi-cuc-bao-ve-moi-truong.clerk', created.id, 'submit');
  for (const stage of created.route.stages) {
    if (stage.name === 'COUNCIL') {
      body = await councilPasses(created.id, stage.orgUnitCode);
      continue;
    }
    body = await act(
      userFor(stage),
      created.id,
      'approve',
      stage.name === 'DECISION'
        ? { decision: { ...decision, number: '88/QĐ-UBND', signer: 'Chủ tịch UBND tỉnh Điện Biên' } }
        : {},
    );
  }
  expect(body).toMatchObject({ status: 'APPROVED', decision: { number: '88/QĐ-UBND' } });
});

describe('refused requests leave the dossier unchanged', () => {
  let id: string;
  let before: DossierState;
  beforeAll(async () => {
    id = (await createDossier('xa-hoang-van-thu.clerk', 'BANG_KHEN_THU_TUONG')).id;
    await act('xa-hoang-van-thu.clerk', id, 'submit');
    before = await expectReadModelAgrees(id);
  });
  afterEach(async () => {
    const after = await expectReadModelAgrees(id);
    expect(after.seq).toBe(before.seq);
    expect(after.status).toBe(before.status);
    expect(after.stageIndex).toBe(before.stageIndex);
  });

  it('wrong role: 403', async () => {
    const res = await (await api.as('xa-hoang-van-thu.clerk')).post(`/dossiers/${id}/approve`, {});
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      statusCode: 403,
      error: 'FORBIDDEN',
      message: expect.stringContaining('APPROVER'),
    });
  });
  it('wrong org unit: 403 (an APPROVER elsewhere on the route) or 404 (outside its subtree)', async () => {
    expect((await (await api.as('van-lang.approver')).post(`/dossiers/${id}/approve`, {})).status).toBe(403);
    const res = await (await api.as('dien-bien.approver')).post(`/dossiers/${id}/approve`, {});
    expect(res.status).toBe(404);
  });
  it('wrong stage: 409', async () => {
    const resubmit = await (await api.as('xa-hoang-van-thu.clerk')).post(`/dossiers/${id}/resubmit`, {});
    expect(resubmit.status).toBe(409);
    const decide = await (await api.as('xa-hoang-van-thu.approver')).post(`/dossiers/${id}/decide`, { decision });
    expect(decide.status).toBe(409);
    expect(decide.body.error).toBe('INVALID_STATE');
  });
  it('missing reason: 400 naming reason', async () => {
    const res = await (await api.as('xa-hoang-van-thu.approver')).post(`/dossiers/${id}/return`, { reason: '   ' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
  });
  it('malformed body: 400 naming the field; unknown fields refused; broken JSON refused', async () => {
    const caller = await api.as('xa-hoang-van-thu.approver');
    const bad = await caller.post(`/dossiers/${id}/return`, { reason: 42, sneaky: true });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['reason', 'sneaky']),
    );
    const broken = await caller
      .post(`/dossiers/${id}/approve`)
      .set('Content-Type', 'application/json')
      .send('{"comment": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ statusCode: 400, correlationId: expect.any(String) });
    const badId = await caller.post('/dossiers/not-a-uuid/approve', {});
    expect(badId.status).toBe(400);
    expect(badId.body.fields).toEqual([expect.objectContaining({ field: 'id' })]);
  });
  it('unknown dossier: 404', async () => {
    const res = await (await api.as('xa-hoang-van-thu.approver')).post(`/dossiers/${randomUUID()}/approve`, {});
    expect(res.status).toBe(404);
    expect((await (await api.as('xa-hoang-van-thu.approver')).get(`/dossiers/${randomUUID()}`)).status).toBe(404);
  });
  it('no token: 401', async () => {
    expect((await api.anonymous().post(`/dossiers/${id}/approve`).send({})).status).toBe(401);
  });
});

describe('creating a dossier', () => {
  it('refuses an unknown award (400 awardCode), a malformed nominee (400 nominee.kind), a non-clerk (403) and an award this org cannot route (422)', async () => {
    const clerk = await api.as('xa-hoang-van-thu.clerk');
    const unknown = await clerk.post('/dossiers', { awardCode: 'HUY_CHUONG_VANG', nominee, achievementSummary: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([expect.objectContaining({ field: 'awardCode' })]);
    const malformed = await clerk.post('/dossiers', { awardCode: 'GIAY_KHEN', nominee: { kind: 'ROBOT', name: '' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['nominee.kind', 'nominee.name', 'achievementSummary']),
    );
    const reviewer = await (
      await api.as('van-lang.reviewer')
    ).post('/dossiers', { awardCode: 'GIAY_KHEN', nominee, achievementSummary: 'x' });
    expect(reviewer.status).toBe(403);
    const wrongKind = await clerk.post('/dossiers', { awardCode: 'CO_THI_DUA_TINH', nominee, achievementSummary: 'x' });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.fields).toEqual([expect.objectContaining({ field: 'nominee.kind' })]);
    const provinceClerk = await (
      await api.as('lang-son.clerk')
    ).post('/dossiers', { awardCode: 'LAO_DONG_TIEN_TIEN', nominee, achievementSummary: 'x' });
    expect(provinceClerk.status).toBe(422);
  });

  it('with an Idempotency-Key, a retried create and a retried action apply once', async () => {
    const clerk = await api.as('xa-hoang-van-thu.clerk');
    const key = `create-${randomUUID()}`;
    const body = { awardCode: 'GIAY_KHEN', nominee, achievementSummary: 'Thành tích đột xuất' };
    const first = await clerk.post('/dossiers', body, { 'Idempotency-Key': key });
    const second = await clerk.post('/dossiers', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    await attachMissingDocuments(clerk, first.body.id);
    const submitKey = `submit-${randomUUID()}`;
    const a = await clerk.post(`/dossiers/${first.body.id}/submit`, {}, { 'Idempotency-Key': submitKey });
    const b = await clerk.post(`/dossiers/${first.body.id}/submit`, {}, { 'Idempotency-Key': submitKey });
    expect([a.status, b.status]).toEqual([200, 200]);
    const state = await expectReadModelAgrees(first.body.id);
    expect(state.seq).toBe(2);
    const events = await stack.db.getRepository(DossierEventEntity).find({ where: { dossierId: first.body.id } });
    expect(events.filter((e) => e.action === 'submit')).toHaveLength(1);
    // A retry after the key has been used still answers 200, not 409.
    const c = await clerk.post(`/dossiers/${first.body.id}/submit`, {}, { 'Idempotency-Key': submitKey });
    expect(c.status).toBe(200);
  });
});

describe('lists', () => {
  it('filters and pages with a keyset cursor, within the caller’s subtree', async () => {
    for (let i = 0; i < 3; i++) {
      // Lists read the read model, which the worker writes just after the workflow starts: wait for it.
      await expectReadModelAgrees((await createDossier('trung-tam-khuyen-cong.clerk', 'LAO_DONG_TIEN_TIEN')).id);
    }
    const ids: string[] = [];
    const caller = await api.as('so-cong-thuong.leader');
    let cursor: string | null = null;
    do {
      const res = await caller.get(`/dossiers?award=LAO_DONG_TIEN_TIEN&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      ids.push(...res.body.items.map((d: { id: string }) => d.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    // Another province's leader sees none of them.
    const other = await (await api.as('lang-son.leader')).get('/dossiers?award=LAO_DONG_TIEN_TIEN&limit=100');
    expect(other.body.items.filter((d: { id: string }) => ids.includes(d.id))).toEqual([]);
    const bad = await caller.get('/dossiers?status=LOST&limit=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['status', 'limit']));
  });
});

describe('service endpoints', () => {
  it('health reports PostgreSQL and Temporal up; OpenAPI is served; reference data lists', async () => {
    const health = await api.anonymous().get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      info: { postgresql: { status: 'up' }, temporal: { status: 'up' } },
    });
    const docs = await request(stack.baseUrl.replace(/\/api\/v1$/, '')).get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/dossiers', '/api/v1/dossiers/{id}/approve', '/api/v1/inbox']),
    );
    const clerk = await api.as('xa-hoang-van-thu.clerk');
    const awards = await clerk.get('/awards');
    expect(awards.body.map((a: { code: string }) => a.code)).toEqual(
      expect.arrayContaining(['BANG_KHEN_THU_TUONG', 'HUAN_CHUONG_LAO_DONG_HANG_NHAT']),
    );
    const orgs = await clerk.get('/org-units');
    expect(orgs.body).toEqual(
      expect.arrayContaining([{ code: 'van-lang', name: 'Huyện Văn Lãng', level: 'DISTRICT', parentCode: 'lang-son' }]),
    );
  });
});
