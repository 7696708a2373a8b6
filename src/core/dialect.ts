// Which API a recording holds, told from the response items' `__type__` names (matched as strings,
// never loaded) and, for untyped items, from their shape.

export const DIALECTS = [
  'openai-chat-stream', 'openai-chat', 'openai-completion-stream', 'openai-completion', 'openai-embeddings', 'openai-models',
  'ollama-generate-stream', 'ollama-generate', 'ollama-chat-stream', 'ollama-chat', 'ollama-embed', 'ollama-list',
  'anthropic-messages-sse', 'gemini-interactions-sse', 'vertex-generate-content', 'vertex-generate-content-stream',
  'tool-invocation', 'http-json', 'exception',
  // Raw HTTP recorded by the other recorders (cassettes): told from the request's path, `-stream` from the body's shape.
  'openai-responses', 'openai-responses-stream', 'anthropic-messages', 'gemini-generate-content', 'gemini-generate-content-stream',
  'bedrock-converse', 'bedrock-converse-stream', 'cohere-chat', 'cohere-chat-stream', 'http',
  'unknown',
] as const;
export type DialectId = (typeof DIALECTS)[number];

/** What one response item is, independent of the items around it. */
export type ItemKind =
  | 'openai-chat-chunk' | 'openai-chat' | 'openai-completion' | 'openai-embeddings' | 'openai-model'
  | 'ollama-generate' | 'ollama-chat' | 'ollama-embed' | 'ollama-list' | 'tool-invocation'
  | 'sse-line' | 'vertex' | 'typed-other' | 'plain-other';

const OLLAMA_LIST_CLASSES = new Set(['ListResponse', 'ProcessResponse', 'ProgressResponse', 'ShowResponse', 'StatusResponse']);

export function typeNameOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const t = (item as { __type__?: unknown }).__type__;
  return typeof t === 'string' ? t : undefined;
}

export function classifyItem(item: unknown): ItemKind {
  if (typeof item === 'string') return 'sse-line';
  const type = typeNameOf(item);
  if (type === undefined) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && ('candidates' in item || 'usage_metadata' in item)) return 'vertex';
    return 'plain-other';
  }
  const dot = type.lastIndexOf('.');
  const cls = type.slice(dot + 1);
  const module = dot === -1 ? '' : type.slice(0, dot);
  if (module.startsWith('ollama')) {
    if (cls === 'GenerateResponse') return 'ollama-generate';
    if (cls === 'ChatResponse') return 'ollama-chat';
    if (cls === 'EmbedResponse' || cls === 'EmbeddingsResponse') return 'ollama-embed';
    if (OLLAMA_LIST_CLASSES.has(cls)) return 'ollama-list';
    return 'typed-other';
  }
  if (cls === 'ChatCompletionChunk') return 'openai-chat-chunk';
  if (cls === 'ChatCompletion') return 'openai-chat';
  if (cls === 'Completion') return 'openai-completion';
  if (cls === 'CreateEmbeddingResponse') return 'openai-embeddings';
  if (cls === 'Model' && module.startsWith('openai')) return 'openai-model';
  if (cls === 'ToolInvocationResult') return 'tool-invocation';
  return 'typed-other';
}

const SINGLE: Partial<Record<ItemKind, DialectId>> = {
  'openai-chat-chunk': 'openai-chat-stream',
  'openai-chat': 'openai-chat',
  'openai-completion': 'openai-completion',
  'openai-embeddings': 'openai-embeddings',
  'openai-model': 'openai-models',
  'ollama-generate': 'ollama-generate',
  'ollama-chat': 'ollama-chat',
  'ollama-embed': 'ollama-embed',
  'ollama-list': 'ollama-list',
  'tool-invocation': 'tool-invocation',
  vertex: 'vertex-generate-content',
};

const LIST: Partial<Record<ItemKind, DialectId>> = {
  ...SINGLE,
  'openai-completion': 'openai-completion-stream',
  'ollama-generate': 'ollama-generate-stream',
  'ollama-chat': 'ollama-chat-stream',
  vertex: 'vertex-generate-content-stream',
};

/** Dialects whose list body is a stream of chunks (as opposed to a list of whole objects). */
export function isStreamDialect(d: DialectId): boolean {
  return d.endsWith('-stream') || d.endsWith('-sse');
}

/** The item kinds a dialect's body may hold. */
export function kindsOf(d: DialectId): readonly ItemKind[] {
  return KINDS[d];
}

// A fixed table, derived once rather than on every file.
const KINDS = Object.fromEntries(
  DIALECTS.map((d): [DialectId, readonly ItemKind[]] => {
    if (d === 'anthropic-messages-sse' || d === 'gemini-interactions-sse') return [d, ['sse-line']];
    return [d, (Object.keys(LIST) as ItemKind[]).filter((k) => LIST[k] === d || SINGLE[k] === d)];
  }),
) as Record<DialectId, readonly ItemKind[]>;

export interface DialectInput {
  readonly body: unknown;
  readonly isException: boolean;
  readonly hasStatus: boolean;
  /** classifyItem of each response item (the body list, or the single body), when the caller has them already. */
  readonly kinds?: readonly ItemKind[];
}

export interface DetectedDialect {
  readonly dialect: DialectId;
  /** The kind most items have; items of another kind are flagged. */
  readonly kind: ItemKind | undefined;
}

export function detectDialect(input: DialectInput): DetectedDialect {
  const { body } = input;
  if (input.isException) return { dialect: 'exception', kind: undefined };
  if (Array.isArray(body)) {
    const kind = majorityKind(body, input.kinds);
    if (kind === undefined) return { dialect: input.hasStatus ? 'http-json' : 'unknown', kind };
    if (kind === 'sse-line') return { dialect: sseDialect(body), kind };
    return { dialect: LIST[kind] ?? (input.hasStatus ? 'http-json' : 'unknown'), kind };
  }
  const kind = body === null || body === undefined ? undefined : (input.kinds?.[0] ?? classifyItem(body));
  const dialect = kind ? SINGLE[kind] : undefined;
  if (dialect) return { dialect, kind };
  return { dialect: input.hasStatus ? 'http-json' : 'unknown', kind };
}

function majorityKind(items: readonly unknown[], kinds: readonly ItemKind[] | undefined): ItemKind | undefined {
  const counts = new Map<ItemKind, number>();
  let best: ItemKind | undefined;
  let bestCount = 0;
  for (let i = 0; i < items.length; i++) {
    const k = kinds?.[i] ?? classifyItem(items[i]);
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > bestCount) {
      best = k;
      bestCount = n;
    }
  }
  return best;
}

/** Anthropic and Gemini streams are both raw SSE lines; their events tell them apart. */
function sseDialect(lines: readonly unknown[]): DialectId {
  for (const line of lines) {
    if (typeof line !== 'string') continue;
    const m = /^(event|data):\s?(.*)$/.exec(line);
    if (!m) continue;
    const text = m[2] ?? '';
    if (/^(message_start|content_block_(start|delta|stop)|message_delta|message_stop)\b/.test(text) || /"type"\s*:\s*"(message_start|content_block_start|content_block_delta|message_delta)"/.test(text)) return 'anthropic-messages-sse';
    if (/^(interaction|content)\.[a-z_]+/.test(text) || /"event_type"\s*:\s*"(interaction|content)\./.test(text)) return 'gemini-interactions-sse';
  }
  return 'unknown';
}
