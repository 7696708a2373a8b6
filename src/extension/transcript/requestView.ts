// The recorded request as a transcript: its messages in order (see requestMessages.ts), tool definitions and the
// remaining parameters. Reads untrusted JSON without assuming a shape.
import type { JsonPath } from '../../core';
import { asArray, asRecord, asString, type JsonRecord } from '../../core/values';
import type { MessageView, ParameterView, RequestView, ToolDefinitionView } from '../../shared/protocol';
import { bodyMessages, type DraftMessage } from './requestMessages';
import { prettyJson, shortValue } from './textBlock';
import { toolCallView } from './toolCallView';

/** Request keys shown as the messages or tools, so they are not repeated among the parameters. */
const CONVERSATION_KEYS = new Set(['messages', 'tools', 'functions', 'prompt', 'contents', 'input', 'system', 'system_instruction', 'systemInstruction', 'instructions', 'preamble', 'toolConfig']);
/** Envelope keys shown elsewhere (the body) or never useful (OGX keeps no headers). */
const ENVELOPE_SKIP = new Set(['body', 'payload', 'headers', 'kwargs']);

export interface RequestOptions {
  /** Embeddings requests: their `input` is labelled as input. */
  readonly embeddings: boolean;
  /** Numbers each message and records where it came from (`path` from the body, undefined for the call of a tool invocation). */
  readonly number: (message: DraftMessage) => number;
}

export interface RequestRead {
  readonly view: RequestView;
  /** One canonical key per message (its JSON), to find the messages that earlier requests of a run already sent. */
  readonly keys: readonly string[];
}

/** The body of a request envelope, and its key (`body` for cassettes and OGX SDK calls, `payload` for OGX raw HTTP). */
export function requestBody(request: JsonRecord | undefined): { body: JsonRecord | undefined; key: 'body' | 'payload' } {
  const body = asRecord(request?.['body']);
  if (body) return { body, key: 'body' };
  return { body: asRecord(request?.['payload']), key: 'payload' };
}

export function requestView(request: JsonRecord | undefined, options: RequestOptions): RequestRead {
  if (!request) return { view: { envelope: [], parameters: [], messages: [], tools: [] }, keys: [] };
  const { body } = requestBody(request);
  const envelope: ParameterView[] = Object.entries(request)
    .filter(([k, v]) => !ENVELOPE_SKIP.has(k) && v !== null && v !== undefined)
    .map(([name, v]) => ({ name, value: shortValue(v) }));
  const drafts: DraftMessage[] = [];
  const toolName = asString(request['tool_name']);
  if (toolName !== undefined) {
    // A tool-invocation recording: the request is the call itself.
    const kwargs = request['kwargs'] ?? {};
    drafts.push({ view: { role: 'assistant', name: null, toolCallId: null, toolName: null, raw: false, parts: [], toolCalls: [toolCallView(null, toolName, kwargs)] }, path: ['kwargs'], value: kwargs });
  }
  if (body) drafts.push(...bodyMessages(body, { embeddings: options.embeddings }));
  const messages: MessageView[] = drafts.map((d) => ({ id: options.number(d), ...d.view }));
  const keys = drafts.map((d) => keyOf(d.value));
  const params = body ? parameters(body) : [];
  // The envelope repeats the body's model; show it once.
  const repeated = (p: ParameterView): boolean => params.some((q) => q.name === p.name && q.value === p.value);
  return { view: { envelope: envelope.filter((p) => !repeated(p)), parameters: params, messages, tools: body ? toolDefinitions(body) : [] }, keys };
}

let unkeyed = 0;

function keyOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    // Only a value nested past the stack gets here: it matches no other message, so it is shown.
    return `\u0000unkeyed ${++unkeyed}`;
  }
}

/** The path of a message from the request envelope, given its path from the body. */
export function messagePath(request: JsonRecord | undefined, path: JsonPath | undefined): JsonPath | undefined {
  if (!path) return undefined;
  if (path[0] === 'kwargs') return path;
  return [requestBody(request).key, ...path];
}

function toolDefinitions(body: JsonRecord): ToolDefinitionView[] {
  const config = asRecord(body['config']);
  const bedrockTools = asArray(asRecord(body['toolConfig'])?.['tools']);
  const list = asArray(body['tools']) ?? asArray(config?.['tools']) ?? bedrockTools ?? asArray(body['functions']) ?? [];
  const out: ToolDefinitionView[] = [];
  const define = (name: string, description: unknown, params: unknown): void => {
    out.push({ name, description: asString(description) ?? null, parameters: params === undefined || params === null ? null : prettyJson(params) });
  };
  for (const raw of list) {
    const t = asRecord(raw);
    if (!t) continue;
    const fn = asRecord(t['function']);
    const spec = asRecord(t['toolSpec']);
    const declarations = asArray(t['function_declarations'] ?? t['functionDeclarations']);
    if (fn) define(asString(fn['name']) ?? '(unnamed)', fn['description'], fn['parameters']);
    else if (spec) define(asString(spec['name']) ?? '(unnamed)', spec['description'], asRecord(spec['inputSchema'])?.['json'] ?? spec['inputSchema']);
    else if (declarations) {
      for (const d of declarations.map(asRecord)) {
        if (d) define(asString(d['name']) ?? '(unnamed)', d['description'], d['parameters'] ?? d['parameters_json_schema'] ?? d['parametersJsonSchema']);
      }
    } else if (typeof t['name'] === 'string') define(t['name'], t['description'], t['input_schema'] ?? t['parameters']);
    else {
      // A built-in tool such as {"type": "web_search"}: its settings are all there is to show.
      const { type, ...settings } = t;
      define(asString(type) ?? '(tool)', null, Object.keys(settings).length > 0 ? settings : undefined);
    }
  }
  return out;
}

function parameters(body: JsonRecord): ParameterView[] {
  const out: ParameterView[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (CONVERSATION_KEYS.has(name)) continue;
    if (name === 'config') {
      // Vertex keeps sampling settings in `config`, beside its tools and system instruction.
      const config = asRecord(value);
      if (config) {
        for (const [k, v] of Object.entries(config)) if (k !== 'tools' && k !== 'system_instruction') out.push({ name: `config.${k}`, value: shortValue(v) });
        continue;
      }
    }
    out.push({ name, value: shortValue(value) });
  }
  return out;
}
