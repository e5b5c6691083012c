/**
 * What every benchmark reports, and how: figures side by side with their baseline and target, printed as a
 * table with the machine's description and written as JSON under bench/results/ (one file per benchmark
 * per run, plus `latest-<benchmark>.json` for the README). Speed is measured here and never asserted in
 * `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../libs/devstack/tools';

export const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results');

export interface Measurement {
  /** What was measured, e.g. "approve p99 @16". */
  name: string;
  unit: string;
  /** The engine's figure. */
  engine: number;
  /** The same thing done by the bare part (Temporal without the API, PostgreSQL alone…), same run. */
  baseline?: number;
  /** engine ÷ baseline, when a baseline exists. */
  ratio?: number;
  /** The target in words, e.g. "ratio ≥ 0.6" or "≤ 50 ms". */
  target?: string;
  /** Whether the target is met; undefined when the figure has no target. */
  met?: boolean;
  note?: string;
}

export interface BenchSection {
  benchmark: string;
  params: Record<string, unknown>;
  measurements: Measurement[];
  /** Anything else worth keeping: query plans, per-phase timings. */
  details?: Record<string, unknown>;
}

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  loadAverage1m: number;
  os: string;
  node: string;
  gitCommit: string | null;
}

export function describeMachine(): MachineDescription {
  const cpu = cpus();
  let gitCommit: string | null = null;
  try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  } catch {
    gitCommit = null; // not a git checkout (an unpacked release): the figures still stand
  }
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
    os: `${process.platform} ${release()}`,
    node: process.version,
    gitCommit,
  };
}

/** Nearest-rank percentile of an already sorted sample. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty sample');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function latencyStats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    max: round(sorted[sorted.length - 1]),
  };
}

/** Milliseconds taken by fn, on the monotonic clock. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

/** Ratio of engine to baseline, rounded for a table. */
export function ratio(engine: number, baseline: number): number {
  return Math.round((engine / baseline) * 100) / 100;
}

/**
 * A progress bar on stderr for long work (generating millions of rows, bursts): redrawn in place on a
 * terminal, a line every 10 % otherwise so CI logs stay short.
 */
export function progress(label: string, total: number): { tick(done: number): void; done(): void } {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let lastDecile = -1;
  const draw = (done: number) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const elapsed = (Date.now() - started) / 1000;
    const eta = fraction > 0 ? elapsed / fraction - elapsed : 0;
    const width = 30;
    const bar = '█'.repeat(Math.round(fraction * width)).padEnd(width, '░');
    const text = `${label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${elapsed.toFixed(0)} s, ~${eta.toFixed(0)} s left`;
    if (tty) process.stderr.write(`\r${text}`);
    else if (Math.floor(fraction * 10) > lastDecile) {
      lastDecile = Math.floor(fraction * 10);
      process.stderr.write(`${text}\n`);
    }
  };
  return {
    tick: draw,
    done() {
      draw(total);
      if (tty) process.stderr.write('\n');
    },
  };
}

function formatNumber(x: number | undefined): string {
  if (x === undefined) return '';
  if (Number.isInteger(x)) return x.toLocaleString('en');
  return x >= 100 ? x.toFixed(0) : x.toFixed(2);
}

/** The table printed for one section. */
export function formatSection(section: BenchSection): string {
  const header = ['measurement', 'engine', 'baseline', 'ratio', 'unit', 'target', 'met'];
  const rows = section.measurements.map((m) => [
    m.name,
    formatNumber(m.engine),
    formatNumber(m.baseline),
    m.ratio === undefined ? '' : m.ratio.toFixed(2),
    m.unit,
    m.target ?? '',
    m.met === undefined ? '' : m.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    `── ${section.benchmark} ${JSON.stringify(section.params)}`,
    line(header),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

/**
 * Prints the section with the machine's description and writes it to bench/results/: a dated file kept
 * as history, and latest-<benchmark>.json that the README's figures come from.
 */
export function recordSection(section: BenchSection): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const machine = describeMachine();
  const at = new Date().toISOString();
  const body = JSON.stringify({ at, machine, ...section }, null, 2) + '\n';
  const stamp = at.replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `${section.benchmark}-${stamp}.json`);
  writeFileSync(file, body);
  writeFileSync(join(RESULTS_DIR, `latest-${section.benchmark}.json`), body);
  process.stdout.write(
    `\n${formatSection(section)}\nmachine: ${machine.cores} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ` +
      `load ${machine.loadAverage1m}, ${machine.os}, node ${machine.node}, commit ${machine.gitCommit ?? '-'}\n` +
      `written: ${file}\n`,
  );
  return file;
}
