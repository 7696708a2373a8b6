// Turns the bytes of a provider's answer into payloads, one per recorded item: server-sent events
// (OpenAI streams; eventsource-parser does the framing), NDJSON (Ollama streams) or one JSON
// document. Each decoder insists on a complete answer — [DONE], a final `done: true` line, a whole
// document — because a half answer written into a fixture is worse than none.
import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError } from 'eventsource-parser';
import { RerecordError } from './errors';
import { getKey, parseStrictJson, type JsonValue } from './jsonValue';
import type { WireFormat } from './plan';
import { errorPayloadMessage } from './providerErrors';

export interface PayloadDecoder {
  /** Feeds the next piece of text; returns the payloads it completed. */
  feed(text: string): JsonValue[];
  /** The answer ended: returns what was still buffered, or throws when the answer is incomplete. */
  end(): JsonValue[];
}

export function decoderFor(wire: WireFormat): PayloadDecoder {
  if (wire === 'sse') return new SseDecoder();
  if (wire === 'ndjson') return new NdjsonDecoder();
  return new JsonDocumentDecoder();
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

function parsePayload(text: string, what: string): JsonValue {
  let payload: JsonValue;
  try {
    payload = parseStrictJson(text);
  } catch (e) {
    throw new RerecordError('malformed', `${what} is not valid JSON: ${preview(text)}`, { cause: e });
  }
  const error = errorPayloadMessage(payload);
  if (error !== undefined) throw new RerecordError('provider-error', `the provider sent an error instead of an answer: ${error}`);
  return payload;
}

export class SseDecoder implements PayloadDecoder {
  private readonly parser: EventSourceParser;
  private ready: JsonValue[] = [];
  private failure: RerecordError | undefined;
  private done = false;
  private events = 0;

  constructor() {
    this.parser = createParser({
      onEvent: (event) => this.onEvent(event),
      onError: (error) => this.onError(error),
      // Far more than any one event; stops a server that never ends a line from filling memory.
      maxBufferSize: 64 * 1024 * 1024,
    });
  }

  private onEvent(event: EventSourceMessage): void {
    if (this.done || this.failure) return;
    this.events++;
    if (event.event === 'error') {
      this.failure = new RerecordError('provider-error', `the provider sent an error event: ${errorPayloadMessageOrText(event.data)}`);
      return;
    }
    if (event.data === '[DONE]') {
      this.done = true;
      return;
    }
    // An empty data line is a keep-alive, not an item.
    if (event.data.trim() === '') return;
    try {
      this.ready.push(parsePayload(event.data, `event ${this.events}`));
    } catch (e) {
      this.failure = e instanceof RerecordError ? e : new RerecordError('malformed', String(e));
    }
  }

  private onError(error: ParseError): void {
    if (this.done || this.failure) return;
    // A line that is no SSE field at all means this is not the event stream it claims to be.
    const detail = error.type === 'unknown-field' ? `a line that is not an event field: ${preview(error.line ?? error.field ?? '')}` : error.message;
    this.failure = new RerecordError('malformed', `malformed event stream (${detail})`);
  }

  feed(text: string): JsonValue[] {
    if (!this.done) this.parser.feed(text);
    if (this.failure) throw this.failure;
    const out = this.ready;
    this.ready = [];
    return out;
  }

  end(): JsonValue[] {
    // Reads a last line that lacks its line break, so a broken one is reported; an event that lacks
    // its closing blank line is dropped, as the SSE specification says.
    if (!this.done) this.parser.reset({ consume: true });
    if (this.failure) throw this.failure;
    if (!this.done) throw new RerecordError('incomplete', 'the event stream ended before [DONE]');
    const out = this.ready;
    this.ready = [];
    return out;
  }
}

function errorPayloadMessageOrText(data: string): string {
  try {
    return errorPayloadMessage(parseStrictJson(data)) ?? preview(data);
  } catch {
    return preview(data);
  }
}

export class NdjsonDecoder implements PayloadDecoder {
  private buffer = '';
  private lines = 0;
  private last: JsonValue | undefined;

  private take(line: string): JsonValue[] {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return [];
    this.lines++;
    if (this.last !== undefined && getKey(this.last, 'done') === true) {
      throw new RerecordError('malformed', `line ${this.lines} came after the final (done) line`);
    }
    const payload = parsePayload(text, `line ${this.lines}`);
    this.last = payload;
    return [payload];
  }

  feed(text: string): JsonValue[] {
    this.buffer += text;
    const out: JsonValue[] = [];
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      out.push(...this.take(this.buffer.slice(0, newline)));
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
    }
    return out;
  }

  end(): JsonValue[] {
    const out = this.take(this.buffer);
    this.buffer = '';
    if (this.last === undefined || getKey(this.last, 'done') !== true) throw new RerecordError('incomplete', 'the stream ended before its final line (done: true)');
    return out;
  }
}

export class JsonDocumentDecoder implements PayloadDecoder {
  private readonly parts: string[] = [];

  feed(text: string): JsonValue[] {
    this.parts.push(text);
    return [];
  }

  end(): JsonValue[] {
    const text = this.parts.join('');
    if (text.trim() === '') throw new RerecordError('incomplete', 'the provider answered with an empty body');
    return [parsePayload(text, 'the answer')];
  }
}
