// A recorded HTTP exchange as the dialect readers need it: its dialect told from the request, each
// stream event made into a reader's item, and the provider's error of a failed call.
import type { DialectId } from '../dialect';
import { asRecord, asString, type JsonRecord } from '../values';
import type { ErrorInfo } from './types';

export interface RequestFacts {
  readonly method: string;
  readonly url: string;
  readonly requestBody: unknown;
  /** True when the response body is a stream of events (SSE, NDJSON, a JSON array of chunks, eventstream frames). */
  readonly streamed: boolean;
  /** The parsed response body when it is not a stream. */
  readonly json: unknown;
}

interface UrlParts {
  readonly host: string;
  /** Lower case, not percent-decoded (a decoded `%2F` in a Bedrock model ARN would read as a new segment), no trailing `/`. */
  readonly path: string;
}

/** Host and path of an absolute URL, a bare path, or a recorder's placeholder base (`<OLLAMA_API_BASE>/chat/completions`). */
function urlParts(url: string): UrlParts {
  let rest = url.trim();
  let host = '';
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme || !rest.startsWith('/')) {
    if (scheme) rest = rest.slice(scheme[0].length);
    const end = rest.search(/[/?#]/);
    const authority = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? '' : rest.slice(end);
    host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '').toLowerCase();
  }
  const stop = rest.search(/[?#]/);
  const path = (stop === -1 ? rest : rest.slice(0, stop)).toLowerCase().replace(/\/+$/, '');
  return { host, path };
}

/** The `-stream` (or Anthropic's `-sse`) id when the response is a stream. */
function shaped(streamed: boolean, whole: DialectId, stream: DialectId): DialectId {
  return streamed ? stream : whole;
}

/**
 * The dialect of a recorded exchange, from its method and URL path (the host only matters for Gemini's
 * model list); `-stream` follows the response's shape, not the request's `stream` flag. A failed call
 * (status >= 400) keeps its path's dialect: the error is read from the body. Paths of no reader
 * (Bedrock `invoke`, Vertex `rawPredict`, Cohere v1, OAuth, telemetry, downloads) are 'http'.
 */
export function dialectOfRequest(input: RequestFacts): DialectId {
  const method = input.method.toUpperCase();
  const { host, path } = urlParts(input.url);
  const streamed = input.streamed;
  if (method === 'GET') {
    // A retrieved (background) response is a Response object, or its event stream with `?stream=true`.
    if (/\/responses\/[^/]+$/.test(path)) return shaped(streamed, 'openai-responses', 'openai-responses-stream');
    if (/(^|\/)api\/(tags|ps)$/.test(path)) return 'ollama-list';
    if (path.endsWith('/models') && !host.endsWith('googleapis.com')) return 'openai-models';
    return 'http';
  }
  if (method !== 'POST') return 'http';
  // Bedrock runtime: the model id is one segment, its `:` often written `%3A`.
  if (/\/model\/[^/]+\/converse(-stream)?$/.test(path)) return shaped(streamed, 'bedrock-converse', 'bedrock-converse-stream');
  // Gemini API and Vertex AI (`…/publishers/google/models/M:…`); a streamGenerateContent without `alt=sse` answers a JSON array.
  if (/(:|%3a)streamgeneratecontent$/.test(path)) return shaped(streamed || Array.isArray(input.json), 'gemini-generate-content', 'gemini-generate-content-stream');
  if (/(:|%3a)generatecontent$/.test(path)) return shaped(streamed, 'gemini-generate-content', 'gemini-generate-content-stream');
  if (path.endsWith('/chat/completions')) return shaped(streamed, 'openai-chat', 'openai-chat-stream');
  if (/\/responses(\/[^/]+\/cancel)?$/.test(path)) return shaped(streamed, 'openai-responses', 'openai-responses-stream');
  if (path.endsWith('/v1/messages')) return shaped(streamed, 'anthropic-messages', 'anthropic-messages-sse');
  if (path.endsWith('/v2/chat')) return shaped(streamed, 'cohere-chat', 'cohere-chat-stream');
  // Ollama's native API; checked before `/embeddings`, which its old `/api/embeddings` also ends with.
  if (/(^|\/)api\/chat$/.test(path)) return shaped(streamed, 'ollama-chat', 'ollama-chat-stream');
  if (/(^|\/)api\/generate$/.test(path)) return shaped(streamed, 'ollama-generate', 'ollama-generate-stream');
  if (/(^|\/)api\/embed(dings)?$/.test(path)) return 'ollama-embed';
  if (/(^|\/)api\/show$/.test(path)) return 'ollama-list';
  if (path.endsWith('/embeddings')) return 'openai-embeddings';
  if (path.endsWith('/completions')) return shaped(streamed, 'openai-completion', 'openai-completion-stream');
  return 'http';
}

/**
 * What a reader expects of one stream event. Bedrock's eventstream frames carry their event type only in
 * a header (`:event-type`), so such a payload is wrapped as `{ [eventType]: payload }`. Payloads that say
 * what they are (`type`, OpenAI's `choices`, Gemini's `candidates`, an `error`) stay as they are, as
 * does any payload of SSE's default event name `message`, or one already wrapped.
 */
export function cassetteItem(payload: unknown, eventName: string | undefined): unknown {
  const r = asRecord(payload);
  if (!r || eventName === undefined || eventName === '' || eventName === 'message') return payload;
  if ('type' in r || 'choices' in r || 'candidates' in r || 'error' in r) return payload;
  if (eventName in r && Object.keys(r).length === 1) return payload;
  return { [eventName]: payload };
}

/** An AWS error type comes as `namespace#Name` in `__type`; the SDKs show the name. */
function awsType(t: string | undefined): string | undefined {
  return t === undefined ? undefined : t.slice(t.lastIndexOf('#') + 1);
}

function providerError(r: JsonRecord): { type: string | null; message: string | null } | undefined {
  const err = r['error'];
  const e = asRecord(err);
  // OpenAI, Anthropic, Mistral's nested form; Gemini names its kind in `status` (its `code` is the HTTP status).
  if (e) return { type: asString(e['type']) ?? asString(e['status']) ?? asString(e['code']) ?? null, message: asString(e['message']) ?? null };
  // Ollama and some proxies: `{"error": "model 'x' not found"}`.
  if (typeof err === 'string') return { type: asString(r['type']) ?? null, message: err };
  const message = asString(r['message']) ?? asString(r['Message']) ?? asString(r['detail']);
  const type = awsType(asString(r['__type'])) ?? asString(r['type']) ?? asString(r['code']);
  if (message === undefined && type === undefined) return undefined;
  return { type: type ?? null, message: message ?? null };
}

/**
 * The error of an exchange whose HTTP status is >= 400, from the provider's error body: `error.type` /
 * `error.message` (Gemini `error.status`), Bedrock's `message` and `__type`, Ollama's `error` string.
 * A body of no known shape gives its text as the message.
 */
export function httpErrorOf(status: number, json: unknown, text: string | undefined): ErrorInfo {
  // Gemini's streamGenerateContent reports an error as a one-element JSON array.
  const root = Array.isArray(json) ? (json[0] as unknown) : json;
  const r = asRecord(root);
  const found = r ? providerError(r) : undefined;
  if (found) return { type: found.type, message: found.message, statusCode: status };
  const trimmed = text?.trim();
  return { type: null, message: trimmed !== undefined && trimmed !== '' ? trimmed : jsonText(json), statusCode: status };
}

function jsonText(json: unknown): string | null {
  if (json === undefined) return null;
  try {
    return JSON.stringify(json) ?? null;
  } catch {
    // Nesting deeper than the stack allows: no message rather than an exception.
    return null;
  }
}
