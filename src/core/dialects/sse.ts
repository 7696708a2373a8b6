// Raw server-sent-event recordings: the body is the stream's lines, one string each. eventsource-parser
// turns the lines back into events; each event is credited to the item that held its `data:` line.
// The handlers also read events already parsed (a cassette's stream events).
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

export type Handler = (data: JsonRecord) => ItemEvents;

export function sseEvents(lines: readonly unknown[], dialect: 'anthropic-messages-sse' | 'gemini-interactions-sse'): SseEvents {
  const perItem: ItemEvents[] = lines.map(() => NO_EVENTS);
  const problems: SseProblem[] = [];
  const handle = dialect === 'anthropic-messages-sse' ? anthropicHandler({ paths: false, promptFromStart: true }) : geminiHandler();
  let dataItem = -1;
  const parser = createParser({
    onEvent(event) {
      const item = dataItem;
      if (item < 0) return;
      if (event.data === '[DONE]') {
        perItem[item] = { deltas: [], terminal: true };
        return;
      }
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

export interface AnthropicHandlerOptions {
  /** Give each delta its path in the event object (cassette events); OGX's raw lines are strings, where no path leads in. */
  readonly paths: boolean;
  /**
   * Prompt tokens only from `message_start`, as the contract says. OGX recordings keep the older reading, where a
   * `message_delta` that names `input_tokens` replaces them (Ollama's Anthropic endpoint counts the prompt only there).
   */
  readonly promptFromStart: boolean;
}

const NO_PATH: readonly string[] = [];

/** One Anthropic Messages stream's events, in order, as deltas; `message_stop` ends the stream. */
export function anthropicHandler(options: AnthropicHandlerOptions): Handler {
  // Content blocks are numbered across text, thinking and tool_use; tool calls get their own ordinal.
  const toolOfBlock = new Map<number, { readonly n: number; readonly input: unknown; streamed: boolean }>();
  let promptTokens: number | undefined;
  const path = (...p: string[]): readonly string[] => (options.paths ? p : NO_PATH);
  const usage = (u: JsonRecord | undefined, start: boolean): Usage | undefined => {
    if (!u) return undefined;
    if (start || !options.promptFromStart) promptTokens = asNumber(u['input_tokens']) ?? promptTokens;
    return usageOf(promptTokens, asNumber(u['output_tokens']), undefined);
  };
  return (d) => {
    switch (asString(d['type'])) {
      case 'message_start': {
        const m = asRecord(d['message']) ?? {};
        return {
          deltas: [{ choice: 0, role: asString(m['role']) ?? 'assistant' }],
          model: asString(m['model']),
          modelAt: options.paths ? ['message', 'model'] : undefined,
          id: asString(m['id']),
          idAt: options.paths ? ['message', 'id'] : undefined,
          usage: usage(asRecord(m['usage']), true),
        };
      }
      case 'content_block_start': {
        const block = asRecord(d['content_block']) ?? {};
        const index = asNumber(d['index']) ?? 0;
        const kind = asString(block['type']);
        if (kind === 'server_tool_use') return { deltas: [], serverTools: [{ type: kind, id: asString(block['id']) ?? null, name: asString(block['name']) ?? null, status: null }] };
        if (kind === 'tool_use') {
          const n = toolOfBlock.size;
          const input = asRecord(block['input']);
          const initial = input && Object.keys(input).length > 0 ? JSON.stringify(input) : null;
          toolOfBlock.set(index, { n, input: block['input'], streamed: initial !== null });
          return { deltas: [{ choice: 0, tool: { index: n, id: asString(block['id']) ?? null, type: 'function', name: asString(block['name']) ?? null, arguments: initial, argumentsAt: path('content_block', 'input') } }] };
        }
        if (kind === 'text' && asString(block['text'])) return { deltas: [{ choice: 0, content: asString(block['text']), at: path('content_block', 'text') }] };
        if (kind === 'thinking' && asString(block['thinking'])) return { deltas: [{ choice: 0, reasoning: asString(block['thinking']), at: path('content_block', 'thinking') }] };
        return NO_EVENTS;
      }
      case 'content_block_delta': {
        const delta = asRecord(d['delta']) ?? {};
        const index = asNumber(d['index']) ?? 0;
        switch (asString(delta['type'])) {
          case 'text_delta':
            return { deltas: [{ choice: 0, content: asString(delta['text']) ?? null, at: path('delta', 'text') }] };
          case 'thinking_delta':
            return { deltas: [{ choice: 0, reasoning: asString(delta['thinking']) ?? null, at: path('delta', 'thinking') }] };
          case 'input_json_delta': {
            const tool = toolOfBlock.get(index);
            if (tool === undefined) return NO_EVENTS;
            const fragment = asString(delta['partial_json']) ?? null;
            if (fragment !== null && fragment !== '') tool.streamed = true;
            return { deltas: [{ choice: 0, tool: { index: tool.n, arguments: fragment, argumentsAt: path('delta', 'partial_json') } }] };
          }
          default:
            return NO_EVENTS;
        }
      }
      case 'content_block_stop': {
        // A tool call that streamed no argument fragment (a tool without parameters) has its start block's input.
        const tool = toolOfBlock.get(asNumber(d['index']) ?? 0);
        if (!tool || tool.streamed) return NO_EVENTS;
        tool.streamed = true;
        return { deltas: [{ choice: 0, tool: { index: tool.n, arguments: JSON.stringify(tool.input ?? {}), argumentsAt: path() } }] };
      }
      case 'message_delta': {
        const delta = asRecord(d['delta']) ?? {};
        return { deltas: [{ choice: 0, finishReason: asString(delta['stop_reason']) ?? null, at: path('delta', 'stop_reason') }], usage: usage(asRecord(d['usage']), false) };
      }
      case 'message_stop':
        return { deltas: [], terminal: true };
      case 'error':
        return { deltas: [], error: errorOf(asRecord(d['error'])) };
      default:
        return NO_EVENTS;
    }
  };
}

export function geminiHandler(): Handler {
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
        return { deltas, model: asString(it['model']), usage: u ? usageOf(asNumber(u['total_input_tokens']), asNumber(u['total_output_tokens']), asNumber(u['total_tokens'])) : undefined, terminal: true };
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
