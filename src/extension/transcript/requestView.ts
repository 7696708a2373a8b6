// The recorded request as a transcript: messages in order (OpenAI, Anthropic, Ollama, Gemini/Vertex shapes, plain
// prompts and inputs), tool definitions and the remaining parameters. Reads untrusted JSON without assuming a shape.
import { asArray, asRecord, asString, type JsonRecord } from '../../core/values';
import { IMAGE_DATA_URL, type MessagePart, type MessageView, type ParameterView, type RequestView, type ToolCallView, type ToolDefinitionView } from '../../shared/protocol';
import { jsonLines } from './jsonTree';
import { prettyJson, shortValue, textBlock } from './textBlock';
import { toolCallView } from './toolCallView';

/** Request keys shown as the messages or tools, so they are not repeated among the parameters. */
const CONVERSATION_KEYS = new Set(['messages', 'tools', 'functions', 'prompt', 'contents', 'input', 'system', 'system_instruction']);
/** Envelope keys shown elsewhere (the body) or never useful (headers are always empty). */
const ENVELOPE_SKIP = new Set(['body', 'payload', 'headers', 'kwargs']);

export function requestView(request: JsonRecord | undefined): RequestView {
  if (!request) return { envelope: [], parameters: [], messages: [], tools: [] };
  const body = asRecord(request['body']) ?? asRecord(request['payload']);
  const envelope: ParameterView[] = Object.entries(request)
    .filter(([k, v]) => !ENVELOPE_SKIP.has(k) && v !== null && v !== undefined)
    .map(([name, v]) => ({ name, value: shortValue(v) }));
  const messages: MessageView[] = [];
  const toolName = asString(request['tool_name']);
  if (toolName !== undefined) {
    // A tool-invocation recording: the request is the call itself.
    messages.push(message('assistant', [], [toolCallView(null, toolName, request['kwargs'] ?? {})]));
  }
  if (body) messages.push(...bodyMessages(body));
  const params = body ? parameters(body) : [];
  // The envelope repeats the body's model; show it once.
  const repeated = (p: ParameterView): boolean => params.some((q) => q.name === p.name && q.value === p.value);
  return { envelope: envelope.filter((p) => !repeated(p)), parameters: params, messages, tools: body ? toolDefinitions(body) : [] };
}

function message(role: string, parts: MessagePart[], toolCalls: ToolCallView[] = [], extra: { name?: string | null; toolCallId?: string | null } = {}): MessageView {
  return { role, name: extra.name ?? null, toolCallId: extra.toolCallId ?? null, parts, toolCalls };
}

function textPart(text: string): MessagePart {
  return { kind: 'text', text: textBlock(text) };
}

function jsonPart(label: string, value: unknown): MessagePart {
  return { kind: 'json', label, lines: jsonLines(value) };
}

function bodyMessages(body: JsonRecord): MessageView[] {
  const out: MessageView[] = [];
  const config = asRecord(body['config']);
  const system = body['system'] ?? body['system_instruction'] ?? config?.['system_instruction'];
  if (system !== undefined && system !== null) {
    const asContent = asRecord(system);
    out.push(asContent && asArray(asContent['parts']) ? { ...vertexContent(asContent), role: 'system' } : message('system', contentParts(system).parts));
  }
  for (const m of asArray(body['messages']) ?? []) out.push(chatMessage(m));
  const contents = body['contents'];
  if (typeof contents === 'string') out.push(message('user', [textPart(contents)]));
  else for (const c of asArray(contents) ?? []) out.push(vertexContent(c));
  out.push(...promptMessages('prompt', body['prompt']));
  out.push(...promptMessages('input', body['input']));
  return out;
}

/** `prompt` / `input`: a string, a list of strings, or (Responses API) a list of message items. */
function promptMessages(key: string, value: unknown): MessageView[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [message('user', [textPart(value)], [], { name: key })];
  const list = asArray(value);
  if (!list) return [message('user', [jsonPart(key, value)], [], { name: key })];
  return list.map((entry) => {
    if (typeof entry === 'string') return message('user', [textPart(entry)], [], { name: key });
    const r = asRecord(entry);
    if (r && typeof r['role'] === 'string') return chatMessage(r);
    return message('user', [jsonPart(key, entry)], [], { name: key });
  });
}

function chatMessage(raw: unknown): MessageView {
  const m = asRecord(raw);
  if (!m) return message('unknown', [typeof raw === 'string' ? textPart(raw) : jsonPart('message', raw)]);
  const role = asString(m['role']) ?? 'unknown';
  const { parts, toolCalls, toolCallId } = contentParts(m['content']);
  const reasoning = asString(m['reasoning_content']) ?? asString(m['reasoning']) ?? asString(m['thinking']);
  if (reasoning) parts.unshift({ kind: 'reasoning', text: textBlock(reasoning) });
  for (const image of asArray(m['images']) ?? []) {
    // Ollama sends images as bare base64.
    if (typeof image === 'string') parts.push(imagePart(base64DataUrl(image, undefined)));
  }
  for (const call of asArray(m['tool_calls']) ?? []) toolCalls.push(chatToolCall(call));
  const legacy = asRecord(m['function_call']);
  if (legacy) toolCalls.push(toolCallView(null, asString(legacy['name']) ?? null, legacy['arguments']));
  return message(role, parts, toolCalls, { name: asString(m['name']) ?? null, toolCallId: asString(m['tool_call_id']) ?? toolCallId });
}

function chatToolCall(raw: unknown): ToolCallView {
  const call = asRecord(raw);
  const fn = asRecord(call?.['function']);
  return toolCallView(asString(call?.['id']) ?? null, asString(fn?.['name']) ?? asString(call?.['name']) ?? null, fn?.['arguments'] ?? call?.['arguments'] ?? call?.['input']);
}

interface ContentParts {
  parts: MessagePart[];
  toolCalls: ToolCallView[];
  toolCallId: string | null;
}

/** A message's `content`: a string, null, or a list of typed parts (OpenAI, Anthropic and Responses API part types). */
function contentParts(content: unknown): ContentParts {
  const out: ContentParts = { parts: [], toolCalls: [], toolCallId: null };
  if (content === null || content === undefined) return out;
  if (typeof content === 'string') {
    out.parts.push(textPart(content));
    return out;
  }
  const list = asArray(content);
  if (!list) {
    out.parts.push(jsonPart('content', content));
    return out;
  }
  for (const raw of list) addPart(out, raw);
  return out;
}

function addPart(out: ContentParts, raw: unknown): void {
  if (typeof raw === 'string') {
    out.parts.push(textPart(raw));
    return;
  }
  const p = asRecord(raw);
  const type = asString(p?.['type']);
  if (!p) {
    out.parts.push(jsonPart('part', raw));
    return;
  }
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      out.parts.push(textPart(asString(p['text']) ?? ''));
      return;
    case 'thinking':
      out.parts.push({ kind: 'reasoning', text: textBlock(asString(p['thinking']) ?? '') });
      return;
    case 'image_url':
    case 'input_image': {
      const ref = p['image_url'];
      const url = asString(ref) ?? asString(asRecord(ref)?.['url']);
      out.parts.push(url !== undefined ? imagePart(url) : jsonPart(type, p));
      return;
    }
    case 'image': {
      const source = asRecord(p['source']);
      const data = asString(source?.['data']);
      const url = asString(source?.['url']);
      if (data !== undefined) out.parts.push(imagePart(base64DataUrl(data, asString(source?.['media_type']))));
      else if (url !== undefined) out.parts.push(imagePart(url));
      else out.parts.push(jsonPart(type, p));
      return;
    }
    case 'tool_use':
      out.toolCalls.push(toolCallView(asString(p['id']) ?? null, asString(p['name']) ?? null, p['input']));
      return;
    case 'tool_result': {
      out.toolCallId = asString(p['tool_use_id']) ?? out.toolCallId;
      const inner = contentParts(p['content']);
      out.parts.push(...inner.parts);
      return;
    }
    default:
      out.parts.push(jsonPart(type ?? 'part', p));
  }
}

/** Gemini / Vertex `Content`: a role and parts holding text, thoughts, function calls and inline data. */
function vertexContent(raw: unknown): MessageView {
  const c = asRecord(raw);
  if (!c) return message('user', [typeof raw === 'string' ? textPart(raw) : jsonPart('content', raw)]);
  const role = asString(c['role']) === 'model' ? 'assistant' : (asString(c['role']) ?? 'user');
  const parts: MessagePart[] = [];
  const calls: ToolCallView[] = [];
  for (const rawPart of asArray(c['parts']) ?? []) {
    const p = asRecord(rawPart);
    const text = asString(p?.['text']);
    const call = asRecord(p?.['function_call'] ?? p?.['functionCall']);
    const result = asRecord(p?.['function_response'] ?? p?.['functionResponse']);
    const inline = asRecord(p?.['inline_data'] ?? p?.['inlineData']);
    if (text !== undefined) parts.push(p?.['thought'] === true ? { kind: 'reasoning', text: textBlock(text) } : textPart(text));
    else if (call) calls.push(toolCallView(asString(call['id']) ?? null, asString(call['name']) ?? null, call['args'] ?? {}));
    else if (result) parts.push(jsonPart(`function response${asString(result['name']) ? `: ${asString(result['name'])}` : ''}`, result['response'] ?? result));
    else if (inline && typeof inline['data'] === 'string') parts.push(imagePart(base64DataUrl(inline['data'], asString(inline['mime_type'] ?? inline['mimeType']))));
    else parts.push(jsonPart('part', rawPart));
  }
  return message(role, parts, calls);
}

/** A raster data: URL becomes an inline image; anything else (http, svg, file, …) only a link the user may open outside. */
function imagePart(url: string): MessagePart {
  return IMAGE_DATA_URL.test(url) ? { kind: 'image', dataUrl: url } : { kind: 'remoteImage', url };
}

/** Bare base64 as a data: URL, with the media type given or sniffed from the magic bytes. */
function base64DataUrl(data: string, mediaType: string | undefined): string {
  const sniffed = data.startsWith('iVBOR') ? 'image/png' : data.startsWith('/9j/') ? 'image/jpeg' : data.startsWith('R0lGOD') ? 'image/gif' : data.startsWith('UklGR') ? 'image/webp' : undefined;
  return `data:${mediaType ?? sniffed ?? 'application/octet-stream'};base64,${data}`;
}

function toolDefinitions(body: JsonRecord): ToolDefinitionView[] {
  const config = asRecord(body['config']);
  const list = asArray(body['tools']) ?? asArray(config?.['tools']) ?? asArray(body['functions']) ?? [];
  const out: ToolDefinitionView[] = [];
  const define = (name: string, description: unknown, params: unknown): void => {
    out.push({ name, description: asString(description) ?? null, parameters: params === undefined || params === null ? null : prettyJson(params) });
  };
  for (const raw of list) {
    const t = asRecord(raw);
    if (!t) continue;
    const fn = asRecord(t['function']);
    const declarations = asArray(t['function_declarations'] ?? t['functionDeclarations']);
    if (fn) define(asString(fn['name']) ?? '(unnamed)', fn['description'], fn['parameters']);
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
