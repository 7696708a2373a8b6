// Go's httprr traces (langchaingo, golang.org/x/oscar): a first line `httprr trace v1`, then per exchange a
// line `<request bytes> <response bytes>` and the request and response as Go wrote them on the wire. The
// counts are UTF-8 bytes; everything this reader hands out is in UTF-16 offsets of the text. `.httprr.gz`
// is gunzipped by the caller. A bad count or a cut-off record ends the reading there, as it ends Go's.
import type { Exchange, Fixture, Header, RecordedRequest, RecordedResponse, StoredBody, TextSource } from './types';
import { makeDiagnostic, type FixtureDiagnostic, type JsonPath, type Span } from '../diagnostic';
import { RecordLocator, type RecordSpans } from './httpWire/recordSpans';
import { advanceUtf8, hasLoneSurrogate, utf8Length } from './httpWire/utf8Bytes';
import { readWireLine } from './httpWire/wireLines';
import { readWireMessage, type WireBody, type WireMessage } from './httpWire/wireMessage';

const HEADER = 'httprr trace v1';

/** The trace's first line: `httprr trace v1` (Go also accepts it ended by CRLF). */
export function looksLikeHttprr(text: string): boolean {
  if (!text.startsWith(HEADER)) return false;
  const next = text.charCodeAt(HEADER.length);
  return Number.isNaN(next) || next === 10 || next === 13;
}

/**
 * One message of the trace's plain value (Fixture.value, one `{request, response}` per record): the start
 * line's parts by name (`method`, `url`, `proto`; `proto`, `status`, `statusText`), headers, body text.
 */
type WireValue = Readonly<Record<string, unknown>>;

export function readHttprr(text: string): Fixture {
  const diagnostics: FixtureDiagnostic[] = [];
  const exchanges: Exchange[] = [];
  const records: RecordSpans[] = [];
  const values: { request: WireValue; response: WireValue | null }[] = [];
  const problem = (message: string, span: Span, path: JsonPath, exchange?: number): void => {
    diagnostics.push(makeDiagnostic('container-schema', message, span, path, undefined, exchange));
  };

  const first = readWireLine(text, 0, text.length);
  const firstLine = first ? text.slice(first.span.start, first.span.end) : '';
  if (!first || firstLine !== HEADER || !first.terminated) {
    const span = first?.span ?? { start: 0, end: 0 };
    problem(firstLine === HEADER ? `The trace ends after its first line: httprr expects a newline after "${HEADER}".` : `The file does not start with the line "${HEADER}": httprr reads no other file.`, span, []);
    return fixture(text, exchanges, diagnostics, values, records);
  }

  let pos = first.next;
  while (pos < text.length) {
    const i = exchanges.length;
    const line = readWireLine(text, pos, text.length) as NonNullable<ReturnType<typeof readWireLine>>;
    const counts = /^(\d+) (\d+)$/.exec(text.slice(line.span.start, line.span.end));
    if (!counts || !line.terminated) {
      const rest = text.slice(pos);
      if (rest.trim() === '') problem(`The trace has ${bytesWord(utf8Length(text, pos, text.length))} of white space after its last record (a final newline?): httprr's reader rejects the whole file.`, { start: pos, end: text.length }, []);
      else problem(`${JSON.stringify(text.slice(line.span.start, Math.min(line.span.end, line.span.start + 60)))} is not a record's "<request bytes> <response bytes>" line: httprr stops reading the trace here.`, line.span, [i], i);
      break;
    }
    const requestBytes = Number(counts[1]);
    const responseBytes = Number(counts[2]);
    const requestStart = line.next;
    const requestEnd = advanceUtf8(text, requestStart, requestBytes);
    if (typeof requestEnd !== 'number') {
      problem(countFailure('request', requestBytes, requestEnd, utf8Length(text, requestStart, text.length), i), line.span, [i], i);
      break;
    }
    const responseEnd = advanceUtf8(text, requestEnd, responseBytes);
    if (typeof responseEnd !== 'number') {
      problem(countFailure('response', responseBytes, responseEnd, utf8Length(text, requestEnd, text.length), i), line.span, [i], i);
      break;
    }
    const request = readWireMessage(text, requestStart, requestEnd, 'request');
    const method = request.parts[0]?.text ?? '';
    const response = responseBytes === 0 ? undefined : readWireMessage(text, requestEnd, responseEnd, 'response', method === 'HEAD');
    for (const p of request.problems) problem(`Record ${i + 1}: ${p.message}`, widen(p.span, line.span), [i, 'request'], i);
    if (response) for (const p of response.problems) problem(`Record ${i + 1}: ${p.message}`, widen(p.span, line.span), [i, 'response'], i);
    else problem(`Record ${i + 1} has a request but no response (0 response bytes): replay has nothing to answer with.`, line.span, [i, 'response'], i);

    const span = { start: line.span.start, end: responseEnd };
    records.push({ span, request, response });
    const recordedRequest = requestOf(request, [i, 'request']);
    const recordedResponse = response ? responseOf(response, [i, 'response']) : undefined;
    exchanges.push({ index: i, request: recordedRequest, response: recordedResponse, span, path: [i] });
    values.push({
      request: valueOf(request, { method, url: recordedRequest.url, proto: request.parts[2]?.text ?? null }),
      response: response && recordedResponse ? valueOf(response, { proto: response.parts[0]?.text ?? null, status: recordedResponse.status, statusText: recordedResponse.statusMessage ?? null }) : null,
    });
    pos = responseEnd;
  }
  return fixture(text, exchanges, diagnostics, values, records);
}

/** `1 byte`, `2 bytes`. */
function bytesWord(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

function countFailure(what: 'request' | 'response', count: number, failure: 'text-ends' | 'inside-character', remaining: number, i: number): string {
  return failure === 'text-ends'
    ? `Record ${i + 1} says its ${what} has ${count} bytes, but only ${remaining} remain: the trace was cut off or edited.`
    : `Record ${i + 1}'s ${what} count (${count} bytes) ends inside a character: the counts do not match the text.`;
}

/** A problem at an empty place (an empty message) is shown on the record's count line. */
function widen(span: Span, countLine: Span): Span {
  return span.end > span.start ? span : countLine;
}

function fixture(text: string, exchanges: Exchange[], diagnostics: FixtureDiagnostic[], value: unknown, records: RecordSpans[]): Fixture {
  const locator = new RecordLocator(text.length, records);
  return {
    format: 'httprr',
    exchanges,
    diagnostics,
    value,
    locate: (path) => locator.locate(path),
    pathAt: (offset) => locator.pathAt(offset),
  };
}

function headersOf(message: WireMessage, path: JsonPath): Header[] {
  return message.headers.map((h, k) => ({
    name: h.name,
    value: h.value,
    source: { span: h.valueSpan, path: [...path, 'headers', k, 'value'], offsetAt: (j: number) => h.valueSpan.start + Math.max(0, Math.min(j, h.valueSpan.end - h.valueSpan.start)) },
  }));
}

function bodyOf(body: WireBody | undefined, path: JsonPath): StoredBody {
  if (!body) return { kind: 'none' };
  // Text that no UTF-8 decodes to (a lone surrogate) is handed on as bytes, as Go would send it.
  if (hasLoneSurrogate(body.text)) return { kind: 'bytes', bytes: new TextEncoder().encode(body.text), source: { span: body.span, path } };
  return { kind: 'text', text: body.text, source: { span: body.span, path, offsetAt: body.offsetAt } };
}

function requestOf(message: WireMessage, path: JsonPath): RecordedRequest {
  const target = message.parts[1];
  const headers = headersOf(message, path);
  let url = target?.text ?? '';
  let urlSource: TextSource | undefined;
  if (target && target.text !== '') {
    const host = message.headers.find((h) => h.name.toLowerCase() === 'host');
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target.text) || !host || !target.text.startsWith('/')) {
      urlSource = { span: target.span, path: [...path, 'url'], offsetAt: (j: number) => target.span.start + Math.max(0, Math.min(j, target.text.length)) };
    } else {
      // Origin form (`GET /path`, written by hand: Go writes absolute URLs): the Host header names the server.
      const scheme = `${schemeFor(host.value)}://`;
      url = `${scheme}${host.value}${target.text}`;
      const prefix = scheme.length + host.value.length;
      urlSource = {
        span: target.span,
        path: [...path, 'url'],
        offsetAt: (j: number) => (j < prefix ? host.valueSpan.start + Math.max(0, j - scheme.length) : target.span.start + Math.min(j - prefix, target.text.length)),
      };
    }
  }
  return { method: message.parts[0]?.text ?? '', url, headers, body: bodyOf(message.body, [...path, 'body']), span: message.span, path, urlSource };
}

/** Plain HTTP for local servers and port 80 (Ollama on localhost:11434), HTTPS for every other host. */
function schemeFor(host: string): 'http' | 'https' {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (host.endsWith(':80') || name === 'localhost' || name === '127.0.0.1' || name === '[::1]') return 'http';
  return 'https';
}

function responseOf(message: WireMessage, path: JsonPath): RecordedResponse {
  const code = message.parts[1]?.text ?? '';
  const reason = message.parts[2]?.text;
  return {
    status: /^\d{3}$/.test(code) ? Number(code) : null,
    statusMessage: reason,
    headers: headersOf(message, path),
    body: bodyOf(message.body, [...path, 'body']),
    span: message.span,
    path,
  };
}

function valueOf(message: WireMessage, startLine: Record<string, unknown>): WireValue {
  return { ...startLine, headers: message.headers.map((h) => ({ name: h.name, value: h.value })), body: message.body?.text ?? null };
}
