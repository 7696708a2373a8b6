// Is a decoded response body a stream, and how is it framed? The Content-Type says, when it is right;
// cassettes often carry a missing or wrong one, so the body itself is looked at first: SSE by its first
// line, NDJSON by several lines of JSON objects, Gemini's JSON array by the request URL, eventstream
// frames by a prelude whose checksum checks. A body that is one JSON object is never a stream.
import type { TextSource } from '../containers/types';
import type { Span } from '../diagnostic';
import { lazySpanOfText, spanOfText, type SpanOfText } from './eventPayload';
import { splitEventstream } from './eventstreamEvents';
import { hasFramePrelude } from './eventstreamFrames';
import { mediaTypeOf } from './headers';
import { splitJsonArray } from './jsonArrayEvents';
import { parsePayload } from './jsonPayload';
import { ndjsonLines, splitNdjson } from './ndjsonEvents';
import { splitSse } from './sseEvents';
import type { DecodedBody, StreamBody, StreamFraming } from './types';
import { lossyTextOfBytes } from './utf8Text';

export interface StreamHint {
  readonly contentType: string | null;
  readonly requestUrl: string;
  readonly source: TextSource | undefined;
}

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonl', 'application/jsonlines', 'application/x-jsonlines']);

function framingOfContentType(contentType: string | null): StreamFraming | undefined {
  const type = mediaTypeOf(contentType);
  if (type === null) return undefined;
  if (type === 'text/event-stream') return 'sse';
  if (NDJSON_TYPES.has(type)) return 'ndjson';
  if (type === 'application/vnd.amazon.eventstream') return 'eventstream';
  return undefined;
}

/** The first line with something on it, up to `limit` characters (enough to see its field name). */
function firstLine(text: string, limit = 16): string {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13 && c !== 32 && c !== 9 && c !== 0xfeff) break;
    i++;
  }
  return text.slice(i, i + limit);
}

function looksLikeSse(text: string): boolean {
  const line = firstLine(text);
  return line.startsWith(':') || line.startsWith('data:') || line.startsWith('event:') || line.startsWith('id:') || line.startsWith('retry:');
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Two lines or more, the first two each a JSON object (later ones are judged as events). */
function looksLikeNdjson(text: string): boolean {
  let seen = 0;
  for (const [start, end] of ndjsonLines(text)) {
    if (text.charCodeAt(start) !== 123) return false;
    const parsed = parsePayload(text.slice(start, end), false);
    if (!parsed.ok || !isObject(parsed.value)) return false;
    if (++seen === 2) return true;
  }
  return false;
}

function looksLikeJsonArray(text: string): boolean {
  return firstLine(text, 1) === '[';
}

function isGeminiStream(url: string): boolean {
  return url.includes('streamGenerateContent');
}

function splitText(text: string, json: { readonly value: unknown } | undefined, spanOf: SpanOfText, hint: StreamHint): StreamBody | undefined {
  if (json !== undefined) {
    const value = json.value;
    if (Array.isArray(value) && isGeminiStream(hint.requestUrl) && value.every(isObject)) return splitJsonArray(text, spanOf);
    return undefined;
  }
  if (looksLikeSse(text)) return splitSse(text, spanOf);
  if (looksLikeNdjson(text)) return splitNdjson(text, spanOf);
  if (isGeminiStream(hint.requestUrl) && looksLikeJsonArray(text)) return splitJsonArray(text, spanOf);
  const declared = framingOfContentType(hint.contentType);
  if (declared === 'sse') return splitSse(text, spanOf);
  if (declared === 'ndjson') return splitNdjson(text, spanOf);
  return undefined;
}

/** The stream of a JSON value stored as such: Gemini's array stream kept as a tree, or a string holding a stream. */
function splitJsonValue(body: Extract<DecodedBody, { kind: 'json' }>, whole: Span, hint: StreamHint): StreamBody | undefined {
  const value = body.json;
  if (typeof value === 'string') return splitText(value, undefined, spanOfText(undefined, whole), hint);
  if (!Array.isArray(value) || !isGeminiStream(hint.requestUrl) || !value.every(isObject)) return undefined;
  const events = value.map((element: unknown, i) => {
    let data = '';
    try {
      data = JSON.stringify(element);
    } catch {
      // A value nested past the engine's stack has no text to show; its place still does.
    }
    return { value: element, data, span: body.sourceOf?.([i]) ?? whole };
  });
  return { framing: 'json-array', events, done: false, problems: [] };
}

/** Cuts a decoded response body into stream events when it is a stream, else undefined. Never throws. */
export function splitStream(body: DecodedBody, hint: StreamHint): StreamBody | undefined {
  if (body.kind === 'empty') return undefined;
  const whole: Span = hint.source?.span ?? body.span ?? { start: 0, end: 0 };
  switch (body.kind) {
    case 'binary': {
      const declared = framingOfContentType(hint.contentType);
      if (hasFramePrelude(body.bytes) || declared === 'eventstream') return splitEventstream(body.bytes, whole);
      // An event stream with a byte that is not UTF-8 is still an event stream (its bad bytes read as U+FFFD).
      if (declared === 'sse' || declared === 'ndjson') return splitText(lossyTextOfBytes(body.bytes), undefined, spanOfText(undefined, whole), hint);
      return undefined;
    }
    case 'json':
      return splitJsonValue(body, whole, hint);
    case 'text': {
      const spanOf = lazySpanOfText(() => (body.exactOffsets ? body.offsetAt : undefined), whole);
      return splitText(body.text, body.json === undefined ? undefined : { value: body.json }, spanOf, hint);
    }
  }
}
