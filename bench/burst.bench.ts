/**
 * Benchmarks 4 and 5, the year-end burst: BENCH_BURST_N dossiers (default 20,000) created and submitted as
 * fast as the engine accepts them, by BENCH_BURST_CONCURRENCY clients (default 64). Creation and submission
 * are timed phases; attaching the papers in between is set-up, timed apart and not counted. Then: how long
 * after the last accepted submission the read model shows every one of them submitted. Meanwhile the
 * resident memory of the worker and the API processes is sampled (peak RSS, and the kernel's VmHWM).
 *
 * Beside it, in the same run and on the same Temporal server, what Temporal alone accepts: as many
 * bench/support/bare.workflow.ts workflows started and sent one Update each by the Temporal client, same
 * concurrency (the bare workflow stays open after it, as a submitted dossier does). The burst's target is
 * absolute (100 dossiers/s); this says how much of it the machine leaves once Temporal has done its part.
 */
import { recordSection, progress, ratio, timed } from './support/report';
import { startBare, type Bare } from './support/bare';
import {
  attachDocuments,
  call,
  CLERK,
  createDossier,
  retries,
  startEngine,
  watchPhaseCpu,
  type Engine,
} from './support/engine';
import { envInt, runPool, watchMemory } from './support/load';

const N = envInt('BENCH_BURST_N', 20_000);
const C = envInt('BENCH_BURST_CONCURRENCY', 64);

let engine: Engine;
let bare: Bare;
beforeAll(async () => {
  [engine, bare] = await Promise.all([startEngine('burst'), startBare('burst')]);
});
afterAll(async () => {
  await Promise.allSettled([engine?.stop(), bare?.stop()]);
});

test(`year-end burst: ${N} dossiers, ${C} clients`, async () => {
  const memory = watchMemory({ worker: engine.worker.child.pid!, api: engine.api.child.pid! });
  const ids = Array.from({ length: N }, (_, i) => i);
  const pids = { worker: engine.worker.child.pid, api: engine.api.child.pid };
  const creating = progress('burst: create', N);
  let cpu = watchPhaseCpu(pids);
  const [dossiers, createMs] = await timed(() =>
    runPool(ids, C, (i) => createDossier(engine, `burst-${i}`), creating.tick),
  );
  creating.done();
  const createCpu = cpu.stop();
  const attaching = progress('burst: attach papers (set-up, not counted)', N);
  const [, attachMs] = await timed(() => runPool(dossiers, C, (d) => attachDocuments(engine, d.id), attaching.tick));
  attaching.done();
  const submitting = progress('burst: submit', N);
  cpu = watchPhaseCpu(pids);
  const [, submitMs] = await timed(() =>
    runPool(dossiers, C, (d) => call(engine, CLERK, 'POST', `/dossiers/${d.id}/submit`), submitting.tick),
  );
  submitting.done();
  const submitCpu = cpu.stop();
  const [, catchUpMs] = await timed(async () => {
    for (;;) {
      // version 2 = the submit event projected (1 is the draft); later versions only come from later actions.
      const [{ n }] = await engine.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM dossiers WHERE status = 'IN_PROGRESS' AND version >= 2`,
      );
      if (n >= N) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  const peaks = memory.stop();

  // Temporal alone, after the engine (whose processes stay up, idle, as the bare worker did meanwhile).
  const bareStarting = progress('bare Temporal: workflow start', N);
  cpu = watchPhaseCpu({ bareWorker: bare.worker.child.pid });
  const [handles, bareStartMs] = await timed(() => runPool(ids, C, () => bare.start(2), bareStarting.tick));
  bareStarting.done();
  const bareStartCpu = cpu.stop();
  const bareUpdating = progress('bare Temporal: one Update each', N);
  cpu = watchPhaseCpu({ bareWorker: bare.worker.child.pid });
  const [, bareUpdateMs] = await timed(() => runPool(handles, C, (h) => bare.step(h), bareUpdating.tick));
  bareUpdating.done();
  const bareUpdateCpu = cpu.stop();

  const perSecond = (ms: number) => Math.round((N / (ms / 1000)) * 100) / 100;
  const catchUpS = Math.round(catchUpMs / 100) / 10;
  const mib = (name: 'worker' | 'api') => Math.max(peaks[name].sampledPeakMiB, peaks[name].hwmMiB);
  const accepted = perSecond(createMs + submitMs);
  const bareAccepted = perSecond(bareStartMs + bareUpdateMs);
  recordSection({
    benchmark: 'burst',
    params: { dossiers: N, concurrency: C, award: 'BANG_KHEN_THU_TUONG' },
    measurements: [
      {
        name: 'accepted (create + submit vs start + Update)',
        unit: 'dossiers/s',
        engine: accepted,
        baseline: bareAccepted,
        ratio: ratio(accepted, bareAccepted),
        target: '≥ 100',
        met: accepted >= 100,
        note: 'papers attached between the two phases are not counted',
      },
      {
        name: 'create phase (vs workflow start)',
        unit: 'dossiers/s',
        engine: perSecond(createMs),
        baseline: perSecond(bareStartMs),
        ratio: ratio(perSecond(createMs), perSecond(bareStartMs)),
      },
      {
        name: 'submit phase (vs one Update)',
        unit: 'dossiers/s',
        engine: perSecond(submitMs),
        baseline: perSecond(bareUpdateMs),
        ratio: ratio(perSecond(submitMs), perSecond(bareUpdateMs)),
      },
      { name: 'time to accept all', unit: 's', engine: Math.round((createMs + submitMs) / 100) / 10 },
      {
        name: 'read model caught up after the last',
        unit: 's',
        engine: catchUpS,
        target: '≤ 60',
        met: catchUpS <= 60,
      },
      { name: 'worker peak RSS', unit: 'MiB', engine: mib('worker'), target: '< 512', met: mib('worker') < 512 },
      { name: 'API peak RSS', unit: 'MiB', engine: mib('api'), target: '< 512', met: mib('api') < 512 },
    ],
    details: {
      createMs: Math.round(createMs),
      attachMs: Math.round(attachMs),
      submitMs: Math.round(submitMs),
      catchUpMs: Math.round(catchUpMs),
      bareStartMs: Math.round(bareStartMs),
      bareUpdateMs: Math.round(bareUpdateMs),
      memory: peaks,
      retried503: retries.count,
      cpuSeconds: { create: createCpu, submit: submitCpu, bareStart: bareStartCpu, bareUpdate: bareUpdateCpu },
      attachPerSecond: ratio(N, attachMs / 1000),
    },
  });
});
