import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samplePdf } from '../support/documents';
import { apiClient, type Caller } from '../support/http';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('documents');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

const CLERK = 'xa-hoang-van-thu.clerk';
const nominee = { kind: 'INDIVIDUAL', name: 'Đặng Thị Thu Hường' };

async function draft(awardCode = 'GIAY_KHEN'): Promise<string> {
  const res = await (await api.as(CLERK)).post('/dossiers', { awardCode, nominee, achievementSummary: 'Thành tích' });
  expect(res.status).toBe(201);
  return res.body.id;
}

function upload(caller: Caller, id: string, docType: string, content: Buffer, filename: string, contentType: string) {
  return caller
    .raw('post', `/dossiers/${id}/documents`)
    .field('docType', docType)
    .attach('file', content, { filename, contentType });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const binary = (res: import('supertest').Response) => res.body as Buffer;
function download(caller: Caller, id: string, documentId: string) {
  return caller
    .raw('get', `/dossiers/${id}/documents/${documentId}/content`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

describe('documents of a dossier', () => {
  it('a missing document blocks submission and is named; uploading it unblocks', async () => {
    const clerk = await api.as(CLERK);
    const id = await draft();
    const blocked = await clerk.post(`/dossiers/${id}/submit`);
    expect(blocked.status).toBe(422);
    expect(blocked.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'documents.TO_TRINH',
      'documents.BAO_CAO_THANH_TICH',
      'documents.BIEN_BAN_XET',
    ]);
    expect((await upload(clerk, id, 'TO_TRINH', samplePdf(`${id}-1`), 'tờ trình.pdf', 'application/pdf')).status).toBe(
      201,
    );
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(id)]);
    expect((await upload(clerk, id, 'BAO_CAO_THANH_TICH', png, 'bao-cao.png', 'image/png')).status).toBe(201);
    const still = await clerk.post(`/dossiers/${id}/submit`);
    expect(still.status).toBe(422);
    expect(still.body.fields.map((f: { field: string }) => f.field)).toEqual(['documents.BIEN_BAN_XET']);
    expect(still.body.message).toMatch(/BIEN_BAN_XET/);

    const checklist = await clerk.get(`/dossiers/${id}/documents`);
    expect(checklist.body.missing).toEqual(['BIEN_BAN_XET']);
    // The limits the page checks before sending a file are the ones the upload enforces (the stack's 1 MiB).
    expect(checklist.body.maxBytes).toBe(1024 * 1024);
    expect(checklist.body.acceptedTypes).toEqual(expect.arrayContaining(['application/pdf', 'image/png']));
    expect((await upload(clerk, id, 'BIEN_BAN_XET', samplePdf(`${id}-3`), 'bb.pdf', 'application/pdf')).status).toBe(
      201,
    );
    const ok = await clerk.post(`/dossiers/${id}/submit`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('IN_PROGRESS');
    // Once submitted, the papers are frozen until the dossier is returned.
    const late = await upload(clerk, id, 'TO_TRINH', samplePdf(`${id}-late`), 'x.pdf', 'application/pdf');
    expect(late.status).toBe(409);
  });

  it('refuses wrong types, disguised files, oversize files, unknown document codes and strangers', async () => {
    const clerk = await api.as(CLERK);
    const id = await draft();
    const text = await upload(clerk, id, 'TO_TRINH', Buffer.from('hello'), 'a.txt', 'text/plain');
    expect(text.status).toBe(400);
    expect(text.body.fields[0].field).toBe('file');
    const disguised = await upload(clerk, id, 'TO_TRINH', samplePdf('x'), 'a.png', 'image/png');
    expect(disguised.status).toBe(400);
    expect(disguised.body.fields[0]).toMatchObject({
      field: 'file',
      message: expect.stringMatching(/application\/pdf/),
    });
    const big = await upload(
      clerk,
      id,
      'TO_TRINH',
      Buffer.concat([samplePdf('big'), Buffer.alloc(1024 * 1024)]),
      'big.pdf',
      'application/pdf',
    );
    expect(big.status).toBe(413);
    const unknown = await upload(clerk, id, 'SANG_KIEN', samplePdf('y'), 'sk.pdf', 'application/pdf');
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].field).toBe('docType');
    const stranger = await upload(
      await api.as('so-cong-thuong.clerk'),
      id,
      'TO_TRINH',
      samplePdf('z'),
      'z.pdf',
      'application/pdf',
    );
    expect(stranger.status).toBe(404);
    const reviewer = await upload(
      await api.as('van-lang.reviewer'),
      id,
      'TO_TRINH',
      samplePdf('z'),
      'z.pdf',
      'application/pdf',
    );
    expect(reviewer.status).toBe(403);
  });

  it('stores content-addressed, downloads by right, keeps old versions on revision, and refuses tampered content', async () => {
    const clerk = await api.as(CLERK);
    const id = await draft();
    const v1 = samplePdf(`${id} báo cáo v1`);
    const first = await upload(clerk, id, 'BAO_CAO_THANH_TICH', v1, 'báo cáo thành tích.pdf', 'application/pdf');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      version: 1,
      sha256: sha(v1),
      sizeBytes: v1.length,
      mimeType: 'application/pdf',
      fileName: 'báo cáo thành tích.pdf',
    });
    const stored = join(stack.documentsDir, sha(v1).slice(0, 2), sha(v1));
    expect(readFileSync(stored)).toEqual(v1);
    for (const code of ['TO_TRINH', 'BIEN_BAN_XET']) {
      expect((await upload(clerk, id, code, samplePdf(`${id} ${code}`), `${code}.pdf`, 'application/pdf')).status).toBe(
        201,
      );
    }
    expect((await clerk.post(`/dossiers/${id}/submit`)).status).toBe(200);

    // The reviewer of the district may read it; a clerk of another subtree may not.
    const reviewer = await api.as('van-lang.reviewer');
    const got = await download(reviewer, id, first.body.id);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toMatch(/application\/pdf/);
    expect(binary(got)).toEqual(v1);
    expect((await download(await api.as('so-cong-thuong.clerk'), id, first.body.id)).status).toBe(404);

    // Returned for supplement: the clerk uploads a new version; the old one stays.
    const unitApprover = await api.as('xa-hoang-van-thu.approver');
    expect((await unitApprover.post(`/dossiers/${id}/return`, { reason: 'Bổ sung số liệu' })).status).toBe(200);
    const v2 = samplePdf(`${id} báo cáo v2`);
    const second = await upload(clerk, id, 'BAO_CAO_THANH_TICH', v2, 'báo cáo v2.pdf', 'application/pdf');
    expect(second.body.version).toBe(2);
    const checklist = await clerk.get(`/dossiers/${id}/documents`);
    const item = checklist.body.items.find((i: { code: string }) => i.code === 'BAO_CAO_THANH_TICH');
    expect(item.versions.map((v: { version: number; sha256: string }) => [v.version, v.sha256])).toEqual([
      [1, sha(v1)],
      [2, sha(v2)],
    ]);
    expect(item.current.version).toBe(2);
    expect(binary(await download(clerk, id, first.body.id))).toEqual(v1);
    expect((await clerk.post(`/dossiers/${id}/resubmit`)).status).toBe(200);

    // Someone edits the stored file behind the engine's back: it is refused, not served.
    writeFileSync(stored, Buffer.concat([v1, Buffer.from('tampered')]));
    const tampered = await download(reviewer, id, first.body.id);
    expect(tampered.status).toBe(500);
    expect(JSON.parse(binary(tampered).toString())).toMatchObject({ error: 'INTEGRITY_FAILED' });
    expect(existsSync(stored)).toBe(true);
  });
});
