// Anthropic Messages (`/v1/messages`) recorded as raw HTTP: a whole message, or the stream's events
// already parsed into objects (OGX's raw lines of the same stream are read in sse.ts).
import { asArray, asNumber, asRecord, asString } from '../values';
import { anthropicHandler, rawMessageDeltas } from './sse';
import { NO_EVENTS, usageOf, type ItemEvents, type ServerToolCall } from './types';

/** A whole message: `text` → content, `thinking` → reasoning, `tool_use` → tool calls; usage = input + output tokens (cache tokens not added). */
export function anthropicMessageEvents(item: unknown): ItemEvents {
  const r = asRecord(item);
  if (!r) return NO_EVENTS;
  if (asString(r['type']) === 'error') {
    const e = asRecord(r['error']) ?? {};
    return { deltas: [], error: { type: asString(e['type']) ?? null, message: asString(e['message']) ?? null, statusCode: null } };
  }
  const deltas = rawMessageDeltas(r) ?? [];
  const serverTools: ServerToolCall[] = [];
  for (const b of asArray(r['content']) ?? []) {
    const block = asRecord(b);
    if (block && asString(block['type']) === 'server_tool_use') serverTools.push({ type: 'server_tool_use', id: asString(block['id']) ?? null, name: asString(block['name']) ?? null, status: null });
  }
  const u = asRecord(r['usage']);
  return {
    deltas,
    usage: u ? usageOf(asNumber(u['input_tokens']), asNumber(u['output_tokens']), undefined) : undefined,
    model: asString(r['model']),
    modelAt: ['model'],
    id: asString(r['id']),
    idAt: ['id'],
    serverTools: serverTools.length > 0 ? serverTools : undefined,
  };
}

/** A reader of one stream's event objects, in order: OGX's handler, with paths into each event and the prompt tokens of `message_start`. */
export function anthropicStreamReader(): (item: unknown) => ItemEvents {
  const handle = anthropicHandler({ paths: true, promptFromStart: true });
  return (item) => {
    const r = asRecord(item);
    return r ? handle(r) : NO_EVENTS;
  };
}
