import { randomUUID } from 'node:crypto';
import { apiClient, followOperation } from '../support/http';
import { pdfText } from '../support/pdf-text';
import { advanceTo, createAndSubmit } from '../support/route-driver';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('decisions');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

const CLERK = 'xa-hoang-van-thu.clerk';
const DECIDER = 'van-lang.approver';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a decision for many dossiers', () => {
  it('decides each, reports the one it cannot, writes the PDF with its list, and records the awards', async () => {
    const clerk = await api.as(CLERK);
    const registered = await clerk.post('/nominees', {
      kind: 'INDIVIDUAL',
      key: `K-${randomUUID().slice(0, 8)}`,
      name: 'Bế Thị Thủy',
    });
    expect(registered.status).toBe(201);
    const ids = [
      await createAndSubmit(api, CLERK, 'GIAY_KHEN', 'Bế Thị Thủy', {
        achievementYear: 2025,
        nominee: { kind: 'INDIVIDUAL', name: 'Bế Thị Thủy', registryId: registered.body.id },
      }),
      await createAndSubmit(api, CLERK, 'GIAY_KHEN', 'Hoàng Đức Lộc'),
      await createAndSubmit(api, CLERK, 'GIAY_KHEN', 'Nguyễn Thị Ánh Tuyết'),
    ];
    for (const id of ids) await advanceTo(api, id, 'DECISION', 'van-lang');
    const notYet = await createAndSubmit(api, CLERK, 'GIAY_KHEN', 'Lâm Văn Chưa');

    const decider = await api.as(DECIDER);
    const body = {
      number: `15/QĐ-UBND-${randomUUID().slice(0, 4)}`,
      date: '2025-12-30',
      signer: 'Chủ tịch UBND huyện Văn Lãng',
      title: 'Về việc tặng Giấy khen cho các cá nhân có thành tích xuất sắc năm 2025',
      dossierIds: [...ids, notYet],
    };
    expect((await (await api.as('van-lang.reviewer')).post('/decisions', body)).status).toBe(403);
    const res = await decider.post('/decisions', body);
    // Recorded at once; the dossiers are decided by the operation its Location names.
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(res.body.links.operation);
    const op = await followOperation(decider, res);
    expect({ total: op.total, done: op.done, failed: op.failed }).toEqual({ total: 4, done: 4, failed: 1 });
    expect(op.results.map((r) => [r.position, r.status])).toEqual([
      [0, 200],
      [1, 200],
      [2, 200],
      [3, 409],
    ]);
    expect(op.results[3].dossierId).toBe(notYet);
    const recorded = await decider.get(`/decisions/${res.body.id}`);
    expect({ decided: recorded.body.decided, failed: recorded.body.failed, pending: recorded.body.pending }).toEqual({
      decided: 3,
      failed: 1,
      pending: 0,
    });
    expect(recorded.body.items.map((i: { status: number }) => i.status)).toEqual([200, 200, 200, 409]);
    expect(recorded.body.pdfAvailable).toBe(true);
    for (const id of ids) {
      const d = await decider.get(`/dossiers/${id}`);
      expect(d.body).toMatchObject({ status: 'APPROVED', decision: { number: body.number, date: '2025-12-30' } });
    }

    // A retry with the same number decides nothing twice.
    const history = (await decider.get(`/dossiers/${ids[0]}`)).body.history.length;
    const retry = await decider.post('/decisions', body);
    expect(retry.body.id).toBe(res.body.id);
    // A new round for the one dossier still refused; the three decided are not run again.
    const again = await followOperation(decider, retry);
    expect(again.id).not.toBe(op.id);
    expect(again.results.map((r) => [r.dossierId, r.status])).toEqual([[notYet, 409]]);
    expect((await decider.get(`/dossiers/${ids[0]}`)).body.history.length).toBe(history);
    expect((await decider.get(`/decisions/${res.body.id}`)).body).toMatchObject({ decided: 3, failed: 1 });
    const clash = await decider.post('/decisions', { ...body, signer: 'Người khác' });
    expect(clash.status).toBe(409);

    const pdf = await decider
      .raw('get', `/decisions/${res.body.id}/pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain(`Số: ${body.number}`);
    expect(text).toContain('ngày 30 tháng 12 năm 2025');
    expect(text).toContain('Về việc tặng Giấy khen cho các cá nhân có thành tích xuất sắc năm 2025');
    expect(text).toContain('Tặng Giấy khen cho 3 cá nhân, tập thể');
    expect(text).toContain('Chủ tịch UBND huyện Văn Lãng');
    expect(text).toContain('1. Bế Thị Thủy — UBND xã Hoàng Văn Thụ — Giấy khen');
    expect(text).toContain('3. Nguyễn Thị Ánh Tuyết');
    expect(text).not.toContain('Lâm Văn Chưa');

    const award = await waitFor('the award in the record', async () => {
      const r = await clerk.get(`/nominees/${registered.body.id}`);
      return r.body.awards.find((a: { awardCode: string }) => a.awardCode === 'GIAY_KHEN');
    });
    expect(award).toMatchObject({
      year: 2025,
      decisionNumber: body.number,
      decisionDate: '2025-12-30',
      source: 'ENGINE',
      dossierId: ids[0],
    });
    expect((await (await api.as('dien-bien.approver')).get(`/decisions/${res.body.id}`)).status).toBe(404);
  });
});
