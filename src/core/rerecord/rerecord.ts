// Re-records one fixture: sends the recorded request to the chosen provider, reads the answer as it
// streams, and returns the fixture text with only its `response` rewritten. Nothing is written here:
// the caller (CLI: atomic rename; editor: one WorkspaceEdit) writes only after this succeeded, so any
// failure leaves the fixture as it was. Every error leaves through the Redactor.
import { Redactor, RerecordError } from './errors';
import type { JsonValue } from './jsonValue';
import { decoderFor } from './payloadDecoders';
import { planRerecord, type RerecordPlan } from './plan';
import { progressTextOf } from './progressText';
import { errorBodyMessage } from './providerErrors';
import { pythonString } from './pythonJson';
import { displayUrl, requestUrl } from './requestUrl';
import { applyTextEdit, newResponseValue, responseEdit, type TextEdit } from './responseRewrite';
import type { HttpResponse, HttpTransport } from './transport';

export interface RerecordOptions {
  /** Where to send the request: the recorded endpoint is appended to it. Never taken from the fixture. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  readonly apiKey?: string | undefined;
  readonly transport: HttpTransport;
  /** Give up when the provider sends nothing for this long, connecting included. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: RerecordProgress) => void) | undefined;
  /** Refuse answers larger than this many bytes (default 256 MiB). */
  readonly maxResponseBytes?: number | undefined;
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
    return await run(text, plan, options);
  } catch (e) {
    throw redactor.error(e instanceof RerecordError ? e : new RerecordError('connection', describeFailure(e)));
  }
}

function checkApiKey(key: string): void {
  // Printable ASCII only: anything else cannot go in a header, and Node's error would not say why.
  if (!/^[\x21-\x7e]+$/.test(key)) throw new RerecordError('usage', 'the API key contains characters that cannot be sent in an HTTP header');
}

async function run(text: string, plan: RerecordPlan, options: RerecordOptions): Promise<RerecordOutcome> {
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
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
  };
  const cancel = (): void => controller.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });

  try {
    arm();
    const response = await options.transport.send({ url, method: 'POST', headers, body: new TextEncoder().encode(plan.requestBody) }, controller.signal);
    arm();
    await checkStatus(response, url, arm);
    const payloads = await readPayloads(plan, response, options, arm);
    const newResponse = newResponseValue(plan, payloads);
    const edit = responseEdit(plan, newResponse);
    const key = options.apiKey;
    if (key && (edit.newText.includes(key) || edit.newText.includes(pythonString(key, true).slice(1, -1)))) {
      throw new RerecordError('key-in-response', "the provider's answer contains the API key, so it was not written");
    }
    return { text: applyTextEdit(text, edit), edit, items: payloads.length, url: shown };
  } catch (e) {
    if (timedOut) throw new RerecordError('timeout', `timed out: ${shown} sent nothing for ${options.timeoutMs} ms`, { cause: e });
    if (options.signal?.aborted) throw new RerecordError('cancelled', 'cancelled', { cause: e });
    if (e instanceof RerecordError) throw e;
    throw new RerecordError('connection', `${describeFailure(e)} (${shown})`, { cause: e });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
    // Releases the connection whatever happened (a no-op once the answer was read to its end).
    controller.abort();
  }
}

async function checkStatus(response: HttpResponse, url: URL, arm: () => void): Promise<void> {
  const { status } = response;
  const shown = displayUrl(url);
  if (status >= 300 && status < 400) {
    throw new RerecordError('redirect', `${shown} answered HTTP ${status}, a redirect${redirectTarget(response, url)}; redirects are not followed, so nothing was sent there`);
  }
  if (status < 200 || status >= 300) {
    const message = errorBodyMessage(await readSome(response, ERROR_BODY_BYTES, arm));
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
async function readSome(response: HttpResponse, limit: number, arm: () => void): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    for await (const chunk of response.body) {
      arm();
      text += decoder.decode(chunk, { stream: true });
      size += chunk.byteLength;
      if (size >= limit) break;
    }
  } catch {
    // The status already says what went wrong.
  }
  return text;
}

async function readPayloads(plan: RerecordPlan, response: HttpResponse, options: RerecordOptions, arm: () => void): Promise<JsonValue[]> {
  const contentType = response.headers['content-type'] ?? '';
  if (plan.wire === 'sse' && contentType !== '' && !contentType.toLowerCase().includes('text/event-stream')) {
    throw new RerecordError('malformed', `expected an event stream (text/event-stream), got ${contentType.split(';')[0]}`);
  }
  const decoder = decoderFor(plan.wire);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const max = options.maxResponseBytes ?? DEFAULT_MAX_BYTES;
  const payloads: JsonValue[] = [];
  let text = '';
  let size = 0;
  const take = (batch: JsonValue[]): void => {
    if (batch.length === 0) return;
    payloads.push(...batch);
    for (const payload of batch) text += progressTextOf(payload);
    options.onProgress?.({ items: payloads.length, text });
  };
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes ? utf8.decode(bytes, { stream: true }) : utf8.decode();
    } catch {
      throw new RerecordError('malformed', 'the answer is not valid UTF-8');
    }
  };
  for await (const chunk of response.body) {
    arm();
    size += chunk.byteLength;
    if (size > max) throw new RerecordError('too-large', `the answer is larger than ${max} bytes`);
    take(decoder.feed(decode(chunk)));
  }
  take(decoder.feed(decode()));
  take(decoder.end());
  if (!plan.streaming && payloads.length !== 1) throw new RerecordError('malformed', `expected one answer, got ${payloads.length}`);
  if (plan.streaming && payloads.length === 0) throw new RerecordError('incomplete', 'the stream held no items');
  return payloads;
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
