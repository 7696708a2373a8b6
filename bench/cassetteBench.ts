// The cassette section of `npm run bench`: `fixture-lens validate` (the CLI's code path) over the real cassettes
// sample and over a generated 45 MB streamed vcrpy cassette, against the floor of reading the same files,
// gunzipping what is gzipped and parsing them with the fastest parsers there are (js-yaml's load for YAML,
// JSON.parse for JSON), side by side, interleaved and repeated like every other section.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DEFAULT_SCHEMA, load as yamlLoad, Type } from 'js-yaml';
import { analyzeFixture } from '../src/core';
import { validateCommand } from '../src/cli/validateCommand';
import { interleaved, median, ratio, ratioRange, repsFor, timeOp, warmUntilStable, warmUp, type Op } from './measure';

export interface CassetteFigure {
  readonly label: string;
  readonly files: number;
  readonly bytes: number;
  readonly medians: Record<string, number>;
  readonly ratio: { readonly median: number; readonly min: number; readonly max: number };
  /** What validate said (its summary line) and whether the generated answer reassembled exactly. */
  readonly output: string;
  readonly reassemblyMatches: boolean | undefined;
}

export interface CassetteResult {
  readonly kind: 'cassette';
  readonly sample: CassetteFigure | undefined;
  readonly big: CassetteFigure;
}

const MB = 1024 * 1024;

/** Every file of the sample, recursively, as `validate` would find them. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (/\.(json|ya?ml|ya?ml\.gz|har|httprr|httprr\.gz)$/.test(name)) out.push(p);
  }
  return out;
}

// What PyYAML and Psych read and js-yaml's default schema does not: Ruby's one-`!` binary tag and Python's object tags
// on header names (read as their plain value, as Fixture Lens does).
const CASSETTE_SCHEMA = DEFAULT_SCHEMA.extend([
  new Type('!binary', { kind: 'scalar', construct: (data: unknown) => data }),
  ...(['scalar', 'sequence', 'mapping'] as const).map((kind) => new Type('tag:yaml.org,2002:python/', { kind, multi: true, construct: (data: unknown) => data })),
]);

/** The floor for one file: read, gunzip when gzipped, parse with the fastest parser for what it is. */
function readAndParse(path: string): unknown {
  let bytes: Buffer = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const text = bytes.toString('utf8');
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return JSON.parse(text);
  // httprr traces are no YAML and need no parser: reading them is their floor.
  if (text.startsWith('httprr trace v1')) return text.length;
  return yamlLoad(text, { schema: CASSETTE_SCHEMA });
}

interface Generated {
  readonly path: string;
  readonly expected: string;
}

/**
 * A vcrpy cassette the way PyYAML writes one: an agent run of a few exchanges, each a chat completion stream
 * whose body is one single-quoted scalar of `data:` events (a blank line in it is one newline of the value).
 */
export function generateStreamedCassette(dir: string, targetBytes = 45 * MB): Generated {
  const exchanges = 4;
  const perExchange = Math.ceil(targetBytes / exchanges / 190);
  const parts: string[] = ['interactions:\n'];
  let expected = '';
  for (let e = 0; e < exchanges; e++) {
    const messages = [{ role: 'user', content: `Question ${e}` }];
    const body = JSON.stringify({ messages, model: 'gpt-4o', stream: true });
    parts.push(`- request:\n    body: '${body.replace(/'/g, "''")}'\n    headers:\n      authorization:\n      - '**REDACTED**'\n      content-type:\n      - application/json\n    method: POST\n    uri: https://api.openai.com/v1/chat/completions\n`);
    parts.push("  response:\n    body:\n      string: '");
    const lines: string[] = [];
    for (let i = 0; i < perExchange; i++) {
      const token = `w${e}x${i},`;
      if (e === exchanges - 1) expected += token;
      lines.push(`data: {"id":"chatcmpl-${e}","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"${token}"},"finish_reason":null}]}`);
    }
    lines.push(`data: {"id":"chatcmpl-${e}","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}`);
    lines.push('data: [DONE]');
    parts.push(lines.join('\n\n\n        '));
    parts.push("\n\n\n        '\n    headers:\n      Content-Type:\n      - text/event-stream; charset=utf-8\n    status:\n      code: 200\n      message: OK\n");
  }
  parts.push('version: 1\n');
  const path = join(dir, 'cassettes', 'streamed-45mb.yaml');
  writeFileSync(path, parts.join(''));
  return { path, expected };
}

async function figure(label: string, paths: readonly string[], target: string, log: (line: string) => void, expected?: string): Promise<CassetteFigure> {
  let output = '';
  const ops: Op[] = [
    { name: 'floor', run: () => { for (const p of paths) readAndParse(p); } },
    {
      name: 'cli',
      run: () => {
        output = '';
        validateCommand(paths, 'text', (s) => {
          output += s;
        });
      },
    },
  ];
  const bytes = paths.reduce((n, p) => n + statSync(p).size, 0);
  const big = bytes > 10 * MB;
  if (big) await warmUp(ops, 1);
  else for (const op of ops) await warmUntilStable(op);
  const reps: Record<string, number> = {};
  for (const op of ops) reps[op.name] = big ? 1 : repsFor(await timeOp(op, 1, false), 1000);
  const samples = await interleaved(ops, { rounds: big ? 5 : 7, reps, log, forceGc: big });
  const [min, max] = ratioRange(samples, 'cli', 'floor');
  let reassemblyMatches: boolean | undefined;
  if (expected !== undefined) {
    const a = analyzeFixture(readFileSync(paths[0] as string, 'utf8'));
    reassemblyMatches = a.exchanges[a.exchanges.length - 1]?.reassembly.choices[0]?.content === expected;
  }
  log(`  ${label}: validate says ${output.trim()} (target ${target})`);
  return {
    label,
    files: paths.length,
    bytes,
    medians: { cli: median(samples['cli'] ?? []), floor: median(samples['floor'] ?? []) },
    ratio: { median: ratio(samples, 'cli', 'floor'), min, max },
    // The summary line: the lines above it are the sample's own warnings.
    output: output.trim().split('\n').pop() ?? '',
    reassemblyMatches,
  };
}

export async function cassetteSection(sharedCassettes: string | undefined, generated: Generated, log: (line: string) => void): Promise<CassetteResult> {
  const sample = sharedCassettes ? await figure('cassettes sample', listFiles(sharedCassettes), '≤ 2.5×', log) : undefined;
  const big = await figure('generated 45 MB streamed vcrpy cassette', [generated.path], '≤ 2.5×', log, generated.expected);
  return { kind: 'cassette', sample, big };
}
