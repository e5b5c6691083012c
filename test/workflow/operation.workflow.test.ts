import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import {
  getOperationProgress,
  operationWorkflowId,
  operationsTaskQueue,
  type OperationActivities,
  type OperationInput,
} from '../../libs/contracts';
import type { operationWorkflow } from '../../workflows';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-fixtures';

/**
 * The long-operation workflow against the time-skipping server, with the API's activities replaced by a
 * recorder (the real ones, against PostgreSQL and the dossier workflows, are the e2e tests'): it runs every
 * position once to a settled answer, a few at a time, retries what throws, records what never passes, and
 * finishes once after the last item.
 */

interface Recorder {
  runs: Map<number, number>;
  failed: { position: number; message: string }[];
  finished: string[];
  running: number;
  maxRunning: number;
  /** position → how many attempts throw before it passes; Infinity: never passes. */
  throwing: Map<number, number>;
  /** Positions the item refuses (a 4xx: settled, not ok). */
  refused: Set<number>;
  /** Positions whose first attempt waits until released. */
  held: Map<number, Promise<void>>;
}

let t: WorkflowTestEnv;
let worker: Worker;
let running: Promise<void>;
const rec: Recorder = {
  runs: new Map(),
  failed: [],
  finished: [],
  running: 0,
  maxRunning: 0,
  throwing: new Map(),
  refused: new Set(),
  held: new Map(),
};

beforeAll(async () => {
  t = await startWorkflowTestEnv('operation-test');
  const activities: OperationActivities = {
    async runOperationItem({ position }) {
      rec.runs.set(position, (rec.runs.get(position) ?? 0) + 1);
      rec.running += 1;
      rec.maxRunning = Math.max(rec.maxRunning, rec.running);
      try {
        await rec.held.get(position);
        rec.held.delete(position);
        await new Promise((r) => setTimeout(r, 5));
        const throwing = rec.throwing.get(position) ?? 0;
        if (throwing > 0) {
          rec.throwing.set(position, throwing - 1);
          throw new Error('connect ECONNREFUSED (PostgreSQL is away)');
        }
        return { position, ok: !rec.refused.has(position) };
      } finally {
        rec.running -= 1;
      }
    },
    async failOperationItem({ position, message }) {
      rec.failed.push({ position, message });
    },
    async finishOperation({ operationId }) {
      rec.finished.push(operationId);
    },
  };
  worker = await Worker.create({
    connection: t.env.nativeConnection,
    taskQueue: operationsTaskQueue(t.taskQueue),
    activities,
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await t?.close();
});

beforeEach(() => {
  rec.runs.clear();
  rec.failed.length = 0;
  rec.finished.length = 0;
  rec.maxRunning = 0;
  rec.throwing.clear();
  rec.refused.clear();
  rec.held.clear();
});

function start(input: OperationInput) {
  return t.env.client.workflow.start<typeof operationWorkflow>('operationWorkflow', {
    args: [input],
    taskQueue: t.taskQueue,
    workflowId: operationWorkflowId(input.operationId),
  });
}

test('every item runs to one settled answer, a few at a time (a slow one holds no other); a refusal counts as failed; finish runs once', async () => {
  const operationId = randomUUID();
  // Positions 0 and 1 were settled before the workflow started (refused up front): not run.
  const positions = Array.from({ length: 30 }, (_, k) => k + 2);
  rec.throwing.set(4, 2);
  rec.throwing.set(17, 1);
  rec.refused.add(9);
  rec.refused.add(25);
  let release!: () => void;
  rec.held.set(2, new Promise<void>((r) => (release = r)));

  const handle = await start({ operationId, kind: 'NOMINATIONS', positions });
  // While the first item waits, the Query answers progress short of the end.
  let midway = await handle.query(getOperationProgress);
  for (let i = 0; i < 400 && midway.done < 29; i++) {
    await new Promise((r) => setTimeout(r, 50));
    midway = await handle.query(getOperationProgress);
  }
  expect(midway).toMatchObject({ operationId, kind: 'NOMINATIONS', total: 30, complete: false });
  // The other lanes went on past it: everything but the held item settled.
  expect(midway.done).toBe(29);
  expect(midway.failed).toBe(2);
  expect(rec.finished).toEqual([]);
  release();

  const result = await handle.result();
  expect(result).toEqual({ operationId, kind: 'NOMINATIONS', total: 30, done: 30, failed: 2, complete: true });
  expect(await handle.query(getOperationProgress)).toEqual(result);
  expect([...rec.runs.keys()].sort((a, b) => a - b)).toEqual(positions);
  for (const p of positions) expect([p, rec.runs.get(p)]).toEqual([p, p === 4 ? 3 : p === 17 ? 2 : 1]);
  expect(rec.maxRunning).toBeLessThanOrEqual(8);
  expect(rec.maxRunning).toBeGreaterThan(1);
  expect(rec.failed).toEqual([]);
  expect(rec.finished).toEqual([operationId]);
});

test('an item that never passes is retried with back-off, then recorded as failed; the others go on', async () => {
  const operationId = randomUUID();
  rec.throwing.set(1, Infinity);
  const handle = await start({ operationId, kind: 'DECISION', positions: [0, 1, 2] });
  const result = await handle.result();
  expect(result).toEqual({ operationId, kind: 'DECISION', total: 3, done: 3, failed: 1, complete: true });
  // Every attempt the retry policy allows, then the failure is recorded with its cause.
  expect(rec.runs.get(1)).toBe(60);
  expect(rec.failed).toEqual([{ position: 1, message: 'connect ECONNREFUSED (PostgreSQL is away)' }]);
  expect([rec.runs.get(0), rec.runs.get(2)]).toEqual([1, 1]);
  expect(rec.finished).toEqual([operationId]);
});

test('an operation with nothing left to run finishes at once', async () => {
  const operationId = randomUUID();
  const result = await (await start({ operationId, kind: 'REORGANISATION', positions: [] })).result();
  expect(result).toMatchObject({ total: 0, done: 0, failed: 0, complete: true });
  expect(rec.finished).toEqual([operationId]);
});
