// Puts a response back together: each item becomes dialect-neutral deltas (events/), and one
// accumulator applies the contract's rules to all of them. It also records, per item, what the
// timeline and hovers show, and the facts validation needs (content after finish, bad arguments).
import type { JsonPath } from './diagnostic';
import { describeJsonError } from './jsonText';
import { isStreamDialect, type DialectId } from './dialect';
import { anthropicMessageEvents, anthropicStreamReader } from './dialects/anthropicMessages';
import { bedrockConverseEvents, bedrockStreamReader } from './dialects/bedrockConverse';
import { httpErrorOf } from './dialects/byRequest';
import { cohereChatEvents, cohereStreamReader } from './dialects/cohereChat';
import { geminiReader } from './dialects/gemini';
import { completionEvents, textlessEvents } from './dialects/openai';
import { compatibleChatChunkEvents, compatibleChatCompletionEvents } from './dialects/openaiCompatible';
import { responsesEvents, responsesStreamReader } from './dialects/openaiResponses';
import { ollamaChatEvents, ollamaGenerateEvents } from './dialects/ollama';
import { exceptionError, httpJsonEvents, toolInvocationEvents } from './dialects/other';
import { geminiHandler, sseEvents, type SseProblem } from './dialects/sse';
import { NO_EVENTS, type Delta, type ErrorInfo, type ItemEvents, type Usage } from './dialects/types';
import { vertexEvents } from './dialects/vertex';
import { asNumber, asRecord, dataOf, type JsonRecord } from './values';

export type { ErrorInfo, Usage } from './dialects/types';

export interface ToolCall {
  readonly index: number;
  readonly id: string | null;
  readonly type: string | null;
  readonly name: string | null;
  readonly arguments: string;
}

export interface Choice {
  readonly index: number;
  readonly role: string;
  readonly content: string;
  readonly reasoning: string;
  readonly refusal: string | null;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: string | null;
}

/** Exactly the fields of `fixture-lens reassemble --json`, less `file`. */
export interface Reassembly {
  readonly dialect: DialectId;
  readonly streaming: boolean;
  readonly model: string | null;
  readonly chunkCount: number;
  readonly choices: readonly Choice[];
  readonly usage: Usage | null;
  readonly error: ErrorInfo | null;
}

/** One row of the chunk timeline: what a single response item contributed. */
export interface ChunkRow {
  readonly item: number;
  readonly choice: number | null;
  readonly content: string;
  readonly reasoning: string;
  readonly refusal: string;
  readonly tool: string;
  readonly finishReason: string | null;
  readonly usage: boolean;
  /** Length of the choice's assembled content after this item, so a hover can show the text so far. */
  readonly assembledLength: number;
}

export interface PathInItem {
  readonly item: number;
  readonly at: JsonPath;
}

export interface StreamFacts {
  readonly contentAfterFinish: (PathInItem & { readonly choice: number })[];
  /** Choices that never got a finish reason, with the last item that touched them. */
  readonly unfinished: { readonly choice: number; readonly lastItem: number }[];
  readonly invalidArguments: (PathInItem & { readonly choice: number; readonly tool: number; readonly name: string | null; readonly reason: string })[];
  readonly ids: (PathInItem & { readonly value: string })[];
  readonly models: (PathInItem & { readonly value: string })[];
  readonly sseProblems: readonly SseProblem[];
  /** The stream reached its terminal event (`[DONE]`, `message_stop`, `response.completed`, …): without one, a recorded stream was cut off. */
  terminated: boolean;
}

export interface ReassembleOptions {
  /** The body layer saw the stream's `data: [DONE]` (it is no item). */
  readonly done?: boolean | undefined;
  /** The response body's text when it is no JSON, for the message of a failed call (status >= 400). */
  readonly text?: string | undefined;
}

export interface ReassembleResult {
  readonly reassembly: Reassembly;
  readonly rows: readonly ChunkRow[];
  readonly facts: StreamFacts;
}

interface ToolState {
  index: number;
  id: string | null;
  type: string | null;
  name: string | null;
  arguments: string;
  firstArgs: PathInItem | undefined;
}

interface ChoiceState {
  index: number;
  role: string | null;
  content: string;
  reasoning: string;
  refusal: string | null;
  tools: Map<number, ToolState>;
  finishReason: string | null;
  finishedAt: number;
  lastItem: number;
}

/** The contract's rule for id, type and name: first non-empty value; an identical repeat is ignored, a different fragment appended. */
function mergeName(current: string | null, fragment: string | null | undefined): string | null {
  if (fragment === null || fragment === undefined || fragment === '') return current;
  if (current === null || current === '') return fragment;
  return fragment === current ? current : current + fragment;
}

/**
 * Each item's events, produced when the item is reached: for a long stream, holding every item's events
 * at once only feeds the garbage collector. SSE lines are the exception: an event is known only at the
 * blank line after its data, so those are read up front.
 */
function eventsFor(dialect: DialectId, items: readonly unknown[], response: JsonRecord): { eventsAt: (i: number) => ItemEvents; problems: SseProblem[] } {
  // OGX keeps these streams as raw lines; a cassette's stream events come parsed, one object each.
  const rawLines = (dialect === 'anthropic-messages-sse' || dialect === 'gemini-interactions-sse') && items.some((i) => typeof i === 'string');
  if (rawLines) {
    const { perItem, problems } = sseEvents(items, dialect);
    return { eventsAt: (i) => perItem[i] ?? NO_EVENTS, problems };
  }
  const ollamaTools = { next: 0 };
  const vertexTools = new Map<number, number>();
  const status = asNumber(response['status']);
  // Readers that carry state from one stream event to the next (tool numbering, prompt tokens).
  const stream = streamReaderOf(dialect);
  const extract = (item: unknown): ItemEvents => {
    if (stream) return stream(item);
    switch (dialect) {
      case 'openai-chat-stream':
        return compatibleChatChunkEvents(item);
      case 'openai-chat':
        return compatibleChatCompletionEvents(item);
      case 'openai-completion':
      case 'openai-completion-stream':
        return completionEvents(item);
      case 'openai-embeddings':
      case 'openai-models':
      case 'ollama-embed':
      case 'ollama-list':
        return textlessEvents(item);
      case 'ollama-generate':
      case 'ollama-generate-stream':
        return ollamaTerminal(item, ollamaGenerateEvents(item));
      case 'ollama-chat':
      case 'ollama-chat-stream':
        return ollamaTerminal(item, ollamaChatEvents(item, ollamaTools));
      case 'vertex-generate-content':
      case 'vertex-generate-content-stream':
        return vertexEvents(item, vertexTools);
      case 'tool-invocation':
        return toolInvocationEvents(item);
      case 'http-json':
        return httpJsonEvents(item, status);
      case 'openai-responses':
        return responsesEvents(item);
      case 'anthropic-messages':
        return anthropicMessageEvents(item);
      case 'bedrock-converse':
        return bedrockConverseEvents(item);
      case 'cohere-chat':
        return cohereChatEvents(item);
      default:
        return NO_EVENTS;
    }
  };
  const one = (item: unknown): ItemEvents => {
    try {
      return extract(item);
    } catch (e) {
      // Tool arguments given as objects are turned into text with JSON.stringify, which recurses: an item nested
      // deeper than the stack allows (reported as nesting-too-deep) contributes nothing instead of aborting the analysis.
      if (e instanceof RangeError) return NO_EVENTS;
      throw e;
    }
  };
  return { eventsAt: (i) => one(items[i]), problems: [] };
}

function streamReaderOf(dialect: DialectId): ((item: unknown) => ItemEvents) | undefined {
  switch (dialect) {
    case 'openai-responses-stream':
      return responsesStreamReader();
    case 'anthropic-messages-sse':
      return anthropicStreamReader();
    case 'gemini-interactions-sse': {
      const handle = geminiHandler();
      return (item) => {
        const r = asRecord(item);
        return r ? handle(r) : NO_EVENTS;
      };
    }
    case 'gemini-generate-content':
    case 'gemini-generate-content-stream':
      return geminiReader();
    case 'bedrock-converse-stream':
      return bedrockStreamReader();
    case 'cohere-chat-stream':
      return cohereStreamReader();
    default:
      return undefined;
  }
}

/** Ollama's NDJSON stream has no end marker: the chunk with `done: true` is its last. */
function ollamaTerminal(item: unknown, events: ItemEvents): ItemEvents {
  return dataOf(item)?.['done'] === true ? { ...events, terminal: true } : events;
}

/** Where a failed call's error is: the one JSON body, or the first stream event that names an `error`. */
function errorBodyOf(items: readonly unknown[]): unknown {
  if (items.length <= 1) return items[0];
  for (const item of items) if (asRecord(item)?.['error'] !== undefined) return item;
  return items[0];
}

function hasText(s: string | null | undefined): s is string {
  return typeof s === 'string' && s !== '';
}

/**
 * `response.status` (raw HTTP) >= 400: the answer is the provider's error (`choices: []`). With neither
 * body items nor `options.text` there is nothing to read it from, and `error` stays as the dialect left it.
 */
export function reassemble(dialect: DialectId, items: readonly unknown[], response: JsonRecord, streaming: boolean, itemKinds?: readonly boolean[], options?: ReassembleOptions): ReassembleResult {
  const { eventsAt, problems } = eventsFor(dialect, items, response);
  const choices = new Map<number, ChoiceState>();
  const rows: ChunkRow[] = [];
  const facts: StreamFacts = { contentAfterFinish: [], unfinished: [], invalidArguments: [], ids: [], models: [], sseProblems: problems, terminated: options?.done === true };
  let usage: Usage | null = null;
  let model: string | null = null;
  let error: ErrorInfo | null = dialect === 'exception' ? exceptionError(response) : null;

  const choiceOf = (index: number): ChoiceState => {
    let c = choices.get(index);
    if (!c) {
      c = { index, role: null, content: '', reasoning: '', refusal: null, tools: new Map(), finishReason: null, finishedAt: -1, lastItem: -1 };
      choices.set(index, c);
    }
    return c;
  };

  for (let item = 0; item < items.length; item++) {
    let ev = eventsAt(item);
    // Items of another dialect (flagged as mixed-dialect) contribute nothing.
    if (itemKinds && itemKinds[item] === false) ev = NO_EVENTS;
    const row = { choice: null as number | null, content: '', reasoning: '', refusal: '', tool: '', finishReason: null as string | null };
    for (const d of ev.deltas) {
      const c = choiceOf(d.choice);
      c.lastItem = item;
      if (row.choice === null) row.choice = d.choice;
      applyDelta(c, d, item, facts);
      if (hasText(d.content)) row.content += d.content;
      if (hasText(d.reasoning)) row.reasoning += d.reasoning;
      if (hasText(d.refusal)) row.refusal += d.refusal;
      if (d.tool) row.tool += describeTool(d);
      if (hasText(d.finishReason)) row.finishReason = d.finishReason;
    }
    if (ev.usage) usage = ev.usage;
    if (ev.model && model === null) model = ev.model;
    if (ev.error) error = ev.error;
    if (ev.terminal) facts.terminated = true;
    if (ev.id && ev.idAt) facts.ids.push({ item, at: ev.idAt, value: ev.id });
    if (ev.model && ev.modelAt) facts.models.push({ item, at: ev.modelAt, value: ev.model });
    const assembled = row.choice === null ? 0 : (choices.get(row.choice)?.content.length ?? 0);
    rows.push({
      item,
      choice: row.choice,
      content: row.content,
      reasoning: row.reasoning,
      refusal: row.refusal,
      tool: row.tool,
      finishReason: row.finishReason,
      usage: ev.usage !== undefined,
      assembledLength: assembled,
    });
  }

  const sorted = [...choices.values()].sort((a, b) => a.index - b.index);
  const out: Choice[] = sorted.map((c) => {
    const tools = [...c.tools.values()].sort((a, b) => a.index - b.index);
    for (const t of tools) {
      // A custom tool's input (Responses `custom_tool_call`) is free text, not JSON.
      if (t.type === 'custom') continue;
      const reason = invalidJson(t.arguments);
      if (reason !== undefined) facts.invalidArguments.push({ choice: c.index, tool: t.index, name: t.name, reason, item: t.firstArgs?.item ?? c.lastItem, at: t.firstArgs?.at ?? [] });
    }
    if (c.finishReason === null && isStreamDialect(dialect)) facts.unfinished.push({ choice: c.index, lastItem: c.lastItem });
    return {
      index: c.index,
      role: c.role ?? 'assistant',
      content: c.content,
      reasoning: c.reasoning,
      refusal: c.refusal,
      toolCalls: tools.map((t) => ({ index: t.index, id: t.id, type: t.type, name: t.name, arguments: t.arguments })),
      finishReason: c.finishReason,
    };
  });

  // http-json and recorded exceptions read their status themselves.
  const status = asNumber(response['status']);
  const failed = status !== undefined && status >= 400 && dialect !== 'http-json' && dialect !== 'exception';
  if (failed && (items.length > 0 || options?.text !== undefined)) error = httpErrorOf(status, errorBodyOf(items), options?.text);
  return {
    reassembly: { dialect, streaming, model, chunkCount: items.length, choices: failed || (error && out.length === 0) ? [] : out, usage, error },
    rows,
    facts,
  };
}

function applyDelta(c: ChoiceState, d: Delta, item: number, facts: StreamFacts): void {
  if (c.role === null && hasText(d.role)) c.role = d.role;
  const adds = hasText(d.content) || hasText(d.reasoning) || hasText(d.refusal) || hasText(d.tool?.arguments) || hasText(d.tool?.name);
  if (adds && c.finishedAt !== -1 && c.finishedAt < item) facts.contentAfterFinish.push({ item, choice: c.index, at: d.tool?.argumentsAt ?? d.at ?? [] });
  if (typeof d.content === 'string') c.content += d.content;
  if (typeof d.reasoning === 'string') c.reasoning += d.reasoning;
  if (typeof d.refusal === 'string') c.refusal = (c.refusal ?? '') + d.refusal;
  if (d.tool) {
    const t = d.tool;
    let state = c.tools.get(t.index);
    if (!state) {
      state = { index: t.index, id: null, type: null, name: null, arguments: '', firstArgs: undefined };
      c.tools.set(t.index, state);
    }
    state.id = mergeName(state.id, t.id);
    state.type = mergeName(state.type, t.type);
    state.name = mergeName(state.name, t.name);
    if (typeof t.arguments === 'string') {
      state.arguments += t.arguments;
      if (!state.firstArgs && t.argumentsAt && t.arguments !== '') state.firstArgs = { item, at: t.argumentsAt };
    }
  }
  if (hasText(d.finishReason)) {
    c.finishReason = d.finishReason;
    if (c.finishedAt === -1) c.finishedAt = item;
  }
}

function describeTool(d: Delta): string {
  const t = d.tool;
  if (!t) return '';
  const head = t.name ? `#${t.index} ${t.name}` : `#${t.index}`;
  return t.arguments ? `${head} ${t.arguments}` : head;
}

function invalidJson(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    // The engine's own message changes between Node versions; the reason given is the project's own.
    return text === '' ? 'the arguments are empty' : describeJsonError(text);
  }
}
