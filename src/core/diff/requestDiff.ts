// The request side of a diff: the members that decide what was asked (and, for OGX, the recording's hash),
// compared as JSON values. Messages are compared turn by turn (by position), tools by their names.
import type { ExchangeAnalysis, FixtureAnalysis } from '../analysis';
import type { JsonPath } from '../diagnostic';
import { asRecord, asString, type JsonRecord } from '../values';
import { isNoiseKey } from './noiseRules';
import { shownValue } from './shownValue';
import type { ValueChange } from './types';
import { diffValues } from './valueDiff';

/**
 * The request members compared, in the order changes are listed: OGX's `method`, `url`, `endpoint`, `body` and
 * the recording's `test_id` (its hash covers method, endpoint, body and test_id); tool and file-processor
 * recordings' `tool_name`, `kwargs`, `payload`, `provider`, `api`, `file_id`; a cassette's `method`, `url`, `body`.
 * Headers are left out: recorders strip or mask them, and they carry credentials and client versions.
 */
const MEMBERS = ['test_id', 'method', 'url', 'endpoint', 'body', 'tool_name', 'kwargs', 'payload', 'provider', 'api', 'file_id'] as const;

/** The recording's test, from the envelope (newer OGX files) or from the request itself. */
export function testIdOf(analysis: FixtureAnalysis | undefined): string | null {
  if (!analysis) return null;
  const root = asRecord(analysis.value);
  return asString(root?.['test_id']) ?? asString(analysis.request?.['test_id']) ?? null;
}

export function comparableRequest(exchange: ExchangeAnalysis | undefined, analysis: FixtureAnalysis | undefined): JsonRecord | undefined {
  if (!exchange) return undefined;
  const request = exchange.request ?? {};
  const out: Record<string, unknown> = {};
  const root = asRecord(analysis?.value);
  for (const key of MEMBERS) {
    const value = key === 'test_id' && analysis?.format === 'ogx' && root && 'test_id' in root ? root['test_id'] : request[key];
    // The exchange's URL is the recorded one with credentials in its query redacted: a diff prints what it lists.
    if (value !== undefined) out[key] = key === 'url' && typeof value === 'string' ? exchange.url : value;
  }
  // A request envelope without its own method or URL (a cassette's, or a broken file) still has the exchange's.
  if (out['method'] === undefined && exchange.method !== '') out['method'] = exchange.method;
  if (out['url'] === undefined && exchange.url !== '' && analysis?.format !== 'ogx') out['url'] = exchange.url;
  return out;
}

/** The name that matches a tool across two requests: OpenAI's `function.name`, Anthropic's and Responses' `name`, Bedrock's `toolSpec.name`. */
function toolName(item: unknown): string | undefined {
  const r = asRecord(item);
  if (!r) return undefined;
  return asString(asRecord(r['function'])?.['name']) ?? asString(r['name']) ?? asString(asRecord(r['toolSpec'])?.['name']);
}

const NAMED_LISTS = new Set(['tools', 'functions', 'functionDeclarations']);

function namedList(path: JsonPath): ((item: unknown) => string | undefined) | undefined {
  const last = path[path.length - 1];
  return path[0] === 'body' && typeof last === 'string' && NAMED_LISTS.has(last) ? toolName : undefined;
}

export interface RequestDiff {
  readonly changes: ValueChange[];
  readonly noise: ValueChange[];
}

export function diffRequests(oldRequest: JsonRecord | undefined, newRequest: JsonRecord | undefined): RequestDiff {
  const noise: ValueChange[] = [];
  if (!oldRequest || !newRequest) {
    // A whole exchange added or removed: the whole request is the change.
    if (!oldRequest && !newRequest) return { changes: [], noise };
    return { changes: [{ path: [], old: shownValue(oldRequest), new: shownValue(newRequest) }], noise };
  }
  const { changes } = diffValues(oldRequest, newRequest, [], { isNoiseKey, onNoise: (c) => noise.push(c), itemName: namedList });
  return { changes, noise };
}
