// Cohere's v2 Chat API (`/v2/chat`): a whole answer, or its stream of typed events, as deltas of the one choice.
import { asArray, asNumber, asRecord, asString, type JsonRecord } from '../values';
import { NO_EVENTS, usageOf, type Delta, type ItemEvents, type Usage } from './types';

/** Token counts: `tokens` (what the model saw), else `billed_units`; Cohere names no total, so it is their sum. */
function cohereUsage(u: JsonRecord | undefined): Usage | undefined {
  if (!u) return undefined;
  const counts = asRecord(u['tokens']) ?? asRecord(u['billed_units']);
  return counts ? usageOf(asNumber(counts['input_tokens']), asNumber(counts['output_tokens']), undefined) : undefined;
}

function argumentsText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/** A whole answer: `message.content[]` (`text`; a reasoning model's `thinking`), `message.tool_plan`, `message.tool_calls`, `finish_reason`, `usage`. */
export function cohereChatEvents(item: unknown): ItemEvents {
  const r = asRecord(item);
  if (!r) return NO_EVENTS;
  const message = asRecord(r['message']) ?? {};
  const deltas: Delta[] = [{ choice: 0, role: asString(message['role']) ?? 'assistant', finishReason: asString(r['finish_reason']) ?? null, at: ['finish_reason'] }];
  // The tool plan is the model's own account of what it is about to do: reasoning, not the answer.
  const plan = asString(message['tool_plan']);
  if (plan !== undefined) deltas.push({ choice: 0, reasoning: plan, at: ['message', 'tool_plan'] });
  const content = asArray(message['content']) ?? [];
  for (let k = 0; k < content.length; k++) {
    const part = asRecord(content[k]);
    if (!part) continue;
    const type = asString(part['type']);
    if (type === 'text') deltas.push({ choice: 0, content: asString(part['text']) ?? null, at: ['message', 'content', k, 'text'] });
    else if (type === 'thinking') deltas.push({ choice: 0, reasoning: asString(part['thinking']) ?? null, at: ['message', 'content', k, 'thinking'] });
  }
  const calls = asArray(message['tool_calls']) ?? [];
  for (let k = 0; k < calls.length; k++) {
    const call = asRecord(calls[k]);
    if (!call) continue;
    const fn = asRecord(call['function']) ?? {};
    deltas.push({ choice: 0, tool: { index: k, id: asString(call['id']) ?? null, type: asString(call['type']) ?? 'function', name: asString(fn['name']) ?? null, arguments: argumentsText(fn['arguments']), argumentsAt: ['message', 'tool_calls', k, 'function', 'arguments'] } });
  }
  return { deltas, usage: cohereUsage(asRecord(r['usage'])), id: asString(r['id']), idAt: ['id'] };
}

/** A reader of one stream's events, in order; tool calls are numbered as they start, and `message-end` ends the stream. */
export function cohereStreamReader(): (item: unknown) => ItemEvents {
  const toolOfIndex = new Map<number, number>();
  let nextTool = 0;
  return (item) => {
    const e = asRecord(item);
    if (!e) return NO_EVENTS;
    const delta = asRecord(e['delta']) ?? {};
    const message = asRecord(delta['message']) ?? {};
    const index = asNumber(e['index']) ?? 0;
    switch (asString(e['type'])) {
      case 'message-start':
        return { deltas: [{ choice: 0, role: asString(message['role']) ?? 'assistant' }], id: asString(e['id']), idAt: ['id'] };
      case 'content-start':
      case 'content-delta': {
        const content = asRecord(message['content']) ?? {};
        const text = asString(content['text']);
        if (text !== undefined) return { deltas: [{ choice: 0, content: text, at: ['delta', 'message', 'content', 'text'] }] };
        const thinking = asString(content['thinking']);
        if (thinking !== undefined) return { deltas: [{ choice: 0, reasoning: thinking, at: ['delta', 'message', 'content', 'thinking'] }] };
        return NO_EVENTS;
      }
      case 'tool-plan-delta': {
        const plan = asString(message['tool_plan']);
        return plan === undefined ? NO_EVENTS : { deltas: [{ choice: 0, reasoning: plan, at: ['delta', 'message', 'tool_plan'] }] };
      }
      case 'tool-call-start':
      case 'tool-call-delta': {
        const call = asRecord(message['tool_calls']) ?? {};
        const fn = asRecord(call['function']) ?? {};
        let n = toolOfIndex.get(index);
        if (n === undefined || e['type'] === 'tool-call-start') {
          n = nextTool++;
          toolOfIndex.set(index, n);
        }
        return {
          deltas: [{ choice: 0, tool: { index: n, id: asString(call['id']) ?? null, type: asString(call['type']) ?? null, name: asString(fn['name']) ?? null, arguments: argumentsText(fn['arguments']), argumentsAt: ['delta', 'message', 'tool_calls', 'function', 'arguments'] } }],
        };
      }
      case 'message-end':
        return { deltas: [{ choice: 0, finishReason: asString(delta['finish_reason']) ?? null, at: ['delta', 'finish_reason'] }], usage: cohereUsage(asRecord(delta['usage'])), terminal: true };
      default:
        return NO_EVENTS;
    }
  };
}
