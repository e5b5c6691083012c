import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { VIETNAM_ANNOUNCEMENTS, WorkingCalendar, lunarNewYear } from '../../libs/calendar';
import { ACTION_UPDATES, FAILURE_TYPES, extendDeadlineUpdate, getDossierState } from '../../libs/contracts';
import { TIME_LIMIT_RULES } from '../../libs/domain/deadlines';
import { actor, dossierInput, startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-fixtures';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv('deadline-test');
});
afterAll(async () => {
  await t?.close();
});

// Expected instants come from the calendar (unit-tested on its own) and the rule data, never from the workflow.
const cal = new WorkingCalendar(VIETNAM_ANNOUNCEMENTS);
const rules = TIME_LIMIT_RULES[0];
const vn = (date: string, time: string) => new Date(`${date}T${time}+07:00`).getTime();

async function advanceTo(instant: number): Promise<void> {
  const now = await t.env.currentTimeMs();
  if (instant > now) await t.env.sleep(instant - now);
}

/** Activities run after the timer fires; wait (bounded) for the worker to have received `n` alerts. */
async function alertsOf(dossierId: string, n: number) {
  for (let i = 0; i < 200; i++) {
    const mine = t.alerts.filter((a) => a.dossierId === dossierId);
    if (mine.length >= n) return mine;
    await new Promise((r) => setTimeout(r, 25));
  }
  return t.alerts.filter((a) => a.dossierId === dossierId);
}

async function recordedEvent(dossierId: string, seq: number) {
  for (let k = 0; k < 200; k++) {
    const e = t.recorded.find((x) => x.dossierId === dossierId && x.seq === seq);
    if (e) return e;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`event ${seq} of ${dossierId} was not projected`);
}

// A dossier that waits at the unit across Tết Đinh Mùi (2027): submitted 6 working days before the break.
const tet = lunarNewYear(2027);
const firstTetDayOff = cal.holidays(2027).find((h) => h.name.startsWith('Tết Nguyên đán') && h.date >= '2027-01-01')!;
const submittedOn = cal.addWorkingDays(firstTetDayOff.date, -6);

test('a dossier left at a stage gets its reminder, escalation and repeat at the right instants across Tết', async () => {
  const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu');
  const h = await t.start(i);
  await advanceTo(vn(submittedOn, '09:00:00'));
  const submitted = await h.executeUpdate(ACTION_UPDATES.submit, {
    args: [{ actor: actor('xa-hoang-van-thu', 'CLERK') }],
  });

  const limit = rules.limits.find((l) => l.stage === 'UNIT_REVIEW')!.workingDays;
  const dueDate = cal.addWorkingDays(submittedOn, limit);
  // The Tết break lies inside the span: the due day is as many weekdays later as there are days off in it.
  expect(dueDate > tet).toBe(true);
  const weekdaysOff = cal
    .holidays(2027)
    .filter(
      (h) => h.date > submittedOn && h.date <= dueDate && ![0, 6].includes(new Date(`${h.date}T00:00:00Z`).getUTCDay()),
    );
  expect(weekdaysOff.length).toBeGreaterThanOrEqual(4);
  let weekdays = 0;
  for (let day = submittedOn; day < dueDate;) {
    day = new Date(new Date(`${day}T00:00:00Z`).getTime() + 86400_000).toISOString().slice(0, 10);
    if (![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) weekdays++;
  }
  expect(weekdays).toBe(limit + weekdaysOff.length);
  expect(submitted.deadline?.dueDate).toBe(dueDate);
  const dueAt = vn(dueDate, '23:59:59');
  expect(new Date((await h.query(getDossierState)).deadline!.dueAt).getTime()).toBe(dueAt);

  const remindAt = vn(cal.addWorkingDays(dueDate, -rules.reminderLeadWorkingDays), '08:00:00');
  const repeatAt = vn(cal.addWorkingDays(dueDate, rules.repeatEveryWorkingDays), '08:00:00');

  await advanceTo(remindAt - 60_000);
  expect(t.alerts.filter((a) => a.dossierId === i.dossierId)).toEqual([]);
  await advanceTo(remindAt + 60_000);
  const [reminder] = await alertsOf(i.dossierId, 1);
  expect(reminder).toMatchObject({ kind: 'REMINDER', sequence: 1, passage: 1 });
  expect(reminder.stage).toMatchObject({ name: 'UNIT_REVIEW', orgUnitCode: 'xa-hoang-van-thu', role: 'APPROVER' });
  expect(new Date(reminder.at).getTime()).toBe(remindAt);

  await advanceTo(dueAt - 60_000);
  expect(await alertsOf(i.dossierId, 1)).toHaveLength(1);
  await advanceTo(dueAt + 60_000);
  const escalation = (await alertsOf(i.dossierId, 2))[1];
  expect(escalation).toMatchObject({ kind: 'ESCALATION', sequence: 1 });
  expect(new Date(escalation.at).getTime()).toBe(dueAt + 1000);

  await advanceTo(repeatAt + 60_000);
  const repeat = (await alertsOf(i.dossierId, 3))[2];
  expect(repeat).toMatchObject({ kind: 'ESCALATION', sequence: 2 });
  expect(new Date(repeat.at).getTime()).toBe(repeatAt);

  // Moving on starts a new passage with its own clock, from the day it was entered.
  const moved = await h.executeUpdate(ACTION_UPDATES.approve, {
    args: [{ actor: actor('xa-hoang-van-thu', 'APPROVER') }],
  });
  const enteredOn = new Date(new Date(moved.updatedAt).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const appraisal = rules.limits.find((l) => l.stage === 'APPRAISAL' && l.levels?.includes('DISTRICT'))!;
  expect(moved.deadline).toMatchObject({ passage: 2, dueDate: cal.addWorkingDays(enteredOn, appraisal.workingDays) });
  // The passage it left is recorded for the bottleneck figures: working days across Tết, counted by the calendar.
  const left = await recordedEvent(i.dossierId, moved.seq);
  expect(left.closedPassage).toMatchObject({
    passage: 1,
    stageName: 'UNIT_REVIEW',
    outcome: 'FORWARDED',
    returns: 0,
    workingDays: cal.workingDaysBetween(submittedOn, enteredOn),
  });
});

test('time spent returned is not counted, and an extension by the stage’s APPROVER moves the deadline', async () => {
  const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu');
  const h = await t.start(i);
  const start = new Date((await t.env.currentTimeMs()) + 7 * 3600_000).toISOString().slice(0, 10);
  const day0 = cal.addWorkingDays(start, 2);
  await advanceTo(vn(day0, '09:00:00'));
  const clerk = actor('xa-hoang-van-thu', 'CLERK');
  const approver = actor('xa-hoang-van-thu', 'APPROVER');
  const first = await h.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: clerk }] });
  const originalDue = first.deadline!.dueDate;

  const returnedOn = cal.addWorkingDays(day0, 3);
  await advanceTo(vn(returnedOn, '10:00:00'));
  const returned = await h.executeUpdate(ACTION_UPDATES.return, {
    args: [{ actor: approver, reason: 'Thiếu tờ trình' }],
  });
  expect(returned.deadline?.pausedAt).not.toBeNull();
  expect((await h.query(getDossierState)).status).toBe('RETURNED');

  // Returned across the original reminder and due instants: no alert while the clock is stopped.
  const resubmittedOn = cal.addWorkingDays(originalDue, 2);
  await advanceTo(vn(resubmittedOn, '11:00:00'));
  expect(t.alerts.filter((a) => a.dossierId === i.dossierId)).toEqual([]);
  const resumed = await h.executeUpdate(ACTION_UPDATES.resubmit, { args: [{ actor: clerk }] });
  const paused = cal.workingDaysBetween(returnedOn, resubmittedOn);
  expect(resumed.deadline).toMatchObject({
    dueDate: cal.addWorkingDays(originalDue, paused),
    pausedWorkingDays: paused,
    pausedAt: null,
  });
  // Working days counted against the limit are those before the return and after the resubmission only.
  expect(
    cal.workingDaysBetween(day0, returnedOn) + cal.workingDaysBetween(resubmittedOn, resumed.deadline!.dueDate),
  ).toBe(first.deadline!.limitWorkingDays);

  const attempt = async (a: ReturnType<typeof actor>, extra: object) => {
    const err = await h
      .executeUpdate(extendDeadlineUpdate, { args: [{ actor: a, reason: 'x', ...extra }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type;
  };
  expect(await attempt(actor('van-lang', 'APPROVER'), { days: 3 })).toBe(FAILURE_TYPES.FORBIDDEN);
  expect(await attempt(clerk, { days: 3 })).toBe(FAILURE_TYPES.FORBIDDEN);
  expect(await attempt(approver, { days: 3, reason: ' ' })).toBe(FAILURE_TYPES.INVALID_INPUT);
  expect(await attempt(approver, {})).toBe(FAILURE_TYPES.INVALID_INPUT);
  expect(await attempt(approver, { newDueDate: originalDue })).toBe(FAILURE_TYPES.INVALID_INPUT);

  const before = resumed.deadline!.dueDate;
  const extended = await h.executeUpdate(extendDeadlineUpdate, {
    args: [{ actor: approver, days: 3, reason: 'Chờ ý kiến hiệp y' }],
  });
  expect(extended.deadline).toMatchObject({
    dueDate: cal.addWorkingDays(before, 3),
    extensions: [{ by: approver.username, reason: 'Chờ ý kiến hiệp y', fromDueDate: before }],
  });
  const ext = await recordedEvent(i.dossierId, extended.seq);
  expect(ext).toMatchObject({ action: 'extend', reason: 'Chờ ý kiến hiệp y', seq: extended.seq });
  expect(ext.state.deadline?.dueDate).toBe(cal.addWorkingDays(before, 3));

  // The running timer moved: the reminder comes before the new due day, not the old one.
  const remindAt = vn(cal.addWorkingDays(extended.deadline!.dueDate, -rules.reminderLeadWorkingDays), '08:00:00');
  await advanceTo(remindAt + 60_000);
  const [reminder] = await alertsOf(i.dossierId, 1);
  expect(reminder).toMatchObject({ kind: 'REMINDER', dueAt: extended.deadline!.dueAt });
  expect(new Date(reminder.at).getTime()).toBe(remindAt);
  // Nothing closed: withdraw ends it, and the workflow stops its timers.
  const withdrawn = await h.executeUpdate(ACTION_UPDATES.withdraw, { args: [{ actor: clerk }] });
  expect((await h.result()).status).toBe('WITHDRAWN');
  const withdrawnOn = new Date(new Date(withdrawn.updatedAt).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  // Time spent returned is not counted in the passage either.
  expect((await recordedEvent(i.dossierId, withdrawn.seq)).closedPassage).toMatchObject({
    outcome: 'WITHDRAWN',
    returns: 1,
    returnedWorkingDays: paused,
    workingDays: cal.workingDaysBetween(day0, withdrawnOn) - paused,
  });
});

test('one alert timer serves the transitions that move the alert later; one that moves it earlier re-arms it', async () => {
  // GIAY_KHEN from a commune: UNIT_REVIEW (10 working days), then APPRAISAL at the district (10), then the district
  // COUNCIL (5). Moved on the day of submission, APPRAISAL's reminder falls on UNIT_REVIEW's, COUNCIL's before it.
  const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu');
  const h = await t.start(i);
  const start = new Date((await t.env.currentTimeMs()) + 7 * 3600_000).toISOString().slice(0, 10);
  const day0 = cal.addWorkingDays(start, 1);
  await advanceTo(vn(day0, '09:00:00'));
  const submitted = await h.executeUpdate(ACTION_UPDATES.submit, {
    args: [{ actor: actor('xa-hoang-van-thu', 'CLERK') }],
  });
  const appraisal = await h.executeUpdate(ACTION_UPDATES.approve, {
    args: [{ actor: actor('xa-hoang-van-thu', 'APPROVER') }],
  });
  expect(appraisal.deadline!.dueDate).toBe(submitted.deadline!.dueDate);
  const district = appraisal.route.stages[appraisal.stageIndex];
  const council = await h.executeUpdate(ACTION_UPDATES.approve, {
    args: [{ actor: actor(district.orgUnitCode, district.role) }],
  });
  expect(council.route.stages[council.stageIndex]).toMatchObject({ name: 'COUNCIL', level: 'DISTRICT' });
  const councilLimit = rules.limits.find((l) => l.stage === 'COUNCIL' && l.levels?.includes('DISTRICT'))!;
  expect(council.deadline!.dueDate).toBe(cal.addWorkingDays(day0, councilLimit.workingDays));
  expect(council.deadline!.dueDate < submitted.deadline!.dueDate).toBe(true);

  // COUNCIL's reminder comes at its own instant, not at the later one the first timer was set for.
  const remindAt = vn(cal.addWorkingDays(council.deadline!.dueDate, -rules.reminderLeadWorkingDays), '08:00:00');
  await advanceTo(remindAt - 60_000);
  expect(t.alerts.filter((a) => a.dossierId === i.dossierId)).toEqual([]);
  await advanceTo(remindAt + 60_000);
  const [reminder] = await alertsOf(i.dossierId, 1);
  expect(reminder).toMatchObject({ kind: 'REMINDER', sequence: 1, passage: 3, stage: { name: 'COUNCIL' } });
  expect(new Date(reminder.at).getTime()).toBe(remindAt);

  // Timers: UNIT_REVIEW's reminder (kept through the move to APPRAISAL), COUNCIL's reminder (the first one cancelled
  // for it), COUNCIL's escalation after the reminder. A timer per wait would have been cancelled at every transition.
  const { events } = await h.fetchHistory();
  const count = (type: temporal.api.enums.v1.EventType) => events!.filter((e) => e.eventType === type).length;
  expect({
    started: count(temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED),
    cancelled: count(temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_CANCELED),
  }).toEqual({ started: 3, cancelled: 1 });
  await h.terminate('test over');
});
