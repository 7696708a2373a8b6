// OpenAI chat completions (chunks and whole), text completions, embeddings and model lists.
import { asArray, asNumber, asRecord, asString, dataOf, dataPrefix, type JsonRecord } from '../values';
import { usageOf, type Delta, type ItemEvents, type Usage } from './types';

function openAiUsage(data: JsonRecord): Usage | undefined {
  const u = asRecord(data['usage']);
  return u ? usageOf(asNumber(u['prompt_tokens']), asNumber(u['completion_tokens']), asNumber(u['total_tokens'])) : undefined;
}

function common(item: unknown, data: JsonRecord, deltas: Delta[]): ItemEvents {
  const p = dataPrefix(item);
  return {
    deltas,
    usage: openAiUsage(data),
    model: asString(data['model']),
    modelAt: [...p, 'model'],
    id: asString(data['id']),
    idAt: [...p, 'id'],
  };
}

/** A chat message or a streamed delta: both carry the same fields. */
function messageDeltas(choice: number, m: JsonRecord, at: readonly (string | number)[], finishReason: string | undefined): Delta[] {
  const out: Delta[] = [];
  const reasoningKey = typeof m['reasoning_content'] === 'string' ? 'reasoning_content' : 'reasoning';
  out.push({
    choice,
    role: asString(m['role']) ?? null,
    content: asString(m['content']) ?? null,
    reasoning: asString(m[reasoningKey]) ?? null,
    refusal: asString(m['refusal']) ?? null,
    finishReason: finishReason ?? null,
    at: [...at, typeof m['content'] === 'string' ? 'content' : typeof m[reasoningKey] === 'string' ? reasoningKey : 'refusal'],
  });
  const calls = asArray(m['tool_calls']) ?? [];
  for (let k = 0; k < calls.length; k++) {
    const call = asRecord(calls[k]);
    if (!call) continue;
    const fn = asRecord(call['function']);
    out.push({
      choice,
      tool: {
        index: asNumber(call['index']) ?? k,
        id: asString(call['id']) ?? null,
        type: asString(call['type']) ?? null,
        name: asString(fn?.['name']) ?? null,
        arguments: asString(fn?.['arguments']) ?? null,
        argumentsAt: [...at, 'tool_calls', k, 'function', 'arguments'],
      },
    });
  }
  // The legacy single `function_call` field is a tool call without an index.
  const legacy = asRecord(m['function_call']);
  if (legacy && calls.length === 0) {
    out.push({ choice, tool: { index: 0, type: 'function', name: asString(legacy['name']) ?? null, arguments: asString(legacy['arguments']) ?? null, argumentsAt: [...at, 'function_call', 'arguments'] } });
  }
  return out;
}

/** Runs `read` on each choice of a chat or text completion (its index defaulting to its position). */
function choiceEvents(item: unknown, read: (choice: JsonRecord, index: number, at: readonly (string | number)[]) => Delta[]): ItemEvents {
  const data = dataOf(item);
  if (!data) return { deltas: [] };
  const p = dataPrefix(item);
  const deltas: Delta[] = [];
  // Plain loops: this runs once per streamed chunk, and forEach with a closure plus a spread push cost more than the reading.
  const choices = asArray(data['choices']) ?? [];
  for (let k = 0; k < choices.length; k++) {
    const choice = asRecord(choices[k]);
    if (!choice) continue;
    const got = read(choice, asNumber(choice['index']) ?? k, [...p, 'choices', k]);
    for (let j = 0; j < got.length; j++) deltas.push(got[j]!);
  }
  return common(item, data, deltas);
}

/** Chunks carry each choice's text in `delta`, whole completions in `message`; the rest is the same. */
function messageChoice(field: 'delta' | 'message') {
  return (choice: JsonRecord, index: number, at: readonly (string | number)[]): Delta[] =>
    messageDeltas(index, asRecord(choice[field]) ?? {}, [...at, field], asString(choice['finish_reason']));
}

export function chatChunkEvents(item: unknown): ItemEvents {
  return choiceEvents(item, messageChoice('delta'));
}

export function chatCompletionEvents(item: unknown): ItemEvents {
  return choiceEvents(item, messageChoice('message'));
}

export function completionEvents(item: unknown): ItemEvents {
  return choiceEvents(item, (choice, index, at) => [
    { choice: index, content: asString(choice['text']) ?? null, finishReason: asString(choice['finish_reason']) ?? null, at: [...at, 'text'] },
  ]);
}

/** Embeddings and model lists carry no text, only a model name and usage. */
export function textlessEvents(item: unknown): ItemEvents {
  const data = dataOf(item);
  if (!data) return { deltas: [] };
  const u = asRecord(data['usage']);
  return { deltas: [], model: asString(data['model']), usage: u ? usageOf(asNumber(u['prompt_tokens']), asNumber(u['completion_tokens']), asNumber(u['total_tokens'])) : undefined };
}
