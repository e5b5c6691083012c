import { apiClient } from '../support/http';
import { attachMissingDocuments } from '../support/documents';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('substitution');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

const vnDay = (offsetDays = 0) =>
  new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

it('a named substitute acts with the principal’s role for the period, recorded as “X acting for Y”', async () => {
  const clerk = await api.as('xa-hoang-van-thu.clerk');
  const created = await clerk.post('/dossiers', {
    awardCode: 'GIAY_KHEN',
    nominee: { kind: 'COLLECTIVE', name: 'Tổ dân phố số 3', memberCount: 8 },
    achievementSummary: 'Phong trào xây dựng nông thôn mới',
  });
  const id = created.body.id;
  await attachMissingDocuments(clerk, id);
  expect((await clerk.post(`/dossiers/${id}/submit`)).status).toBe(200);
  expect((await (await api.as('xa-hoang-van-thu.approver')).post(`/dossiers/${id}/approve`)).status).toBe(200);

  const substitute = await api.as('loc-binh.reviewer');
  const actingAs = (path: string, body = {}) => substitute.post(path, body, { 'X-Acting-For': 'van-lang.reviewer' });

  // Not (yet) named: refused.
  expect((await actingAs(`/dossiers/${id}/approve`)).status).toBe(403);

  const principal = await api.as('van-lang.reviewer');
  const future = await principal.post('/substitutions', {
    substitute: 'loc-binh.reviewer',
    from: vnDay(3),
    to: vnDay(5),
  });
  expect(future.status).toBe(201);
  expect((await actingAs(`/dossiers/${id}/approve`)).status).toBe(403);

  const today = await principal.post('/substitutions', {
    substitute: 'loc-binh.reviewer',
    from: vnDay(-1),
    to: vnDay(1),
    reason: 'Nghỉ phép',
  });
  expect(today.status).toBe(201);
  expect(today.body).toMatchObject({
    principal: 'van-lang.reviewer',
    substitute: 'loc-binh.reviewer',
    reason: 'Nghỉ phép',
  });

  // While acting, the substitute sees the principal's inbox and may act at the principal's stage.
  const inboxIds: string[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await substitute
      .get(`/inbox?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      .set('X-Acting-For', 'van-lang.reviewer');
    expect(page.status).toBe(200);
    inboxIds.push(...page.body.items.map((d: { id: string }) => d.id));
    cursor = page.body.nextCursor;
  }
  expect(inboxIds).toContain(id);
  const acted = await actingAs(`/dossiers/${id}/approve`, { comment: 'Thay mặt chuyên viên thẩm định' });
  expect(acted.status).toBe(200);
  expect(acted.body.currentStage).toMatchObject({ name: 'COUNCIL', orgUnitCode: 'van-lang' });

  let event: { actor: { username: string; role: string; orgUnitCode: string; actingFor: string | null } } | undefined;
  for (let i = 0; i < 100 && !event; i++) {
    const view = await principal.get(`/dossiers/${id}`);
    event = view.body.history?.find((e: { seq: number }) => e.seq === 4);
    if (!event) await new Promise((r) => setTimeout(r, 50));
  }
  expect(event!.actor).toEqual({
    username: 'loc-binh.reviewer',
    displayName: expect.any(String),
    role: 'REVIEWER',
    orgUnitCode: 'van-lang',
    actingFor: 'van-lang.reviewer',
  });

  // Without the header the substitute is only themself; after revocation the header no longer works.
  expect((await substitute.post(`/dossiers/${id}/approve`)).status).toBe(404);
  const revoke = await principal.get('/substitutions');
  expect(revoke.body.length).toBe(2);
  const { default: request } = await import('supertest');
  const login = await request(stack.baseUrl)
    .post('/auth/login')
    .send({ username: 'van-lang.reviewer', password: stack.demoPassword });
  const del = await request(stack.baseUrl)
    .delete(`/substitutions/${today.body.id}`)
    .set('Authorization', `Bearer ${login.body.accessToken}`);
  expect(del.status).toBe(204);
  expect((await substitute.get('/inbox').set('X-Acting-For', 'van-lang.reviewer')).status).toBe(403);
});

it('refuses bad substitutions: yourself, unknown users, reversed periods, ADMIN rights', async () => {
  const principal = await api.as('van-lang.council');
  const self = await principal.post('/substitutions', { substitute: 'van-lang.council', from: vnDay(), to: vnDay() });
  expect(self.status).toBe(400);
  expect(self.body.fields).toEqual([expect.objectContaining({ field: 'substitute' })]);
  const unknown = await principal.post('/substitutions', { substitute: 'nobody.here', from: vnDay(), to: vnDay() });
  expect(unknown.body.fields).toEqual([expect.objectContaining({ field: 'substitute' })]);
  const reversed = await principal.post('/substitutions', {
    substitute: 'loc-binh.council',
    from: vnDay(2),
    to: vnDay(),
  });
  expect(reversed.body.fields).toEqual([expect.objectContaining({ field: 'to' })]);
  const malformed = await principal.post('/substitutions', {
    substitute: 'loc-binh.council',
    from: '01/12/2026',
    to: 5,
  });
  expect(malformed.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['from', 'to']);
  expect(
    (
      await (
        await api.as('admin')
      ).post('/substitutions', { substitute: 'lang-son.leader', from: vnDay(), to: vnDay() })
    ).status,
  ).toBe(403);
  const badHeader = await (await api.as('loc-binh.council')).get('/inbox').set('X-Acting-For', 'DROP TABLE users');
  expect(badHeader.status).toBe(400);
});
