/**
 * Benchmark 2, action latency: p50, p95 and p99 of `POST /dossiers/:id/approve` over HTTP at 1, 16 and 64
 * concurrent clients (BENCH_LATENCY_CONCURRENCY), about BENCH_LATENCY_SAMPLES (default 640) approvals per
 * level, each client walking one submitted dossier through its approval stages; against a bare
 * `executeUpdate` round trip on bench/support/bare.workflow.ts at the same concurrency and count, same run, and
 * (to tell the Temporal work the features need from the engine's own) on its shapedWorkflow.
 * Preparing the dossiers (create, papers, submit) is set-up and not timed.
 */
import { latencyStats, recordSection, progress, ratio, type Measurement } from './support/report';
import { startBare, type Bare } from './support/bare';
import {
  actorOf,
  attachDocuments,
  call,
  CLERK,
  createDossier,
  retries,
  startEngine,
  type CreatedDossier,
  type Engine,
} from './support/engine';
import { envInt, envInts, runPool } from './support/load';

const LEVELS = envInts('BENCH_LATENCY_CONCURRENCY', [1, 16, 64]);
const SAMPLES = envInt('BENCH_LATENCY_SAMPLES', 640);

let engine: Engine;
let bare: Bare;
beforeAll(async () => {
  [engine, bare] = await Promise.all([startEngine('latency'), startBare('latency')]);
});
afterAll(async () => {
  await Promise.allSettled([engine?.stop(), bare?.stop()]);
});

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function submitted(count: number, concurrency: number): Promise<CreatedDossier[]> {
  const prep = progress(`prepare ${count} submitted dossiers (not timed)`, count);
  const list = await runPool(
    Array.from({ length: count }, (_, i) => i),
    Math.min(concurrency, 16),
    async (i) => {
      const d = await createDossier(engine, `lat-${i}`);
      await attachDocuments(engine, d.id);
      await call(engine, CLERK, 'POST', `/dossiers/${d.id}/submit`);
      return d;
    },
    prep.tick,
  );
  prep.done();
  return list;
}

test(`approve latency at ${LEVELS.join(', ')} clients`, async () => {
  const [probe] = await submitted(1, 1);
  // The approvals before the first council: a COUNCIL stage passes by a session, not by `approve` (issue 14).
  const firstCouncil = probe.route.stages.findIndex((s) => s.name === 'COUNCIL' || s.name === 'DECISION');
  const approvals = probe.route.stages.slice(0, firstCouncil < 0 ? undefined : firstCouncil);
  // Warm up both sides.
  for (const stage of approvals)
    await call(engine, actorOf(stage), 'POST', `/dossiers/${probe.id}/approve`, { comment: 'Đồng ý' });
  for (const shaped of [false, true]) {
    const warm = await bare.start(approvals.length, shaped);
    for (let s = 0; s < approvals.length; s++) await bare.step(warm);
  }

  const measurements: Measurement[] = [];
  const details: Record<string, unknown> = { approvalsPerDossier: approvals.length };
  for (const c of LEVELS) {
    const dossierCount = Math.max(c, Math.ceil(SAMPLES / approvals.length));
    const dossiers = await submitted(dossierCount, c);
    const engineSamples: number[] = [];
    const walking = progress(`engine approve @${c}`, dossierCount);
    await runPool(
      dossiers,
      c,
      async (d) => {
        for (const stage of approvals) {
          const t = process.hrtime.bigint();
          await call(engine, actorOf(stage), 'POST', `/dossiers/${d.id}/approve`, { comment: 'Đồng ý' });
          engineSamples.push(since(t));
        }
      },
      walking.tick,
    );
    walking.done();

    // The same round trips on the bare workflow, then on the one with the engine's Temporal commands.
    const updateSamples = async (shaped: boolean): Promise<number[]> => {
      const handles = await runPool(
        Array.from({ length: dossierCount }, () => approvals.length),
        Math.min(c, 16),
        (steps) => bare.start(steps, shaped),
      );
      const samples: number[] = [];
      await runPool(handles, c, async (h) => {
        for (let s = 0; s < approvals.length; s++) {
          const t = process.hrtime.bigint();
          await bare.step(h);
          samples.push(since(t));
        }
      });
      return samples;
    };
    const bareSamples = await updateSamples(false);
    const shapedSamples = await updateSamples(true);

    const e = latencyStats(engineSamples);
    const b = latencyStats(bareSamples);
    for (const p of ['p50', 'p95', 'p99'] as const) {
      const r = ratio(e[p], b[p]);
      measurements.push({
        name: `approve ${p} @${c}`,
        unit: 'ms',
        engine: e[p],
        baseline: b[p],
        ratio: r,
        ...(p === 'p99' ? { target: 'ratio ≤ 1.5', met: r <= 1.5 } : {}),
      });
    }
    const shaped = latencyStats(shapedSamples);
    measurements.push({
      name: `approve p99 @${c} vs the engine's Temporal commands alone`,
      unit: 'ms',
      engine: e.p99,
      baseline: shaped.p99,
      ratio: ratio(e.p99, shaped.p99),
    });
    details[`@${c}`] = { engine: e, bare: b, shaped };
  }
  recordSection({
    benchmark: 'latency',
    params: { concurrency: LEVELS, samplesPerLevel: SAMPLES, award: 'BANG_KHEN_THU_TUONG' },
    measurements,
    details: { ...details, retried503: retries.count },
  });
});
