// One recorded HTTP exchange of a cassette: bodies decoded, the response cut into events when it is a
// stream, the dialect told from the request, the answer reassembled, and the exchange's own diagnostics.
import type { BodyView, ExchangeAnalysis } from '../analysis';
import { decodeBody } from '../bodies/decodeBody';
import { splitStream } from '../bodies/splitStream';
import type { BodyProblem, DecodedBody, StreamBody } from '../bodies/types';
import { checkStreamFacts, report, type CheckContext } from '../checks';
import type { Exchange, Fixture, Header, StoredBody, TextSource } from '../containers/types';
import { makeDiagnostic, type DiagnosticCode, type FixtureDiagnostic, type JsonPath, type Span } from '../diagnostic';
import { cassetteItem, dialectOfRequest, httpErrorOf } from '../dialects/byRequest';
import { reassemble } from '../reassemble';
import { checkUsage } from '../usageCheck';
import { redactUrl } from '../urlRedaction';
import { isLlmDialect } from './llmDialects';

const PROBLEM_CODES: Record<BodyProblem['kind'], DiagnosticCode> = {
  undecodable: 'body-undecodable',
  'event-not-json': 'event-not-json',
  'event-too-deep': 'event-not-json',
};

/** A body in an encoding this tool cannot undo (zstd) is a hint, not a defect of the cassette. */
function codeOf(p: BodyProblem): DiagnosticCode {
  return p.severity === 'info' ? 'body-not-decoded' : PROBLEM_CODES[p.kind];
}

export function headerValue(headers: readonly Header[], name: string): string | null {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === lower) return h.value;
  return null;
}

function sourceOf(body: StoredBody): TextSource | undefined {
  return body.kind === 'none' ? undefined : body.source;
}

function bodyView(body: DecodedBody, mediaType: string | null): BodyView {
  switch (body.kind) {
    case 'empty':
      return { kind: 'empty' };
    case 'json':
      return { kind: 'json', value: body.json };
    case 'binary':
      return { kind: 'binary', mediaType: body.mediaType ?? mediaType, size: body.bytes.length };
    case 'text':
      return body.json !== undefined ? { kind: 'json', value: body.json } : { kind: 'text', text: body.text, mediaType };
  }
}

function jsonOf(body: DecodedBody): unknown {
  if (body.kind === 'json') return body.json;
  if (body.kind === 'text') return body.json;
  return undefined;
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function modelInUrl(url: string): string | null {
  const m = /\/model\/([^/?#]+)\/(?:converse|converse-stream|invoke|invoke-with-response-stream)(?:[?#]|$)/.exec(url);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

export function analyzeExchange(fixture: Fixture, e: Exchange, out: FixtureDiagnostic[]): ExchangeAnalysis {
  const request = decodeBody(e.request.body, e.request.headers);
  const requestJson = jsonOf(request.body);
  const response = e.response ? decodeBody(e.response.body, e.response.headers) : { body: { kind: 'empty' } as DecodedBody, problems: [] };
  const contentType = e.response ? headerValue(e.response.headers, 'content-type') : null;
  const responseSource = e.response ? sourceOf(e.response.body) : undefined;
  const stream: StreamBody | undefined = e.response ? splitStream(response.body, { contentType, requestUrl: e.request.url, source: responseSource }) : undefined;
  const responseJson = stream ? undefined : jsonOf(response.body);
  const status = e.response?.status ?? null;
  const dialect = dialectOfRequest({ method: e.request.method, url: e.request.url, requestBody: requestJson, streamed: stream !== undefined, json: responseJson });

  // Items: one per stream event, or the whole JSON answer as one item; nothing for a body that is neither.
  const bodyPath: JsonPath = responseSource?.path ?? [...(e.response?.path ?? e.path), 'body'];
  const requestPath: JsonPath = sourceOf(e.request.body)?.path ?? [...e.request.path, 'body'];
  // In a file of several exchanges, a message says which one it is about (1-based, as the hover counts them).
  const where = fixture.exchanges.length > 1 ? `Exchange ${e.index + 1}, ` : '';
  for (const p of request.problems) out.push(makeDiagnostic(codeOf(p), `${where}request body: ${p.message}`, p.span, requestPath, undefined, e.index));
  // A stream of another API (a Bedrock agent's trace, a transcription's events) is shown, not judged: its events need not be JSON.
  const streamProblems = isLlmDialect(dialect) ? (stream?.problems ?? []) : (stream?.problems ?? []).filter((p) => p.kind === 'undecodable');
  for (const p of [...response.problems, ...streamProblems]) {
    out.push(makeDiagnostic(codeOf(p), where === '' ? capitalized(p.message) : `${where}${p.message}`, p.span, p.event === undefined ? bodyPath : [...bodyPath, p.event], p.event, e.index));
  }
  const items: unknown[] = stream ? stream.events.map((ev) => cassetteItem(ev.value, ev.name)) : responseJson !== undefined ? [responseJson] : [];
  // Spans are asked for by diagnostics and hovers only: an event's is mapped into the file when first read.
  const itemSpan = (i: number): Span | undefined => (i < 0 || i >= items.length ? undefined : stream ? stream.events[i]?.span : responseSource?.span);
  const itemPath = (i: number): JsonPath => (stream ? [...bodyPath, i] : bodyPath);
  let distinct: boolean | undefined;
  const itemAt = (offset: number): number | undefined => {
    if (items.length === 0) return undefined;
    // Events of a body that came through base64 or gzip all share the stored value's span: no event can be told by offset.
    distinct ??= !stream || stream.events.every((ev, i) => i === 0 || (stream.events[i - 1]?.span.end ?? 0) <= ev.span.start);
    if (!distinct) return items.length === 1 ? 0 : undefined;
    // Events are in text order: binary search their spans.
    let lo = 0;
    let hi = items.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = itemSpan(mid);
      if (!s) return undefined;
      if (offset < s.start) hi = mid - 1;
      else if (offset > s.end) lo = mid + 1;
      else return mid;
    }
    return undefined;
  };

  const streaming = stream !== undefined;
  const statusRecord = status === null ? {} : { status };
  const bodyText = response.body.kind === 'text' && response.body.json === undefined ? response.body.text : undefined;
  const result = reassemble(dialect, items, statusRecord, streaming, undefined, { done: stream?.done ?? false, ...(bodyText === undefined ? {} : { text: bodyText }) });
  let reassembly = result.reassembly;
  // Bedrock names the model only in the URL (`/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse`).
  if (reassembly.model === null && isLlmDialect(dialect)) {
    const model = modelInUrl(e.request.url);
    if (model !== null) reassembly = { ...reassembly, model };
  }
  if (status !== null && status >= 400 && isLlmDialect(dialect)) {
    const text = response.body.kind === 'text' ? response.body.text : undefined;
    reassembly = { ...reassembly, choices: [], error: reassembly.error ?? httpErrorOf(status, responseJson, text) };
  }

  // The checks name paths below the body; an event's path resolves to the event's lines, a JSON body's to its value.
  const json = e.response?.body.kind === 'json' ? e.response.body : undefined;
  const ctx: CheckContext = {
    locator: {
      locate(path) {
        const inBody = path.length >= bodyPath.length && bodyPath.every((seg, k) => path[k] === seg);
        if (inBody) {
          if (stream) {
            const i = path[bodyPath.length];
            const span = typeof i === 'number' ? itemSpan(i) : responseSource?.span;
            return span ? { span, depth: path.length } : undefined;
          }
          const sub = json?.sourceOf?.(path.slice(bodyPath.length));
          const span = sub ?? responseSource?.span;
          return span ? { span, depth: path.length } : undefined;
        }
        const span = fixture.locate(path);
        return span ? { span, depth: path.length } : undefined;
      },
    },
    items,
    itemPath,
    out,
    exchange: e.index,
  };
  if (isLlmDialect(dialect) && (status === null || status < 400)) {
    const cutOff = streaming && !result.facts.terminated && items.length > 0;
    if (cutOff) {
      const last = items.length - 1;
      report(ctx, 'stream-cut-off', `${where === '' ? 'The' : `Exchange ${e.index + 1}: the`} ${dialect} stream ends after ${items.length} event${items.length === 1 ? '' : 's'} without its terminal event; it was probably cut off while recording.`, itemPath(last), last);
    }
    // A cut-off stream already says why a finish reason is missing.
    checkStreamFacts(ctx, cutOff ? { ...result.facts, unfinished: [] } : result.facts, streaming);
    const usage = checkUsage({ reassembly, rows: result.rows, items, itemPath, locate: (p) => ctx.locator.locate(p)?.span, exchange: e.index });
    if (usage) out.push(usage);
  }

  const mediaType = (contentType ?? '').split(';')[0]?.trim() || null;
  return {
    index: e.index,
    method: e.request.method,
    url: redactUrl(e.request.url),
    status,
    dialect,
    streaming,
    request: { method: e.request.method, url: e.request.url, body: requestJson ?? (request.body.kind === 'text' ? request.body.text : undefined) },
    requestHeaders: e.request.headers.map((h) => ({ name: h.name, value: h.value })),
    responseHeaders: (e.response?.headers ?? []).map((h) => ({ name: h.name, value: h.value })),
    requestBody: bodyView(request.body, headerValue(e.request.headers, 'content-type')),
    responseBody: bodyView(response.body, mediaType),
    items,
    itemPath,
    itemSpan,
    itemAt,
    reassembly,
    rows: result.rows,
    span: e.span,
    recordedAt: e.recordedAt ?? null,
  };
}
