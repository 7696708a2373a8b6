// Generated fixtures for the benchmark, made from a real recording: the seed's request and its
// ChatCompletionChunk items, replicated with varied content, plus reasoning and tool-call chunks and
// the usage-only last chunk, written the way the recorder writes them (Python's json.dump with
// indent=2 and ensure_ascii: JSON.stringify(obj, null, 2) with non-ASCII escaped as \uXXXX).
// Deterministic: the same seed file and size always give the same bytes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkFileNameHash, rawJsonValue, recomputeRequestHashes, recordedFileName } from '../src/core/ogx/requestHash';

/** The benchmark's MB is 2^20 bytes (MiB): 45 MB then holds 55,000 chunks of about 858 bytes, the seed's chunk size with a few words of text each. */
export const MB = 1 << 20;
export const CHUNKS_PER_45MB = 55_000;

export interface GeneratedFixture {
  readonly text: string;
  /** The recorder's file name: the full sha256 of the request, so the core's hash check runs and passes. */
  readonly fileName: string;
  readonly chunks: number;
  readonly reasoningChunks: number;
  readonly contentChunks: number;
  readonly toolChunks: number;
  /** What a correct reassembly must give, to check the core really did the work. */
  readonly expected: { readonly content: string; readonly reasoning: string; readonly toolArguments: readonly string[] };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Small, fast, seeded PRNG (mulberry32). */
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

/** Python's json.dump(ensure_ascii=True) escapes every non-ASCII code unit. */
export function pythonAscii(s: string): string {
  return s.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The recorder's layout of one value nested `depth` levels down in an indent=2 document. */
function dumpAt(value: Json, depth: number): string {
  const s = JSON.stringify(value, null, 2);
  return pythonAscii(depth === 0 ? s : s.replace(/\n/g, `\n${'  '.repeat(depth)}`));
}

export interface SeedMaterial {
  readonly request: JsonObject;
  readonly chunk: JsonObject;
  /** Text fragments seen in real streams (content and reasoning deltas), the vocabulary of the generated text. */
  readonly tokens: readonly string[];
}

function deltaTexts(body: unknown, out: string[]): void {
  if (!Array.isArray(body)) return;
  for (const item of body) {
    const data = (item as { __data__?: { choices?: unknown } } | null)?.__data__;
    if (!data || !Array.isArray(data.choices)) continue;
    for (const c of data.choices as { delta?: Record<string, unknown> }[]) {
      for (const key of ['content', 'reasoning_content', 'reasoning']) {
        const v = c.delta?.[key];
        if (typeof v === 'string' && v !== '') out.push(v);
      }
    }
  }
}

/** Reads the seed recording and the corpus's streamed texts. */
export function loadSeedMaterial(seedFile: string, corpusDir: string | undefined): SeedMaterial {
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as { request: JsonObject; response: { body: JsonObject[] } };
  const tokens: string[] = [];
  deltaTexts(seed.response.body, tokens);
  if (corpusDir) {
    for (const f of readdirSync(corpusDir).filter((n) => n.endsWith('.json')).sort()) {
      try {
        deltaTexts((JSON.parse(readFileSync(join(corpusDir, f), 'utf8')) as { response?: { body?: unknown } }).response?.body, tokens);
      } catch {
        // A corpus file that is not JSON simply gives no tokens.
      }
    }
  }
  // A few non-ASCII tokens, as real answers have (written escaped, as Python does).
  tokens.push(' café', ' naïve', ' —', ' 10 °C', ' “quoted”', ' 東京', ' 🙂', '\n\n', '\n- ', ' "x"', ' C:\\path');
  const chunk = seed.response.body.find((c) => typeof (c['__data__'] as JsonObject | undefined)?.['choices'] === 'object') ?? seed.response.body[0];
  if (!chunk) throw new Error(`${seedFile}: no chunk to replicate`);
  return { request: seed.request, chunk, tokens };
}

const OBFUSCATION = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A streamed chat fixture of about `targetBytes`, with `chunks` items (default: 55,000 per 45 MB).
 * About 40% of the chunks stream reasoning, 50% content, 9% the arguments of three tool calls;
 * the first chunk sets the role, the last two carry the finish reason and the usage.
 */
export function generateStreamFixture(material: SeedMaterial, targetBytes: number, chunks = Math.max(20, Math.round((CHUNKS_PER_45MB * targetBytes) / (45 * MB)))): GeneratedFixture {
  // The mean text length per chunk is calibrated on up to 5,000 chunks so the whole file lands on the
  // target size: the size is close to linear in it, so a few secant steps suffice.
  const sample = Math.min(chunks, 5000);
  const want = (targetBytes * sample) / chunks;
  const sizeAt = (mean: number): number => build(material, sample, mean, targetBytes).text.length;
  let [m0, s0] = [8, sizeAt(8)];
  let [m1, s1] = [40, sizeAt(40)];
  for (let step = 0; step < 3 && s1 !== s0 && Math.abs(s1 - want) > want * 0.001; step++) {
    const m2 = Math.max(1, m1 + ((want - s1) * (m1 - m0)) / (s1 - s0));
    [m0, s0] = [m1, s1];
    [m1, s1] = [m2, sizeAt(m2)];
  }
  return build(material, chunks, m1, targetBytes);
}

function build(material: SeedMaterial, chunks: number, meanText: number, targetBytes: number): GeneratedFixture {
  const random = prng(0x5eed ^ chunks);
  const tokens = material.tokens;
  const mb = Math.round(targetBytes / MB);
  const testId = `tests/integration/inference/test_openai_completion.py::test_openai_chat_completion_streaming_long[txt=openai/gpt-4o-bench-${mb}mb]`;
  const requestBody = structuredClone(material.request['body']) as JsonObject;
  requestBody['stream_options'] = { include_usage: true };
  requestBody['tools'] = [
    {
      type: 'function',
      function: {
        type: 'function',
        name: 'get_weather',
        description: 'Get weather information for a specified location',
        parameters: { type: 'object', properties: { location: { type: 'string', description: "The city name (e.g., 'New York', 'London')" }, notes: { type: 'string' } } },
      },
    },
  ];
  const request: JsonObject = { ...material.request, body: requestBody };
  const requestText = dumpAt(request, 1);
  const hashes = recomputeRequestHashes(requestText, testId);
  const hash = (hashes.find((h) => h.scheme === 'normalized-v2+test_id') ?? hashes[0])?.hash;
  if (!hash) throw new Error('the seed request has no hash recipe');
  const id = `rec-${hash.slice(0, 12)}`;

  const template = material.chunk['__data__'] as JsonObject;
  const text = (mean: number): string => {
    // Between a quarter and twice the mean, made of real tokens.
    const want = Math.max(1, Math.round(mean * (0.25 + 1.75 * random())));
    let s = '';
    while (s.length < want) s += tokens[Math.floor(random() * tokens.length)] as string;
    return s;
  };
  const obfuscation = (): string => {
    const n = 1 + Math.floor(random() * 15);
    let s = '';
    for (let i = 0; i < n; i++) s += OBFUSCATION[Math.floor(random() * OBFUSCATION.length)];
    return s;
  };
  const chunk = (delta: JsonObject, finish: string | null, usage: Json = null, withChoice = true): JsonObject => ({
    __type__: material.chunk['__type__'] as string,
    __data__: {
      id,
      choices: withChoice ? [{ delta: { content: null, function_call: null, refusal: null, role: null, tool_calls: null, ...delta }, finish_reason: finish, index: 0, logprobs: null }] : [],
      created: 0,
      model: template['model'] ?? 'gpt-4o-2024-08-06',
      object: 'chat.completion.chunk',
      service_tier: template['service_tier'] ?? 'default',
      system_fingerprint: template['system_fingerprint'] ?? null,
      usage,
      obfuscation: obfuscation(),
    },
  });

  const middle = Math.max(3, chunks - 3);
  const toolChunks = Math.max(3, Math.round(middle * 0.09));
  const reasoningChunks = Math.round(middle * 0.4);
  const contentChunks = middle - toolChunks - reasoningChunks;
  const parts: string[] = [];
  let content = '';
  let reasoning = '';
  const push = (item: JsonObject): void => {
    parts.push(dumpAt(item, 3));
  };
  push(chunk({ content: '', role: 'assistant' }, null));
  for (let i = 0; i < reasoningChunks; i++) {
    const t = text(meanText);
    reasoning += t;
    push(chunk({ reasoning_content: t }, null));
  }
  for (let i = 0; i < contentChunks; i++) {
    const t = text(meanText);
    content += t;
    push(chunk({ content: t }, null));
  }
  // Three tool calls; each one's arguments are JSON text cut at arbitrary points (inside strings and escapes too).
  const toolArguments: string[] = [];
  const calls = 3;
  let left = toolChunks;
  for (let k = 0; k < calls; k++) {
    const fragments = k === calls - 1 ? left - 1 : Math.floor(toolChunks / calls) - 1;
    left -= fragments + 1;
    let notes = '';
    while (notes.length < Math.max(1, fragments) * meanText) notes += tokens[Math.floor(random() * tokens.length)] as string;
    const args = JSON.stringify({ location: ['Paris, France', 'Tokyo', 'São Paulo'][k] as string, notes });
    toolArguments.push(args);
    push(chunk({ tool_calls: [{ index: k, id: `call_${hash.slice(12 + k * 8, 20 + k * 8)}`, function: { arguments: '', name: 'get_weather' }, type: 'function' }] }, null));
    let at = 0;
    for (let f = 0; f < fragments; f++) {
      const end = f === fragments - 1 ? args.length : Math.min(args.length, Math.round(((f + 1) * args.length) / fragments + (random() - 0.5) * 4));
      const piece = args.slice(at, Math.max(at, end));
      at = Math.max(at, end);
      push(chunk({ tool_calls: [{ index: k, id: null, function: { arguments: piece, name: null }, type: null }] }, null));
    }
  }
  push(chunk({}, 'tool_calls'));
  const completion = Math.round(chunks * 1.3);
  push(
    chunk({}, null, {
      completion_tokens: completion,
      prompt_tokens: 187,
      total_tokens: completion + 187,
      completion_tokens_details: { accepted_prediction_tokens: 0, audio_tokens: 0, reasoning_tokens: Math.round(reasoningChunks * 1.3), rejected_prediction_tokens: 0 },
      prompt_tokens_details: { audio_tokens: 0, cached_tokens: 0 },
    }, false),
  );

  const head = `{\n  "test_id": ${JSON.stringify(testId)},\n  "request": ${requestText},\n  "response": {\n    "body": [\n      `;
  const tail = `\n    ],\n    "is_streaming": true\n  },\n  "id_normalization_mapping": {}\n}`;
  const doc = head + parts.join(',\n      ') + tail;
  return {
    text: doc,
    fileName: `${hash}.json`,
    chunks: parts.length,
    reasoningChunks,
    contentChunks,
    toolChunks,
    expected: { content, reasoning, toolArguments },
  };
}

/**
 * A small variation of a real fixture for the workspace benchmark. The request gets a marker in its
 * first text (a message's content, a prompt), and the file is renamed to the request's new hash by
 * the same recipe its original name matched, so every copy is a distinct, correctly named recording
 * (nothing a cache keyed on the request could reuse). A file whose request has no text, or whose name
 * is not a matching hash, gets the marker in its response instead and keeps its name.
 */
export function varyFixtureFile(text: string, fileName: string, n: number): { text: string; fileName: string } {
  const marker = `[v${n}] `;
  const requestAt = text.indexOf('\n  "request": ');
  const responseAt = text.indexOf('\n  "response": ');
  const name = recordedFileName(fileName);
  if (requestAt !== -1 && responseAt > requestAt) {
    const insert = firstTextAt(text, requestAt, responseAt);
    if (insert !== -1) {
      try {
        const root = JSON.parse(text) as { test_id?: unknown };
        const testId = typeof root.test_id === 'string' ? root.test_id : root.test_id === null ? null : undefined;
        const before = rawJsonValue(text, ['request']);
        const check = before === undefined ? undefined : checkFileNameHash(name, before, testId);
        if (check?.status === 'match' && check.found && check.scheme) {
          const varied = `${text.slice(0, insert)}${marker}${text.slice(insert)}`;
          const after = rawJsonValue(varied, ['request']) as string;
          const hash = recomputeRequestHashes(after, testId).find((h) => h.scheme === check.scheme)?.hash;
          if (hash) return { text: varied, fileName: name.replace(check.found, hash.slice(0, check.found.length)) };
        }
      } catch {
        // Not JSON or no hash recipe: vary the response instead.
      }
    }
  }
  const insert = responseAt === -1 ? -1 : firstTextAt(text, responseAt, text.length);
  if (insert !== -1) return { text: `${text.slice(0, insert)}${marker}${text.slice(insert)}`, fileName: name };
  // No text anywhere: an extra newline at the end (recorders differ here too).
  return { text: n % 2 === 0 ? `${text}\n` : text, fileName: name };
}

/** Offset just inside the first text-like string value between `from` and `to`, or -1. */
function firstTextAt(text: string, from: number, to: number): number {
  let best = -1;
  for (const key of ['"content": "', '"text": "', '"prompt": "', '"input": "', '"query": "', '"response": "', '"reasoning": "']) {
    const at = text.indexOf(key, from);
    if (at !== -1 && at < to && (best === -1 || at + key.length < best)) best = at + key.length;
  }
  return best;
}
