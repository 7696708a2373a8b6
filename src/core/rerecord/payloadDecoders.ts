// Turns the bytes of a provider's answer into payloads, one per recorded item: server-sent events
// (OpenAI streams; eventsource-parser does the framing), NDJSON (Ollama streams) or one JSON
// document. Each decoder insists on a complete answer — [DONE], a final `done: true` line, a whole
// document — because a half answer written into a fixture is worse than none. Each also keeps to a
// budget of items and characters, since the byte cap alone does not bound what the parsed items
// cost (a million small chunks are gigabytes of values), and says whether a piece of text was more
// than keep-alives, so that comments alone never keep a stalled stream from timing out.
import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError } from 'eventsource-parser';
import { isPyTrue, pyGet, type PyJson } from '../ogx/pythonJsonValue';
import { RerecordError } from './errors';
import type { WireFormat } from './plan';
import { errorPayloadMessage } from './providerErrors';
import { MAX_DEPTH, nonFiniteMessage, readProviderJson } from './providerJson';

export interface PayloadLimits {
  /** Items one answer may have. */
  readonly maxItems: number;
  /** Characters the items' JSON texts may hold in all. */
  readonly maxTextChars: number;
}

/**
 * More than real answers need (a long streamed answer is some tens of thousands of chunks; a
 * batch of a thousand 1,536-dimension embeddings is some 30 million characters), and small enough
 * that re-recording stays within some hundreds of megabytes: the items are parsed, written in the
 * fixture's layout (two to three times their size when indented) and joined, in the editor's
 * extension host as in the CLI.
 */
export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = { maxItems: 100_000, maxTextChars: 32 * 1024 * 1024 };

/** Counts items and their characters as they arrive, and stops the answer at the limits, before parsing. */
export class PayloadBudget {
  private items = 0;
  private chars = 0;

  constructor(readonly limits: PayloadLimits = DEFAULT_PAYLOAD_LIMITS) {}

  /** Admits one item of this many characters, or throws. */
  admit(length: number): void {
    if (this.items + 1 > this.limits.maxItems) throw new RerecordError('too-large', `the answer has more than ${this.limits.maxItems} items, more than re-recording holds`);
    this.expect(length);
    this.items++;
    this.chars += length;
  }

  /** Throws when this many more characters, not yet a whole item, could no longer be admitted. */
  expect(length: number): void {
    if (this.chars + length > this.limits.maxTextChars) throw this.tooManyChars();
  }

  tooManyChars(): RerecordError {
    return new RerecordError('too-large', `the answer's items hold more than ${this.limits.maxTextChars} characters, more than re-recording holds`);
  }
}

export interface PayloadDecoder {
  /** Feeds the next piece of text; returns the payloads it completed. */
  feed(text: string): PyJson[];
  /** The answer ended: returns what was still buffered, or throws when the answer is incomplete. */
  end(): PyJson[];
  /** Whether the text of the last feed held anything but keep-alives (SSE comments, blank lines). */
  readonly lastFeedActive: boolean;
}

export interface DecoderOptions {
  readonly budget?: PayloadBudget | undefined;
  /** Applied to any text of the answer before it is cut for a message (see Redactor.redact). */
  readonly redact?: ((text: string) => string) | undefined;
}

export function decoderFor(wire: WireFormat, options: DecoderOptions = {}): PayloadDecoder {
  if (wire === 'sse') return new SseDecoder(options);
  if (wire === 'ndjson') return new NdjsonDecoder(options);
  return new JsonDocumentDecoder(options);
}

const identity = (text: string): string => text;

/** The start of a text for a message: secrets removed first, then cut, so no cut can keep part of one. */
function preview(text: string, redact: (text: string) => string): string {
  const flat = redact(text).replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

function parsePayload(text: string, what: string, redact: (text: string) => string): PyJson {
  const read = readProviderJson(text);
  if (!read.ok) {
    if (read.problem === 'syntax') throw new RerecordError('malformed', `${what} is not valid JSON: ${preview(text, redact)}`);
    if (read.problem === 'depth') throw new RerecordError('malformed', `${what} is nested deeper than ${MAX_DEPTH} levels, more than re-recording reads`);
    throw new RerecordError('malformed', `${what} ${nonFiniteMessage(read.literal)}`);
  }
  const error = errorPayloadMessage(read.value);
  if (error !== undefined) throw new RerecordError('provider-error', `the provider sent an error instead of an answer: ${error}`);
  return read.value;
}

const LINE_BREAK = /[\r\n]/g;

export class SseDecoder implements PayloadDecoder {
  private readonly parser: EventSourceParser;
  private readonly budget: PayloadBudget;
  private readonly redact: (text: string) => string;
  private ready: PyJson[] = [];
  private failure: RerecordError | undefined;
  private done = false;
  private events = 0;
  /** Where the last fed text left off: at the start of a line, or inside a comment line or another line. */
  private line: 'start' | 'comment' | 'other' = 'start';
  lastFeedActive = false;

  constructor(options: DecoderOptions = {}) {
    this.budget = options.budget ?? new PayloadBudget();
    this.redact = options.redact ?? identity;
    this.parser = createParser({
      onEvent: (event) => this.onEvent(event),
      onError: (error) => this.onError(error),
      // An event longer than the budget could never be admitted; this stops a server that never ends
      // a line or an event from filling memory with it first.
      maxBufferSize: this.budget.limits.maxTextChars,
    });
  }

  private onEvent(event: EventSourceMessage): void {
    if (this.done || this.failure) return;
    this.events++;
    if (event.event === 'error') {
      this.failure = new RerecordError('provider-error', `the provider sent an error event: ${this.errorPayloadMessageOrText(event.data)}`);
      return;
    }
    if (event.data === '[DONE]') {
      this.done = true;
      return;
    }
    // An empty data line is a keep-alive, not an item.
    if (event.data.trim() === '') return;
    try {
      this.budget.admit(event.data.length);
      this.ready.push(parsePayload(event.data, `event ${this.events}`, this.redact));
    } catch (e) {
      this.failure = e instanceof RerecordError ? e : new RerecordError('malformed', String(e));
    }
  }

  private errorPayloadMessageOrText(data: string): string {
    const read = readProviderJson(data);
    return (read.ok ? errorPayloadMessage(read.value) : undefined) ?? preview(data, this.redact);
  }

  private onError(error: ParseError): void {
    if (this.done || this.failure) return;
    if (error.type === 'max-buffer-size-exceeded') {
      this.failure = this.budget.tooManyChars();
      return;
    }
    // A line that is no SSE field at all means this is not the event stream it claims to be.
    const detail = error.type === 'unknown-field' ? `a line that is not an event field: ${preview(error.line ?? error.field ?? '', this.redact)}` : error.message;
    this.failure = new RerecordError('malformed', `malformed event stream (${detail})`);
  }

  /**
   * Whether `text` holds a character of a line that is neither a comment (`:` first) nor blank, and
   * where it leaves off. Only line breaks are searched for, and once the answer is yes, only the last one.
   */
  private active(text: string): boolean {
    let active = false;
    let i = 0;
    while (i < text.length) {
      if (this.line === 'start') {
        const c = text.charCodeAt(i);
        if (c === 0x0a || c === 0x0d) {
          i++;
          continue;
        }
        this.line = c === 0x3a ? 'comment' : 'other';
      }
      if (this.line === 'other' && !active) {
        active = true;
        // From here on only how the text ends matters: the line after its last line break.
        const last = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
        if (last < i) return true;
        this.line = 'start';
        i = last + 1;
        continue;
      }
      LINE_BREAK.lastIndex = i;
      const lineBreak = LINE_BREAK.exec(text);
      if (!lineBreak) return active;
      this.line = 'start';
      i = lineBreak.index + 1;
    }
    return active;
  }

  feed(text: string): PyJson[] {
    this.lastFeedActive = this.active(text);
    if (!this.done) this.parser.feed(text);
    if (this.failure) throw this.failure;
    const out = this.ready;
    this.ready = [];
    return out;
  }

  end(): PyJson[] {
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

export class NdjsonDecoder implements PayloadDecoder {
  private readonly budget: PayloadBudget;
  private readonly redact: (text: string) => string;
  /** The start of a line that has not ended yet, in the pieces it came in. */
  private pending: string[] = [];
  private pendingLength = 0;
  private lines = 0;
  private last: PyJson | undefined;
  /** Characters searched for line breaks, over all feeds: each character once. */
  charsScanned = 0;
  lastFeedActive = false;

  constructor(options: DecoderOptions = {}) {
    this.budget = options.budget ?? new PayloadBudget();
    this.redact = options.redact ?? identity;
  }

  private take(line: string): PyJson[] {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return [];
    this.lines++;
    if (this.last !== undefined && isPyTrue(pyGet(this.last, 'done'))) {
      throw new RerecordError('malformed', `line ${this.lines} came after the final (done) line`);
    }
    this.budget.admit(text.length);
    const payload = parsePayload(text, `line ${this.lines}`, this.redact);
    this.last = payload;
    return [payload];
  }

  /** The pending start of a line joined with its end. */
  private lineEndingWith(end: string): string {
    if (this.pending.length === 0) return end;
    this.pending.push(end);
    const line = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    return line;
  }

  feed(text: string): PyJson[] {
    this.lastFeedActive = text.trim() !== '';
    const out: PyJson[] = [];
    // Only the new text is searched: a long line arriving in many pieces is not searched again each time.
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.charsScanned += newline + 1 - start;
      out.push(...this.take(this.lineEndingWith(text.slice(start, newline))));
      start = newline + 1;
    }
    this.charsScanned += text.length - start;
    if (start < text.length) {
      this.pending.push(text.slice(start));
      this.pendingLength += text.length - start;
      // A line that can never be admitted is refused now, before the rest of it is held.
      this.budget.expect(this.pendingLength);
    }
    return out;
  }

  end(): PyJson[] {
    const out = this.take(this.lineEndingWith(''));
    if (this.last === undefined || !isPyTrue(pyGet(this.last, 'done'))) throw new RerecordError('incomplete', 'the stream ended before its final line (done: true)');
    return out;
  }
}

export class JsonDocumentDecoder implements PayloadDecoder {
  private readonly budget: PayloadBudget;
  private readonly redact: (text: string) => string;
  private readonly parts: string[] = [];
  private length = 0;
  lastFeedActive = false;

  constructor(options: DecoderOptions = {}) {
    this.budget = options.budget ?? new PayloadBudget();
    this.redact = options.redact ?? identity;
  }

  feed(text: string): PyJson[] {
    this.lastFeedActive = text.trim() !== '';
    this.parts.push(text);
    this.length += text.length;
    this.budget.expect(this.length);
    return [];
  }

  end(): PyJson[] {
    const text = this.parts.join('');
    if (text.trim() === '') throw new RerecordError('incomplete', 'the provider answered with an empty body');
    this.budget.admit(text.length);
    return [parsePayload(text, 'the answer', this.redact)];
  }
}
