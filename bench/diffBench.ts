// `fixture-lens diff --git` over a generated 300-file re-record in a temporary git repository (half the files
// re-chunked with new ids: noise only; a third of the rest also re-asked with another system prompt, so
// renamed), against the floor: both sides of every changed file read from git by one `git cat-file --batch`
// and JSON.parse'd. Side by side in one process, interleaved, repeated (measure.ts). bench.ts runs it as the
// `diff` section; `node dist/bench/diffBench.js` runs it alone and prints its rows.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { diffCommand } from '../src/cli/diffCommand';
import { fmtMs, fmtX, interleaved, median, ratio, ratioRange, warmUp, type Op, type Samples } from './measure';

export const DIFF_FILES = 300;

export interface DiffBenchResult {
  readonly kind: 'diff';
  readonly files: number;
  /** Bytes of both sides of every changed file. */
  readonly bytes: number;
  readonly check: { readonly exitCode: number; readonly summary: Record<string, number>; readonly expected: Record<string, number>; readonly matches: boolean };
  readonly samples: Samples;
  readonly medians: Record<string, number>;
  readonly ratios: Record<string, { median: number; min: number; max: number }>;
  readonly notes: string[];
}

/** A row of bench.ts's table. */
export interface DiffRow {
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  readonly met: string;
}

type Log = (line: string) => void;

/** mulberry32: small, seeded, the same files every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'the planet rings saturn orbit moon ice rock gas giant sun light year distance mass gravity atmosphere storm wind cloud hydrogen helium core layer surface pressure temperature cold hot bright dark small large first second third system solar space telescope probe mission data image spectrum water carbon dust belt asteroid comet orbit period day night axis tilt season'.split(' ');

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)] as string);
  const s = out.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** Python's json.dump(indent=2) as the recorder writes it (ASCII only here, so JSON.stringify's layout is the same). */
const dump = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

const randomId = (rand: () => number, prefix: string, n: number): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = prefix;
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
};

function chunks(text: string, rand: () => number, usage: Record<string, number>): unknown[] {
  const id = randomId(rand, 'chatcmpl-', 29);
  const created = 1_757_000_000 + Math.floor(rand() * 1_000_000);
  const fingerprint = randomId(rand, 'fp_', 10);
  const item = (delta: Record<string, unknown>, finish: string | null, u: unknown, choices = true) => ({
    __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk',
    __data__: {
      id,
      choices: choices ? [{ delta: { content: null, function_call: null, refusal: null, role: null, tool_calls: null, ...delta }, finish_reason: finish, index: 0, logprobs: null }] : [],
      created,
      model: 'gpt-4o-2024-08-06',
      object: 'chat.completion.chunk',
      service_tier: 'default',
      system_fingerprint: fingerprint,
      usage: u,
      obfuscation: randomId(rand, '', 4 + Math.floor(rand() * 8)),
    },
  });
  const out: unknown[] = [item({ content: '', role: 'assistant' }, null, null)];
  // Cut the text at random word boundaries, one to three words a chunk, as the provider does.
  const parts = text.split(/(?= )/);
  for (let i = 0; i < parts.length; ) {
    const n = 1 + Math.floor(rand() * 3);
    out.push(item({ content: parts.slice(i, i + n).join('') }, null, null));
    i += n;
  }
  out.push(item({}, 'stop', null));
  out.push(item({}, null, { completion_tokens: usage['completion'], prompt_tokens: usage['prompt'], total_tokens: (usage['completion'] ?? 0) + (usage['prompt'] ?? 0) }, false));
  return out;
}

function recording(testId: string, system: string, question: string, answer: string, rand: () => number): { name: string; text: string } {
  const body = { model: 'gpt-4o', messages: [{ role: 'system', content: system }, { role: 'user', content: question }], stream: true, stream_options: { include_usage: true } };
  const request = { method: 'POST', url: 'https://api.openai.com/v1/v1/chat/completions', headers: {}, body, endpoint: '/v1/chat/completions', model: 'gpt-4o' };
  const hash = createHash('sha256').update(JSON.stringify({ body, endpoint: request.endpoint, method: request.method, test_id: testId })).digest('hex');
  const words = answer.split(' ').length;
  return { name: `${hash}.json`, text: dump({ test_id: testId, request, response: { body: chunks(answer, rand, { prompt: 40, completion: words }), is_streaming: true } }) };
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@fixture-lens.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

interface Generated {
  readonly repo: string;
  /** `REV:path` of both sides of every changed file, for the floor. */
  readonly blobs: string[];
  readonly bytes: number;
  readonly expected: Record<string, number>;
}

/**
 * The repository: commit 1 holds 300 recordings; commit 2 is the re-record. Files 0-149 are re-chunked with
 * new ids, created, fingerprints and obfuscation (noise only); 150-249 get a changed answer (a word swapped, a
 * sentence added); 250-299 also a new system prompt, so the recorder writes them under a new name.
 */
export function generateRerecord(dir: string, files = DIFF_FILES): Generated {
  const repo = join(dir, 'suite');
  const recordings = 'tests/integration/recordings';
  mkdirSync(join(repo, recordings), { recursive: true });
  git(repo, 'init', '-q');
  const rand = prng(20250301);
  const olds: { name: string; text: string }[] = [];
  const news: { name: string; text: string }[] = [];
  for (let i = 0; i < files; i++) {
    const testId = `tests/integration/inference/test_suite_${i % 25}.py::test_case_${i}[txt=openai/gpt-4o]`;
    const question = sentence(rand, 8 + Math.floor(rand() * 12)).replace(/\.$/, '?');
    const length = 20 + Math.floor(rand() * 200);
    const answer = Array.from({ length: Math.ceil(length / 12) }, () => sentence(rand, 12)).join(' ');
    const system = 'You are a helpful assistant. Answer in plain sentences.';
    const old = recording(testId, system, question, answer, rand);
    let young: { name: string; text: string };
    if (i < files / 2) young = recording(testId, system, question, answer, rand);
    else {
      const changed = `${answer.replace(/ saturn /, ' jupiter ')} ${sentence(rand, 10)}`;
      young = recording(testId, i >= (files * 5) / 6 ? 'You are a helpful assistant. Answer in short plain sentences.' : system, question, changed, rand);
    }
    olds.push(old);
    news.push(young);
    writeFileSync(join(repo, recordings, old.name), old.text);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'recordings');
  for (const o of olds) unlinkSync(join(repo, recordings, o.name));
  for (const n of news) writeFileSync(join(repo, recordings, n.name), n.text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 're-record');
  const blobs = [...olds.map((o) => `HEAD~1:${recordings}/${o.name}`), ...news.map((n) => `HEAD:${recordings}/${n.name}`)];
  const bytes = [...olds, ...news].reduce((k, f) => k + Buffer.byteLength(f.text), 0);
  const renamed = files - Math.ceil((files * 5) / 6);
  return { repo, blobs, bytes, expected: { pairs: files, modified: files - renamed, renamed, added: 0, removed: 0, noiseOnly: files / 2, answersChanged: files / 2, requestsChanged: renamed } };
}

/** The floor: one `git cat-file --batch` for both sides of every changed file, each blob JSON.parse'd. */
export function readAndParse(repo: string, blobs: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] });
    const parts: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => parts.push(b));
    child.on('error', reject);
    child.on('close', () => {
      const raw = Buffer.concat(parts);
      let at = 0;
      let parsed = 0;
      for (let i = 0; i < blobs.length; i++) {
        const eol = raw.indexOf(0x0a, at);
        const header = raw.subarray(at, eol).toString('latin1');
        const size = Number(header.slice(header.lastIndexOf(' ') + 1));
        at = eol + 1;
        JSON.parse(raw.subarray(at, at + size).toString('utf8'));
        parsed++;
        at += size + 1;
      }
      resolve(parsed);
    });
    child.stdin.end(`${blobs.join('\n')}\n`);
  });
}

export async function diffSection(log: Log, files = DIFF_FILES): Promise<DiffBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fl-diff-bench-'));
  try {
    const started = performance.now();
    const g = generateRerecord(dir, files);
    log(`  generated a ${files}-file re-record (${(g.bytes / (1 << 20)).toFixed(1)} MiB both sides) in ${fmtMs(performance.now() - started)}`);
    let output = '';
    const runDiff = async (): Promise<number> => {
      output = '';
      return diffCommand(['--git', 'HEAD~1', 'HEAD', '--format', 'json'], { write: (s) => (output += s), writeError: (s) => log(`  stderr: ${s.trim()}`), cwd: g.repo });
    };
    const exitCode = await runDiff();
    const summary = (JSON.parse(output) as { summary: Record<string, number> }).summary;
    const matches = Object.entries(g.expected).every(([k, v]) => summary[k] === v) && exitCode === 1;
    log(`  check: exit ${exitCode}, summary ${JSON.stringify(summary)}${matches ? '' : ` (expected ${JSON.stringify(g.expected)})`}`);
    const ops: Op[] = [
      { name: 'floor', run: () => readAndParse(g.repo, g.blobs) },
      { name: 'diff', run: runDiff },
    ];
    await warmUp(ops, 2);
    // Hundreds of small files and child processes: no forced GC (see measure.ts); each sample is one whole pass.
    const samples = await interleaved(ops, { rounds: 9, log, forceGc: false });
    const medians: Record<string, number> = { floor: median(samples['floor'] ?? []), diff: median(samples['diff'] ?? []) };
    const [min, max] = ratioRange(samples, 'diff', 'floor');
    return {
      kind: 'diff',
      files,
      bytes: g.bytes,
      check: { exitCode, summary, expected: g.expected, matches },
      samples,
      medians,
      ratios: { 'diff/floor': { median: ratio(samples, 'diff', 'floor'), min, max } },
      notes: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TARGET = '≤ 3×';

/** The section's rows for bench.ts's table: the ratio against the floor (judged), the two times and the check (shown). */
export function diffRows(result: DiffBenchResult | { readonly failed: string } | undefined): DiffRow[] {
  const figure = `\`diff --git\` of a ${DIFF_FILES}-file re-record (half noise only) ÷ (one \`git cat-file --batch\` of both sides + JSON.parse)`;
  if (!result) return [{ figure, measured: 'not measured in this run: the diff section was not selected', target: TARGET, met: '—' }];
  if ('failed' in result) return [{ figure, measured: `not measured in this run: the child process failed (${result.failed})`, target: TARGET, met: '**NO**' }];
  const x = result.ratios['diff/floor'];
  const range = x ? ` (${fmtX(x.min)}–${fmtX(x.max)})` : '';
  const ok = x !== undefined && result.check.matches && x.median <= 3;
  return [
    {
      figure: `\`diff --git HEAD~1 HEAD\` (the CLI's code path: git diff, cat-file, analyze, pair, diff, JSON report) of a ${result.files}-file re-record, ${(result.bytes / (1 << 20)).toFixed(1)} MiB both sides ÷ (one \`git cat-file --batch\` of both sides + JSON.parse)`,
      measured: `${fmtX(x?.median ?? Number.NaN)}${range} (${fmtMs(result.medians['diff'] ?? Number.NaN)} vs ${fmtMs(result.medians['floor'] ?? Number.NaN)})`,
      target: TARGET,
      met: ok ? 'yes' : '**NO**',
    },
    {
      figure: '`diff --git` result check: pairs, renamed, noise only, answers and requests changed as generated; exit 1',
      measured: result.check.matches ? `yes: ${JSON.stringify(result.check.summary)}` : `no: ${JSON.stringify(result.check.summary)}, expected ${JSON.stringify(result.check.expected)}`,
      target: 'as generated',
      met: result.check.matches ? 'yes' : '**NO**',
    },
  ];
}

// Run alone (`node dist/bench/diffBench.js [--files=N]`): not when bench.js has this module bundled in.
if (basename(process.argv[1] ?? '') === 'diffBench.js') {
  const files = Number(process.argv.find((a) => a.startsWith('--files='))?.slice('--files='.length) ?? DIFF_FILES);
  diffSection((line) => console.log(line), files).then(
    (r) => {
      for (const row of diffRows(r)) console.log(`| ${row.figure} | ${row.measured} | ${row.target} | ${row.met} |`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
