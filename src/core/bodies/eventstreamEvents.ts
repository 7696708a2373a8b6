// Bedrock's eventstream responses as events: the frame's `:event-type` (or `:exception-type`,
// `:error-code`) names the event and its JSON payload is the value. invoke-with-response-stream wraps
// each event as `{"bytes": "<base64 of the JSON>"}`: the inner JSON becomes the value and the outer is
// kept as `payload`; Bedrock agents put their answer's plain text there, which becomes the value as a
// string (only inner text shaped like JSON must be JSON). Bytes cannot be mapped into the base64 that stores them, so every span is the
// stored value's. The framing has no terminal marker: `done` is false (the dialect knows `messageStop`).
import type { Span } from '../diagnostic';
import { decodeBase64 } from './base64';
import { eventValue } from './eventPayload';
import { readFrame } from './eventstreamFrames';
import type { BodyProblem, StreamBody, StreamEvent } from './types';
import { lossyTextOfBytes, textOfBytes } from './utf8Text';

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function innerOfBytes(outer: unknown): string | undefined {
  if (typeof outer !== 'object' || outer === null || Array.isArray(outer)) return undefined;
  return asString((outer as Record<string, unknown>)['bytes']);
}

export function splitEventstream(bytes: Uint8Array, span: Span): StreamBody {
  const events: StreamEvent[] = [];
  const problems: BodyProblem[] = [];
  let at = 0;
  while (at < bytes.length) {
    const read = readFrame(bytes, at);
    if (!read.ok) {
      problems.push({ kind: 'undecodable', message: `Eventstream ${read.message}${read.next === undefined ? '; the frames after it cannot be found' : '; the frame is skipped'}.`, span });
      if (read.next === undefined) break;
      at = read.next;
      continue;
    }
    at = read.next;
    const { headers, payload } = read.frame;
    const index = events.length;
    const messageType = asString(headers.get(':message-type')) ?? 'event';
    const data = lossyTextOfBytes(payload);
    const parsed = eventValue(data, index, span, 'the payload');
    if (parsed.problem) problems.push(parsed.problem);
    if (messageType === 'exception' || messageType === 'error') {
      const type = asString(headers.get(messageType === 'exception' ? ':exception-type' : ':error-code')) ?? null;
      const record = typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : {};
      const message = asString(headers.get(':error-message')) ?? asString(record['message']) ?? asString(record['Message']) ?? null;
      events.push({ value: { error: { type, message } }, data, span, messageType, payload: parsed.value, ...(type === null ? {} : { name: type }) });
      continue;
    }
    const name = asString(headers.get(':event-type'));
    const base = { data, span, messageType, ...(name === undefined ? {} : { name }) };
    const inner = innerOfBytes(parsed.value);
    if (inner === undefined) {
      events.push({ value: parsed.value, ...base });
      continue;
    }
    const decoded = decodeBase64(inner);
    const innerText = decoded.ok ? textOfBytes(decoded.bytes) : undefined;
    if (innerText === undefined) {
      problems.push({ kind: 'event-not-json', message: `event ${index + 1}: the payload's "bytes" is not base64 of UTF-8 text`, span, event: index });
      events.push({ value: undefined, payload: parsed.value, ...base });
      continue;
    }
    if (!/^\s*[[{]/.test(innerText)) {
      events.push({ value: innerText, payload: parsed.value, ...base });
      continue;
    }
    const innerValue = eventValue(innerText, index, span, 'the payload\'s decoded "bytes"');
    if (innerValue.problem) problems.push(innerValue.problem);
    events.push({ value: innerValue.value, payload: parsed.value, ...base });
  }
  return { framing: 'eventstream', events, done: false, problems };
}
