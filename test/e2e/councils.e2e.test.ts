import { createHash } from 'node:crypto';
import { apiClient } from '../support/http';
import { pdfText } from '../support/pdf-text';
import { advanceTo, closeSession, createAndSubmit } from '../support/route-driver';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('councils');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

const CLERK = 'xa-hoang-van-thu.clerk';
const SECRETARY = 'lang-son.council';
const member = (n: number) => `lang-son.member${n}`;

function binary(req: import('supertest').Test) {
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}

describe('a council session of Lạng Sơn over HTTP', () => {
  let atThreshold: string; // CSTĐ cấp tỉnh, 5 of 5: just at 90%
  let underThreshold: string; // CSTĐ cấp tỉnh, 4 of 5: just under 90%
  let majority: string; // Bằng khen tỉnh, 3 of 5: more than half
  let sessionId: string;

  beforeAll(async () => {
    atThreshold = await createAndSubmit(api, CLERK, 'CHIEN_SI_THI_DUA_TINH', 'Hoàng Văn Nam');
    underThreshold = await createAndSubmit(api, CLERK, 'CHIEN_SI_THI_DUA_TINH', 'Nguyễn Thị Hường');
    majority = await createAndSubmit(api, CLERK, 'BANG_KHEN_CHU_TICH_TINH', 'Lục Văn Đức');
    for (const id of [atThreshold, underThreshold, majority]) await advanceTo(api, id, 'COUNCIL', 'lang-son');
  });

  it('only the secretary opens a session, and only for dossiers waiting at this council', async () => {
    const draft = await (
      await api.as(CLERK)
    ).post('/dossiers', {
      awardCode: 'GIAY_KHEN',
      nominee: { kind: 'INDIVIDUAL', name: 'Vi Thị Lan' },
      achievementSummary: 'x',
    });
    const wrong = await (
      await api.as(SECRETARY)
    ).post('/councils/sessions', {
      title: 'Phiên thử',
      dossierIds: [atThreshold, draft.body.id],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.fields.map((f: { field: string }) => f.field)).toEqual(['dossierIds[1]']);
    const byMember = await (
      await api.as(member(1))
    ).post('/councils/sessions', { title: 'x', dossierIds: [atThreshold] });
    expect(byMember.status).toBe(403);

    const opened = await (
      await api.as(SECRETARY)
    ).post('/councils/sessions', {
      title: 'Phiên họp xét khen thưởng tổng kết năm 2025',
      dossierIds: [atThreshold, underThreshold, majority],
    });
    expect(opened.status).toBe(201);
    sessionId = opened.body.id;
    expect(opened.body).toMatchObject({ status: 'OPEN', memberCount: 5, secretBallot: true });
    const items = new Map(opened.body.items.map((i: { dossierId: string }) => [i.dossierId, i]));
    expect(items.get(atThreshold)).toMatchObject({
      secret: true,
      threshold: { percent: 90, code: 'SECRET_BALLOT_90_PERCENT' },
    });
    expect(items.get(majority)).toMatchObject({ secret: false, threshold: { percent: 50, strict: true } });
    // A dossier on an open session cannot be put on a second one.
    const twice = await (await api.as(SECRETARY)).post('/councils/sessions', { title: 'x', dossierIds: [majority] });
    expect(twice.status).toBe(422);
  });

  it('members find the open session in the list, with how many dossiers still await their own vote', async () => {
    const before = await (await api.as(member(1))).get('/councils/sessions?status=OPEN');
    expect(before.status).toBe(200);
    expect(before.body.items.find((s: { id: string }) => s.id === sessionId)).toMatchObject({
      status: 'OPEN',
      itemCount: 3,
      memberCount: 5,
      awaitingMyVote: 3,
    });
    // Votes on two of the three dossiers: one still waits for this member.
    const one = await (
      await api.as(member(1))
    ).post(`/councils/sessions/${sessionId}/votes`, {
      votes: [
        { dossierId: atThreshold, vote: 'YES' },
        { dossierId: underThreshold, vote: 'YES' },
      ],
    });
    expect(one.status).toBe(200);
    const after = await (await api.as(member(1))).get('/councils/sessions');
    expect(after.body.items.find((s: { id: string }) => s.id === sessionId).awaitingMyVote).toBe(1);
    // Other members' counts are their own; the secretary gets no such count.
    const other = await (await api.as(member(2))).get('/councils/sessions');
    expect(other.body.items.find((s: { id: string }) => s.id === sessionId).awaitingMyVote).toBe(3);
    const secretary = await (await api.as(SECRETARY)).get('/councils/sessions');
    expect(secretary.body.items.find((s: { id: string }) => s.id === sessionId)).not.toHaveProperty('awaitingMyVote');
    // The province's leader sees it (their subtree); none of them is listed as CLOSED yet.
    const leader = await (await api.as('lang-son.leader')).get('/councils/sessions?status=CLOSED');
    expect(leader.body.items.map((s: { id: string }) => s.id)).not.toContain(sessionId);
    const bad = await (await api.as(member(1))).get('/councils/sessions?status=DONE');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['status']);
  });

  it('members vote once each; nobody sees who voted what; non-members cannot vote', async () => {
    for (const n of [1, 2, 3, 4]) {
      // Member 1 voted on the first two already (the list test above).
      const res = await (
        await api.as(member(n))
      ).post(`/councils/sessions/${sessionId}/votes`, {
        votes: [
          ...(n === 1
            ? []
            : [
                { dossierId: atThreshold, vote: 'YES' },
                { dossierId: underThreshold, vote: 'YES' },
              ]),
          { dossierId: majority, vote: n <= 3 ? 'YES' : 'NO' },
        ],
      });
      expect(res.status).toBe(200);
    }
    const again = await (
      await api.as(member(1))
    ).post(`/councils/sessions/${sessionId}/votes`, {
      votes: [{ dossierId: atThreshold, vote: 'NO' }],
    });
    expect(again.status).toBe(409);

    // The secretary has the roll (for written votes); nobody else does, and it names no vote.
    const roll = await (await api.as(SECRETARY)).get(`/councils/sessions/${sessionId}/members`);
    expect(roll.status).toBe(200);
    expect(roll.body.items.map((m: { username: string }) => m.username)).toEqual([1, 2, 3, 4, 5].map(member));
    expect(JSON.stringify(roll.body)).not.toMatch(/YES|NO|ABSTAIN/);
    expect((await (await api.as(member(2))).get(`/councils/sessions/${sessionId}/members`)).status).toBe(403);
    expect((await (await api.as('lang-son.leader')).get(`/councils/sessions/${sessionId}/members`)).status).toBe(403);

    // Member 5 is absent: the secretary records the written vote.
    const written = await (
      await api.as(SECRETARY)
    ).post(`/councils/sessions/${sessionId}/written-votes`, {
      member: member(5),
      votes: [
        { dossierId: atThreshold, vote: 'YES' },
        { dossierId: underThreshold, vote: 'NO' },
        { dossierId: majority, vote: 'NO' },
      ],
    });
    expect(written.status).toBe(200);
    const writtenTwice = await (
      await api.as(SECRETARY)
    ).post(`/councils/sessions/${sessionId}/written-votes`, {
      member: member(5),
      votes: [{ dossierId: atThreshold, vote: 'NO' }],
    });
    expect(writtenTwice.status).toBe(409);

    const outsider = await (
      await api.as('van-lang.member1')
    ).post(`/councils/sessions/${sessionId}/votes`, {
      votes: [{ dossierId: atThreshold, vote: 'YES' }],
    });
    expect(outsider.status).toBe(404);
    const notMember = await (
      await api.as('lang-son.reviewer')
    ).post(`/councils/sessions/${sessionId}/votes`, {
      votes: [{ dossierId: atThreshold, vote: 'YES' }],
    });
    expect(notMember.status).toBe(403);
    const notOnList = await (
      await api.as(member(2))
    ).post(`/councils/sessions/${sessionId}/votes`, {
      votes: [{ dossierId: '00000000-0000-4000-8000-000000000000', vote: 'YES' }],
    });
    expect(notOnList.status).toBe(400);

    const seen = await (await api.as(member(1))).get(`/councils/sessions/${sessionId}`);
    expect(seen.status).toBe(200);
    const secretItem = seen.body.items.find((i: { dossierId: string }) => i.dossierId === atThreshold);
    expect(secretItem).toMatchObject({ votesCast: 5, votedByMe: true, tally: null });
    const openItem = seen.body.items.find((i: { dossierId: string }) => i.dossierId === majority);
    expect(openItem.tally).toMatchObject({ yes: 3, no: 2 });
    expect(JSON.stringify(seen.body)).not.toMatch(/member\d|lang-son\.member/);
  });

  it('closing applies the thresholds: 5/5 passes at 90%, 4/5 is returned, 3/5 passes a majority', async () => {
    const { accepted, closed } = await closeSession(await api.as(SECRETARY), sessionId);
    // The close answers at once; its workflow moves the dossiers.
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      status: 'CLOSED',
      closing: { workflowId: `council-close-${sessionId}`, total: 3 },
    });
    expect(closed.status).toBe('CLOSED');
    expect(closed.closing).toMatchObject({ total: 3, done: 3, complete: true });
    const item = (id: string) => closed.items.find((i: { dossierId: string }) => i.dossierId === id);
    expect(item(atThreshold)).toMatchObject({ outcome: 'APPROVED', tally: { yes: 5, required: 5, passed: true } });
    expect(item(underThreshold)).toMatchObject({
      outcome: 'RETURNED',
      tally: { yes: 4, no: 1, required: 5, passed: false },
    });
    expect(item(majority)).toMatchObject({ outcome: 'APPROVED', tally: { yes: 3, no: 2, required: 3, passed: true } });
    expect(JSON.stringify(closed)).not.toMatch(/lang-son\.member/);

    const secretary = await api.as(SECRETARY);
    const a = await secretary.get(`/dossiers/${atThreshold}`);
    expect(a.body.currentStage).toMatchObject({ name: 'DECISION', orgUnitCode: 'lang-son' });
    const b = await secretary.get(`/dossiers/${underThreshold}`);
    expect(b.body.status).toBe('RETURNED');
    expect(b.body.lastReason).toMatch(/4\/5/);

    // A retried close moves nothing twice.
    const history = (await secretary.get(`/dossiers/${atThreshold}`)).body.history.length;
    const again = await closeSession(secretary, sessionId);
    expect(again.closed.items.map((i: { outcome: string }) => i.outcome)).toEqual(
      closed.items.map((i: { outcome: string }) => i.outcome),
    );
    expect((await secretary.get(`/dossiers/${atThreshold}`)).body.history.length).toBe(history);
    const late = await (
      await api.as(member(1))
    ).post(`/councils/sessions/${sessionId}/votes`, {
      votes: [{ dossierId: majority, vote: 'YES' }],
    });
    expect(late.status).toBe(409);
  });

  it('writes the minutes as a PDF with the tallies, Vietnamese intact, also attached to the dossiers', async () => {
    const res = await binary((await api.as('lang-son.approver')).raw('get', `/councils/sessions/${sessionId}/minutes`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('BIÊN BẢN KIỂM PHIẾU BỎ PHIẾU KÍN');
    expect(text).toContain('Hội đồng Thi đua – Khen thưởng Tỉnh Lạng Sơn'.toUpperCase());
    expect(text).toContain('Phiên họp xét khen thưởng tổng kết năm 2025');
    expect(text).toContain('Hoàng Văn Nam — Chiến sĩ thi đua cấp tỉnh');
    expect(text).toContain('Nguyễn Thị Hường — Chiến sĩ thi đua cấp tỉnh');
    expect(text).toContain('Lục Văn Đức — Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh');
    expect(text).toMatch(/Đồng ý: 5; Không đồng ý: 0; Không biểu quyết: 0; Không bỏ phiếu: 0/);
    expect(text).toMatch(/Đồng ý: 4; Không đồng ý: 1/);
    expect(text).toContain('Kết quả: Không đạt');
    expect(text).toContain('Điều 45');

    const docs = await (await api.as(CLERK)).get(`/dossiers/${atThreshold}/documents`);
    const minutes = docs.body.items.find((i: { code: string }) => i.code === 'BIEN_BAN_BO_PHIEU_KIN');
    // Van Lãng's council passed it first (its session's minutes are version 1); the current one is this session's.
    expect(minutes.versions).toHaveLength(2);
    expect(minutes.current).toMatchObject({
      mimeType: 'application/pdf',
      version: 2,
      fileName: `bien-ban-kiem-phieu-${sessionId}.pdf`,
      sha256: createHash('sha256')
        .update(res.body as Buffer)
        .digest('hex'),
    });
  });

  it('strangers cannot see the session', async () => {
    expect((await (await api.as('dien-bien.council')).get(`/councils/sessions/${sessionId}`)).status).toBe(404);
    const list = await (await api.as('dien-bien.member1')).get('/councils/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(sessionId);
    const closed = await (await api.as('lang-son.leader')).get('/councils/sessions?status=CLOSED');
    expect(closed.body.items.map((s: { id: string }) => s.id)).toContain(sessionId);
  });
});
