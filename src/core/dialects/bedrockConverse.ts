// Amazon Bedrock's Converse API (`/model/M/converse`, `/converse-stream`): a whole answer, or the
// eventstream's events, each given as `{ [eventType]: payload }`.
import type { JsonPath } from '../diagnostic';
import { asArray, asNumber, asRecord, asString, type JsonRecord } from '../values';
import { NO_EVENTS, usageOf, type Delta, type ErrorInfo, type ItemEvents, type Usage } from './types';

function bedrockUsage(r: JsonRecord): Usage | undefined {
  const u = asRecord(r['usage']);
  return u ? usageOf(asNumber(u['inputTokens']), asNumber(u['outputTokens']), asNumber(u['totalTokens'])) : undefined;
}

/** A tool's input comes as an object in a whole answer; some servers send it as text already. */
function inputText(input: unknown): string {
  return typeof input === 'string' ? input : JSON.stringify(input ?? {});
}

/** A whole Converse answer: `output.message.content[]` blocks (`text`, `reasoningContent`, `toolUse`), `stopReason`, `usage`. */
export function bedrockConverseEvents(item: unknown): ItemEvents {
  const r = asRecord(item);
  if (!r) return NO_EVENTS;
  const message = asRecord(asRecord(r['output'])?.['message']) ?? {};
  const deltas: Delta[] = [{ choice: 0, role: asString(message['role']) ?? 'assistant', finishReason: asString(r['stopReason']) ?? null, at: ['stopReason'] }];
  const content = asArray(message['content']) ?? [];
  let tools = 0;
  for (let k = 0; k < content.length; k++) {
    const block = asRecord(content[k]);
    if (!block) continue;
    const at: JsonPath = ['output', 'message', 'content', k];
    const text = asString(block['text']);
    if (text !== undefined) deltas.push({ choice: 0, content: text, at: [...at, 'text'] });
    const reasoning = asString(asRecord(asRecord(block['reasoningContent'])?.['reasoningText'])?.['text']);
    if (reasoning !== undefined) deltas.push({ choice: 0, reasoning, at: [...at, 'reasoningContent', 'reasoningText', 'text'] });
    const use = asRecord(block['toolUse']);
    if (use) deltas.push({ choice: 0, tool: { index: tools++, id: asString(use['toolUseId']) ?? null, type: 'function', name: asString(use['name']) ?? null, arguments: inputText(use['input']), argumentsAt: [...at, 'toolUse', 'input'] } });
  }
  return { deltas, usage: bedrockUsage(r) };
}

/** Eventstream exception events (`:message-type: exception`) given as `{ [exceptionType]: { message } }`. */
const STREAM_EXCEPTIONS = new Set(['internalServerException', 'modelStreamErrorException', 'validationException', 'throttlingException', 'serviceUnavailableException']);

/** The one key of a `{ [eventType]: payload }` item. */
function eventOf(item: unknown): { name: string; payload: JsonRecord } | undefined {
  const r = asRecord(item);
  if (!r) return undefined;
  for (const name in r) {
    const payload = asRecord(r[name]);
    return payload ? { name, payload } : undefined;
  }
  return undefined;
}

/**
 * A reader of one converse-stream's events, in order. Tool calls are numbered in the order their blocks
 * start; `messageStop` ends the stream (the `metadata` event with usage may follow it).
 */
export function bedrockStreamReader(): (item: unknown) => ItemEvents {
  const toolOfBlock = new Map<number, { readonly n: number; streamed: boolean }>();
  return (item) => {
    const ev = eventOf(item);
    if (!ev) return NO_EVENTS;
    const { name, payload } = ev;
    const block = asNumber(payload['contentBlockIndex']) ?? 0;
    switch (name) {
      case 'messageStart':
        return { deltas: [{ choice: 0, role: asString(payload['role']) ?? 'assistant' }] };
      case 'contentBlockStart': {
        const use = asRecord(asRecord(payload['start'])?.['toolUse']);
        if (!use) return NO_EVENTS;
        const n = toolOfBlock.size;
        toolOfBlock.set(block, { n, streamed: false });
        return { deltas: [{ choice: 0, tool: { index: n, id: asString(use['toolUseId']) ?? null, type: 'function', name: asString(use['name']) ?? null, argumentsAt: [name, 'start', 'toolUse'] } }] };
      }
      case 'contentBlockDelta': {
        const delta = asRecord(payload['delta']) ?? {};
        const text = asString(delta['text']);
        if (text !== undefined) return { deltas: [{ choice: 0, content: text, at: [name, 'delta', 'text'] }] };
        const reasoning = asString(asRecord(delta['reasoningContent'])?.['text']);
        if (reasoning !== undefined) return { deltas: [{ choice: 0, reasoning, at: [name, 'delta', 'reasoningContent', 'text'] }] };
        const input = asString(asRecord(delta['toolUse'])?.['input']);
        const tool = toolOfBlock.get(block);
        if (input === undefined || !tool) return NO_EVENTS;
        if (input !== '') tool.streamed = true;
        return { deltas: [{ choice: 0, tool: { index: tool.n, arguments: input, argumentsAt: [name, 'delta', 'toolUse', 'input'] } }] };
      }
      case 'contentBlockStop': {
        // A tool without parameters streams no input: its arguments are the empty object.
        const tool = toolOfBlock.get(block);
        if (!tool || tool.streamed) return NO_EVENTS;
        tool.streamed = true;
        return { deltas: [{ choice: 0, tool: { index: tool.n, arguments: '{}', argumentsAt: [name] } }] };
      }
      case 'messageStop':
        return { deltas: [{ choice: 0, finishReason: asString(payload['stopReason']) ?? null, at: [name, 'stopReason'] }], terminal: true };
      case 'metadata':
        return { deltas: [], usage: bedrockUsage(payload) };
      case 'error':
        // The bodies layer's form of an exception frame: `{ error: { type, message } }`.
        return { deltas: [], error: { type: asString(payload['type']) ?? null, message: asString(payload['message']) ?? null, statusCode: null } };
      default: {
        // SDKs name the exception types with a lower-case initial, the service's headers sometimes without.
        if (!STREAM_EXCEPTIONS.has(name.charAt(0).toLowerCase() + name.slice(1))) return NO_EVENTS;
        const error: ErrorInfo = { type: name, message: asString(payload['message']) ?? asString(payload['Message']) ?? null, statusCode: asNumber(payload['originalStatusCode']) ?? null };
        return { deltas: [], error };
      }
    }
  };
}
