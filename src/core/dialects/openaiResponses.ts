// The OpenAI Responses API (`/v1/responses`): a whole Response's `output[]` items, or its stream of
// `response.*` events, as deltas of the one choice.
import type { JsonPath } from '../diagnostic';
import { asArray, asNumber, asRecord, asString, type JsonRecord } from '../values';
import { NO_EVENTS, usageOf, type Delta, type ErrorInfo, type ItemEvents, type ServerToolCall, type Usage } from './types';

/** Output items the provider runs itself: shown, never tool calls of the answer. */
const SERVER_TOOL_TYPES = new Set(['web_search_call', 'file_search_call', 'code_interpreter_call', 'mcp_call', 'image_generation_call']);

/** Statuses that end a response; `queued` and `in_progress` (background mode) do not. */
const FINAL_STATUSES = new Set(['completed', 'incomplete', 'failed', 'cancelled']);

function responsesUsage(response: JsonRecord): Usage | undefined {
  const u = asRecord(response['usage']);
  return u ? usageOf(asNumber(u['input_tokens']), asNumber(u['output_tokens']), asNumber(u['total_tokens'])) : undefined;
}

function responseError(response: JsonRecord): ErrorInfo | undefined {
  const e = asRecord(response['error']);
  if (!e) return undefined;
  return { type: asString(e['code']) ?? asString(e['type']) ?? null, message: asString(e['message']) ?? null, statusCode: null };
}

function serverTool(item: JsonRecord, type: string): ServerToolCall {
  return { type, id: asString(item['id']) ?? null, name: asString(item['name']) ?? asString(item['server_label']) ?? null, status: asString(item['status']) ?? null };
}

function isToolCallType(type: string | undefined): type is 'function_call' | 'custom_tool_call' {
  return type === 'function_call' || type === 'custom_tool_call';
}

/** A tool call's arguments: `arguments` of a function call, `input` of a custom tool call; an object (some servers) as JSON text. */
function argumentsOf(item: JsonRecord): { text: string | null; key: string } {
  const key = asString(item['type']) === 'custom_tool_call' ? 'input' : 'arguments';
  const v = item[key];
  if (typeof v === 'string') return { text: v, key };
  return { text: v === undefined || v === null ? null : JSON.stringify(v), key };
}

/** The deltas of one output item of a whole response; `tools` counts the tool calls before it. */
function outputItemDeltas(item: JsonRecord, at: JsonPath, tools: { next: number }, serverTools: ServerToolCall[]): Delta[] {
  const type = asString(item['type']);
  const out: Delta[] = [];
  if (type === 'message') {
    const content = asArray(item['content']) ?? [];
    for (let j = 0; j < content.length; j++) {
      const part = asRecord(content[j]);
      if (!part) continue;
      const kind = asString(part['type']);
      if (kind === 'output_text') out.push({ choice: 0, content: asString(part['text']) ?? null, at: [...at, 'content', j, 'text'] });
      else if (kind === 'refusal') out.push({ choice: 0, refusal: asString(part['refusal']) ?? null, at: [...at, 'content', j, 'refusal'] });
    }
  } else if (type === 'reasoning') {
    // The summaries are the reasoning shown; a reasoning item without one (open-weight models) carries its text in `content`.
    const summary = asArray(item['summary']) ?? [];
    const field = summary.length > 0 ? 'summary' : 'content';
    const parts = summary.length > 0 ? summary : (asArray(item['content']) ?? []);
    for (let j = 0; j < parts.length; j++) {
      const text = asString(asRecord(parts[j])?.['text']);
      if (text !== undefined) out.push({ choice: 0, reasoning: text, at: [...at, field, j, 'text'] });
    }
  } else if (isToolCallType(type)) {
    const args = argumentsOf(item);
    out.push({
      choice: 0,
      tool: { index: tools.next++, id: asString(item['call_id']) ?? null, type: type === 'custom_tool_call' ? 'custom' : 'function', name: asString(item['name']) ?? null, arguments: args.text, argumentsAt: [...at, args.key] },
    });
  } else if (type !== undefined && SERVER_TOOL_TYPES.has(type)) {
    serverTools.push(serverTool(item, type));
  }
  return out;
}

/** A whole Response object (`POST /v1/responses` without streaming, a retrieved or cancelled response). */
export function responsesEvents(item: unknown): ItemEvents {
  const r = asRecord(item);
  if (!r) return NO_EVENTS;
  const status = asString(r['status']);
  const deltas: Delta[] = [{ choice: 0, role: 'assistant', finishReason: status !== undefined && FINAL_STATUSES.has(status) ? status : null, at: ['status'] }];
  const serverTools: ServerToolCall[] = [];
  const tools = { next: 0 };
  const output = asArray(r['output']) ?? [];
  for (let k = 0; k < output.length; k++) {
    const o = asRecord(output[k]);
    if (!o) continue;
    const got = outputItemDeltas(o, ['output', k], tools, serverTools);
    for (const d of got) deltas.push(d);
  }
  return {
    deltas,
    usage: responsesUsage(r),
    model: asString(r['model']),
    modelAt: ['model'],
    id: asString(r['id']),
    idAt: ['id'],
    error: responseError(r),
    serverTools: serverTools.length > 0 ? serverTools : undefined,
  };
}

interface StreamedTool {
  readonly index: number;
  /** Whether a non-empty arguments fragment came: when none did, the item's whole arguments count. */
  streamed: boolean;
}

/**
 * A reader of one Responses stream's events, in order. Tool calls are numbered in the order their items
 * are added; argument fragments find their call by `item_id`, else by `output_index`.
 */
export function responsesStreamReader(): (item: unknown) => ItemEvents {
  const byItemId = new Map<string, StreamedTool>();
  const byOutputIndex = new Map<number, StreamedTool>();
  // Reasoning items whose summary streams: their raw `reasoning_text` is then not the reasoning shown.
  const summarized = new Set<string>();
  let nextTool = 0;

  const toolFor = (e: JsonRecord): StreamedTool | undefined => {
    const id = asString(e['item_id']);
    const byId = id === undefined ? undefined : byItemId.get(id);
    if (byId) return byId;
    const n = asNumber(e['output_index']);
    return n === undefined ? undefined : byOutputIndex.get(n);
  };

  /** A tool call's item (added or done): starts the call if it is new, and fills in whole arguments nobody streamed. */
  const toolItem = (e: JsonRecord, item: JsonRecord, done: boolean): Delta[] => {
    const id = asString(item['id']);
    const n = asNumber(e['output_index']);
    let state = (id === undefined ? undefined : byItemId.get(id)) ?? (n === undefined ? undefined : byOutputIndex.get(n));
    const isNew = state === undefined;
    if (!state) {
      state = { index: nextTool++, streamed: false };
      if (id !== undefined) byItemId.set(id, state);
      if (n !== undefined) byOutputIndex.set(n, state);
    }
    const args = argumentsOf(item);
    const takeWhole = done && !state.streamed && args.text !== null && args.text !== '';
    if (takeWhole) state.streamed = true;
    if (!isNew && !takeWhole) return [];
    const type = asString(item['type']) === 'custom_tool_call' ? 'custom' : 'function';
    return [{ choice: 0, tool: { index: state.index, id: asString(item['call_id']) ?? null, type, name: asString(item['name']) ?? null, arguments: takeWhole ? args.text : null, argumentsAt: ['item', args.key] } }];
  };

  const fragment = (e: JsonRecord): ItemEvents => {
    const state = toolFor(e);
    const text = asString(e['delta']) ?? null;
    if (!state) return NO_EVENTS;
    if (text !== null && text !== '') state.streamed = true;
    return { deltas: [{ choice: 0, tool: { index: state.index, arguments: text, argumentsAt: ['delta'] } }] };
  };

  /** `response.function_call_arguments.done` and its custom-tool twin: whole arguments, used only when no fragment came. */
  const argumentsDone = (e: JsonRecord, key: 'arguments' | 'input'): ItemEvents => {
    const state = toolFor(e);
    const text = asString(e[key]);
    if (!state || state.streamed || text === undefined || text === '') return NO_EVENTS;
    state.streamed = true;
    return { deltas: [{ choice: 0, tool: { index: state.index, arguments: text, argumentsAt: [key] } }] };
  };

  const final = (e: JsonRecord): ItemEvents => {
    const response = asRecord(e['response']) ?? {};
    const status = asString(response['status']) ?? null;
    return {
      deltas: [{ choice: 0, role: 'assistant', finishReason: status, at: ['response', 'status'] }],
      usage: responsesUsage(response),
      model: asString(response['model']),
      modelAt: ['response', 'model'],
      id: asString(response['id']),
      idAt: ['response', 'id'],
      error: responseError(response),
      terminal: true,
    };
  };

  return (item) => {
    const e = asRecord(item);
    if (!e) return NO_EVENTS;
    switch (asString(e['type'])) {
      case 'response.created':
      case 'response.queued':
      case 'response.in_progress': {
        const response = asRecord(e['response']) ?? {};
        return { deltas: [{ choice: 0, role: 'assistant' }], model: asString(response['model']), modelAt: ['response', 'model'], id: asString(response['id']), idAt: ['response', 'id'] };
      }
      case 'response.output_item.added':
      case 'response.output_item.done': {
        const it = asRecord(e['item']);
        if (!it) return NO_EVENTS;
        const type = asString(it['type']);
        if (isToolCallType(type)) {
          const deltas = toolItem(e, it, e['type'] === 'response.output_item.done');
          return deltas.length > 0 ? { deltas } : NO_EVENTS;
        }
        if (type !== undefined && SERVER_TOOL_TYPES.has(type)) return { deltas: [], serverTools: [serverTool(it, type)] };
        return NO_EVENTS;
      }
      case 'response.output_text.delta':
        return { deltas: [{ choice: 0, content: asString(e['delta']) ?? null, at: ['delta'] }] };
      case 'response.refusal.delta':
        return { deltas: [{ choice: 0, refusal: asString(e['delta']) ?? null, at: ['delta'] }] };
      case 'response.reasoning_summary_text.delta': {
        const id = asString(e['item_id']);
        if (id !== undefined) summarized.add(id);
        return { deltas: [{ choice: 0, reasoning: asString(e['delta']) ?? null, at: ['delta'] }] };
      }
      case 'response.reasoning_text.delta': {
        const id = asString(e['item_id']);
        if (id !== undefined && summarized.has(id)) return NO_EVENTS;
        return { deltas: [{ choice: 0, reasoning: asString(e['delta']) ?? null, at: ['delta'] }] };
      }
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        return fragment(e);
      case 'response.function_call_arguments.done':
        return argumentsDone(e, 'arguments');
      case 'response.custom_tool_call_input.done':
        return argumentsDone(e, 'input');
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        return final(e);
      case 'error':
        return { deltas: [], error: { type: asString(e['code']) ?? asString(e['type']) ?? null, message: asString(e['message']) ?? null, statusCode: null } };
      default:
        return NO_EVENTS;
    }
  };
}
