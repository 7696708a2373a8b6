// Re-records one fixture: sends the recorded request to the chosen provider, reads the answer as it
// streams, and returns the fixture text with only its `response` rewritten. Nothing is written here:
// the caller (CLI: atomic rename; editor: one WorkspaceEdit) writes only after this succeeded, so any
// failure leaves the fixture as it was. Every error leaves through the Redactor.
import { pyEncodeString } from '../ogx/pythonJsonDump';
import type { PyJson } from '../ogx/pythonJsonValue';
import { Redactor, RerecordError } from './errors';
import { KeyWatch } from './keyInAnswer';
import { DEFAULT_PAYLOAD_LIMITS, PayloadBudget, decoderFor, type PayloadLimits } from './payloadDecoders';
import { planRerecord, type RerecordPlan } from './plan';
import { progressTextOf } from './progressText';
import { errorBodyMessage } from './providerErrors';
import { displayUrl, requestUrl } from './requestUrl';
import { ResponseWriter, applyTextEdit, type TextEdit } from './responseRewrite';
import type { HttpResponse, HttpTransport } from './transport';

export interface RerecordOptions {
  /** Where to send the request: the recorded endpoint is appended to it. Never taken from the fixture. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  readonly apiKey?: string | undefined;
  readonly transport: HttpTransport;
  /** Give up when the provider sends nothing but keep-alives for this long, connecting included. */
  readonly timeoutMs: number;
  /** Give up when the whole re-record takes longer than this, however steadily the provider sends (default 10 minutes). */
  readonly deadlineMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: RerecordProgress) => void) | undefined;
  /** Refuse answers larger than this many bytes (default 256 MiB). */
  readonly maxResponseBytes?: number | undefined;
  /** Refuse answers of more items than this (default DEFAULT_PAYLOAD_LIMITS). */
  readonly maxItems?: number | undefined;
  /** Refuse answers whose items' JSON texts hold more characters than this (default DEFAULT_PAYLOAD_LIMITS). */
  readonly maxTextChars?: number | undefined;
}

export interface RerecordProgress {
  /** Items received so far. */
  readonly items: number;
  /** The answer's text so far. */
  readonly text: string;
}

export interface RerecordOutcome {
  /** The whole fixture text with the new response. */
  readonly text: string;
  /** The same change as one edit of the original text. */
  readonly edit: TextEdit;
  readonly items: number;
  /** Where the request went, fit to show. */
  readonly url: string;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const ERROR_BODY_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_DEADLINE_MS = 600_000;
/** The longest delay a Node timer holds: longer ones fire at once (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2_147_483_647;

export async function rerecordFixture(text: string, options: RerecordOptions): Promise<RerecordOutcome> {
  let plan: RerecordPlan;
  try {
    plan = planRerecord(text);
  } catch (e) {
    throw e instanceof RerecordError ? new Redactor(options.apiKey).error(e) : e;
  }
  return executeRerecord(text, plan, options);
}

export async function executeRerecord(text: string, plan: RerecordPlan, options: RerecordOptions): Promise<RerecordOutcome> {
  const redactor = new Redactor(options.apiKey);
  try {
    return await run(text, plan, options, redactor);
  } catch (e) {
    throw redactor.error(e instanceof RerecordError ? e : new RerecordError('connection', describeFailure(e)));
  }
}

/** Whether a delay fits a Node timer: a whole number of milliseconds from 1 to MAX_TIMER_MS. */
export function isTimerDelay(ms: number): boolean {
  return Number.isInteger(ms) && ms >= 1 && ms <= MAX_TIMER_MS;
}

function checkDelay(ms: number, what: string): void {
  if (!isTimerDelay(ms)) throw new RerecordError('usage', `the ${what} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, not ${ms}`);
}

function checkApiKey(key: string): void {
  // Printable ASCII only: anything else cannot go in a header, and Node's error would not say why.
  if (!/^[\x21-\x7e]+$/.test(key)) throw new RerecordError('usage', 'the API key contains characters that cannot be sent in an HTTP header');
}

/** The idle timer and the deadline of one re-record; either aborts the request through `controller`. */
class Timers {
  private idle: ReturnType<typeof setTimeout> | undefined;
  private readonly deadline: ReturnType<typeof setTimeout>;
  /** Which timer fired, if one did. */
  fired: 'idle' | 'deadline' | undefined;
  /** Keep-alives arrived since the idle timer was last armed. */
  keepAlives = false;

  constructor(
    private readonly controller: AbortController,
    private readonly idleMs: number,
    deadlineMs: number,
  ) {
    this.deadline = setTimeout(() => this.fire('deadline'), deadlineMs);
    this.arm();
  }

  private fire(which: 'idle' | 'deadline'): void {
    this.fired ??= which;
    this.controller.abort();
  }

  /** Something other than keep-alives arrived: the idle period starts again. */
  arm(): void {
    if (this.idle !== undefined) clearTimeout(this.idle);
    this.keepAlives = false;
    this.idle = setTimeout(() => this.fire('idle'), this.idleMs);
  }

  clear(): void {
    if (this.idle !== undefined) clearTimeout(this.idle);
    clearTimeout(this.deadline);
  }
}

async function run(text: string, plan: RerecordPlan, options: RerecordOptions, redactor: Redactor): Promise<RerecordOutcome> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  checkDelay(options.timeoutMs, 'timeout');
  checkDelay(deadlineMs, 'deadline');
  const url = requestUrl(options.baseUrl, plan.endpoint);
  const shown = displayUrl(url);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: plan.wire === 'sse' ? 'text/event-stream' : plan.wire === 'ndjson' ? 'application/x-ndjson' : 'application/json',
    'user-agent': 'fixture-lens',
  };
  if (options.apiKey !== undefined && options.apiKey !== '') {
    checkApiKey(options.apiKey);
    headers['authorization'] = `Bearer ${options.apiKey}`;
  }
  if (options.signal?.aborted) throw new RerecordError('cancelled', 'cancelled before anything was sent');

  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  const timers = new Timers(controller, options.timeoutMs, deadlineMs);

  try {
    const response = await options.transport.send({ url, method: 'POST', headers, body: new TextEncoder().encode(plan.requestBody) }, controller.signal);
    timers.arm();
    await checkStatus(response, url, timers, redactor);
    const writer = new ResponseWriter(plan);
    const key = options.apiKey || undefined;
    const keyCheck = key === undefined ? undefined : new KeyCheck(key);
    await readPayloads(plan, response, options, timers, redactor, (payload) => {
      // Checked as each item arrives, so an answer that holds the key is dropped without reading the rest.
      const written = writer.add(payload);
      keyCheck?.check(payload, written);
    });
    const edit = writer.edit();
    keyCheck?.check(undefined, edit.newText);
    return { text: applyTextEdit(text, edit), edit, items: writer.count, url: shown };
  } catch (e) {
    if (timers.fired === 'deadline') throw new RerecordError('timeout', `timed out: ${shown} did not finish within ${deadlineMs} ms`, { cause: e });
    if (timers.fired === 'idle') throw new RerecordError('timeout', `timed out: ${shown} sent nothing${timers.keepAlives ? ' but keep-alives' : ''} for ${options.timeoutMs} ms`, { cause: e });
    if (options.signal?.aborted) throw new RerecordError('cancelled', 'cancelled', { cause: e });
    if (e instanceof RerecordError) throw e;
    throw new RerecordError('connection', `${describeFailure(e)} (${shown})`, { cause: e });
  } finally {
    timers.clear();
    options.signal?.removeEventListener('abort', cancel);
    // Releases the connection whatever happened (a no-op once the answer was read to its end).
    controller.abort();
  }
}

/** Refuses an answer that holds the key: in an item's written text (raw or as JSON escapes it), or joined across items. */
class KeyCheck {
  private readonly escaped: string;
  private readonly joined: KeyWatch;

  constructor(private readonly key: string) {
    this.escaped = pyEncodeString(key, true).slice(1, -1);
    this.joined = new KeyWatch(key);
  }

  check(payload: PyJson | undefined, written: string): void {
    if (written.includes(this.key) || written.includes(this.escaped) || (payload !== undefined && this.joined.see(payload))) {
      throw new RerecordError('key-in-response', "the provider's answer contains the API key, so it was not written");
    }
  }
}

async function checkStatus(response: HttpResponse, url: URL, timers: Timers, redactor: Redactor): Promise<void> {
  const { status } = response;
  const shown = displayUrl(url);
  if (status >= 300 && status < 400) {
    throw new RerecordError('redirect', `${shown} answered HTTP ${status}, a redirect${redirectTarget(response, url)}; redirects are not followed, so nothing was sent there`);
  }
  if (status < 200 || status >= 300) {
    // Redacted before errorBodyMessage cuts it, so that no cut keeps a part of the key.
    const message = errorBodyMessage(redactor.redact(await readSome(response, ERROR_BODY_BYTES, timers)));
    throw new RerecordError('http', `HTTP ${status} from ${shown}${message ? `: ${message}` : ''}`);
  }
}

function redirectTarget(response: HttpResponse, url: URL): string {
  const location = response.headers['location'];
  if (!location) return '';
  try {
    return ` to ${displayUrl(new URL(location, url))}`;
  } catch {
    return '';
  }
}

/** Up to `limit` bytes of the body as text; an error while reading only shortens it. */
async function readSome(response: HttpResponse, limit: number, timers: Timers): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    for await (const chunk of response.body) {
      timers.arm();
      text += decoder.decode(chunk, { stream: true });
      size += chunk.byteLength;
      if (size >= limit) break;
    }
  } catch {
    // The status already says what went wrong.
  }
  return text;
}

/** Reads the answer's payloads into `sink`, one by one, and returns how many there were. */
async function readPayloads(plan: RerecordPlan, response: HttpResponse, options: RerecordOptions, timers: Timers, redactor: Redactor, sink: (payload: PyJson) => void): Promise<number> {
  const contentType = response.headers['content-type'] ?? '';
  if (plan.wire === 'sse' && contentType !== '' && !contentType.toLowerCase().includes('text/event-stream')) {
    throw new RerecordError('malformed', `expected an event stream (text/event-stream), got ${contentType.split(';')[0]}`);
  }
  const limits: PayloadLimits = { maxItems: options.maxItems ?? DEFAULT_PAYLOAD_LIMITS.maxItems, maxTextChars: options.maxTextChars ?? DEFAULT_PAYLOAD_LIMITS.maxTextChars };
  const decoder = decoderFor(plan.wire, { budget: new PayloadBudget(limits), redact: (t) => redactor.redact(t) });
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const max = options.maxResponseBytes ?? DEFAULT_MAX_BYTES;
  let items = 0;
  let text = '';
  let size = 0;
  const take = (batch: readonly PyJson[]): void => {
    if (batch.length === 0) return;
    for (const payload of batch) {
      sink(payload);
      items++;
      if (options.onProgress) text += progressTextOf(payload);
    }
    options.onProgress?.({ items, text });
  };
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes ? utf8.decode(bytes, { stream: true }) : utf8.decode();
    } catch {
      throw new RerecordError('malformed', 'the answer is not valid UTF-8');
    }
  };
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > max) throw new RerecordError('too-large', `the answer is larger than ${max} bytes`);
    const batch = decoder.feed(decode(chunk));
    // Keep-alives (SSE comments) prove only that the connection is open, not that the answer moves on.
    if (decoder.lastFeedActive || batch.length > 0) timers.arm();
    else timers.keepAlives = true;
    take(batch);
  }
  take(decoder.feed(decode()));
  take(decoder.end());
  if (!plan.streaming && items !== 1) throw new RerecordError('malformed', `expected one answer, got ${items}`);
  if (plan.streaming && items === 0) throw new RerecordError('incomplete', 'the stream held no items');
  return items;
}

/** A transport failure in a few words: connection refused, reset, host not found, TLS. */
function describeFailure(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return 'the connection was closed before the answer was complete';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    default:
      return message === 'aborted' ? 'the connection was closed before the answer was complete' : message;
  }
}
