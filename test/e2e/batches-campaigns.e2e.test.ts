import { randomUUID } from 'node:crypto';
import { samplePdf } from '../support/documents';
import { apiClient, followOperation, type Caller } from '../support/http';
import { pdfText } from '../support/pdf-text';
import { advanceTo, closeSession, createAndSubmit } from '../support/route-driver';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('batches');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

const CLERK = 'xa-hoang-van-thu.clerk';
const OTHER_UNIT_APPROVER = 'dien-bien.approver';
const suffix = () => randomUUID().slice(0, 6).toUpperCase();
const day = (offset: number) => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function campaign(over: object) {
  const res = await (
    await api.as('lang-son.leader')
  ).post('/campaigns', {
    code: `TK-${suffix()}`,
    name: 'Đợt xét khen thưởng tổng kết năm 2025',
    kind: 'ANNUAL',
    opensOn: day(-10),
    closesOn: day(10),
    awardCodes: ['GIAY_KHEN', 'LAO_DONG_TIEN_TIEN', 'BANG_KHEN_CHU_TICH_TINH'],
    ...over,
  });
  expect(res.status).toBe(201);
  return res.body.code as string;
}

async function blob(clerk: Caller, label: string): Promise<string> {
  const res = await clerk
    .raw('post', '/documents')
    .attach('file', samplePdf(label), { filename: `${label}.pdf`, contentType: 'application/pdf' });
  expect(res.status).toBe(201);
  return res.body.sha256;
}

describe('campaigns', () => {
  it('records the campaign and its kind on the dossier, admits only its awards, and enforces its window', async () => {
    const clerk = await api.as(CLERK);
    expect(
      (
        await clerk.post('/campaigns', {
          code: 'X',
          name: 'x',
          kind: 'ANNUAL',
          opensOn: day(0),
          closesOn: day(1),
          awardCodes: ['GIAY_KHEN'],
        })
      ).status,
    ).toBe(403);
    const adHoc = await campaign({ kind: 'AD_HOC', name: 'Khen thưởng đột xuất phòng chống lũ' });
    const id = await createAndSubmit(api, CLERK, 'GIAY_KHEN', 'Hà Văn Sơn', { campaignCode: adHoc });
    const view = await clerk.get(`/dossiers/${id}`);
    expect(view.body.links).toMatchObject({ campaignCode: adHoc, campaignKind: 'AD_HOC' });
    // The workflow's input carries it too, for rules resolved inside the workflow (time limits).
    const history = await stack.temporal.workflow.getHandle(`dossier-${id}`).fetchHistory();
    const payload = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
    expect(JSON.parse(Buffer.from(payload.data!).toString()).campaign).toEqual({ code: adHoc, kind: 'AD_HOC' });

    const notAdmitted = await clerk.post('/dossiers', {
      awardCode: 'CHIEN_SI_THI_DUA_CO_SO',
      nominee: { kind: 'INDIVIDUAL', name: 'x' },
      achievementSummary: 'x',
      campaignCode: adHoc,
    });
    expect(notAdmitted.status).toBe(422);
    expect(notAdmitted.body.fields[0].field).toBe('campaignCode');

    for (const [window, message] of [
      [{ opensOn: day(-30), closesOn: day(-1) }, /closed on/],
      [{ opensOn: day(1), closesOn: day(30) }, /opens on/],
    ] as const) {
      const code = await campaign(window);
      const created = await clerk.post('/dossiers', {
        awardCode: 'GIAY_KHEN',
        nominee: { kind: 'INDIVIDUAL', name: 'Lò Thị Xuân' },
        achievementSummary: 'x',
        campaignCode: code,
      });
      expect(created.status).toBe(201);
      const refused = await clerk.post(`/dossiers/${created.body.id}/submit`);
      expect(refused.status).toBe(422);
      expect(refused.body.fields).toEqual(
        expect.arrayContaining([{ field: 'campaignCode', message: expect.stringMatching(message) }]),
      );
    }
  });
});

describe('batches', () => {
  it('a batch of 50 with 3 invalid items submits 47 and reports the 3', async () => {
    const clerk = await api.as(CLERK);
    const code = await campaign({});
    const toTrinh = await blob(clerk, `to-trinh-${code}`);
    const bienBan = await blob(clerk, `bien-ban-${code}`);
    const investigated = await clerk.post('/nominees', {
      kind: 'INDIVIDUAL',
      key: `K-${suffix()}`,
      name: 'Mông Văn Tài',
      serviceStartDate: '2015-01-01',
    });
    await clerk.post(`/nominees/${investigated.body.id}/restrictions`, { kind: 'INVESTIGATION', from: '2025-01-01' });

    const items: object[] = [];
    for (let i = 0; i < 50; i++) {
      const report = await blob(clerk, `bao-cao-${code}-${i}`);
      items.push({
        awardCode: 'GIAY_KHEN',
        nominee: { kind: 'INDIVIDUAL', name: `Nông Thị Hoa ${i + 1}` },
        achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
        campaignCode: code,
        documents: [{ docType: 'BAO_CAO_THANH_TICH', sha256: report, fileName: `báo cáo ${i + 1}.pdf` }],
      });
    }
    items[7] = { ...items[7], awardCode: 'HUY_CHUONG_VANG' };
    items[19] = { ...items[19], nominee: { name: 'Không rõ loại' } };
    items[33] = {
      ...items[33],
      awardCode: 'LAO_DONG_TIEN_TIEN',
      nominee: { kind: 'INDIVIDUAL', name: 'Mông Văn Tài', registryId: investigated.body.id },
    };
    const res = await clerk.post('/dossiers/batch', {
      title: 'Tờ trình số 12/TTr-UBND đề nghị khen thưởng năm 2025',
      documents: [
        { docType: 'TO_TRINH', sha256: toTrinh, fileName: 'tờ trình 12.pdf' },
        { docType: 'BIEN_BAN_XET', sha256: bienBan },
      ],
      items,
    });
    // A long operation: the request answers at once, the page follows it to the end.
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'NOMINATIONS', total: 50, complete: false });
    const op = await followOperation(clerk, res);
    expect({ total: op.total, done: op.done, failed: op.failed }).toEqual({ total: 50, done: 50, failed: 3 });
    expect(op.results.map((r) => r.position)).toEqual([...Array(50).keys()]);
    const failed = op.results.filter((r) => !r.ok);
    expect(failed.map((r) => [r.position, r.status])).toEqual([
      [7, 400],
      [19, 400],
      [33, 422],
    ]);
    expect(failed[0].error!.fields![0].field).toBe('awardCode');
    expect(failed[1].error!.fields!.map((f: { field: string }) => f.field)).toContain('nominee.kind');
    expect(failed[2].error!.fields![0].field).toBe('eligibility.NO_DISCIPLINE_OR_INVESTIGATION');
    // The third was created and stays a draft for the clerk to settle.
    expect((await clerk.get(`/dossiers/${failed[2].dossierId}`)).body.status).toBe('DRAFT');
    const ok = op.results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(47);
    expect(new Set(ok.map((r) => r.dossierStatus))).toEqual(new Set(['IN_PROGRESS']));
    const docs = await clerk.get(`/dossiers/${ok[0].dossierId}/documents`);
    expect(docs.body.missing).toEqual([]);
    expect(docs.body.items.find((i: { code: string }) => i.code === 'TO_TRINH').current).toMatchObject({
      sha256: toTrinh,
      fileName: 'tờ trình 12.pdf',
    });

    // The unit's approver signs ten of them at once; two wrong ids fail on their own.
    const approver = await api.as('xa-hoang-van-thu.approver');
    const ids = [...ok.slice(0, 10).map((r) => r.dossierId!), failed[2].dossierId, randomUUID()];
    const key = `bulk-${randomUUID()}`;
    const bulk = await approver.post(
      '/dossiers/actions',
      { action: 'approve', ids, comment: 'Nhất trí' },
      { 'Idempotency-Key': key },
    );
    const signed = await followOperation(approver, bulk);
    expect({ done: signed.done, failed: signed.failed }).toEqual({ done: 12, failed: 2 });
    expect(signed.results.slice(10).map((r) => [r.id, r.status])).toEqual([
      [ids[10], 409],
      [ids[11], 404],
    ]);
    const moved = await approver.get(`/dossiers/${ids[0]}`);
    expect(moved.body.currentStage).toMatchObject({ orgUnitCode: 'van-lang', name: 'APPRAISAL' });
    // A retried bulk request applies nothing twice.
    const history = moved.body.history.length;
    const retry = await approver.post(
      '/dossiers/actions',
      { action: 'approve', ids: ids.slice(0, 10) },
      { 'Idempotency-Key': key },
    );
    const again = await followOperation(approver, retry);
    expect(again.id).not.toBe(signed.id);
    expect({ done: again.done, failed: again.failed }).toEqual({ done: 10, failed: 0 });
    expect((await approver.get(`/dossiers/${ids[0]}`)).body.history.length).toBe(history);

    // A return needs its reason: each item says so.
    const bad = await followOperation(
      approver,
      await approver.post('/dossiers/actions', { action: 'return', ids: [ok[10].dossierId] }),
    );
    expect(bad.results[0]).toMatchObject({ ok: false, status: 400, error: { fields: [{ field: 'reason' }] } });

    // The operation is its caller's and their superiors': another unit's approver does not find it.
    expect((await (await api.as('lang-son.approver')).get(`/operations/${signed.id}`)).status).toBe(200);
    expect((await (await api.as(OTHER_UNIT_APPROVER)).get(`/operations/${signed.id}`)).status).toBe(404);
  });
});

describe('quotas', () => {
  it('a council close holds back what exceeds the campaign’s quota', async () => {
    const code = await campaign({});
    const set = await (
      await api.as('lang-son.leader')
    ).put(`/campaigns/${code}/quotas`, {
      orgUnitCode: 'lang-son',
      awardCode: 'BANG_KHEN_CHU_TICH_TINH',
      maxCount: 1,
    });
    expect(set.status).toBe(200);
    const first = await createAndSubmit(api, CLERK, 'BANG_KHEN_CHU_TICH_TINH', 'Hoàng Thị Nga', { campaignCode: code });
    const second = await createAndSubmit(api, CLERK, 'BANG_KHEN_CHU_TICH_TINH', 'Đinh Văn Khải', {
      campaignCode: code,
    });
    for (const id of [first, second]) await advanceTo(api, id, 'COUNCIL', 'lang-son');
    const secretary = await api.as('lang-son.council');
    const session = await secretary.post('/councils/sessions', {
      title: 'Phiên xét chỉ tiêu',
      dossierIds: [first, second],
    });
    expect(session.status).toBe(201);
    for (let n = 1; n <= 5; n++) {
      const votes = [first, second].map((dossierId) => ({
        dossierId,
        vote: n === 5 && dossierId === second ? 'NO' : 'YES',
      }));
      expect(
        (await (await api.as(`lang-son.member${n}`)).post(`/councils/sessions/${session.body.id}/votes`, { votes }))
          .status,
      ).toBe(200);
    }
    const { closed } = await closeSession(secretary, session.body.id);
    const outcome = (id: string) => closed.items.find((i: { dossierId: string }) => i.dossierId === id);
    expect(outcome(first)).toMatchObject({ outcome: 'APPROVED', tally: { yes: 5, passed: true } });
    expect(outcome(second)).toMatchObject({ outcome: 'QUOTA_EXCEEDED', tally: { yes: 4, passed: true } });
    const held = await secretary.get(`/dossiers/${second}`);
    expect(held.body.status).toBe('RETURNED');
    expect(held.body.lastReason).toMatch(/chỉ tiêu BANG_KHEN_CHU_TICH_TINH của lang-son/);
    const minutes = await secretary
      .raw('get', `/councils/sessions/${session.body.id}/minutes`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(await pdfText(minutes.body as Buffer)).toContain('Đạt, nhưng vượt chỉ tiêu');
  });

  it('a quota as a share of another award counts what the campaign approved of that award', async () => {
    const code = await campaign({});
    // Cap Bằng khen tỉnh at 50% of the Giấy khen approved in the campaign under Lạng Sơn.
    const set = await (
      await api.as('lang-son.leader')
    ).put(`/campaigns/${code}/quotas`, {
      orgUnitCode: 'lang-son',
      awardCode: 'BANG_KHEN_CHU_TICH_TINH',
      maxPercent: 50,
      basisAwardCode: 'GIAY_KHEN',
    });
    expect(set.status).toBe(200);
    const giayKhen = [
      await createAndSubmit(api, CLERK, 'GIAY_KHEN', 'Lý Văn Một', { campaignCode: code }),
      await createAndSubmit(api, CLERK, 'GIAY_KHEN', 'Lý Văn Hai', { campaignCode: code }),
    ];
    for (const id of giayKhen) await advanceTo(api, id, 'DECISION', 'van-lang');
    const decider = await api.as('van-lang.approver');
    const decided = await decider.post('/decisions', {
      number: `20/QĐ-${suffix()}`,
      date: day(0),
      signer: 'Chủ tịch UBND huyện Văn Lãng',
      dossierIds: giayKhen,
    });
    expect((await followOperation(decider, decided)).failed).toBe(0);
    expect((await decider.get(`/decisions/${decided.body.id}`)).body.decided).toBe(2);
    // The read model must show them approved before the council counts them.
    for (const id of giayKhen) {
      for (let i = 0; i < 150; i++) {
        const [row] = await stack.db.query(`SELECT status FROM dossiers WHERE id = $1`, [id]);
        if (row?.status === 'APPROVED') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const bk = [
      await createAndSubmit(api, CLERK, 'BANG_KHEN_CHU_TICH_TINH', 'Lý Thị Ba', { campaignCode: code }),
      await createAndSubmit(api, CLERK, 'BANG_KHEN_CHU_TICH_TINH', 'Lý Thị Tư', { campaignCode: code }),
    ];
    for (const id of bk) await advanceTo(api, id, 'COUNCIL', 'lang-son');
    const secretary = await api.as('lang-son.council');
    const session = await secretary.post('/councils/sessions', { title: 'Phiên xét theo tỷ lệ', dossierIds: bk });
    for (let n = 1; n <= 5; n++) {
      const votes = bk.map((dossierId) => ({ dossierId, vote: n === 5 && dossierId === bk[1] ? 'ABSTAIN' : 'YES' }));
      await (await api.as(`lang-son.member${n}`)).post(`/councils/sessions/${session.body.id}/votes`, { votes });
    }
    const { closed } = await closeSession(secretary, session.body.id, { onFail: 'reject' });
    const outcome = (id: string) => closed.items.find((i: { dossierId: string }) => i.dossierId === id).outcome;
    expect([outcome(bk[0]), outcome(bk[1])]).toEqual(['APPROVED', 'QUOTA_EXCEEDED']);
    expect((await secretary.get(`/dossiers/${bk[1]}`)).body.status).toBe('REJECTED');
  });
});
