// Path ↔ span for an httprr trace, whose "tree" is the records' HTTP messages: [i, 'request' | 'response',
// 'method' | 'url' | 'proto' | 'status' | 'statusText' | 'headers' | 'body', header index, 'name' | 'value'].
import type { JsonPath, Span } from '../../diagnostic';
import type { WireMessage } from './wireMessage';

export interface RecordSpans {
  readonly span: Span;
  readonly request: WireMessage;
  readonly response: WireMessage | undefined;
}

/** The names of a message's start-line parts, in order, as the trace's plain value names them. */
export const REQUEST_PARTS = ['method', 'url', 'proto'] as const;
export const RESPONSE_PARTS = ['proto', 'status', 'statusText'] as const;

export class RecordLocator {
  constructor(
    private readonly textLength: number,
    private readonly records: readonly RecordSpans[],
  ) {}

  /** The span of the path, or of the smallest part of the trace that holds it. */
  locate(path: JsonPath): Span {
    const whole = { start: 0, end: this.textLength };
    const record = typeof path[0] === 'number' ? this.records[path[0]] : undefined;
    if (!record) return whole;
    const side = path[1];
    const message = side === 'request' ? record.request : side === 'response' ? record.response : undefined;
    if (!message) return record.span;
    if (path.length === 2) return message.span;
    const key = path[2];
    const names: readonly string[] = side === 'request' ? REQUEST_PARTS : RESPONSE_PARTS;
    const part = typeof key === 'string' ? names.indexOf(key) : -1;
    if (part !== -1) return message.parts[part]?.span ?? message.startLine;
    if (key === 'body') return message.body?.span ?? message.span;
    if (key !== 'headers') return message.span;
    const block = headerBlock(message);
    const k = path[3];
    const header = typeof k === 'number' ? message.headers[k] : undefined;
    if (!header) return block;
    if (path[4] === 'value') return header.valueSpan;
    if (path[4] === 'name') return { start: header.line.start, end: header.line.start + header.name.length };
    return header.line;
  }

  /** The path of the innermost part of the trace at an offset ([] on the trace's first line). */
  pathAt(offset: number): JsonPath | undefined {
    if (offset < 0 || offset > this.textLength) return undefined;
    let lo = 0;
    let hi = this.records.length - 1;
    let found: number | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.records[mid] as RecordSpans;
      if (offset < r.span.start) hi = mid - 1;
      else if (offset >= r.span.end && !(offset === r.span.end && mid === this.records.length - 1)) lo = mid + 1;
      else {
        found = mid;
        break;
      }
    }
    if (found === undefined) return [];
    const record = this.records[found] as RecordSpans;
    const inResponse = record.response !== undefined && offset >= record.response.span.start;
    const message = inResponse ? record.response : offset >= record.request.span.start ? record.request : undefined;
    if (!message) return [found];
    const side = inResponse ? 'response' : 'request';
    const names: readonly string[] = inResponse ? RESPONSE_PARTS : REQUEST_PARTS;
    for (let p = 0; p < message.parts.length; p++) {
      const s = (message.parts[p] as { span: Span }).span;
      if (offset >= s.start && offset <= s.end && offset <= message.startLine.end) return [found, side, names[p] as string];
    }
    for (let k = 0; k < message.headers.length; k++) {
      const h = message.headers[k];
      if (!h || offset < h.line.start || offset > h.line.end) continue;
      return offset >= h.valueSpan.start ? [found, side, 'headers', k, 'value'] : [found, side, 'headers', k, 'name'];
    }
    if (message.body && offset >= message.body.span.start && offset <= message.body.span.end) return [found, side, 'body'];
    return [found, side];
  }
}

function headerBlock(message: WireMessage): Span {
  const first = message.headers[0];
  const last = message.headers[message.headers.length - 1];
  return first && last ? { start: first.line.start, end: last.line.end } : message.span;
}
