/**
 * Benchmark 1, lifecycle throughput: N dossiers (BENCH_LIFECYCLE_N, default 500) through the whole
 * BANG_KHEN_THU_TUONG route over the HTTP API with C concurrent clients (BENCH_CONCURRENCY, default 16), each
 * client walking one dossier from submission to decision, every stage acted on by its own demo user; against
 * the same number of Updates per workflow driven straight at bench/support/bare.workflow.ts with the Temporal
 * client, same concurrency, same Temporal server, in the same run. Creation is timed on its own (beside a bare
 * workflow start); attaching the papers submission needs is set-up and not timed.
 */
import { recordSection, progress, ratio, timed } from './support/report';
import { startBare, type Bare } from './support/bare';
import {
  advance,
  attachDocuments,
  call,
  CLERK,
  createDossier,
  retries,
  startEngine,
  watchPhaseCpu,
  type Engine,
} from './support/engine';
import { envInt, runPool } from './support/load';

const N = envInt('BENCH_LIFECYCLE_N', 500);
const C = envInt('BENCH_CONCURRENCY', 16);

let engine: Engine;
let bare: Bare;
beforeAll(async () => {
  [engine, bare] = await Promise.all([startEngine('lifecycle'), startBare('lifecycle')]);
});
afterAll(async () => {
  await Promise.allSettled([engine?.stop(), bare?.stop()]);
});

test(`lifecycle throughput: ${N} dossiers, ${C} clients`, async () => {
  // Warm both sides (JIT, connection pools, workflow cache) with a few complete runs.
  const warm = await createDossier(engine, 'khởi động');
  await attachDocuments(engine, warm.id);
  await call(engine, CLERK, 'POST', `/dossiers/${warm.id}/submit`);
  for (const stage of warm.route.stages) await advance(engine, warm.id, stage);
  const stages = warm.route.stages;
  const transitions = 1 + stages.length; // submit, then one action per stage
  for (let i = 0; i < 3; i++) {
    for (const shaped of [false, true]) {
      const h = await bare.start(transitions, shaped);
      for (let s = 0; s < transitions; s++) await bare.step(h);
    }
  }

  const creating = progress('create', N);
  const [dossiers, createMs] = await timed(() =>
    runPool(
      Array.from({ length: N }, (_, i) => i),
      C,
      (i) => createDossier(engine, `lc-${i}`),
      creating.tick,
    ),
  );
  creating.done();
  const attaching = progress('attach papers (set-up, not timed)', N);
  await runPool(dossiers, C, (d) => attachDocuments(engine, d.id), attaching.tick);
  attaching.done();

  const walking = progress('engine: submit → decision', N);
  const engineCpu = watchPhaseCpu({ worker: engine.worker.child.pid, api: engine.api.child.pid });
  const [, engineMs] = await timed(() =>
    runPool(
      dossiers,
      C,
      async (d) => {
        await call(engine, CLERK, 'POST', `/dossiers/${d.id}/submit`);
        for (const stage of d.route.stages) await advance(engine, d.id, stage);
      },
      walking.tick,
    ),
  );
  walking.done();
  const engineCpuSeconds = engineCpu.stop();
  // The read model lags the API by the projection activity: how long until every dossier shows APPROVED.
  const [, catchUpMs] = await timed(async () => {
    for (;;) {
      const [{ n }] = await engine.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM dossiers WHERE status = 'APPROVED' AND id = ANY($1::uuid[])`,
        [dossiers.map((d) => d.id)],
      );
      if (n === N) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  // The same Updates on the bare workflow, then on the one with the engine's Temporal commands and no work.
  const updates = async (shaped: boolean) => {
    const [handles, startMs] = await timed(() =>
      runPool(
        Array.from({ length: N }, () => transitions),
        C,
        (steps) => bare.start(steps, shaped),
      ),
    );
    const walkingBare = progress(
      shaped ? "the engine's Temporal commands alone" : 'bare Temporal: the same Updates',
      N,
    );
    const cpu = watchPhaseCpu({ bareWorker: bare.worker.child.pid });
    const [, ms] = await timed(() =>
      runPool(
        handles,
        C,
        async (h) => {
          for (let s = 0; s < transitions; s++) await bare.step(h);
        },
        walkingBare.tick,
      ),
    );
    walkingBare.done();
    return { startMs, ms, cpuSeconds: cpu.stop() };
  };
  const { startMs, ms: bareMs, cpuSeconds: bareCpuSeconds } = await updates(false);
  const shaped = await updates(true);

  const perSecond = (count: number, ms: number) => Math.round((count / (ms / 1000)) * 100) / 100;
  const engineDossiers = perSecond(N, engineMs);
  const bareDossiers = perSecond(N, bareMs);
  const engineTransitions = perSecond(N * transitions, engineMs);
  const bareTransitions = perSecond(N * transitions, bareMs);
  const r = ratio(engineTransitions, bareTransitions);
  const shapedTransitions = perSecond(N * transitions, shaped.ms);
  recordSection({
    benchmark: 'lifecycle',
    params: { dossiers: N, concurrency: C, award: 'BANG_KHEN_THU_TUONG', stages: stages.length, transitions },
    measurements: [
      {
        name: 'dossiers through the route',
        unit: 'dossiers/s',
        engine: engineDossiers,
        baseline: bareDossiers,
        ratio: ratio(engineDossiers, bareDossiers),
      },
      {
        name: 'transitions',
        unit: 'transitions/s',
        engine: engineTransitions,
        baseline: bareTransitions,
        ratio: r,
        target: 'ratio ≥ 0.6',
        met: r >= 0.6,
      },
      {
        name: "transitions vs the engine's Temporal commands alone",
        unit: 'transitions/s',
        engine: engineTransitions,
        baseline: shapedTransitions,
        ratio: ratio(engineTransitions, shapedTransitions),
        note: 'shapedWorkflow: search attributes and a local activity per Update, one alert timer, no work',
      },
      {
        name: 'create (POST /dossiers vs workflow start)',
        unit: 'dossiers/s',
        engine: perSecond(N, createMs),
        baseline: perSecond(N, startMs),
        ratio: ratio(perSecond(N, createMs), perSecond(N, startMs)),
      },
      {
        name: 'read model caught up after the last response',
        unit: 'ms',
        engine: Math.round(catchUpMs),
      },
    ],
    details: {
      engineMs: Math.round(engineMs),
      retried503: retries.count,
      bareMs: Math.round(bareMs),
      shapedMs: Math.round(shaped.ms),
      createMs: Math.round(createMs),
      bareStartMs: Math.round(startMs),
      cpuSeconds: { engine: engineCpuSeconds, bare: bareCpuSeconds, shaped: shaped.cpuSeconds },
      route: stages.map((s) => `${s.name}@${s.orgUnitCode} (${s.role})`),
    },
  });
});
