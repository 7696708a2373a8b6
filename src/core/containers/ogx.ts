// OGX (llama-stack) recordings as a container: one exchange, the recorded SDK request and its response.
// The recording is read by analyzeFixture's own JSON path (it is 3,000 files a suite and must stay fast);
// this module only says what the exchange is, in the terms every other container uses.
import type { BodyView, ExchangeAnalysis } from '../analysis';
import type { JsonPath, Span } from '../diagnostic';
import type { DialectId } from '../dialect';
import type { JsonLocator } from '../jsonLocate';
import type { ReassembleResult } from '../reassemble';
import { redactUrl } from '../urlRedaction';
import { asNumber, asRecord, asString, type JsonRecord } from '../values';

export interface OgxExchangeInput {
  readonly root: JsonRecord | undefined;
  readonly request: JsonRecord | undefined;
  readonly response: JsonRecord | undefined;
  readonly dialect: DialectId;
  readonly streaming: boolean;
  readonly items: readonly unknown[];
  readonly itemPath: (i: number) => JsonPath;
  readonly itemSpan: (i: number) => Span | undefined;
  readonly itemAt: (offset: number) => number | undefined;
  readonly result: ReassembleResult;
  readonly locator: JsonLocator;
}

/** True when a parsed JSON value has the shape of an OGX recording (`request` and `response` objects, the request naming an endpoint or a tool). */
export function looksLikeOgxRecording(value: unknown): boolean {
  const root = asRecord(value);
  if (!root) return false;
  const request = asRecord(root['request']);
  const response = asRecord(root['response']);
  if (!request || !response) return false;
  // Datadog's cassettes also have request/response, but their response status is an object and they never carry `body` beside `is_streaming`.
  return 'endpoint' in request || 'tool_name' in request || 'is_streaming' in response || 'is_exception' in response || ('body' in response && !asRecord(response['status']));
}

export function ogxExchange(input: OgxExchangeInput): ExchangeAnalysis {
  const { request, response } = input;
  const url = asString(request?.['url']) ?? asString(request?.['endpoint']) ?? (asString(request?.['tool_name']) !== undefined ? `tool:${asString(request?.['tool_name'])}` : '');
  const body = response?.['body'];
  const responseBody: BodyView = body === undefined || body === null ? { kind: 'empty' } : { kind: 'json', value: body };
  const requestBody: BodyView = request?.['body'] !== undefined ? { kind: 'json', value: request['body'] } : request?.['payload'] !== undefined ? { kind: 'json', value: request['payload'] } : { kind: 'empty' };
  return {
    index: 0,
    method: (asString(request?.['method']) ?? (asString(request?.['tool_name']) !== undefined ? 'TOOL' : 'POST')).toUpperCase(),
    url: redactUrl(url),
    status: asNumber(response?.['status']) ?? null,
    dialect: input.dialect,
    streaming: input.streaming,
    request,
    requestHeaders: headersOf(request?.['headers']),
    responseHeaders: [],
    requestBody,
    responseBody,
    items: input.items,
    itemPath: input.itemPath,
    itemSpan: input.itemSpan,
    itemAt: input.itemAt,
    reassembly: input.result.reassembly,
    rows: input.result.rows,
    get span() {
      return input.locator.locate([])?.span;
    },
    recordedAt: null,
  };
}

function headersOf(v: unknown): { name: string; value: string }[] {
  const r = asRecord(v);
  if (!r) return [];
  return Object.entries(r).flatMap(([name, value]) => (typeof value === 'string' ? [{ name, value }] : []));
}
