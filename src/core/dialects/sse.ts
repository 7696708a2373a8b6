// Raw server-sent-event recordings: the body is the stream's lines, one string each. eventsource-parser
// turns the lines back into events; each event is credited to the item that held its `data:` line.
import { createParser } from 'eventsource-parser';
import { asArray, asNumber, asRecord, asString, type JsonRecord } from '../values';
import { NO_EVENTS, usageOf, type Delta, type ErrorInfo, type ItemEvents, type Usage } from './types';

export interface SseProblem {
  readonly item: number;
  readonly message: string;
}

export interface SseEvents {
  readonly perItem: ItemEvents[];
  readonly problems: SseProblem[];
}

type Handler = (data: JsonRecord) => ItemEvents;

export function sseEvents(lines: readonly unknown[], dialect: 'anthropic-messages-sse' | 'gemini-interactions-sse'): SseEvents {
  const perItem: ItemEvents[] = lines.map(() => NO_EVENTS);
  const problems: SseProblem[] = [];
  const handle = dialect === 'anthropic-messages-sse' ? anthropicHandler() : geminiHandler();
  let dataItem = -1;
  const parser = createParser({
    onEvent(event) {
      const item = dataItem;
      if (item < 0 || event.data === '[DONE]') return;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        problems.push({ item, message: 'data: the event payload is not valid JSON' });
        return;
      }
      const record = asRecord(data);
      if (!record) {
        problems.push({ item, message: 'data: the event payload is not a JSON object' });
        return;
      }
      try {
        perItem[item] = handle(record);
      } catch (e) {
        // JSON.stringify of a tool input recurses; the payload is a string, so no file-level nesting check saw its depth.
        if (!(e instanceof RangeError)) throw e;
        problems.push({ item, message: 'data: the event payload nests too deep to read' });
      }
    },
  });
  lines.forEach((line, i) => {
    if (typeof line !== 'string') {
      problems.push({ item: i, message: 'expected a string (one line of the event stream)' });
      return;
    }
    if (line.startsWith('data:')) dataItem = i;
    parser.feed(`${line}\n`);
  });
  parser.feed('\n');
  return { perItem, problems };
}

function errorOf(r: JsonRecord | undefined): ErrorInfo | undefined {
  if (!r) return undefined;
  return { type: asString(r['type']) ?? asString(r['code']) ?? null, message: asString(r['message']) ?? null, statusCode: asNumber(r['status_code']) ?? asNumber(r['code']) ?? null };
}

function anthropicHandler(): Handler {
  // Content blocks are numbered across text, thinking and tool_use; tool calls get their own ordinal.
  const toolOfBlock = new Map<number, number>();
  let promptTokens: number | undefined;
  const usage = (u: JsonRecord | undefined): Usage | undefined => {
    if (!u) return undefined;
    promptTokens = asNumber(u['input_tokens']) ?? promptTokens;
    return usageOf(promptTokens, asNumber(u['output_tokens']), undefined);
  };
  return (d) => {
    const at: string[] = [];
    switch (asString(d['type'])) {
      case 'message_start': {
        const m = asRecord(d['message']) ?? {};
        return { deltas: [{ choice: 0, role: asString(m['role']) ?? 'assistant' }], model: asString(m['model']), id: asString(m['id']), usage: usage(asRecord(m['usage'])) };
      }
      case 'content_block_start': {
        const block = asRecord(d['content_block']) ?? {};
        const index = asNumber(d['index']) ?? 0;
        const kind = asString(block['type']);
        if (kind === 'tool_use' || kind === 'server_tool_use') {
          const n = toolOfBlock.size;
          toolOfBlock.set(index, n);
          const input = asRecord(block['input']);
          const initial = input && Object.keys(input).length > 0 ? JSON.stringify(input) : null;
          return { deltas: [{ choice: 0, tool: { index: n, id: asString(block['id']) ?? null, type: 'function', name: asString(block['name']) ?? null, arguments: initial, argumentsAt: at } }] };
        }
        if (kind === 'text' && asString(block['text'])) return { deltas: [{ choice: 0, content: asString(block['text']), at }] };
        if (kind === 'thinking' && asString(block['thinking'])) return { deltas: [{ choice: 0, reasoning: asString(block['thinking']), at }] };
        return NO_EVENTS;
      }
      case 'content_block_delta': {
        const delta = asRecord(d['delta']) ?? {};
        const index = asNumber(d['index']) ?? 0;
        switch (asString(delta['type'])) {
          case 'text_delta':
            return { deltas: [{ choice: 0, content: asString(delta['text']) ?? null, at }] };
          case 'thinking_delta':
            return { deltas: [{ choice: 0, reasoning: asString(delta['thinking']) ?? null, at }] };
          case 'input_json_delta': {
            const n = toolOfBlock.get(index);
            if (n === undefined) return NO_EVENTS;
            return { deltas: [{ choice: 0, tool: { index: n, arguments: asString(delta['partial_json']) ?? null, argumentsAt: at } }] };
          }
          default:
            return NO_EVENTS;
        }
      }
      case 'message_delta': {
        const delta = asRecord(d['delta']) ?? {};
        return { deltas: [{ choice: 0, finishReason: asString(delta['stop_reason']) ?? null }], usage: usage(asRecord(d['usage'])) };
      }
      case 'error':
        return { deltas: [], error: errorOf(asRecord(d['error'])) };
      default:
        return NO_EVENTS;
    }
  };
}

function geminiHandler(): Handler {
  const blockType = new Map<number, string>();
  let tools = 0;
  return (d) => {
    const at: string[] = [];
    const index = asNumber(d['index']) ?? 0;
    switch (asString(d['event_type'])) {
      case 'interaction.start': {
        const it = asRecord(d['interaction']) ?? {};
        return { deltas: [{ choice: 0, role: 'assistant' }], model: asString(it['model']), id: asString(it['id']) };
      }
      case 'content.start': {
        const content = asRecord(d['content']) ?? {};
        blockType.set(index, asString(content['type']) ?? 'text');
        return NO_EVENTS;
      }
      case 'content.delta': {
        const delta = asRecord(d['delta']) ?? {};
        const type = asString(delta['type']);
        if (type === 'text') {
          const text = asString(delta['text']) ?? null;
          return { deltas: [blockType.get(index) === 'thought' ? { choice: 0, reasoning: text, at } : { choice: 0, content: text, at }] };
        }
        if (type === 'thought' || type === 'thought_summary') {
          const text = asString(delta['text']) ?? asString(asRecord(delta['content'])?.['text']) ?? null;
          return { deltas: [{ choice: 0, reasoning: text, at }] };
        }
        if (type === 'function_call') {
          const args = delta['arguments'];
          return { deltas: [{ choice: 0, tool: { index: tools++, id: asString(delta['id']) ?? null, type: 'function', name: asString(delta['name']) ?? null, arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}), argumentsAt: at } }] };
        }
        return NO_EVENTS;
      }
      case 'interaction.complete': {
        const it = asRecord(d['interaction']) ?? {};
        const u = asRecord(it['usage']);
        const deltas: Delta[] = [{ choice: 0, finishReason: asString(it['status']) ?? null }];
        return { deltas, model: asString(it['model']), usage: u ? usageOf(asNumber(u['total_input_tokens']), asNumber(u['total_output_tokens']), asNumber(u['total_tokens'])) : undefined };
      }
      case 'error':
        return { deltas: [], error: errorOf(asRecord(d['error'])) };
      default:
        return NO_EVENTS;
    }
  };
}

/** Outputs of a whole (not streamed) Gemini interaction or Anthropic message, recorded as raw HTTP JSON. */
export function rawMessageDeltas(body: JsonRecord): Delta[] | undefined {
  const content = asArray(body['content']);
  if (asString(body['type']) === 'message' && content) {
    const deltas: Delta[] = [{ choice: 0, role: asString(body['role']) ?? 'assistant', finishReason: asString(body['stop_reason']) ?? null }];
    let tools = 0;
    content.forEach((b, k) => {
      const block = asRecord(b);
      if (!block) return;
      const at = ['content', k];
      switch (asString(block['type'])) {
        case 'text':
          deltas.push({ choice: 0, content: asString(block['text']) ?? null, at: [...at, 'text'] });
          break;
        case 'thinking':
          deltas.push({ choice: 0, reasoning: asString(block['thinking']) ?? null, at: [...at, 'thinking'] });
          break;
        case 'tool_use':
          deltas.push({ choice: 0, tool: { index: tools++, id: asString(block['id']) ?? null, type: 'function', name: asString(block['name']) ?? null, arguments: JSON.stringify(block['input'] ?? {}), argumentsAt: [...at, 'input'] } });
          break;
        default:
          break;
      }
    });
    return deltas;
  }
  const outputs = asArray(body['outputs']);
  if (outputs) {
    const deltas: Delta[] = [{ choice: 0, role: 'assistant', finishReason: asString(body['status']) ?? null }];
    let tools = 0;
    outputs.forEach((o, k) => {
      const out = asRecord(o);
      if (!out) return;
      const at = ['outputs', k];
      const type = asString(out['type']);
      if (type === 'text') deltas.push({ choice: 0, content: asString(out['text']) ?? null, at: [...at, 'text'] });
      else if (type === 'thought') deltas.push({ choice: 0, reasoning: asString(out['text']) ?? asString(out['summary']) ?? null, at });
      else if (type === 'function_call') deltas.push({ choice: 0, tool: { index: tools++, id: asString(out['id']) ?? null, type: 'function', name: asString(out['name']) ?? null, arguments: JSON.stringify(out['arguments'] ?? {}), argumentsAt: [...at, 'arguments'] } });
    });
    return deltas;
  }
  return undefined;
}

export function rawErrorOf(body: JsonRecord, status: number | undefined): ErrorInfo | undefined {
  const err = asRecord(body['error']);
  if (!err) return undefined;
  return { type: asString(err['type']) ?? asString(err['code']) ?? asString(err['status']) ?? null, message: asString(err['message']) ?? null, statusCode: status ?? asNumber(err['code']) ?? null };
}
