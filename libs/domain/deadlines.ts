import { WorkingCalendar, type YearAnnouncement } from '../calendar';
import type { OrgLevel } from './org';
import type { RouteStage, StageName } from './route';

/**
 * Time limits per stage (thời hạn giải quyết), counted in working days, as versioned rule data with their legal
 * basis. A dossier is judged by the rule set in force on the day it was submitted.
 *
 * The law and the procedure records give a limit per level (e.g. 20 working days at the district, 15 for a
 * province submitting a Bằng khen Thủ tướng); they do not split it between appraisal, council and signature.
 * The split below is a configurable default that adds up to the level's total (see shared FACTS "Time limits").
 *
 * Deadline convention: a stage entered on day d (Vietnam time, UTC+7) with a limit of N working days is due at
 * the end of the working day addWorkingDays(d, N), 23:59:59 +07:00; counting starts the day after entry (Civil
 * Code Art. 147). Reminders go out at 08:00 +07:00 (start of office hours), `reminderLeadWorkingDays` working
 * days before the due day; the escalation at the first second after due; repeats at 08:00 every
 * `repeatEveryWorkingDays` working days after the due day while the stage stays overdue.
 */
export interface TimeLimit {
  stage: StageName;
  /** Levels of the stage's org it applies to; absent: any. */
  levels?: OrgLevel[];
  /** Awards it applies to; absent: any. The most specific matching entry wins. */
  awardCodes?: string[];
  workingDays: number;
  basis: string;
}

export interface TimeLimitRuleSet {
  version: string;
  /** YYYY-MM-DD: applies to dossiers submitted on or after this day (until the next set). */
  effectiveFrom: string;
  legalBasis: string;
  reminderLeadWorkingDays: number;
  repeatEveryWorkingDays: number;
  limits: TimeLimit[];
}

const CENTRAL_SUBMISSION_30 = ['CHIEN_SI_THI_DUA_TOAN_QUOC'];

export const TIME_LIMIT_RULES: readonly TimeLimitRuleSet[] = [
  {
    version: 'legacy-2017',
    effectiveFrom: '2014-01-01',
    legalBasis:
      'Procedure records under Decree 91/2017 (legacy) and the Ban TĐKT Trung ương table of limits; the split of a ' +
      "level's total between its stages is a configurable default",
    reminderLeadWorkingDays: 2,
    repeatEveryWorkingDays: 1,
    limits: [
      { stage: 'UNIT_REVIEW', workingDays: 10, basis: 'commune / unit appraisal: 10 (legacy procedure records)' },
      {
        stage: 'APPRAISAL',
        levels: ['DISTRICT', 'COMMUNE', 'DEPARTMENT'],
        workingDays: 10,
        basis: 'district: 20 in all (legacy), default split 10 + 5 + 5',
      },
      { stage: 'COUNCIL', levels: ['DISTRICT', 'COMMUNE', 'DEPARTMENT'], workingDays: 5, basis: 'district split' },
      { stage: 'SUBMISSION', levels: ['DISTRICT', 'COMMUNE', 'DEPARTMENT'], workingDays: 5, basis: 'district split' },
      { stage: 'DECISION', levels: ['DISTRICT', 'COMMUNE', 'DEPARTMENT', 'UNIT'], workingDays: 5, basis: 'split' },
      {
        stage: 'APPRAISAL',
        levels: ['PROVINCE'],
        workingDays: 5,
        basis: 'province decides: 10 in all (Ban TĐKT TW table), default split 5 + 3 + 2',
      },
      { stage: 'COUNCIL', levels: ['PROVINCE'], workingDays: 3, basis: 'province split' },
      { stage: 'DECISION', levels: ['PROVINCE'], workingDays: 2, basis: 'province split' },
      {
        stage: 'SUBMISSION',
        levels: ['PROVINCE'],
        workingDays: 7,
        basis: 'province submits Bằng khen Thủ tướng, Cờ thi đua, Huân chương Lao động: 15 in all, 5 + 3 + 7',
      },
      {
        stage: 'SUBMISSION',
        levels: ['PROVINCE'],
        awardCodes: CENTRAL_SUBMISSION_30,
        workingDays: 22,
        basis: 'province submits CSTĐ toàn quốc, Huân chương Độc lập and above: 30 in all, 5 + 3 + 22',
      },
      {
        stage: 'APPRAISAL',
        levels: ['CENTRAL'],
        workingDays: 10,
        basis: 'Ban TĐKT TW to the Prime Minister: 10 (20 with hiệp y)',
      },
      { stage: 'DECISION', levels: ['CENTRAL'], workingDays: 10, basis: 'unverified: configurable default' },
    ],
  },
];

/** The rule set in force on `date` (YYYY-MM-DD), or null before the first one. */
export function ruleSetInForce(sets: readonly TimeLimitRuleSet[], date: string): TimeLimitRuleSet | null {
  let found: TimeLimitRuleSet | null = null;
  for (const s of sets) if (s.effectiveFrom <= date && (!found || s.effectiveFrom > found.effectiveFrom)) found = s;
  return found;
}

export function limitFor(set: TimeLimitRuleSet, stage: RouteStage, awardCode: string): TimeLimit | null {
  let best: TimeLimit | null = null;
  let bestScore = -1;
  for (const l of set.limits) {
    if (l.stage !== stage.name) continue;
    if (l.levels && !l.levels.includes(stage.level)) continue;
    if (l.awardCodes && !l.awardCodes.includes(awardCode)) continue;
    const score = (l.levels ? 1 : 0) + (l.awardCodes ? 2 : 0);
    if (score > bestScore) [best, bestScore] = [l, score];
  }
  return best;
}

/** What the workflow freezes when it starts: every rule set and the calendar's announcements. */
export interface DeadlineRules {
  ruleSets: TimeLimitRuleSet[];
  announcements: YearAnnouncement[];
}

const VN_OFFSET_MS = 7 * 3600_000;

/** The calendar date in Vietnam (UTC+7) of an instant. */
export function vietnamDate(at: Date | string): string {
  return new Date(new Date(at).getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of `date` at hh:mm:ss in Vietnam. */
export function vietnamInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}+07:00`);
}

export type AlertKind = 'REMINDER' | 'ESCALATION';

export interface StageExtension {
  at: string;
  by: string;
  reason: string;
  fromDueDate: string;
  toDueDate: string;
}

/** The clock of the stage the dossier is at: frozen rules, the due day, pauses, extensions, alerts sent. */
export interface StageDeadline {
  stageIndex: number;
  /** Counts passages through stages (1, 2, …): a return and resubmission stays in the same passage. */
  passage: number;
  ruleVersion: string;
  limitWorkingDays: number;
  basis: string;
  reminderLeadWorkingDays: number;
  repeatEveryWorkingDays: number;
  enteredAt: string;
  /** YYYY-MM-DD, Vietnam time. */
  dueDate: string;
  /** dueDate 23:59:59 +07:00 as an ISO instant. */
  dueAt: string;
  /** Set while the dossier is returned to the clerk: the clock is stopped. */
  pausedAt: string | null;
  /** Working days the dossier spent returned during this passage (not counted against the limit). */
  pausedWorkingDays: number;
  /** Times the dossier was returned to the clerk during this passage. */
  returns?: number;
  extensions: StageExtension[];
  /** Alerts already raised in this passage, by kind (the next one's sequence number). */
  sent: Record<AlertKind, number>;
}

export type PassageOutcome = 'FORWARDED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

/** One passage through a stage, as the read model's stage_passages keeps it. */
export interface PassageRecord {
  passage: number;
  stageIndex: number;
  stageName: StageName;
  level: OrgLevel;
  orgUnitCode: string;
  role: string;
  enteredAt: string;
  dueAt: string | null;
  /** Null while the passage is open. */
  leftAt: string | null;
  workingDays: number | null;
  returnedWorkingDays: number;
  returns: number;
  outcome: PassageOutcome | null;
}

export interface DeadlineAlert {
  kind: AlertKind;
  /** 1 for the first escalation, 2 for the first repeat, …; 1 for the reminder. */
  sequence: number;
  at: Date;
}

export function dueAtOf(dueDate: string): string {
  return vietnamInstant(dueDate, '23:59:59').toISOString();
}

/** Deadline arithmetic over a calendar frozen in the workflow: deterministic, no I/O. */
export class DeadlinePlanner {
  readonly calendar: WorkingCalendar;

  constructor(private readonly rules: DeadlineRules) {
    this.calendar = new WorkingCalendar(rules.announcements);
  }

  /** The deadline of a stage entered at `now`, by the rules in force on `submittedAt`; null if no rule. */
  enter(stage: RouteStage, awardCode: string, submittedAt: string, now: Date, passage: number): StageDeadline | null {
    const set = ruleSetInForce(this.rules.ruleSets, vietnamDate(submittedAt));
    const limit = set && limitFor(set, stage, awardCode);
    if (!set || !limit) return null;
    const dueDate = this.calendar.addWorkingDays(vietnamDate(now), limit.workingDays);
    return {
      stageIndex: stage.index,
      passage,
      ruleVersion: set.version,
      limitWorkingDays: limit.workingDays,
      basis: limit.basis,
      reminderLeadWorkingDays: set.reminderLeadWorkingDays,
      repeatEveryWorkingDays: set.repeatEveryWorkingDays,
      enteredAt: now.toISOString(),
      dueDate,
      dueAt: dueAtOf(dueDate),
      pausedAt: null,
      pausedWorkingDays: 0,
      returns: 0,
      extensions: [],
      sent: { REMINDER: 0, ESCALATION: 0 },
    };
  }

  /** The dossier is returned to the clerk: the clock stops. */
  pause(d: StageDeadline, now: Date): void {
    d.pausedAt = now.toISOString();
    d.returns = (d.returns ?? 0) + 1;
  }

  /**
   * The record of a finished passage: working days in (entered day, left day] less those spent returned; a
   * passage that ends while returned (withdrawn) stops counting when it was returned.
   */
  closePassage(d: StageDeadline, stage: RouteStage, outcome: PassageOutcome, now: Date): PassageRecord {
    const end = d.pausedAt ?? now.toISOString();
    const spent = this.calendar.workingDaysBetween(vietnamDate(d.enteredAt), vietnamDate(end)) - d.pausedWorkingDays;
    return {
      passage: d.passage,
      stageIndex: stage.index,
      stageName: stage.name,
      level: stage.level,
      orgUnitCode: stage.orgUnitCode,
      role: stage.role,
      enteredAt: d.enteredAt,
      dueAt: d.dueAt,
      leftAt: now.toISOString(),
      workingDays: Math.max(0, spent),
      returnedWorkingDays: d.pausedWorkingDays,
      returns: d.returns ?? 0,
      outcome,
    };
  }

  /**
   * Resubmitted: the due day moves by the working days the dossier spent returned, counted in (returned day,
   * resubmitted day], so a return and resubmission on the same day costs nothing and a whole working day away
   * adds one.
   */
  resume(d: StageDeadline, now: Date): void {
    if (!d.pausedAt) return;
    const paused = Math.max(0, this.calendar.workingDaysBetween(vietnamDate(d.pausedAt), vietnamDate(now)));
    d.pausedWorkingDays += paused;
    d.dueDate = this.calendar.addWorkingDays(d.dueDate, paused);
    d.dueAt = dueAtOf(d.dueDate);
    d.pausedAt = null;
  }

  /** The due day after extending by `days` working days or to `newDueDate`. */
  extendedDueDate(d: StageDeadline, ext: { days?: number; newDueDate?: string }): string {
    if (ext.newDueDate) return this.calendar.addWorkingDays(ext.newDueDate, 0);
    return this.calendar.addWorkingDays(d.dueDate, ext.days ?? 0);
  }

  extend(d: StageDeadline, toDueDate: string, by: string, reason: string, now: Date): StageExtension {
    const ext = { at: now.toISOString(), by, reason, fromDueDate: d.dueDate, toDueDate };
    d.extensions.push(ext);
    d.dueDate = toDueDate;
    d.dueAt = dueAtOf(toDueDate);
    return ext;
  }

  /**
   * The next alert to raise, after those already sent: the reminder once per passage (at once if its instant
   * has passed but the stage is not yet due), then the escalation, then a repeat every `repeatEveryWorkingDays`
   * working days while overdue.
   */
  nextAlert(d: StageDeadline, now: Date): DeadlineAlert {
    const due = new Date(d.dueAt);
    if (d.sent.ESCALATION === 0) {
      if (d.sent.REMINDER === 0 && d.reminderLeadWorkingDays > 0) {
        const remindAt = vietnamInstant(
          this.calendar.addWorkingDays(d.dueDate, -d.reminderLeadWorkingDays),
          '08:00:00',
        );
        // A stage entered (or resumed) with less time left than the lead is reminded at once.
        if (now.getTime() < due.getTime()) {
          return { kind: 'REMINDER', sequence: 1, at: remindAt.getTime() > now.getTime() ? remindAt : now };
        }
      }
      return { kind: 'ESCALATION', sequence: 1, at: new Date(due.getTime() + 1000) };
    }
    const step = Math.max(1, d.repeatEveryWorkingDays);
    const sequence = d.sent.ESCALATION + 1;
    let at = vietnamInstant(this.calendar.addWorkingDays(d.dueDate, (sequence - 1) * step), '08:00:00');
    // After an extension the stage may be overdue again later: never raise a repeat before the escalation.
    if (at.getTime() <= due.getTime()) at = new Date(due.getTime() + 1000);
    return { kind: 'ESCALATION', sequence, at };
  }
}
