// Timing helpers. The machine is shared and noisy, so nothing is reported as an absolute time alone:
// operations are run side by side in one process, interleaved (the order alternates every round),
// repeated, after warm-up; figures are medians, and ratios are medians of per-round ratios.
//
// Forced GC: on large inputs (one execution per sample, hundreds of ms or more) a full GC before each
// sample keeps one sample's garbage from being collected inside the next. On small inputs it is not
// used: a full GC frees the hidden classes (maps) that JSON.parse made for the previous texts, so the
// next run's optimized code deoptimizes on the new ones and is optimized again, which made the core's
// corpus pass 3-4 times slower than in steady state (and the peer's too). There, samples are long
// (many executions) instead, so the collections that happen on their own are spread evenly.

export interface Op {
  readonly name: string;
  /** One execution; may return a promise (the language service's validation is async). */
  readonly run: () => unknown;
}

export interface RoundOptions {
  readonly rounds: number;
  /** Executions per sample (a sample's time is divided by it); default 1. */
  readonly reps?: Readonly<Record<string, number>>;
  /** Per op name: if its first sample takes longer than this many ms, it is not repeated in later rounds. */
  readonly onceOverMs?: Readonly<Record<string, number>>;
  readonly log?: (line: string) => void;
  /** Full GC before each sample (default true; see above). */
  readonly forceGc?: boolean;
}

/** Per op, the time of one execution in each round it ran (ms); `undefined` where it was skipped. */
export type Samples = Record<string, (number | undefined)[]>;

/** FIXTURE_LENS_BENCH_GC=0 turns the forced collections off (to see what they change). */
const forcedGc = process.env['FIXTURE_LENS_BENCH_GC'] !== '0';

export function gc(): void {
  const g = forcedGc ? (globalThis as { gc?: () => void }).gc : undefined;
  if (g) {
    g();
    g();
  }
}

export function median(xs: readonly (number | undefined)[]): number {
  const v = xs.filter((x): x is number => x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/** Median over rounds of a[r] / b[r], using only rounds where both ran. */
export function ratio(samples: Samples, a: string, b: string): number {
  const xs = samples[a] ?? [];
  const ys = samples[b] ?? [];
  const rs: number[] = [];
  for (let r = 0; r < Math.min(xs.length, ys.length); r++) {
    const x = xs[r];
    const y = ys[r];
    if (x !== undefined && y !== undefined && y > 0) rs.push(x / y);
  }
  return median(rs);
}

/** Spread of the per-round ratios (min..max), to show how noisy a ratio was. */
export function ratioRange(samples: Samples, a: string, b: string): [number, number] {
  const xs = samples[a] ?? [];
  const ys = samples[b] ?? [];
  const rs: number[] = [];
  for (let r = 0; r < Math.min(xs.length, ys.length); r++) {
    const x = xs[r];
    const y = ys[r];
    if (x !== undefined && y !== undefined && y > 0) rs.push(x / y);
  }
  return rs.length ? [Math.min(...rs), Math.max(...rs)] : [Number.NaN, Number.NaN];
}

/** Time of `reps` executions, in ms per execution. */
export async function timeOp(op: Op, reps = 1, forceGc = true): Promise<number> {
  if (forceGc) gc();
  const start = performance.now();
  for (let i = 0; i < reps; i++) {
    const r = op.run();
    if (r && typeof (r as PromiseLike<unknown>).then === 'function') await r;
  }
  return (performance.now() - start) / reps;
}

/** Runs `times` executions of each op (no timing kept): lets the JIT settle before measuring. */
export async function warmUp(ops: readonly Op[], times: number): Promise<void> {
  for (let i = 0; i < times; i++) for (const op of ops) await timeOp(op, 1, false);
}

/**
 * Runs an op until its time settles: at least `minRuns`, then until the best of the last three is no
 * better than 95% of the best before them (the JIT has finished optimizing), within `budgetMs`. On a
 * loaded machine V8's background compiler is starved and optimized code arrives late, so a fixed
 * number of warm-up runs can leave small inputs measured half-interpreted.
 */
export async function warmUntilStable(op: Op, minRuns = 5, budgetMs = 8000, maxRuns = 60): Promise<number> {
  const times: number[] = [];
  const start = performance.now();
  for (;;) {
    times.push(await timeOp(op, 1, false));
    if (times.length >= maxRuns || performance.now() - start > budgetMs) break;
    if (times.length < Math.max(minRuns, 4)) continue;
    const last = Math.min(...times.slice(-3));
    const before = Math.min(...times.slice(0, -3));
    if (last >= before * 0.95) break;
  }
  return times.length;
}

/** How many executions make a sample last about `targetMs`, from one timed execution. */
export function repsFor(msPerRun: number, targetMs = 250, max = 200): number {
  return Math.max(1, Math.min(max, Math.ceil(targetMs / Math.max(msPerRun, 0.01))));
}

export async function interleaved(ops: readonly Op[], options: RoundOptions): Promise<Samples> {
  const samples: Samples = {};
  for (const op of ops) samples[op.name] = [];
  const dropped = new Set<string>();
  for (let r = 0; r < options.rounds; r++) {
    const order = r % 2 === 0 ? ops : [...ops].reverse();
    const parts: string[] = [];
    for (const op of order) {
      const list = samples[op.name] as (number | undefined)[];
      if (dropped.has(op.name)) {
        list[r] = undefined;
        continue;
      }
      const t = await timeOp(op, options.reps?.[op.name] ?? 1, options.forceGc ?? true);
      list[r] = t;
      parts.push(`${op.name} ${fmtMs(t)}`);
      const limit = options.onceOverMs?.[op.name];
      if (r === 0 && limit !== undefined && t > limit) dropped.add(op.name);
    }
    options.log?.(`  round ${r + 1}/${options.rounds}: ${parts.join(', ')}`);
  }
  return samples;
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtX(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

export function fmtBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(2)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}
