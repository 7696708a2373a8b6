// "Explain Missing Recording": given the recorder's miss and the suite's recordings, the recordings of that
// test, endpoint and model, nearest first, and what can make two requests of one test hash differently.
import { pyUrlParse } from '../ogx/pyUrlParse';
import type { PyJson } from '../ogx/pythonJsonParse';
import type { RecorderMiss } from './recorderMessage';
import type { RecordingFacts } from './recordingFacts';
import { parseTestId, sameTestFile, testFunctionId } from './testIds';

export interface MissCandidate {
  readonly recording: RecordingFacts;
  /** Higher is nearer. */
  readonly score: number;
  /** What it shares with the missing request, in words. */
  readonly shares: readonly string[];
}

export interface MissExplanation {
  /** Recordings named by the hash the recorder looked for: they exist, but not where the recorder looks (<test dir>/recordings/). */
  readonly sameName: readonly RecordingFacts[];
  /** Recordings of exactly the request that missed (today's recorder hashes them to the hash it looked for) under another name: renaming one fixes the miss. */
  readonly sameRequest: readonly RecordingFacts[];
  readonly candidates: readonly MissCandidate[];
  /** What the recorder hashes for this kind of call, and what it normalizes away. */
  readonly hashedFields: string;
}

const KIND_OF_MISS: Record<RecorderMiss['kind'], RecordingFacts['kind']> = { inference: 'inference', genai: 'inference', tool: 'tool', http: 'http' };

function missPath(miss: RecorderMiss): string | null {
  if (miss.kind === 'inference') return miss.url === null ? null : pyUrlParse(miss.url).path;
  if (miss.kind === 'genai') return miss.endpoint;
  if (miss.kind === 'http') return pyUrlParse(miss.url).path;
  return null;
}

function recordingPath(r: RecordingFacts): string | null {
  if (r.url !== undefined) return pyUrlParse(r.url).path;
  return r.endpoint ?? null;
}

/** Ranks the suite's recordings against the miss; only recordings of the same kind of call and of the test (or, with no test known, the endpoint) are kept. */
export function explainMiss(miss: RecorderMiss, testId: string | null, recordings: readonly RecordingFacts[]): MissExplanation {
  const kind = KIND_OF_MISS[miss.kind];
  const test = testId === null ? undefined : parseTestId(testId);
  const path = missPath(miss);
  const hash = miss.kind === 'inference' || miss.kind === 'genai' ? miss.hash : null;
  // The message may show the hash cut short ("bfa38c097b0589ca..."), and old names keep 12 hex digits: compare prefixes.
  const samePrefix = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);
  const sameName = hash === null ? [] : recordings.filter((r) => 'found' in r.verdict && samePrefix(r.verdict.found, hash));
  const sameRequest = hash === null ? [] : recordings.filter((r) => r.currentHash !== undefined && r.currentHash.startsWith(hash) && !sameName.includes(r));
  const candidates: MissCandidate[] = [];
  for (const r of recordings) {
    if (r.kind !== kind) continue;
    const shares: string[] = [];
    let score = 0;
    let sameTest = false;
    const other = typeof r.testId === 'string' ? parseTestId(r.testId) : undefined;
    if (test && other) {
      if (r.testId === test.id) {
        score += 8;
        shares.push('the test');
        sameTest = true;
      } else if (testFunctionId(other) === testFunctionId(test) || (sameTestFile(other.file, test.file) && other.name === test.name && other.classes.join() === test.classes.join())) {
        score += 5;
        shares.push('the test function');
        sameTest = true;
      } else if (sameTestFile(other.file, test.file)) {
        score += 1;
        shares.push('the test file');
      }
    }
    // The very request (today's hash is the one looked for), or a file of that name in a folder the recorder does not search.
    if (sameRequest.includes(r) || (sameName.includes(r) && r.currentHash !== undefined && hash !== null && r.currentHash.startsWith(hash))) {
      score += 16;
      shares.push('the request');
    }
    if (sameName.includes(r)) {
      score += 12;
      shares.push('the file name the recorder looked for');
    }
    const otherPath = recordingPath(r);
    const samePath = path !== null && otherPath === path;
    if (samePath) {
      score += 4;
      shares.push('the endpoint');
    }
    const model = miss.kind === 'inference' || miss.kind === 'genai' ? miss.model : null;
    if (model !== null && r.model === model) {
      score += 2;
      shares.push('the model');
    }
    if (miss.kind === 'tool' && r.tool === `${miss.provider}.${miss.toolName}`) {
      score += 4;
      shares.push('the tool');
    }
    if (miss.kind === 'http' && r.url === miss.url) {
      score += 1;
      shares.push('the URL');
    }
    // With a test known: its recordings only. Without: whatever went to the same endpoint or tool.
    const keep = test ? sameTest || sameName.includes(r) || sameRequest.includes(r) : score > 0 && (samePath || sameName.includes(r) || sameRequest.includes(r) || (miss.kind === 'tool' && r.tool === `${miss.provider}.${miss.toolName}`));
    if (keep) candidates.push({ recording: r, score, shares });
  }
  candidates.sort((a, b) => b.score - a.score || (a.recording.path < b.recording.path ? -1 : a.recording.path > b.recording.path ? 1 : 0));
  return { sameName, sameRequest, candidates, hashedFields: hashedFields(miss.kind) };
}

function hashedFields(kind: RecorderMiss['kind']): string {
  switch (kind) {
    case 'tool':
      return 'A tool call is hashed from its provider, tool name and arguments exactly as passed, without the test id: any argument that changes between runs changes the hash.';
    case 'http':
      return 'A raw HTTP call is hashed from the full URL (host and port included), the method, the payload and the test id. The payload is normalized first: floats rounded to 5 places, long decimals inside text, file_search scores, attributes, document ids and citations masked, extra_body.project_id dropped.';
    default:
      return "An inference call is hashed from the method, the URL's path (not its host), the body and the test id (model lists excepted): renaming a test or changing its parameters changes every hash. The body is normalized first: floats rounded to 5 places, long decimals inside text, file_search scores, attributes, document ids and citations masked, extra_body.project_id dropped, and stream_options for Bedrock hosts. Anything else that changes between runs changes the hash.";
  }
}

export interface VolatileField {
  /** Path inside the request body. */
  readonly path: readonly (string | number)[];
  readonly value: string;
  readonly why: string;
}

const GENERATED_ID = /^(?:call|toolu|fc|resp|msg|chatcmpl|vs|file|batch|run|asst|thread|conv|item)[_-][A-Za-z0-9_-]{6,}$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const VOLATILE_KEYS = new Set(['seed', 'user', 'previous_response_id', 'conversation', 'metadata', 'safety_identifier', 'prompt_cache_key']);
const MAX_FIELDS = 20;
const MAX_VISITS = 100_000;

/** Values in a recorded request body that usually differ from one run to the next, which the recorder hashes as they are. */
export function volatileFields(body: PyJson | undefined): VolatileField[] {
  const out: VolatileField[] = [];
  if (body === undefined) return out;
  // An explicit stack: bodies nest as deep as a hostile file likes.
  const stack: { v: PyJson; path: (string | number)[]; key: string | null }[] = [{ v: body, path: [], key: null }];
  let visits = 0;
  while (stack.length > 0 && out.length < MAX_FIELDS && visits++ < MAX_VISITS) {
    const { v, path, key } = stack.pop()!;
    if (key !== null && VOLATILE_KEYS.has(key) && v.kind !== 'null') {
      out.push({ path, value: preview(v), why: `"${key}" is sent as the test sets it; a value that changes from run to run changes the hash` });
      continue;
    }
    if (v.kind === 'str') {
      const why = GENERATED_ID.test(v.value) ? 'an id generated on every run' : UUID.test(v.value) && !v.value.includes('__NORMALIZED__') ? 'holds a UUID, generated on every run' : TIMESTAMP.test(v.value) ? 'holds a date and time' : null;
      if (why !== null) out.push({ path, value: preview(v), why });
    } else if (v.kind === 'int' && v.value >= 1_500_000_000n && v.value <= 2_100_000_000_000n) {
      out.push({ path, value: v.value.toString(), why: 'looks like a timestamp' });
    } else if (v.kind === 'list') {
      for (let i = v.items.length - 1; i >= 0; i--) stack.push({ v: v.items[i]!, path: [...path, i], key: null });
    } else if (v.kind === 'dict') {
      const entries = [...v.entries];
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i]![1], path: [...path, entries[i]![0]], key: entries[i]![0] });
    }
  }
  return out;
}

function preview(v: PyJson): string {
  const text = v.kind === 'str' ? v.value : v.kind === 'int' ? v.value.toString() : v.kind === 'float' ? String(v.value) : v.kind === 'bool' ? String(v.value) : v.kind;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
