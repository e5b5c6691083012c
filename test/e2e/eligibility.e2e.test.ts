import { randomUUID } from 'node:crypto';
import { attachMissingDocuments } from '../support/documents';
import { apiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('eligibility');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

const CLERK = 'xa-hoang-van-thu.clerk';
const key = () => `CCCD-${randomUUID().slice(0, 8)}`;

async function registerPerson(name: string, over: object = {}) {
  const res = await (await api.as(CLERK)).post('/nominees', { kind: 'INDIVIDUAL', key: key(), name, ...over });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
}

async function nominate(awardCode: string, registryId: string, extra: object = {}) {
  const res = await (
    await api.as(CLERK)
  ).post('/dossiers', {
    awardCode,
    nominee: { kind: 'INDIVIDUAL', name: 'Hoàng Văn Nam', registryId },
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ',
    achievementYear: 2025,
    ...extra,
  });
  expect(res.status).toBe(201);
  await attachMissingDocuments(await api.as(CLERK), res.body.id);
  return res.body.id as string;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('eligibility at submission', () => {
  it('Bằng khen Thủ tướng with 2 CSTĐ cơ sở: 422 naming the criterion; a 3rd imported from CSV unblocks it', async () => {
    const clerk = await api.as(CLERK);
    const n = await registerPerson('Hoàng Văn Nam');
    expect(
      (await clerk.post(`/nominees/${n.id}/awards`, { awardCode: 'BANG_KHEN_CHU_TICH_TINH', year: 2020 })).status,
    ).toBe(201);
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      expect((await clerk.put(`/nominees/${n.id}/ratings`, { year, rating: 'HOAN_THANH_TOT' })).status).toBe(200);
    }
    const csv = [
      'nominee_kind,nominee_key,nominee_name,award_code,year,decision_number,decision_date',
      `INDIVIDUAL,${n.key},Hoàng Văn Nam,CHIEN_SI_THI_DUA_CO_SO,2021,11/QĐ-UBND,2021-12-20`,
      `INDIVIDUAL,${n.key},Hoàng Văn Nam,CHIEN_SI_THI_DUA_CO_SO,2023,"12/QĐ-UBND, bổ sung",2023-12-20`,
      `INDIVIDUAL,${n.key},Hoàng Văn Nam,NO_SUCH_AWARD,2023,,`,
    ].join('\r\n');
    const imported = await clerk.post('/nominees/import-awards', { csv });
    expect(imported.status).toBe(200);
    expect(imported.body.results).toEqual([
      { line: 2, status: 'IMPORTED', nomineeId: n.id },
      { line: 3, status: 'IMPORTED', nomineeId: n.id },
      { line: 4, status: 'ERROR', message: 'unknown award_code NO_SUCH_AWARD' },
    ]);

    const id = await nominate('BANG_KHEN_THU_TUONG', n.id);
    const refused = await clerk.post(`/dossiers/${id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'eligibility.BANG_KHEN_THU_TUONG_RECORD',
    ]);
    expect(refused.body.fields[0].message).toMatch(/2\/3 lần CSTĐ cơ sở/);
    expect((await clerk.get(`/dossiers/${id}`)).body.status).toBe('DRAFT');

    const again = await clerk.post('/nominees/import-awards', {
      csv: `nominee_kind,nominee_key,nominee_name,award_code,year,decision_number,decision_date\nINDIVIDUAL,${n.key},,CHIEN_SI_THI_DUA_CO_SO,2025,,\nINDIVIDUAL,${n.key},,CHIEN_SI_THI_DUA_CO_SO,2021,,`,
    });
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['IMPORTED', 'ALREADY_RECORDED']);
    const submitted = await clerk.post(`/dossiers/${id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('IN_PROGRESS');

    // The reviewer sees the criteria with their legal basis.
    const shown = await (await api.as('van-lang.reviewer')).get(`/dossiers/${id}/eligibility`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ evaluated: true, eligible: true, nomineeId: n.id, achievementYear: 2025 });
    const rule = shown.body.results.find((r: { code: string }) => r.code === 'BANG_KHEN_THU_TUONG_RECORD');
    expect(rule).toMatchObject({ met: true, hard: true, legalBasis: expect.stringMatching(/Điều 73/) });
  });

  it('a nominee under investigation cannot be submitted; the record shows the period', async () => {
    const clerk = await api.as(CLERK);
    const n = await registerPerson('Lương Thị Mai', { serviceStartDate: '2020-01-01' });
    const r = await clerk.post(`/nominees/${n.id}/restrictions`, { kind: 'INVESTIGATION', from: '2025-01-01' });
    expect(r.status).toBe(201);
    const id = await nominate('LAO_DONG_TIEN_TIEN', n.id);
    const refused = await clerk.post(`/dossiers/${id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'eligibility.NO_DISCIPLINE_OR_INVESTIGATION',
    ]);
    expect(refused.body.fields[0].message).toMatch(/INVESTIGATION từ 2025-01-01/);
    const record = await clerk.get(`/nominees/${n.id}`);
    expect(record.body.restrictions).toEqual([{ kind: 'INVESTIGATION', from: '2025-01-01', to: null }]);
  });

  it('an initiative serves one dossier: the second dossier relying on it is refused', async () => {
    const clerk = await api.as(CLERK);
    const n = await registerPerson('Nông Văn Dũng');
    const code = `SK-${randomUUID().slice(0, 8)}`;
    expect(
      (
        await clerk.post(`/nominees/${n.id}/initiatives`, {
          code,
          title: 'Số hóa sổ thi đua',
          year: 2025,
          scope: 'BASE',
        })
      ).status,
    ).toBe(201);
    expect((await clerk.post(`/nominees/${n.id}/awards`, { awardCode: 'LAO_DONG_TIEN_TIEN', year: 2025 })).status).toBe(
      201,
    );
    const first = await nominate('CHIEN_SI_THI_DUA_CO_SO', n.id, { initiativeCodes: [code] });
    const second = await nominate('CHIEN_SI_THI_DUA_CO_SO', n.id, { initiativeCodes: [code] });
    expect((await clerk.post(`/dossiers/${first}/submit`)).status).toBe(200);
    const refused = await clerk.post(`/dossiers/${second}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['eligibility.INITIATIVE_USED_ONCE', 'eligibility.CSTD_CO_SO_EXCELLENT_OR_INITIATIVE']),
    );
    const record = await clerk.get(`/nominees/${n.id}`);
    expect(record.body.initiatives).toEqual([expect.objectContaining({ code, usedByDossierId: first })]);

    // The first is withdrawn: it won no award, so the initiative is free for the second.
    expect((await clerk.post(`/dossiers/${first}/withdraw`, { reason: 'Đề nghị hình thức khác' })).status).toBe(200);
    await waitFor('the initiative to be freed', async () => {
      const r = await clerk.get(`/nominees/${n.id}`);
      return r.body.initiatives[0].usedByDossierId === null ? true : undefined;
    });
    expect((await clerk.post(`/dossiers/${second}/submit`)).status).toBe(200);
    expect((await clerk.get(`/nominees/${n.id}`)).body.initiatives[0].usedByDossierId).toBe(second);
  });

  it('an approved dossier’s award enters the nominee’s record', async () => {
    const clerk = await api.as(CLERK);
    const n = await registerPerson('Triệu Thị Hà', { serviceStartDate: '2025-06-30' });
    const id = await nominate('LAO_DONG_TIEN_TIEN', n.id);
    expect((await clerk.post(`/dossiers/${id}/submit`)).status).toBe(200);
    const decided = await (
      await api.as('xa-hoang-van-thu.approver')
    ).post(`/dossiers/${id}/decide`, {
      decision: { number: '05/QĐ-UBND', date: '2025-12-30', signer: 'Chủ tịch UBND xã' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('APPROVED');
    const award = await waitFor('the award in the registry', async () => {
      const r = await clerk.get(`/nominees/${n.id}`);
      return r.body.awards.find((a: { awardCode: string }) => a.awardCode === 'LAO_DONG_TIEN_TIEN');
    });
    expect(award).toEqual({
      awardCode: 'LAO_DONG_TIEN_TIEN',
      year: 2025,
      decisionNumber: '05/QĐ-UBND',
      decisionDate: '2025-12-30',
      source: 'ENGINE',
      dossierId: id,
    });
  });

  it('Tập thể lao động tiên tiến: exactly half Lao động tiên tiến is refused, one more member unblocks it', async () => {
    const clerk = await api.as(CLERK);
    const team = await clerk.post('/nominees', {
      kind: 'COLLECTIVE',
      key: `TO-${randomUUID().slice(0, 8)}`,
      name: 'Tổ Một cửa',
    });
    expect(team.status).toBe(201);
    const year = {
      year: 2025,
      memberCount: 10,
      completedCount: 10,
      laoDongTienTienCount: 5,
      cstdCoSoCount: 0,
      disciplinedCount: 0,
    };
    expect((await clerk.put(`/nominees/${team.body.id}/collective-years`, year)).status).toBe(200);
    const tooMany = await clerk.put(`/nominees/${team.body.id}/collective-years`, {
      ...year,
      laoDongTienTienCount: 11,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields[0].field).toBe('laoDongTienTienCount');
    const created = await clerk.post('/dossiers', {
      awardCode: 'TAP_THE_LAO_DONG_TIEN_TIEN',
      nominee: { kind: 'COLLECTIVE', name: 'Tổ Một cửa', memberCount: 10, registryId: team.body.id },
      achievementSummary: 'Hoàn thành tốt nhiệm vụ năm 2025',
      achievementYear: 2025,
    });
    expect(created.status).toBe(201);
    await attachMissingDocuments(clerk, created.body.id);
    const refused = await clerk.post(`/dossiers/${created.body.id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual(['eligibility.TTLDTT_MEMBERS']);
    expect(refused.body.fields[0].message).toMatch(/5\/10 Lao động tiên tiến/);
    expect(
      (await clerk.put(`/nominees/${team.body.id}/collective-years`, { ...year, laoDongTienTienCount: 6 })).status,
    ).toBe(200);
    expect((await clerk.post(`/dossiers/${created.body.id}/submit`)).status).toBe(200);
  });

  it('the registry is scoped: other subtrees get 404, non-clerks cannot write, a wrong kind is 422', async () => {
    const n = await registerPerson('Vi Văn Tú');
    expect((await (await api.as('so-cong-thuong.clerk')).get(`/nominees/${n.id}`)).status).toBe(404);
    expect((await (await api.as('van-lang.reviewer')).get(`/nominees/${n.id}`)).status).toBe(200);
    expect(
      (await (await api.as('van-lang.reviewer')).put(`/nominees/${n.id}/ratings`, { year: 2025, rating: 'HOAN_THANH' }))
        .status,
    ).toBe(403);
    const bad = await (await api.as(CLERK)).put(`/nominees/${n.id}/ratings`, { year: 2025, rating: 'GOOD' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('rating');
    const wrongKind = await (
      await api.as(CLERK)
    ).post('/dossiers', {
      awardCode: 'GIAY_KHEN',
      nominee: { kind: 'COLLECTIVE', name: 'Tổ 1', registryId: n.id },
      achievementSummary: 'x',
    });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.fields[0].field).toBe('nominee.registryId');
  });
});
