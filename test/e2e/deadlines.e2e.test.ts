import { WorkingCalendar } from '../../libs/calendar';
import { loadAnnouncements } from '../../libs/persistence/calendar';
import { DossierEntity } from '../../libs/persistence/entities';
import { apiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';
import { attachMissingDocuments } from '../support/documents';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('deadlines');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

async function rowWhen(id: string, ok: (row: DossierEntity) => boolean): Promise<DossierEntity> {
  for (let i = 0; i < 300; i++) {
    const row = await stack.db.getRepository(DossierEntity).findOneBy({ id });
    if (row && ok(row)) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`read model of ${id} did not catch up`);
}

it('shows the stage’s due instant, projects it, and lets only the stage org’s APPROVER extend it', async () => {
  const clerk = await api.as('xa-hoang-van-thu.clerk');
  const created = await clerk.post('/dossiers', {
    awardCode: 'GIAY_KHEN',
    nominee: { kind: 'INDIVIDUAL', name: 'Lục Văn Thắng', directWorker: true },
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2026',
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(created.body.currentStage.dueAt).toBeNull(); // a draft has no clock
  await attachMissingDocuments(clerk, id);
  const submitted = await clerk.post(`/dossiers/${id}/submit`);
  expect(submitted.status).toBe(200);

  const cal = new WorkingCalendar(await loadAnnouncements(stack.db));
  const enteredOn = new Date(new Date(submitted.body.submittedAt).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const dueAt = new Date(`${cal.addWorkingDays(enteredOn, 10)}T23:59:59+07:00`).toISOString();
  // The clock is planned from rules the workflow reads when it starts; a submit that raced them is planned
  // as soon as they arrive (the Update itself never waits on PostgreSQL).
  let view = submitted.body;
  for (let i = 0; i < 300 && !view.currentStage.dueAt; i++) {
    await new Promise((r) => setTimeout(r, 50));
    view = (await clerk.get(`/dossiers/${id}`)).body;
  }
  expect(view.currentStage).toMatchObject({ name: 'UNIT_REVIEW', dueAt });
  const row = await rowWhen(id, (r) => r.currentDueAt !== null);
  expect(row.currentDueAt?.toISOString()).toBe(dueAt);

  const path = `/dossiers/${id}/extend-deadline`;
  expect((await clerk.post(path, { days: 2, reason: 'x' })).status).toBe(403);
  expect((await (await api.as('van-lang.approver')).post(path, { days: 2, reason: 'x' })).status).toBe(403);
  const approver = await api.as('xa-hoang-van-thu.approver');
  const noReason = await approver.post(path, { days: 2 });
  expect(noReason.status).toBe(400);
  expect(noReason.body.fields[0].field).toBe('reason');
  expect((await approver.post(path, { reason: 'x' })).status).toBe(400);

  const extended = await approver.post(path, { days: 2, reason: 'Chờ xác minh' }, { 'Idempotency-Key': 'ext-1' });
  expect(extended.status).toBe(200);
  const newDue = new Date(`${cal.addWorkingDays(cal.addWorkingDays(enteredOn, 10), 2)}T23:59:59+07:00`).toISOString();
  expect(extended.body.currentStage.dueAt).toBe(newDue);
  const again = await approver.post(path, { days: 2, reason: 'Chờ xác minh' }, { 'Idempotency-Key': 'ext-1' });
  expect(again.body.currentStage.dueAt).toBe(newDue);
  const projected = await rowWhen(id, (r) => r.version === extended.body.version);
  expect(projected.currentDueAt?.toISOString()).toBe(newDue);
  const history = (await clerk.get(`/dossiers/${id}`)).body.history as { action: string; reason: string }[];
  expect(history.map((e) => e.action)).toEqual(['create', 'submit', 'extend']);
  expect(history[2].reason).toBe('Chờ xác minh');

  // Each passage through a stage lands in stage_passages: the unit's review closes when it moves on.
  const moved = await approver.post(`/dossiers/${id}/approve`);
  expect(moved.status).toBe(200);
  await rowWhen(id, (r) => r.version === moved.body.version);
  const passages = await stack.db.query(
    `SELECT passage, stage_name, org_code, outcome, working_days, left_at IS NULL AS open
     FROM stage_passages WHERE dossier_id = $1 ORDER BY passage`,
    [id],
  );
  const leftOn = new Date(new Date(moved.body.updatedAt).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  expect(passages).toEqual([
    {
      passage: 1,
      stage_name: 'UNIT_REVIEW',
      org_code: 'xa-hoang-van-thu',
      outcome: 'FORWARDED',
      working_days: cal.workingDaysBetween(enteredOn, leftOn),
      open: false,
    },
    { passage: 2, stage_name: 'APPRAISAL', org_code: 'van-lang', outcome: null, working_days: null, open: true },
  ]);

  // Closed dossiers have no clock to extend.
  expect((await clerk.post(`/dossiers/${id}/withdraw`)).status).toBe(200);
  expect((await approver.post(path, { days: 2, reason: 'x' })).status).toBe(409);
  const closed = await rowWhen(id, (r) => r.status === 'WITHDRAWN');
  expect(closed.currentDueAt).toBeNull();
});
