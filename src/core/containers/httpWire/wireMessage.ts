// One HTTP/1.x message as Go writes it (req.WriteProxy, resp.Write) and reads it back: the start line,
// the header lines up to the empty line, and the body by Content-Length, chunked framing or up to the end.
// Every part keeps its span in the file text; what Go would refuse is a problem, never an exception.
import type { Span } from '../../diagnostic';
import { chunkedOffsetAt, readChunkedBody } from './chunkedBody';
import { advanceUtf8, utf8Length } from './utf8Bytes';
import { readWireLine } from './wireLines';

export interface WirePart {
  readonly text: string;
  readonly span: Span;
}

export interface WireHeader {
  readonly name: string;
  readonly value: string;
  readonly line: Span;
  readonly valueSpan: Span;
}

export interface WireBody {
  /** The body's text, chunked framing undone. */
  readonly text: string;
  /** The body as written, framing included. */
  readonly span: Span;
  /** Index in `text` → offset in the file. */
  readonly offsetAt: (index: number) => number;
}

export interface WireProblem {
  readonly message: string;
  readonly span: Span;
}

export interface WireMessage {
  readonly span: Span;
  readonly startLine: Span;
  /** Request: method, target, protocol. Response: protocol, status code, reason. Absent parts are missing. */
  readonly parts: readonly WirePart[];
  readonly headers: readonly WireHeader[];
  /** Undefined when the message has no body (or an empty one). */
  readonly body: WireBody | undefined;
  readonly problems: readonly WireProblem[];
}

export type WireKind = 'request' | 'response';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PROTOCOL = /^HTTP\/\d+\.\d+$/;

/** Reads the message in text[start, end). `bodyless`: a response to HEAD, or a 1xx/204/304 status, carries no body. */
export function readWireMessage(text: string, start: number, end: number, kind: WireKind, bodyless = false): WireMessage {
  const problems: WireProblem[] = [];
  const span = { start, end };
  const first = readWireLine(text, start, end);
  if (!first) {
    problems.push({ message: `The ${kind} is empty.`, span });
    return { span, startLine: { start, end: start }, parts: [], headers: [], body: undefined, problems };
  }
  const parts = kind === 'request' ? requestLine(text, first.span, problems) : statusLine(text, first.span, problems);
  const headers: WireHeader[] = [];
  let bodyStart = end;
  let pos = first.next;
  let ended = false;
  let last = first.span;
  for (;;) {
    const line = readWireLine(text, pos, end);
    if (!line) break;
    pos = line.next;
    last = line.span;
    if (line.span.start === line.span.end && line.terminated) {
      bodyStart = line.next;
      ended = true;
      break;
    }
    headerLine(text, line.span, headers, problems);
    if (!line.terminated) break;
  }
  if (!ended) {
    problems.push({ message: `The ${kind}'s headers do not end with an empty line: the ${kind} was cut off.`, span: last.end > last.start ? last : { start: last.start, end } });
    return { span, startLine: first.span, parts, headers, body: undefined, problems };
  }
  const isBodyless = bodyless || (kind === 'response' && /^(1\d\d|204|304)$/.test(parts[1]?.text ?? ''));
  const body = isBodyless ? undefined : readBody(text, bodyStart, end, kind, headers, problems);
  return { span, startLine: first.span, parts, headers, body, problems };
}

/** `METHOD SP target SP HTTP/x.y`, cut at the first two spaces as Go's parseRequestLine does. */
function requestLine(text: string, line: Span, problems: WireProblem[]): WirePart[] {
  const parts = cutParts(text, line, 3);
  const [method, target, protocol] = parts;
  const shown = JSON.stringify(text.slice(line.start, Math.min(line.end, line.start + 80)));
  if (!method || !TOKEN.test(method.text)) problems.push({ message: `The request line ${shown} does not start with a method.`, span: method?.text ? method.span : line });
  else if (!target || target.text === '') problems.push({ message: `The request line ${shown} names no URL.`, span: line });
  else if (!protocol || !PROTOCOL.test(protocol.text)) problems.push({ message: `The request line ${shown} does not end with the protocol (HTTP/1.1).`, span: protocol?.text ? protocol.span : line });
  return parts;
}

/** `HTTP/x.y SP code SP reason`: Go wants a three-digit code. */
function statusLine(text: string, line: Span, problems: WireProblem[]): WirePart[] {
  const parts = cutParts(text, line, 3);
  const [protocol, code] = parts;
  const shown = JSON.stringify(text.slice(line.start, Math.min(line.end, line.start + 80)));
  if (!protocol || !PROTOCOL.test(protocol.text)) problems.push({ message: `The status line ${shown} does not start with the protocol (HTTP/1.1).`, span: protocol?.text ? protocol.span : line });
  else if (!code || !/^\d{3}$/.test(code.text)) problems.push({ message: `The status line ${shown} has no three-digit status code.`, span: code?.text ? code.span : line });
  return parts;
}

/** The line cut at its first `count - 1` spaces; the last part keeps any further spaces (a reason phrase). */
function cutParts(text: string, line: Span, count: number): WirePart[] {
  const parts: WirePart[] = [];
  let from = line.start;
  for (let k = 0; k < count; k++) {
    if (from > line.end) break;
    const space = k === count - 1 ? -1 : text.indexOf(' ', from);
    const to = space === -1 || space >= line.end ? line.end : space;
    parts.push({ text: text.slice(from, to), span: { start: from, end: to } });
    if (to === line.end) break;
    from = to + 1;
  }
  return parts;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function headerLine(text: string, line: Span, headers: WireHeader[], problems: WireProblem[]): void {
  let vs = line.start;
  if (isBlank(text.charCodeAt(line.start))) {
    // Obsolete line folding: the line continues the previous header's value.
    const previous = headers.pop();
    if (!previous) {
      problems.push({ message: 'The first header line starts with white space.', span: line });
      return;
    }
    while (vs < line.end && isBlank(text.charCodeAt(vs))) vs++;
    let ve = line.end;
    while (ve > vs && isBlank(text.charCodeAt(ve - 1))) ve--;
    headers.push({ ...previous, value: `${previous.value} ${text.slice(vs, ve)}`, line: { start: previous.line.start, end: line.end }, valueSpan: { start: previous.valueSpan.start, end: ve } });
    return;
  }
  const colon = text.indexOf(':', line.start);
  if (colon === -1 || colon >= line.end) {
    problems.push({ message: `${JSON.stringify(text.slice(line.start, Math.min(line.end, line.start + 60)))} is not a header line (no colon).`, span: line });
    return;
  }
  const name = text.slice(line.start, colon);
  if (!TOKEN.test(name)) {
    problems.push({ message: `${JSON.stringify(name.slice(0, 60))} is not a header name.`, span: { start: line.start, end: colon } });
    return;
  }
  vs = colon + 1;
  while (vs < line.end && isBlank(text.charCodeAt(vs))) vs++;
  let ve = line.end;
  while (ve > vs && isBlank(text.charCodeAt(ve - 1))) ve--;
  headers.push({ name, value: text.slice(vs, ve), line, valueSpan: { start: vs, end: ve } });
}

function headerValue(headers: readonly WireHeader[], name: string): WireHeader | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower);
}

function readBody(text: string, start: number, end: number, kind: WireKind, headers: readonly WireHeader[], problems: WireProblem[]): WireBody | undefined {
  const te = headerValue(headers, 'transfer-encoding');
  if (te && te.value.toLowerCase().split(',').map((s) => s.trim()).includes('chunked')) {
    const dechunked = readChunkedBody(text, start, end);
    if (dechunked.problem) problems.push(dechunked.problem);
    else if (dechunked.end < end) problems.push(trailing(text, dechunked.end, end, kind, 'the chunked body'));
    if (dechunked.text === '') return undefined;
    return { text: dechunked.text, span: { start, end: dechunked.end }, offsetAt: chunkedOffsetAt(dechunked.chunks, start) };
  }
  let bodyEnd = end;
  const cl = headerValue(headers, 'content-length');
  if (cl) {
    if (!/^\d+$/.test(cl.value)) problems.push({ message: `Content-Length ${JSON.stringify(cl.value.slice(0, 40))} is not a number of bytes.`, span: cl.valueSpan });
    else {
      const length = Number(cl.value);
      const at = advanceUtf8(text, start, length, end);
      if (at === 'text-ends') problems.push({ message: `Content-Length says ${length} bytes, but the ${kind} body has ${utf8Length(text, start, end)}: the ${kind} was cut off or its body edited.`, span: cl.valueSpan });
      else if (at === 'inside-character') problems.push({ message: `Content-Length (${length} bytes) ends inside a character of the ${kind} body.`, span: cl.valueSpan });
      else {
        bodyEnd = at;
        if (at < end) problems.push(trailing(text, at, end, kind, `the ${length} bytes of Content-Length`));
      }
    }
  }
  if (bodyEnd === start) return undefined;
  return { text: text.slice(start, bodyEnd), span: { start, end: bodyEnd }, offsetAt: (index: number) => start + Math.max(0, Math.min(index, bodyEnd - start)) };
}

function trailing(text: string, from: number, end: number, kind: WireKind, what: string): WireProblem {
  const n = utf8Length(text, from, end);
  return { message: `${n === 1 ? '1 byte' : `${n} bytes`} of the ${kind} follow ${what}: ${n === 1 ? 'it is' : 'they are'} not part of the body.`, span: { start: from, end } };
}
