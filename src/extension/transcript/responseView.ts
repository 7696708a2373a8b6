// The recorded response as the transcript shows it: the core's reassembled choices, usage and error, a one-line
// summary for responses without text (embeddings, model lists), and a JSON tree for shapes with no transcript.
import type { FixtureAnalysis } from '../../core';
import { asArray, asNumber, asRecord, asString, dataOf } from '../../core/values';
import type { ChoiceView, ResponseView } from '../../shared/protocol';
import { jsonLines } from './jsonTree';
import { textBlock } from './textBlock';
import { toolCallView } from './toolCallView';

const TEXTLESS = new Set(['openai-embeddings', 'ollama-embed', 'openai-models', 'ollama-list']);
/** Shapes the core does not turn into text, so the body itself is the only thing worth showing. */
const RAW = new Set(['unknown', 'http-json', ...TEXTLESS]);

export function responseView(analysis: FixtureAnalysis): ResponseView {
  const r = analysis.reassembly;
  const choices: ChoiceView[] = r.choices.map((c) => ({
    index: c.index,
    role: c.role,
    content: textBlock(c.content),
    reasoning: textBlock(c.reasoning),
    refusal: c.refusal,
    toolCalls: c.toolCalls.map((t) => toolCallView(t.id, t.name, t.arguments)),
    finishReason: c.finishReason,
  }));
  const hasText = choices.some((c) => c.content.text !== '' || c.reasoning.text !== '' || c.refusal !== null || c.toolCalls.length > 0);
  const { summary, modelIds } = textlessSummary(analysis);
  const body = analysis.response?.['body'];
  const showRaw = body !== undefined && body !== null && (RAW.has(analysis.dialect) || (!hasText && r.error === null));
  return {
    dialect: analysis.dialect,
    streaming: analysis.streaming,
    model: r.model,
    chunkCount: r.chunkCount,
    status: asNumber(analysis.response?.['status']) ?? null,
    choices,
    usage: r.usage,
    error: r.error,
    summary,
    modelIds,
    raw: showRaw ? jsonLines(body) : null,
  };
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

function textlessSummary(analysis: FixtureAnalysis): { summary: string | null; modelIds: string[] } {
  if (!TEXTLESS.has(analysis.dialect)) return { summary: null, modelIds: [] };
  const data = analysis.items.map(dataOf);
  switch (analysis.dialect) {
    case 'openai-embeddings': {
      const vectors = data.flatMap((d) => (asArray(d?.['data']) ?? []).map((e) => asRecord(e)?.['embedding']));
      return { summary: embeddingsSummary(vectors), modelIds: [] };
    }
    case 'ollama-embed': {
      const vectors = data.flatMap((d) => asArray(d?.['embeddings']) ?? (d?.['embedding'] !== undefined ? [d['embedding']] : []));
      return { summary: embeddingsSummary(vectors), modelIds: [] };
    }
    case 'openai-models': {
      const ids = data.map((d) => asString(d?.['id'])).filter((id): id is string => id !== undefined);
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
