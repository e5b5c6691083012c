import { envInt, envInts, parseProcStat, parseProcStatus, runPool } from '../../../bench/support/load';

describe('runPool', () => {
  it('keeps at most `concurrency` in flight and returns results in item order', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    const results = await runPool(
      [30, 5, 20, 1, 10, 2],
      3,
      async (ms, i) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, ms));
        inFlight -= 1;
        return i * 10;
      },
      (n) => done.push(n),
    );
    expect(results).toEqual([0, 10, 20, 30, 40, 50]);
    expect(most).toBe(3);
    expect(done).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      runPool([0, 1, 2, 3, 4], 1, async (i) => {
        started.push(i);
        if (i === 1) throw new Error('boom at 1');
        return i;
      }),
    ).rejects.toThrow('boom at 1');
    expect(started).toEqual([0, 1]);
  });

  it('refuses a concurrency below one', async () => {
    await expect(runPool([1], 0, async (x) => x)).rejects.toThrow('concurrency must be ≥ 1');
  });
});

describe('/proc parsing', () => {
  it('reads VmRSS and VmHWM in MiB', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  262144 kB\nThreads:\t11\n';
    expect(parseProcStatus(status)).toEqual({ rssMiB: 256, peakMiB: 512 });
    expect(() => parseProcStatus('Name:\tnode\n')).toThrow('no VmRSS');
  });

  it('sums own and reaped children’s CPU ticks, with a process name holding spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
    const stat = '4242 (postgres: bench (x)) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 1 0';
    expect(parseProcStat(stat)).toEqual({ ppid: 17, ticks: 310 });
  });
});

describe('environment knobs', () => {
  const KEY = 'BENCH_UNIT_KNOB';
  afterEach(() => delete process.env[KEY]);

  it('falls back to the default, reads a positive integer, refuses anything else', () => {
    expect(envInt(KEY, 7)).toBe(7);
    process.env[KEY] = '250';
    expect(envInt(KEY, 7)).toBe(250);
    process.env[KEY] = '1.5';
    expect(() => envInt(KEY, 7)).toThrow(KEY);
    process.env[KEY] = '0';
    expect(() => envInt(KEY, 7)).toThrow(KEY);
  });

  it('reads a list of levels', () => {
    expect(envInts(KEY, [1, 16, 64])).toEqual([1, 16, 64]);
    process.env[KEY] = '2, 8';
    expect(envInts(KEY, [1])).toEqual([2, 8]);
    process.env[KEY] = '2,x';
    expect(() => envInts(KEY, [1])).toThrow(KEY);
  });
});
