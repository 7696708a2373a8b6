// One exchange's response as the transcript shows it: the core's reassembled choices (with a mark where a chunk could
// not be read), usage with the dialect's other counts, the error, a one-line summary for responses without text
// (embeddings, model lists), a card for a file processor's answer, and a JSON tree for shapes with no transcript.
import type { ExchangeAnalysis, FixtureDiagnostic } from '../../core';
import { asArray, asRecord, asString, dataOf, type JsonRecord } from '../../core/values';
import type { ChoiceView, FileView, ResponseView } from '../../shared/protocol';
import { answerGaps } from './answerGaps';
import { jsonLines } from './jsonTree';
import { parseJsonContainer } from './messageParts';
import { textBlock } from './textBlock';
import type { Timeline } from './timelineRows';
import { toolCallView } from './toolCallView';
import { usageDetails } from './usageDetails';

const TEXTLESS = new Set(['openai-embeddings', 'ollama-embed', 'openai-models', 'ollama-list']);
/** Shapes the core does not turn into text, so the body itself is the only thing worth showing. */
const RAW = new Set(['unknown', 'http-json', 'http', ...TEXTLESS]);
/** Answers that have no finish reason to miss: a tool's result, a whole raw HTTP body. */
const NO_FINISH = new Set(['tool-invocation', 'http-json', 'http', 'unknown', 'exception']);

export type ResponseSubject = Pick<ExchangeAnalysis, 'index' | 'dialect' | 'streaming' | 'status' | 'items' | 'rows' | 'reassembly' | 'responseBody' | 'request'>;

export interface ResponseContext {
  /** The exchange's diagnostics (for the marks of unreadable chunks). */
  readonly diagnostics: readonly FixtureDiagnostic[];
  readonly timeline: Timeline;
  /** Numbers each answer (for its copy and reveal actions). */
  readonly number: (choice: number) => number;
}

export function responseView(exchange: ResponseSubject, ctx: ResponseContext): ResponseView {
  const r = exchange.reassembly;
  const gaps = answerGaps(exchange, ctx.diagnostics, ctx.timeline);
  const finishExpected = !NO_FINISH.has(r.dialect);
  const choices: ChoiceView[] = r.choices.map((c) => {
    const marked = gaps.get(c.index);
    // A tool's result that is JSON is data: a tree, not Markdown.
    const json = c.role === 'tool' || r.dialect === 'tool-invocation' ? parseJsonContainer(c.content) : undefined;
    return {
      id: ctx.number(c.index),
      index: c.index,
      role: c.role,
      toolName: r.dialect === 'tool-invocation' ? (asString(exchange.request?.['tool_name']) ?? null) : null,
      content: textBlock(marked?.content ?? c.content),
      json: json === undefined ? null : jsonLines(json),
      reasoning: textBlock(c.reasoning),
      refusal: c.refusal,
      toolCalls: c.toolCalls.map((t) => toolCallView(t.id, t.name, t.arguments)),
      finishReason: c.finishReason,
      finishExpected,
      gaps: marked?.gaps ?? [],
    };
  });
  const hasText = choices.some((c) => c.content.text !== '' || c.reasoning.text !== '' || c.refusal !== null || c.toolCalls.length > 0);
  const { summary, modelIds } = textlessSummary(exchange);
  const file = fileView(exchange);
  const body = bodyValue(exchange);
  const showRaw = body !== undefined && file === null && (RAW.has(r.dialect) || (!hasText && r.error === null));
  const details = usageDetails(exchange.items);
  return {
    dialect: r.dialect,
    streaming: exchange.streaming,
    model: r.model,
    chunkCount: r.chunkCount,
    status: exchange.status,
    choices,
    usage: r.usage ? { ...r.usage, details } : null,
    error: r.error,
    summary,
    modelIds,
    file,
    raw: showRaw ? jsonLines(body) : null,
  };
}

/** The response body as a value: the JSON of an OGX body or a cassette's decoded JSON body. */
function bodyValue(exchange: ResponseSubject): unknown {
  const b = exchange.responseBody;
  if (b.kind === 'json') return b.value;
  if (b.kind === 'text') return b.text;
  return undefined;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function embeddingsSummary(vectors: readonly unknown[]): string {
  const first = vectors[0];
  if (typeof first === 'string') return `${plural(vectors.length, 'embedding')} (base64-encoded)`;
  const dims = new Set(vectors.map((v) => (Array.isArray(v) ? v.length : 0)));
  const dimText = dims.size === 1 ? `of ${plural([...dims][0] ?? 0, 'dimension')}` : `of ${[...dims].sort((a, b) => a - b).join(', ')} dimensions`;
  return `${plural(vectors.length, 'embedding')} ${dimText}`;
}

function textlessSummary(exchange: ResponseSubject): { summary: string | null; modelIds: string[] } {
  if (!TEXTLESS.has(exchange.dialect)) return { summary: null, modelIds: [] };
  const data = exchange.items.map(dataOf);
  switch (exchange.dialect) {
    case 'openai-embeddings': {
      const vectors = data.flatMap((d) => (asArray(d?.['data']) ?? []).map((e) => asRecord(e)?.['embedding']));
      return { summary: embeddingsSummary(vectors), modelIds: [] };
    }
    case 'ollama-embed': {
      const vectors = data.flatMap((d) => asArray(d?.['embeddings']) ?? (d?.['embedding'] !== undefined ? [d['embedding']] : []));
      return { summary: embeddingsSummary(vectors), modelIds: [] };
    }
    case 'openai-models': {
      // OGX stores a list of Model items; a cassette's body is one `{data: [...]}` list.
      const ids = data.flatMap((d) => (asArray(d?.['data']) ?? [d]).map((m) => asString(asRecord(m)?.['id']))).filter((id): id is string => id !== undefined);
      return { summary: plural(ids.length, 'model'), modelIds: ids };
    }
    default: {
      // Ollama's list, ps and pull answers: model names, or the status of a pull.
      const ids = data.flatMap((d) => (asArray(d?.['models']) ?? []).map((m) => asString(asRecord(m)?.['model']) ?? asString(asRecord(m)?.['name']))).filter((id): id is string => id !== undefined);
      const status = data.map((d) => asString(d?.['status'])).find((s) => s !== undefined);
      if (ids.length > 0 || status === undefined) return { summary: plural(ids.length, 'model'), modelIds: ids };
      return { summary: `Status: ${status}`, modelIds: [] };
    }
  }
}

/** OGX file processors (`ProcessFileResponse`): the file's id and name, its chunks and their text. */
function fileView(exchange: ResponseSubject): FileView | null {
  const request: JsonRecord | undefined = exchange.request;
  const item = exchange.items[0];
  const type = asString(asRecord(item)?.['__type__']);
  if (!(type?.endsWith('ProcessFileResponse') ?? false) && asString(request?.['api']) !== 'file_processors') return null;
  const data = dataOf(item);
  const chunks = (asArray(data?.['chunks']) ?? []).map(asRecord);
  const text = chunks.map((c) => asString(c?.['content']) ?? '').join('\n\n');
  const fileName = chunks.map((c) => asString(asRecord(c?.['metadata'])?.['filename'])).find((n) => n !== undefined) ?? null;
  return { fileId: asString(request?.['file_id']) ?? null, fileName, processor: asString(request?.['provider']) ?? null, chunks: chunks.length, text: textBlock(text) };
}
