import { SMTPServer } from 'smtp-server';
import { digestScheduleId } from '../../apps/worker/src/digest-schedule';
import { freePort } from '../../libs/devstack/temporal-server';
import { TIME_LIMIT_RULES, type TimeLimitRuleSet } from '../../libs/domain/deadlines';
import { apiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';
import { attachMissingDocuments } from '../support/documents';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let stack: TestStack;
let api: ReturnType<typeof apiClient>;
let smtp: SMTPServer;
const mails: Received[] = [];

// One working day at the unit, reminded 2 working days ahead: the reminder is due the moment the dossier
// is submitted, so the test needs no clock of its own.
const shortRules: TimeLimitRuleSet[] = [
  {
    ...structuredClone(TIME_LIMIT_RULES[0]),
    version: 'e2e-short',
    limits: [{ stage: 'UNIT_REVIEW', workingDays: 1, basis: 'test' }],
  },
];

beforeAll(async () => {
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          // Quoted-printable soft line breaks joined back, so the text can be searched.
          raw: Buffer.concat(chunks)
            .toString('utf8')
            .replace(/=\r?\n/g, ''),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  stack = await startStack('notifications', { smtpUrl: `smtp://127.0.0.1:${port}`, timeLimitRules: shortRules });
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('sends the reminder in the app and by e-mail through SMTP, and marks it read', async () => {
  const clerk = await api.as('xa-hoang-van-thu.clerk');
  const created = await clerk.post('/dossiers', {
    awardCode: 'GIAY_KHEN',
    nominee: { kind: 'INDIVIDUAL', name: 'Hà Thị Mai' },
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ',
  });
  const id = created.body.id as string;
  await attachMissingDocuments(clerk, id);
  expect((await clerk.post(`/dossiers/${id}/submit`)).status).toBe(200);

  const mail = await until('the reminder e-mail', async () =>
    mails.find((m) => m.raw.includes(`Reminder: dossier ${id}`)),
  );
  expect(mail.to).toEqual(['xa-hoang-van-thu.approver@demo.local']);
  expect(mail.raw).toContain('stage UNIT_REVIEW at xa-hoang-van-thu (APPROVER)');

  const approver = await api.as('xa-hoang-van-thu.approver');
  const list = await approver.get('/notifications?unread=true');
  expect(list.status).toBe(200);
  const reminder = (list.body.items as { id: string; kind: string; dossierId: string; readAt: null }[]).find(
    (n) => n.dossierId === id && n.kind === 'REMINDER',
  )!;
  // Named as a person reads it: the nominee, the award, the unit's name (not its code).
  expect(reminder).toMatchObject({
    stageName: 'UNIT_REVIEW',
    readAt: null,
    nomineeName: 'Hà Thị Mai',
    awardCode: 'GIAY_KHEN',
    orgUnitName: 'UBND xã Hoàng Văn Thụ',
  });
  const count = async () => (await approver.get('/notifications/unread-count')).body.unread as number;
  const unreadBefore = await count();
  expect(unreadBefore).toBe(list.body.items.length);
  // Addressed to the unit's APPROVER: the clerk and another org's APPROVER neither see nor mark it.
  expect((await clerk.get('/notifications')).body.items.map((n: { id: string }) => n.id)).not.toContain(reminder.id);
  expect((await (await api.as('van-lang.approver')).post(`/notifications/${reminder.id}/read`)).status).toBe(404);
  expect((await approver.post('/notifications/abc/read')).status).toBe(400);

  const read = await approver.post(`/notifications/${reminder.id}/read`);
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({ id: reminder.id, nomineeName: 'Hà Thị Mai' });
  expect(read.body.readAt).not.toBeNull();
  expect(await count()).toBe(unreadBefore - 1);
  const unread = await approver.get('/notifications?unread=true');
  expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(reminder.id);
  // Exactly one reminder row per recipient, however the activity was retried.
  const rows = await stack.db.query(
    `SELECT recipient_role FROM notifications WHERE dossier_id = $1 AND kind = 'REMINDER'`,
    [id],
  );
  expect(rows).toEqual([{ recipient_role: 'APPROVER' }]);
});

it('runs the daily digest from its Temporal Schedule, in the app and by e-mail', async () => {
  const handle = stack.temporal.schedule.getHandle(digestScheduleId(stack.taskQueue));
  const described = await handle.describe();
  expect(described.action).toMatchObject({ workflowType: 'dailyDigestWorkflow', taskQueue: stack.taskQueue });
  const before = mails.length;
  await handle.trigger();
  const digest = await until('the digest e-mail', async () =>
    mails.slice(before).find((m) => m.to.includes('xa-hoang-van-thu.approver@demo.local')),
  );
  expect(digest.raw).toMatch(/\d+ dossier\(s\) wait at xa-hoang-van-thu; \d+ overdue/);
  const approver = await api.as('xa-hoang-van-thu.approver');
  const items = (await approver.get('/notifications')).body.items as { kind: string }[];
  expect(items.some((n) => n.kind === 'DIGEST')).toBe(true);
  // "Mark all read" marks the caller's only: the same digest addressed to the unit's LEADER stays unread.
  const leaderUnread = async () =>
    (
      await stack.db.query(
        `SELECT count(*)::int AS n FROM notifications
         WHERE recipient_org_code = 'xa-hoang-van-thu' AND recipient_role = 'LEADER' AND read_at IS NULL`,
      )
    )[0].n as number;
  const leaderBefore = await leaderUnread();
  expect(leaderBefore).toBeGreaterThanOrEqual(1);
  const all = await approver.post('/notifications/read-all');
  expect(all.status).toBe(200);
  expect(all.body.marked).toBeGreaterThanOrEqual(1);
  expect((await approver.get('/notifications/unread-count')).body).toEqual({ unread: 0 });
  expect(await leaderUnread()).toBe(leaderBefore);
});
