// The measurements, each run by bench.ts in a child process of its own (fresh heap, `--expose-gc`,
// a heap limit large enough for the peer at 200 MB). Each returns plain JSON for the parent.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { analyzeFixture, decodeFixtureBytes } from '../src/core';
import { validateCommand } from '../src/cli/validateCommand';
import { expandPaths } from '../src/cli/walk';
import { looksLikeFixtureText } from '../src/extension/fixtureHeuristics';
import { gc, interleaved, median, ratio, ratioRange, repsFor, timeOp, warmUntilStable, warmUp, type Op, type Samples } from './measure';
import { peerDocument, peerValidate } from './peer';

export interface GeneratedFile {
  readonly mb: number;
  readonly path: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly chunks: number;
  readonly reasoningChunks: number;
  readonly contentChunks: number;
  readonly toolChunks: number;
  /** sha256 of the expected reassembled content, reasoning and tool arguments (joined by NUL). */
  readonly expectedDigest: string;
}

export interface Manifest {
  readonly dir: string;
  readonly sizes: readonly GeneratedFile[];
  readonly corpusDir: string;
  readonly workspaceDir: string | undefined;
  readonly workspaceFiles: number;
  /** The generated streamed cassette (the cassette section), and ../shared/cassettes when it is there. */
  readonly cassette?: { readonly path: string; readonly expected: string } | undefined;
  readonly cassetteDir?: string | undefined;
}

export interface Check {
  readonly dialect: string;
  readonly chunkCount: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Whether the reassembled content, reasoning and tool arguments are exactly what was generated. */
  readonly reassemblyMatches: boolean | undefined;
}

export interface TimedResult {
  readonly samples: Samples;
  readonly reps: Record<string, number>;
  readonly medians: Record<string, number>;
  readonly ratios: Record<string, { median: number; min: number; max: number }>;
  readonly notes: string[];
}

export interface SizeResult extends TimedResult {
  readonly kind: 'size';
  readonly file: GeneratedFile;
  readonly check: Check;
  readonly peerDiagnostics: number | undefined;
  /** The smaller file also run in the same rounds (coreRef, floorRef), for the linearity figure. */
  readonly refMb: number | undefined;
}

export interface CorpusResult extends TimedResult {
  readonly kind: 'corpus';
  readonly files: number;
  readonly bytes: number;
  readonly check: { errors: number; warnings: number; infos: number; filesWithErrors: string[] };
}

export interface CliResult extends TimedResult {
  readonly kind: 'cli';
  readonly file: GeneratedFile;
  readonly exitCode: number;
  readonly output: string;
}

export interface WorkspaceResult extends TimedResult {
  readonly kind: 'workspace';
  readonly files: number;
  readonly bytes: number;
  readonly check: { analyzed: number; skipped: number; errors: number; warnings: number; infos: number; hashMismatches: number; distinctRequests: number };
}

export interface MemoryResult {
  readonly kind: 'memory';
  readonly op: 'core' | 'floor' | 'peer';
  readonly file: GeneratedFile;
  readonly textLength: number;
  /** Peak resident set size during the operation, above the resident size just before it. */
  readonly peakRssDelta: number;
  /** heapUsed right after the operation (garbage not yet collected), above the baseline. */
  readonly heapUsedDeltaBeforeGc: number;
  /** heapUsed with the result still held, after a full GC, above the baseline: what the result keeps. */
  readonly heapUsedDeltaRetained: number;
  readonly externalDelta: number;
  readonly totalHeapSizeDelta: number;
  readonly ms: number;
}

export type SectionResult = SizeResult | CorpusResult | CliResult | WorkspaceResult | MemoryResult;

type Log = (line: string) => void;

function check(text: string, fileName: string, expectedDigest?: string): Check {
  const a = analyzeFixture(text, { fileName });
  let reassemblyMatches: boolean | undefined;
  if (expectedDigest !== undefined) {
    const c = a.reassembly.choices[0];
    reassemblyMatches = c !== undefined && digest(c.content, c.reasoning, ...c.toolCalls.map((t) => t.arguments)) === expectedDigest;
  }
  return {
    dialect: a.dialect,
    chunkCount: a.reassembly.chunkCount,
    errors: a.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: a.diagnostics.filter((d) => d.severity === 'warning').length,
    infos: a.diagnostics.filter((d) => d.severity === 'info').length,
    reassemblyMatches,
  };
}

export function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

function summarize(samples: Samples, reps: Record<string, number>, pairs: [string, string][], notes: string[]): TimedResult {
  const medians: Record<string, number> = {};
  for (const [name, xs] of Object.entries(samples)) medians[name] = median(xs);
  const ratios: TimedResult['ratios'] = {};
  for (const [a, b] of pairs) {
    const [min, max] = ratioRange(samples, a, b);
    ratios[`${a}/${b}`] = { median: ratio(samples, a, b), min, max };
  }
  return { samples, reps, medians, ratios, notes };
}

/** Repetitions per sample, from one timed execution of each op at the measured size. */
async function calibrate(ops: readonly Op[], skip: ReadonlySet<string> = new Set(), targetMs = 250): Promise<Record<string, number>> {
  const reps: Record<string, number> = {};
  for (const op of ops) reps[op.name] = skip.has(op.name) ? 1 : repsFor(await timeOp(op, 1, false), targetMs);
  return reps;
}

/**
 * floor = JSON.parse, core = analyzeFixture, peer = vscode-json-languageservice parse + validate.
 * The core and the floor also run on a smaller file in the same rounds (coreRef, floorRef: the 1 MB
 * file at 10 MB, the 10 MB file at 45 and 200 MB): time per MB at this size over time per MB at the
 * smaller one, measured side by side, is the linearity figure, which load on a shared machine then
 * cannot skew.
 */
export async function sizeSection(m: Manifest, mb: number, log: Log): Promise<SizeResult> {
  const file = m.sizes.find((s) => s.mb === mb);
  const small = m.sizes[0];
  const refMb = mb === 10 ? 1 : mb > 10 ? 10 : undefined;
  const ref = m.sizes.find((s) => s.mb === refMb);
  if (!file || !small) throw new Error(`no generated ${mb} MB file`);
  const text = readFileSync(file.path, 'utf8');
  const warmText = readFileSync(small.path, 'utf8');
  const refText = ref && ref !== file ? readFileSync(ref.path, 'utf8') : undefined;
  const notes: string[] = [];
  const opsFor = (t: string, name: string): Op[] => [
    { name: 'floor', run: () => JSON.parse(t) },
    { name: 'core', run: () => analyzeFixture(t, { fileName: name }) },
    { name: 'peer', run: () => peerValidate(t) },
  ];
  log(`  warm-up on the ${small.mb} MB file`);
  await warmUp(opsFor(warmText, small.fileName), 5);
  const ops = opsFor(text, file.fileName);
  if (ref && refText !== undefined) {
    ops.push({ name: 'coreRef', run: () => analyzeFixture(refText, { fileName: ref.fileName }) });
    ops.push({ name: 'floorRef', run: () => JSON.parse(refText) });
  }
  // Small inputs: each op is run at this size until its time settles (see warmUntilStable).
  if (mb <= 10) {
    const runs: string[] = [];
    for (const op of ops) runs.push(`${op.name} ${await warmUntilStable(op)}`);
    log(`  warm-up runs at ${mb} MB: ${runs.join(', ')}`);
  }
  // The check is also the core's first run at this size, timed to choose its repetitions.
  gc();
  const checkStart = performance.now();
  const result = check(text, file.fileName, file.expectedDigest);
  const coreOnce = performance.now() - checkStart;
  log(`  check: ${JSON.stringify(result)} (${coreOnce.toFixed(0)} ms)`);
  // The peer at the largest size takes long: it is not run for warm-up there (the JIT is warm from the small file).
  const big = mb >= 100;
  // Small inputs: no forced GC, and longer samples instead (see measure.ts).
  const forceGc = mb >= 10;
  const sampleMs = forceGc ? 250 : 1000;
  const reps = await calibrate(ops.filter((o) => o.name !== 'core'), big ? new Set(['peer']) : new Set(), sampleMs);
  reps['core'] = repsFor(coreOnce, sampleMs);
  const peerDiagnostics = big ? undefined : await peerValidate(text);
  const rounds = mb <= 10 ? 7 : mb <= 50 ? 5 : 3;
  const peerLimit = big ? 30_000 : 60_000;
  log(`  ${rounds} rounds, reps ${JSON.stringify(reps)}`);
  const samples = await interleaved(ops, { rounds, reps, onceOverMs: { peer: peerLimit }, log, forceGc });
  const peerRuns = (samples['peer'] ?? []).filter((x) => x !== undefined).length;
  if (peerRuns < rounds) notes.push(`peer took over ${peerLimit / 1000} s at ${mb} MB, so it was measured in ${peerRuns} round(s) only, not repeated (${rounds} rounds for the others)`);
  const pairs: [string, string][] = [['core', 'floor'], ['peer', 'core'], ['peer', 'floor']];
  if (refText !== undefined) pairs.push(['core', 'coreRef'], ['floor', 'floorRef']);
  const summary = summarize(samples, reps, pairs, notes);
  // Per MB: the ratio of times scaled by the ratio of sizes.
  if (ref && refText !== undefined) {
    const scale = ref.bytes / file.bytes;
    for (const [a, b] of [['core', 'coreRef'], ['floor', 'floorRef']] as const) {
      const r = summary.ratios[`${a}/${b}`];
      if (r) summary.ratios[`${a}PerMb/${b}PerMb`] = { median: r.median * scale, min: r.min * scale, max: r.max * scale };
    }
  }
  return { kind: 'size', file, check: result, peerDiagnostics, refMb: ref ? refMb : undefined, ...summary };
}

/** The 87 corpus files, each analyzed on its own: the sum over files, against JSON.parse and the peer. */
export async function corpusSection(m: Manifest, log: Log): Promise<CorpusResult> {
  const names = readdirSync(m.corpusDir).filter((n) => n.endsWith('.json')).sort();
  const files = names.map((name) => ({ name, text: decodeFixtureBytes(readFileSync(join(m.corpusDir, name))).text }));
  const bytes = names.reduce((n, name) => n + readFileSync(join(m.corpusDir, name)).length, 0);
  const ops: Op[] = [
    { name: 'floor', run: () => { for (const f of files) JSON.parse(f.text); } },
    { name: 'core', run: () => { for (const f of files) analyzeFixture(f.text, { fileName: f.name }); } },
    { name: 'peer', run: async () => { for (const f of files) await peerValidate(f.text, `file:///corpus/${f.name}`); } },
  ];
  const c = { errors: 0, warnings: 0, infos: 0, filesWithErrors: [] as string[] };
  for (const f of files) {
    const r = check(f.text, f.name);
    c.errors += r.errors;
    c.warnings += r.warnings;
    c.infos += r.infos;
    if (r.errors > 0) c.filesWithErrors.push(f.name);
  }
  log(`  ${files.length} files, ${bytes} bytes; diagnostics ${JSON.stringify(c)}`);
  const runs: string[] = [];
  for (const op of ops) runs.push(`${op.name} ${await warmUntilStable(op)}`);
  log(`  warm-up runs: ${runs.join(', ')}`);
  // Small inputs: no forced GC, and longer samples instead (see measure.ts).
  const reps = await calibrate(ops, new Set(), 1000);
  log(`  7 rounds, reps ${JSON.stringify(reps)}`);
  const samples = await interleaved(ops, { rounds: 7, reps, log, forceGc: false });
  return { kind: 'corpus', files: files.length, bytes, check: c, ...summarize(samples, reps, [['core', 'floor'], ['peer', 'core'], ['peer', 'floor']], []) };
}

/**
 * `fixture-lens validate FILE` through the CLI's own code (validateCommand: walk, read, decode,
 * analyze, line/column conversion, report), against reading the file and JSON.parse-ing it, and
 * against bare JSON.parse of text already in memory.
 */
export async function cliSection(m: Manifest, log: Log): Promise<CliResult> {
  const file = m.sizes.find((s) => s.mb === 45);
  if (!file) throw new Error('no generated 45 MB file');
  const text = readFileSync(file.path, 'utf8');
  let output = '';
  let exitCode = -1;
  const ops: Op[] = [
    { name: 'readParse', run: () => JSON.parse(readFileSync(file.path, 'utf8')) },
    {
      name: 'cli',
      run: () => {
        output = '';
        exitCode = validateCommand([file.path], 'text', (s) => {
          output += s;
        });
      },
    },
    { name: 'parse', run: () => JSON.parse(text) },
  ];
  const small = m.sizes[0];
  if (small) {
    await warmUp([{ name: 'cli', run: () => validateCommand([small.path], 'text', () => undefined) }], 5);
  }
  await warmUp(ops, 1);
  log(`  cli output: ${output.trim()} (exit ${exitCode})`);
  const samples = await interleaved(ops, { rounds: 5, log });
  return { kind: 'cli', file, exitCode, output: output.trim(), ...summarize(samples, {}, [['cli', 'readParse'], ['cli', 'parse']], []) };
}

/**
 * "Validate All Fixtures" over the generated workspace: per file, what the core does (read the bytes,
 * decode, the extension's looksLikeFixtureText pre-check, analyzeFixture), against reading each file
 * and JSON.parse-ing it. The file list is made once, outside the timing, for both.
 */
export async function workspaceSection(m: Manifest, log: Log): Promise<WorkspaceResult> {
  if (!m.workspaceDir) throw new Error('no generated workspace');
  const paths = expandPaths([m.workspaceDir]).files.map((f) => f.path);
  const bytes = paths.reduce((n, p) => n + readFileSync(p).length, 0);
  const c = { analyzed: 0, skipped: 0, errors: 0, warnings: 0, infos: 0, hashMismatches: 0, distinctRequests: 0 };
  const requests = new Set<string>();
  const core = (tally?: typeof c): void => {
    for (const p of paths) {
      const decoded = decodeFixtureBytes(readFileSync(p));
      if (!looksLikeFixtureText(decoded.text)) {
        if (tally) tally.skipped++;
        continue;
      }
      const a = analyzeFixture(decoded.text, { fileName: basename(p), prior: decoded.diagnostics });
      if (tally) {
        tally.analyzed++;
        for (const d of a.diagnostics) {
          tally[d.severity === 'error' ? 'errors' : d.severity === 'warning' ? 'warnings' : 'infos']++;
          if (d.code === 'request-hash-mismatch') tally.hashMismatches++;
        }
        requests.add(JSON.stringify(a.request));
      }
    }
  };
  core(c);
  c.distinctRequests = requests.size;
  log(`  ${paths.length} files, ${bytes} bytes; ${JSON.stringify(c)}`);
  const ops: Op[] = [
    { name: 'readParse', run: () => { for (const p of paths) JSON.parse(readFileSync(p, 'utf8')); } },
    { name: 'core', run: () => core() },
  ];
  await warmUp(ops, 1);
  // Thousands of small files: no forced GC (see measure.ts); each sample is a whole pass.
  const samples = await interleaved(ops, { rounds: 7, log, forceGc: false });
  return { kind: 'workspace', files: paths.length, bytes, check: c, ...summarize(samples, {}, [['core', 'readParse']], []) };
}

/**
 * Memory of one operation on the 45 MB text, alone in a fresh process: the text is read and the heap
 * settled first, then the operation runs once with its result held.
 */
export async function memorySection(m: Manifest, op: 'core' | 'floor' | 'peer', log: Log): Promise<MemoryResult> {
  const file = m.sizes.find((s) => s.mb === 45);
  if (!file) throw new Error('no generated 45 MB file');
  const text = decodeFixtureBytes(readFileSync(file.path)).text;
  const sampler = await startRssSampler();
  gc();
  const before = process.memoryUsage();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = getHeapStatistics();
  sampler.reset();
  const start = performance.now();
  let held: unknown;
  if (op === 'core') held = analyzeFixture(text, { fileName: file.fileName });
  else if (op === 'floor') held = JSON.parse(text);
  else held = await peerDocument(text);
  const ms = performance.now() - start;
  const sampledPeak = sampler.peak();
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  const after = process.memoryUsage();
  const heapAfter = getHeapStatistics();
  gc();
  const retained = process.memoryUsage();
  await sampler.stop();
  // The kernel's high-water mark is exact when the operation raised it; else the sampled peak is used.
  const peakRss = Math.max(sampledPeak, maxRssAfter > maxRssBefore ? maxRssAfter : 0, after.rss);
  log(`  ${op}: ${ms.toFixed(0)} ms, result ${typeof held}; rss ${before.rss} -> peak ${peakRss} (kernel max ${maxRssBefore} -> ${maxRssAfter}, sampled ${sampledPeak})`);
  return {
    kind: 'memory',
    op,
    file,
    textLength: text.length,
    peakRssDelta: peakRss - before.rss,
    heapUsedDeltaBeforeGc: after.heapUsed - before.heapUsed,
    heapUsedDeltaRetained: retained.heapUsed - before.heapUsed,
    externalDelta: after.external - before.external,
    totalHeapSizeDelta: heapAfter.total_heap_size - heapBefore.total_heap_size,
    ms,
  };
}

/** Polls the process's resident size from a worker thread, which keeps running while the main thread is busy. */
async function startRssSampler(): Promise<{ reset(): void; peak(): number; stop(): Promise<void> }> {
  const shared = new Float64Array(new SharedArrayBuffer(16)); // [0] = peak rss, [1] = stop flag
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const a = new Float64Array(workerData);
     parentPort.postMessage('ready');
     const tick = () => { const r = process.memoryUsage.rss(); if (r > a[0]) a[0] = r; if (a[1] === 0) setTimeout(tick, 1); };
     tick();`,
    { eval: true, workerData: shared.buffer },
  );
  await new Promise<void>((resolve) => worker.once('message', () => resolve()));
  return {
    reset: () => {
      shared[0] = process.memoryUsage.rss();
    },
    peak: () => shared[0] as number,
    stop: async () => {
      shared[1] = 1;
      await worker.terminate();
    },
  };
}
