/** Driving load and watching processes: pure helpers of the engine benchmarks (unit-tested in test/unit). */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Runs `work` for every item with at most `concurrency` in flight (as many clients, each taking the next item
 * when it is done with one); resolves with the results in item order, or rejects with the first failure.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  onDone?: (done: number) => void,
): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be ≥ 1, got ${concurrency}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  let failed: unknown = null;
  const client = async () => {
    while (failed === null && next < items.length) {
      const i = next++;
      try {
        results[i] = await work(items[i], i);
      } catch (err) {
        failed ??= err;
        return;
      }
      onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, client));
  if (failed !== null) throw failed;
  return results;
}

/** Resident set size now (VmRSS) and its peak so far (VmHWM), in MiB, from a /proc/<pid>/status text. */
export function parseProcStatus(text: string): { rssMiB: number; peakMiB: number } {
  const kib = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(text);
    if (!m) throw new Error(`no ${field} in /proc status`);
    return Number(m[1]);
  };
  const mib = (k: number) => Math.round((k / 1024) * 10) / 10;
  return { rssMiB: mib(kib('VmRSS')), peakMiB: mib(kib('VmHWM')) };
}

/**
 * Samples the resident memory of processes every `intervalMs`: the peak of the samples and the kernel's own
 * high-water mark (VmHWM, which catches a peak between two samples).
 */
export function watchMemory(pids: Record<string, number>, intervalMs = 250) {
  const peaks: Record<string, { sampledPeakMiB: number; hwmMiB: number; samples: number }> = {};
  for (const name of Object.keys(pids)) peaks[name] = { sampledPeakMiB: 0, hwmMiB: 0, samples: 0 };
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      try {
        const s = parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
        const p = peaks[name];
        p.sampledPeakMiB = Math.max(p.sampledPeakMiB, s.rssMiB);
        p.hwmMiB = Math.max(p.hwmMiB, s.peakMiB);
        p.samples += 1;
      } catch {
        // the process has exited: its last figures stand
      }
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref(); // a failed benchmark must not keep Jest alive
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

/** An integer knob from the environment, with its default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return n;
}

/** A list of positive integers from the environment (e.g. BENCH_LATENCY_CONCURRENCY=1,16,64). */
export function envInts(name: string, fallback: readonly number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return [...fallback];
  const list = raw.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`${name} must list positive integers, got '${raw}'`);
  return list;
}

/**
 * CPU clock ticks from a /proc/<pid>/stat line (the name may hold spaces), and the parent pid: the process's
 * own (utime + stime) plus its reaped children's (cutime + cstime), so PostgreSQL backends that have exited
 * still count, in their postmaster.
 */
export function parseProcStat(text: string): { ppid: number; ticks: number } {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  return { ppid: Number(fields[1]), ticks: [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) };
}

/** CPU seconds used so far by a process and every descendant still alive (PostgreSQL's backends). */
export function cpuSecondsOfTree(root: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.set(Number(entry), parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // exited while we looked
    }
  }
  let ticks = 0;
  const walk = (pid: number) => {
    const s = stats.get(pid);
    if (!s) return;
    ticks += s.ticks;
    for (const [child, c] of stats) if (c.ppid === pid) walk(child);
  };
  walk(root);
  return ticks / 100; // USER_HZ is 100 on Linux
}

/**
 * Where the CPU went during a phase: seconds per named process tree between `start()` and `stop()`. On a
 * 2-core machine this says which part bounds a figure.
 */
export function watchCpu(pids: Record<string, number | undefined>) {
  const live = Object.entries(pids).filter((e): e is [string, number] => e[1] !== undefined);
  const before = new Map(live.map(([name, pid]) => [name, cpuSecondsOfTree(pid)]));
  return {
    stop(): Record<string, number> {
      const used: Record<string, number> = {};
      for (const [name, pid] of live) used[name] = Math.round((cpuSecondsOfTree(pid) - before.get(name)!) * 10) / 10;
      return used;
    },
  };
}
