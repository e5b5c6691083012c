import { apiClient } from '../support/http';
import { attachMissingDocuments } from '../support/documents';
import { passCouncil } from '../support/route-driver';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('audit');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

const decision = { number: '9/QĐ-UBND', date: '2026-11-25', signer: 'Chủ tịch UBND huyện Văn Lãng' };

async function runDossier(): Promise<string> {
  const clerk = await api.as('xa-hoang-van-thu.clerk');
  const created = await clerk.post('/dossiers', {
    awardCode: 'GIAY_KHEN',
    nominee: { kind: 'INDIVIDUAL', name: 'Vi Văn Tài' },
    achievementSummary: 'Thành tích xuất sắc',
  });
  const id = created.body.id as string;
  await attachMissingDocuments(clerk, id);
  const steps: [string, string, object][] = [
    ['xa-hoang-van-thu.clerk', 'submit', {}],
    ['xa-hoang-van-thu.approver', 'approve', {}],
    ['van-lang.reviewer', 'return', { reason: 'Thiếu báo cáo thành tích' }],
    ['xa-hoang-van-thu.clerk', 'resubmit', {}],
    ['van-lang.reviewer', 'approve', {}],
    ['van-lang.council', 'session', {}],
    ['van-lang.approver', 'decide', { decision }],
  ];
  for (const [user, action, body] of steps) {
    if (action === 'session') {
      await passCouncil(api, id, 'van-lang'); // a COUNCIL stage passes by a closed session only
      continue;
    }
    const res = await (await api.as(user)).post(`/dossiers/${id}/${action}`, body);
    expect(res.status).toBe(200);
  }
  // Wait until the projection has written all 8 events.
  for (let i = 0; i < 200; i++) {
    const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = $1`, [id]);
    if (n === 8) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('events not projected');
}

it('the chain verifies after a normal run, and fails at the row altered directly in the database', async () => {
  const id = await runDossier();
  const admin = await api.as('admin');
  const ok = await admin.get(`/audit/verify?dossierId=${id}`);
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ ok: true, dossiers: 1, events: 8, broken: [] });
  expect((await admin.get('/audit/verify')).body.ok).toBe(true);

  // The application's connection cannot change or remove an event…
  await expect(
    stack.db.query(`UPDATE dossier_events SET reason = 'x' WHERE dossier_id = $1 AND seq = 4`, [id]),
  ).rejects.toThrow(/append-only/);
  await expect(stack.db.query(`DELETE FROM dossier_events WHERE dossier_id = $1`, [id])).rejects.toThrow(/append-only/);

  // …and a superuser who switches the guard off and edits a row is caught by the chain.
  const [original] = await stack.db.query(`SELECT reason FROM dossier_events WHERE dossier_id = $1 AND seq = 4`, [id]);
  const tamper = async (reason: string) =>
    stack.db.transaction(async (tx) => {
      await tx.query(`ALTER TABLE dossier_events DISABLE TRIGGER trg_dossier_events_append_only`);
      await tx.query(`UPDATE dossier_events SET reason = $2 WHERE dossier_id = $1 AND seq = 4`, [id, reason]);
      await tx.query(`ALTER TABLE dossier_events ENABLE TRIGGER trg_dossier_events_append_only`);
    });
  await tamper('Không có lý do');
  try {
    const broken = await admin.get(`/audit/verify?dossierId=${id}`);
    expect(broken.body).toMatchObject({ ok: false, broken: [{ dossierId: id, seq: 4, problem: 'HASH_MISMATCH' }] });
    const all = await admin.get('/audit/verify');
    expect(all.body.ok).toBe(false);
    expect(all.body.broken).toEqual([{ dossierId: id, seq: 4, problem: 'HASH_MISMATCH' }]);
  } finally {
    await tamper(original.reason);
  }
  expect((await admin.get(`/audit/verify?dossierId=${id}`)).body.ok).toBe(true);
});

it('exports the log per dossier and per org and period, as JSON and CSV, within the caller’s subtree', async () => {
  const id = await runDossier();
  const leader = await api.as('lang-son.leader');
  const json = await leader.get(`/audit/events?dossierId=${id}`);
  expect(json.status).toBe(200);
  expect(json.body.map((e: { action: string }) => e.action)).toEqual([
    'create',
    'submit',
    'approve',
    'return',
    'resubmit',
    'approve',
    'approve',
    'decide',
  ]);
  expect(json.body[3]).toMatchObject({
    actorUsername: 'van-lang.reviewer',
    reason: 'Thiếu báo cáo thành tích',
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });

  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const csv = await leader.get(`/audit/events?org=van-lang&from=${today}&to=${today}&format=csv`);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  const lines = csv.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  expect(lines[0]).toContain('dossierId');
  expect(lines.filter((l) => l.startsWith(id))).toHaveLength(8);
  expect(csv.text).toContain('Thiếu báo cáo thành tích');

  // Another province's leader sees none of it; a clerk may not export at all.
  const other = await (await api.as('dien-bien.leader')).get(`/audit/events?dossierId=${id}`);
  expect(other.body).toEqual([]);
  expect((await (await api.as('xa-hoang-van-thu.clerk')).get(`/audit/events?dossierId=${id}`)).status).toBe(403);
  const bad = await leader.get('/audit/events?from=25-11-2026&format=pdf');
  expect(bad.status).toBe(400);
  expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['format', 'from']);
});

it('logs denied and invalid attempts', async () => {
  const clerk = await api.as('xa-hoang-van-thu.clerk');
  const id = await runDossier();
  const res = await clerk.post(`/dossiers/${id}/approve`, {});
  expect(res.status).toBe(409);
  const [row] = await stack.db.query(`SELECT * FROM denied_attempts WHERE correlation_id = $1`, [
    res.body.correlationId,
  ]);
  expect(row).toMatchObject({
    username: 'xa-hoang-van-thu.clerk',
    role: 'CLERK',
    status: 409,
    error: 'INVALID_STATE',
    method: 'POST',
  });
  expect(row.path).toContain(id);
});
