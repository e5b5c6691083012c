import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { DeadlineAlertInput, createActivities } from '../../activities';
import { applyCouncilItem } from '../../activities/council-close';
import type { DrainInput } from '../../activities/dashboard-writer';
import { VIETNAM_ANNOUNCEMENTS } from '../../libs/calendar';
import { TIME_LIMIT_RULES } from '../../libs/domain/deadlines';
import {
  ACTION_UPDATES,
  councilOutcomeUpdate,
  dossierWorkflowId,
  type DossierWorkflowInput,
} from '../../libs/contracts';
import { requiredYes } from '../../libs/domain/council';
import type { CouncilOutcome } from '../../libs/domain/dossier-machine';
import { AWARD_CATALOG, computeRoute, type Actor, type NomineeKind, type TransitionEvent } from '../../libs/domain';
import { toolPath } from '../../libs/devstack/tools';
import { ensureSearchAttributes } from '../../libs/temporal/search-attributes';
import { demoChain } from '../../libs/persistence/seed/demo-org-tree';
import type { dossierWorkflow } from '../../workflows';

export const actor = (orgUnitCode: string, role: Actor['role']): Actor => ({
  username: `${orgUnitCode}.${role.toLowerCase()}`,
  displayName: `${role} ${orgUnitCode}`,
  role,
  orgUnitCode,
});

export const decision = { number: '123/QĐ-TTg', date: '2026-11-20', signer: 'Thủ tướng Chính phủ' };

/** A closed session's outcome as CouncilsService.close sends it: 5 members, `yes` of them for, majority rule. */
export function councilOutcome(yes = 5, result: CouncilOutcome['result'] = 'PASSED'): CouncilOutcome {
  const required = requiredYes({ percent: 50, strict: true }, 5); // more than half of 5
  return {
    sessionId: randomUUID(),
    title: 'Phiên họp xét khen thưởng năm 2026',
    result,
    tally: { members: 5, yes, no: 5 - yes, abstain: 0, notVoted: 0, required, passed: yes >= required },
    threshold: { code: 'DEFAULT_MAJORITY', percent: 50, strict: true },
    minutesSha256: 'ab'.repeat(32),
  };
}

/** Passes a COUNCIL stage the only way the workflow allows: the outcome of a closed session. */
export function passCouncil(handle: WorkflowHandle<typeof dossierWorkflow>, orgUnitCode: string) {
  return handle.executeUpdate(councilOutcomeUpdate, {
    args: [{ actor: actor(orgUnitCode, 'COUNCIL'), council: councilOutcome() }],
  });
}

/** The workflow input the API would build for a nomination of `awardCode` by a clerk of `origin`. */
export function dossierInput(
  awardCode: string,
  origin: string,
  kind: NomineeKind = 'INDIVIDUAL',
  dossierId = randomUUID(),
): DossierWorkflowInput {
  const award = AWARD_CATALOG.find((a) => a.code === awardCode)!;
  const chain = demoChain(origin);
  return {
    dossierId,
    awardCode,
    awardName: award.nameVi,
    nominee: { kind, name: 'Nguyễn Thị Hoa' },
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ 5 năm liên tục',
    originOrgUnitCode: origin,
    orgChain: chain.map((o) => o.code),
    route: computeRoute(chain, award, kind),
    createdBy: actor(origin, 'CLERK'),
  };
}

export interface WorkflowTestEnv {
  env: TestWorkflowEnvironment;
  recorded: TransitionEvent[];
  /** Deadline alerts as the worker received them, in order. */
  alerts: DeadlineAlertInput[];
  /** The next projections of a dossier that fail, as with PostgreSQL away: dossier id → how many. */
  failProjections: Map<string, number>;
  /** The next attempts of a council close to move a dossier that fail: dossier id → how many. */
  failCouncilItems: Map<string, number>;
  /** The SQL statements the council close activity sent. */
  councilSql: string[];
  /** The dashboard writer's drain calls, in order, and how many of the next ones fail. */
  drains: { input: DrainInput; at: number }[];
  failDrains: { next: number };
  taskQueue: string;
  start(input: DossierWorkflowInput): Promise<WorkflowHandle<typeof dossierWorkflow>>;
  close(): Promise<void>;
}

/**
 * Temporal's time-skipping test server (installed into .tools/ from PyPI) with a worker whose projection
 * activity records the events it is given, so tests see exactly what the workflow emits, in order.
 */
export async function startWorkflowTestEnv(taskQueue = 'workflow-test'): Promise<WorkflowTestEnv> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: toolPath('temporal-test-server') } },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  const recorded: TransitionEvent[] = [];
  const alerts: DeadlineAlertInput[] = [];
  const failProjections = new Map<string, number>();
  const failCouncilItems = new Map<string, number>();
  const councilSql: string[] = [];
  const drains: { input: DrainInput; at: number }[] = [];
  const failDrains = { next: 0 };
  const activities: ReturnType<typeof createActivities> = {
    // At least once, as every activity: a delivery again of an event already recorded (a local activity whose
    // workflow task is retried) is dropped, as the projection's (dossier, seq) key drops it; the same seq
    // with other content is a workflow defect and fails the test.
    async recordTransition(event) {
      const failing = failProjections.get(event.dossierId) ?? 0;
      if (failing > 0) {
        failProjections.set(event.dossierId, failing - 1);
        throw new Error('connect ECONNREFUSED (PostgreSQL is away)');
      }
      const same = recorded.find((e) => e.dossierId === event.dossierId && e.seq === event.seq);
      if (!same) recorded.push(event);
      else if (JSON.stringify(same) !== JSON.stringify(event)) {
        throw new Error(`event ${event.seq} of ${event.dossierId} delivered twice with different content`);
      }
      return event;
    },
    // The shipped rules and announcements, as the seed puts them into PostgreSQL.
    loadDeadlineRules: async () => ({
      ruleSets: structuredClone([...TIME_LIMIT_RULES]),
      announcements: structuredClone([...VIETNAM_ANNOUNCEMENTS]),
    }),
    recordDeadline: async (input) => input,
    async raiseDeadlineAlert(alert) {
      alerts.push(alert);
    },
    sendDailyDigests: async () => 0,
    // Each call "recounts" two dossiers; the real drain runs against PostgreSQL in the e2e tests.
    async drainDashboard(input) {
      if (failDrains.next > 0) {
        failDrains.next -= 1;
        throw new Error('connect ECONNREFUSED (PostgreSQL is away)');
      }
      drains.push({ input, at: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { dossiers: 2, batches: 1, recount: false };
    },
    // The real activity against the test server's dossier workflows; its SQL goes to a log instead of
    // PostgreSQL (the minutes' attachment and the item's outcome are the e2e and fault tests' to check).
    async applyCouncilItem(input) {
      const failing = failCouncilItems.get(input.item.dossierId) ?? 0;
      if (failing > 0) {
        failCouncilItems.set(input.item.dossierId, failing - 1);
        throw new Error('connect ECONNREFUSED (PostgreSQL is away)');
      }
      const sql = { query: async (text: string) => (councilSql.push(text), []) } as unknown as DataSource;
      return applyCouncilItem(sql, env.client.workflow, input);
    },
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities,
  });
  const running = worker.run();
  return {
    env,
    recorded,
    alerts,
    failProjections,
    failCouncilItems,
    councilSql,
    drains,
    failDrains,
    taskQueue,
    start: (input) =>
      env.client.workflow.start<typeof dossierWorkflow>('dossierWorkflow', {
        args: [input],
        taskQueue,
        workflowId: dossierWorkflowId(input.dossierId),
      }),
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/** Drives a submitted dossier through every stage; returns it once at `returnAt` if given. */
export async function driveToDecision(
  handle: WorkflowHandle<typeof dossierWorkflow>,
  input: DossierWorkflowInput,
  returnAt?: { orgUnitCode: string; stage: string },
) {
  const clerk = actor(input.originOrgUnitCode, 'CLERK');
  let state = await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: clerk }] });
  let returned = false;
  for (const stage of input.route.stages) {
    const who = actor(stage.orgUnitCode, stage.role);
    if (returnAt && !returned && stage.orgUnitCode === returnAt.orgUnitCode && stage.name === returnAt.stage) {
      await handle.executeUpdate(ACTION_UPDATES.return, { args: [{ actor: who, reason: 'Thiếu biên bản họp' }] });
      await handle.executeUpdate(ACTION_UPDATES.resubmit, { args: [{ actor: clerk }] });
      returned = true;
    }
    state =
      stage.name === 'DECISION'
        ? await handle.executeUpdate(ACTION_UPDATES.decide, { args: [{ actor: who, decision }] })
        : stage.name === 'COUNCIL'
          ? await passCouncil(handle, stage.orgUnitCode)
          : await handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: who }] });
  }
  return state;
}
