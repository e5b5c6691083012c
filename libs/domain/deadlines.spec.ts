import { VIETNAM_ANNOUNCEMENTS, WorkingCalendar } from '../calendar';
import {
  DeadlinePlanner,
  TIME_LIMIT_RULES,
  dueAtOf,
  limitFor,
  ruleSetInForce,
  vietnamDate,
  type TimeLimitRuleSet,
} from './deadlines';
import type { RouteStage } from './route';

const stage = (name: RouteStage['name'], level: RouteStage['level'], index = 0): RouteStage => ({
  index,
  name,
  level,
  orgUnitCode: 'x',
  orgUnitName: 'x',
  role: 'REVIEWER',
});
const cal = new WorkingCalendar(VIETNAM_ANNOUNCEMENTS);
const planner = new DeadlinePlanner({ ruleSets: [...TIME_LIMIT_RULES], announcements: [...VIETNAM_ANNOUNCEMENTS] });

describe('time-limit rules', () => {
  const later: TimeLimitRuleSet = { ...TIME_LIMIT_RULES[0], version: 'later', effectiveFrom: '2030-01-01', limits: [] };

  it('picks the rule set in force on the submission day', () => {
    expect(ruleSetInForce([TIME_LIMIT_RULES[0], later], '2029-12-31')?.version).toBe(TIME_LIMIT_RULES[0].version);
    expect(ruleSetInForce([later, TIME_LIMIT_RULES[0]], '2030-01-01')?.version).toBe('later');
    expect(ruleSetInForce([later], '2029-12-31')).toBeNull();
  });

  it('prefers the most specific limit: award over level over any', () => {
    const set = TIME_LIMIT_RULES[0];
    const generic = limitFor(set, stage('SUBMISSION', 'PROVINCE'), 'BANG_KHEN_THU_TUONG')!;
    const specific = limitFor(set, stage('SUBMISSION', 'PROVINCE'), 'CHIEN_SI_THI_DUA_TOAN_QUOC')!;
    expect(specific.awardCodes).toContain('CHIEN_SI_THI_DUA_TOAN_QUOC');
    expect(generic.awardCodes).toBeUndefined();
    expect(limitFor(set, stage('COUNCIL', 'CENTRAL'), 'X')).toBeNull();
  });

  it('covers every stage a route can have at every level that has it', () => {
    const pairs: [RouteStage['name'], RouteStage['level']][] = [
      ['UNIT_REVIEW', 'UNIT'],
      ['UNIT_REVIEW', 'COMMUNE'],
      ['DECISION', 'UNIT'],
      ...(['DISTRICT', 'COMMUNE', 'DEPARTMENT', 'PROVINCE'] as const).flatMap((l) =>
        (['APPRAISAL', 'COUNCIL', 'SUBMISSION', 'DECISION'] as const).map((n) => [n, l] as [typeof n, typeof l]),
      ),
      ['APPRAISAL', 'CENTRAL'],
      ['DECISION', 'CENTRAL'],
    ];
    for (const [name, level] of pairs)
      expect(limitFor(TIME_LIMIT_RULES[0], stage(name, level), 'GIAY_KHEN')).not.toBeNull();
  });
});

describe('DeadlinePlanner', () => {
  it('is due at 23:59:59 +07:00 of the N-th working day after entry, entry counted in Vietnam time', () => {
    // 17:30 UTC on Sunday 1 Mar 2026 is already Monday 2 Mar in Hà Nội.
    const d = planner.enter(
      stage('APPRAISAL', 'DISTRICT'),
      'GIAY_KHEN',
      '2026-03-01T17:30:00Z',
      new Date('2026-03-01T17:30:00Z'),
      1,
    )!;
    expect(vietnamDate('2026-03-01T17:30:00Z')).toBe('2026-03-02');
    expect(d.dueDate).toBe(cal.addWorkingDays('2026-03-02', 10));
    expect(d.dueAt).toBe(dueAtOf(d.dueDate));
    expect(d.dueAt).toBe(`${d.dueDate}T16:59:59.000Z`);
  });

  it('stops the clock while returned and moves the due day by the working days away', () => {
    const d = planner.enter(
      stage('APPRAISAL', 'DISTRICT'),
      'GIAY_KHEN',
      '2026-03-02T02:00:00Z',
      new Date('2026-03-02T02:00:00Z'),
      1,
    )!;
    const due = d.dueDate;
    planner.pause(d, new Date('2026-03-04T03:00:00Z'));
    planner.resume(d, new Date('2026-03-11T03:00:00Z'));
    const away = cal.workingDaysBetween('2026-03-04', '2026-03-11');
    expect(d).toMatchObject({
      pausedAt: null,
      pausedWorkingDays: away,
      returns: 1,
      dueDate: cal.addWorkingDays(due, away),
    });
    const closed = planner.closePassage(
      d,
      stage('APPRAISAL', 'DISTRICT'),
      'FORWARDED',
      new Date('2026-03-12T03:00:00Z'),
    );
    expect(closed.workingDays).toBe(cal.workingDaysBetween('2026-03-02', '2026-03-12') - away);
  });

  it('reminds before the due day, escalates after it and repeats each working day', () => {
    const d = planner.enter(
      stage('APPRAISAL', 'DISTRICT'),
      'GIAY_KHEN',
      '2026-03-02T02:00:00Z',
      new Date('2026-03-02T02:00:00Z'),
      1,
    )!;
    const first = planner.nextAlert(d, new Date('2026-03-02T02:00:00Z'));
    expect(first).toEqual({
      kind: 'REMINDER',
      sequence: 1,
      at: new Date(`${cal.addWorkingDays(d.dueDate, -2)}T08:00:00+07:00`),
    });
    d.sent.REMINDER = 1;
    expect(planner.nextAlert(d, first.at)).toEqual({
      kind: 'ESCALATION',
      sequence: 1,
      at: new Date(new Date(d.dueAt).getTime() + 1000),
    });
    d.sent.ESCALATION = 1;
    expect(planner.nextAlert(d, new Date(d.dueAt))).toEqual({
      kind: 'ESCALATION',
      sequence: 2,
      at: new Date(`${cal.addWorkingDays(d.dueDate, 1)}T08:00:00+07:00`),
    });
  });

  it('reminds at once when a stage starts with less time left than the lead', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const d = planner.enter(stage('DECISION', 'PROVINCE'), 'BANG_KHEN_CHU_TICH_TINH', now.toISOString(), now, 1)!;
    expect(d.limitWorkingDays).toBeLessThanOrEqual(d.reminderLeadWorkingDays);
    expect(planner.nextAlert(d, now)).toEqual({ kind: 'REMINDER', sequence: 1, at: now });
  });
});
