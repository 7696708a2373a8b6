// The messages of a recorded request body in order, whatever API it was written for: Chat Completions, Responses
// (`instructions`, `input` items), Anthropic Messages (`system`, blocks), Gemini (`systemInstruction`, `contents`),
// Bedrock Converse, Cohere v2, Ollama and plain prompts. Each message keeps its place in the body and its JSON.
import type { JsonPath } from '../../core';
import { asArray, asRecord, asString, type JsonRecord } from '../../core/values';
import type { MessagePart, MessageView, ToolCallView } from '../../shared/protocol';
import { base64DataUrl, contentParts, imagePart, jsonPart, resultParts, textPart } from './messageParts';
import { textBlock } from './textBlock';
import { toolCallView } from './toolCallView';

/** A message before it is numbered: where it is in the body (`path` from the body) and the JSON it was read from. */
export interface DraftMessage {
  readonly view: Omit<MessageView, 'id'>;
  readonly path: JsonPath | undefined;
  readonly value: unknown;
}

interface Draft {
  role: string;
  name?: string | null;
  toolCallId?: string | null;
  toolName?: string | null;
  raw?: boolean;
  parts: readonly MessagePart[];
  toolCalls?: readonly ToolCallView[];
}

function draft(d: Draft, path: JsonPath | undefined, value: unknown): DraftMessage {
  return {
    view: { role: d.role, name: d.name ?? null, toolCallId: d.toolCallId ?? null, toolName: d.toolName ?? null, raw: d.raw ?? false, parts: d.parts, toolCalls: d.toolCalls ?? [] },
    path,
    value,
  };
}

export interface BodyOptions {
  /** Embeddings requests: `input` is what is embedded, not a user's message. */
  readonly embeddings: boolean;
}

export function bodyMessages(body: JsonRecord, options: BodyOptions): DraftMessage[] {
  const out: DraftMessage[] = [];
  const config = asRecord(body['config']);
  for (const [key, value, path] of [
    ['system', body['system'], ['system']],
    ['system_instruction', body['system_instruction'], ['system_instruction']],
    ['systemInstruction', body['systemInstruction'], ['systemInstruction']],
    ['system_instruction', config?.['system_instruction'], ['config', 'system_instruction']],
    ['instructions', body['instructions'], ['instructions']],
    ['preamble', body['preamble'], ['preamble']],
  ] as const) {
    if (value !== undefined && value !== null) out.push(systemMessage(key, value, path));
  }
  (asArray(body['messages']) ?? []).forEach((m, i) => out.push(...chatMessages(m, ['messages', i])));
  const contents = body['contents'];
  if (typeof contents === 'string') out.push(draft({ role: 'user', parts: [textPart(contents)] }, ['contents'], contents));
  else (asArray(contents) ?? []).forEach((c, i) => out.push(...geminiContent(c, ['contents', i])));
  out.push(...promptMessages('prompt', body['prompt'], body['raw'] === true, false));
  out.push(...promptMessages('input', body['input'], false, options.embeddings));
  return resolveToolNames(out);
}

function systemMessage(key: string, value: unknown, path: JsonPath): DraftMessage {
  const asContent = asRecord(value);
  if (asContent && asArray(asContent['parts'])) {
    const content = geminiContent(asContent, path)[0];
    return draft({ role: 'system', parts: content?.view.parts ?? [], ...(key === 'system' ? {} : { name: key }) }, path, value);
  }
  return draft({ role: 'system', parts: contentParts(value).parts, ...(key === 'system' ? {} : { name: key }) }, path, value);
}

/** `prompt` / `input`: a string, a list of strings, or (Responses API) a list of items. */
function promptMessages(key: 'prompt' | 'input', value: unknown, raw: boolean, embeddings: boolean): DraftMessage[] {
  if (value === undefined || value === null) return [];
  const role = embeddings ? 'input' : 'user';
  const name = embeddings ? null : key;
  if (typeof value === 'string') return [draft({ role, name, raw, parts: [textPart(value)] }, [key], value)];
  const list = asArray(value);
  if (!list) return [draft({ role, name, parts: [jsonPart(key, value)] }, [key], value)];
  return list.flatMap((entry, i): DraftMessage[] => {
    const path = [key, i];
    if (typeof entry === 'string') return [draft({ role, name, raw, parts: [textPart(entry)] }, path, entry)];
    const r = asRecord(entry);
    if (r && !embeddings) {
      const item = responsesItem(r, path);
      if (item) return item;
    }
    return [draft({ role, name, parts: [jsonPart(key, entry)] }, path, entry)];
  });
}

/** One Responses API input item: a message, a function call or its output, reasoning. */
function responsesItem(r: JsonRecord, path: JsonPath): DraftMessage[] | undefined {
  const type = asString(r['type']);
  if (typeof r['role'] === 'string' && (type === undefined || type === 'message')) return chatMessages(r, path);
  switch (type) {
    case 'function_call':
    case 'custom_tool_call':
      return [draft({ role: 'assistant', parts: [], toolCalls: [toolCallView(asString(r['call_id']) ?? asString(r['id']) ?? null, asString(r['name']) ?? null, r['arguments'] ?? r['input'])] }, path, r)];
    case 'function_call_output':
    case 'custom_tool_call_output': {
      const output = r['output'];
      const parts = typeof output === 'string' ? resultParts([textPart(output)]) : resultParts(contentParts(output).parts);
      return [draft({ role: 'tool', toolCallId: asString(r['call_id']) ?? null, parts }, path, r)];
    }
    case 'reasoning': {
      const text = (asArray(r['summary']) ?? []).map((s) => asString(asRecord(s)?.['text']) ?? '').join('\n\n');
      return [draft({ role: 'assistant', parts: [{ kind: 'reasoning', text: textBlock(text === '' ? '(encrypted reasoning)' : text) }] }, path, r)];
    }
    default:
      return type === undefined ? undefined : [draft({ role: 'item', name: type, parts: [jsonPart(type, r)] }, path, r)];
  }
}

/** A chat message (OpenAI, Anthropic, Bedrock, Cohere, Ollama); tool results inside its content become messages of their own. */
function chatMessages(raw: unknown, path: JsonPath): DraftMessage[] {
  const m = asRecord(raw);
  if (!m) return [draft({ role: 'unknown', parts: [typeof raw === 'string' ? textPart(raw) : jsonPart('message', raw)] }, path, raw)];
  const role = asString(m['role']) ?? 'unknown';
  const { parts, toolCalls, results } = contentParts(m['content']);
  const reasoning = asString(m['reasoning_content']) ?? asString(m['reasoning']) ?? asString(m['thinking']) ?? asString(m['tool_plan']);
  if (reasoning) parts.unshift({ kind: 'reasoning', text: textBlock(reasoning) });
  for (const image of asArray(m['images']) ?? []) {
    // Ollama sends images as bare base64.
    if (typeof image === 'string') parts.push(imagePart(base64DataUrl(image, undefined)));
  }
  for (const call of asArray(m['tool_calls']) ?? []) toolCalls.push(chatToolCall(call));
  const legacy = asRecord(m['function_call']);
  if (legacy) toolCalls.push(toolCallView(null, asString(legacy['name']) ?? null, legacy['arguments']));
  const isResult = role === 'tool' || role === 'function' || role === 'ipython';
  const own = draft(
    { role, name: asString(m['name']) ?? null, toolCallId: asString(m['tool_call_id']) ?? null, ...(isResult && role === 'function' ? { toolName: asString(m['name']) ?? null } : {}), parts: isResult ? resultParts(parts) : parts, toolCalls },
    path,
    raw,
  );
  const nested = results.map((r) => draft({ role: 'tool', toolCallId: r.toolCallId, toolName: r.name, parts: r.parts }, [...path, 'content', r.block], asArray(m['content'])?.[r.block]));
  // A user message of nothing but tool results is only those results.
  return own.view.parts.length === 0 && own.view.toolCalls.length === 0 && nested.length > 0 ? nested : [own, ...nested];
}

function chatToolCall(raw: unknown): ToolCallView {
  const call = asRecord(raw);
  const fn = asRecord(call?.['function']);
  return toolCallView(asString(call?.['id']) ?? null, asString(fn?.['name']) ?? asString(call?.['name']) ?? null, fn?.['arguments'] ?? call?.['arguments'] ?? call?.['input']);
}

/** Gemini / Vertex `Content`: a role and parts holding text, thoughts, function calls and responses, inline data. */
function geminiContent(raw: unknown, path: JsonPath): DraftMessage[] {
  const c = asRecord(raw);
  if (!c) return [draft({ role: 'user', parts: [typeof raw === 'string' ? textPart(raw) : jsonPart('content', raw)] }, path, raw)];
  const role = asString(c['role']) === 'model' ? 'assistant' : (asString(c['role']) ?? 'user');
  const parts: MessagePart[] = [];
  const calls: ToolCallView[] = [];
  const results: DraftMessage[] = [];
  (asArray(c['parts']) ?? []).forEach((rawPart, k) => {
    const p = asRecord(rawPart);
    const text = asString(p?.['text']);
    const call = asRecord(p?.['function_call'] ?? p?.['functionCall']);
    const result = asRecord(p?.['function_response'] ?? p?.['functionResponse']);
    const inline = asRecord(p?.['inline_data'] ?? p?.['inlineData']);
    if (text !== undefined) parts.push(p?.['thought'] === true ? { kind: 'reasoning', text: textBlock(text) } : textPart(text));
    else if (call) calls.push(toolCallView(asString(call['id']) ?? null, asString(call['name']) ?? null, call['args'] ?? {}));
    else if (result) {
      const name = asString(result['name']) ?? null;
      results.push(draft({ role: 'tool', toolCallId: asString(result['id']) ?? null, toolName: name, parts: [jsonPart('JSON result', result['response'] ?? result, true)] }, [...path, 'parts', k], rawPart));
    } else if (inline && typeof inline['data'] === 'string') parts.push(imagePart(base64DataUrl(inline['data'], asString(inline['mime_type'] ?? inline['mimeType']))));
    else if (!(p && Object.keys(p).length > 0 && Object.keys(p).every((key) => key === 'thought_signature' || key === 'thoughtSignature'))) parts.push(jsonPart('part', rawPart));
    // (A bare thought signature carries nothing to read.)
  });
  const own = draft({ role, parts, toolCalls: calls }, path, raw);
  return parts.length === 0 && calls.length === 0 && results.length > 0 ? results : [own, ...results];
}

/** Names each tool result after the call it answers (the call with the same id, earlier in the request). */
function resolveToolNames(messages: DraftMessage[]): DraftMessage[] {
  const names = new Map<string, string>();
  return messages.map((m) => {
    for (const call of m.view.toolCalls) if (call.id && call.name) names.set(call.id, call.name);
    const id = m.view.toolCallId;
    if (m.view.toolName !== null || id === null) return m;
    const name = names.get(id);
    return name === undefined ? m : { ...m, view: { ...m.view, toolName: name } };
  });
}
