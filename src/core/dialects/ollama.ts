// Ollama generate and chat responses (streamed as one object per line, or whole).
import { asArray, asNumber, asRecord, asString, dataOf, dataPrefix, type JsonRecord } from '../values';
import { usageOf, type Delta, type ItemEvents } from './types';

function doneFields(data: JsonRecord): Pick<Delta, 'finishReason'> & { usage?: ItemEvents['usage'] } {
  if (data['done'] !== true) return { finishReason: null };
  const prompt = asNumber(data['prompt_eval_count']);
  const completion = asNumber(data['eval_count']);
  // Ollama names no total; the contract's total is the sum.
  return { finishReason: asString(data['done_reason']) ?? 'stop', usage: usageOf(prompt, completion, undefined) };
}

export function ollamaGenerateEvents(item: unknown): ItemEvents {
  const data = dataOf(item);
  if (!data) return { deltas: [] };
  const p = dataPrefix(item);
  const done = doneFields(data);
  const content = asString(data['response']) ?? null;
  const delta: Delta = {
    choice: 0,
    role: 'assistant',
    content,
    reasoning: asString(data['thinking']) ?? null,
    finishReason: done.finishReason,
    at: [...p, content ? 'response' : 'thinking'],
  };
  return { deltas: [delta], usage: done.usage, model: asString(data['model']), modelAt: [...p, 'model'] };
}

export function ollamaChatEvents(item: unknown, toolOrdinal: { next: number }): ItemEvents {
  const data = dataOf(item);
  if (!data) return { deltas: [] };
  const p = dataPrefix(item);
  const message = asRecord(data['message']) ?? {};
  const done = doneFields(data);
  const content = asString(message['content']) ?? null;
  const deltas: Delta[] = [
    {
      choice: 0,
      role: asString(message['role']) ?? null,
      content,
      reasoning: asString(message['thinking']) ?? null,
      finishReason: done.finishReason,
      at: [...p, 'message', content ? 'content' : 'thinking'],
    },
  ];
  // Ollama sends whole tool calls with arguments as an object; each one is a new call.
  (asArray(message['tool_calls']) ?? []).forEach((c, k) => {
    const fn = asRecord(asRecord(c)?.['function']);
    if (!fn) return;
    deltas.push({
      choice: 0,
      tool: {
        index: toolOrdinal.next++,
        id: asString(asRecord(c)?.['id']) ?? null,
        type: 'function',
        name: asString(fn['name']) ?? null,
        arguments: typeof fn['arguments'] === 'string' ? fn['arguments'] : JSON.stringify(fn['arguments'] ?? {}),
        argumentsAt: [...p, 'message', 'tool_calls', k, 'function', 'arguments'],
      },
    });
  });
  return { deltas, usage: done.usage, model: asString(data['model']), modelAt: [...p, 'model'] };
}
