// Gemini generateContent / streamGenerateContent (Gemini API and Vertex AI) recorded as raw HTTP: each
// GenerateContentResponse, whole or one chunk of a stream, as deltas of its candidates.
import type { JsonPath } from '../diagnostic';
import { asArray, asNumber, asRecord, asString, type JsonRecord } from '../values';
import { NO_EVENTS, usageOf, type Delta, type ErrorInfo, type ItemEvents, type Usage } from './types';

/**
 * Finish reasons sent as numbers (`enum-encoding=int`). Only the values the Gemini API and Vertex AI
 * number alike are named; from 6 on their enums differ, so a larger number is kept as its digits.
 */
const FINISH_REASON_NAMES = ['FINISH_REASON_UNSPECIFIED', 'STOP', 'MAX_TOKENS', 'SAFETY', 'RECITATION', 'OTHER'];

function finishReasonOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const n = asNumber(v);
  if (n === undefined) return undefined;
  return FINISH_REASON_NAMES[n] ?? String(n);
}

/** The REST API writes camelCase; SDK dumps (and OGX's Vertex recordings) snake_case. */
function field(r: JsonRecord, camel: string, snake: string): { value: unknown; key: string } {
  return camel in r ? { value: r[camel], key: camel } : { value: r[snake], key: snake };
}

function geminiUsage(data: JsonRecord): Usage | undefined {
  const u = asRecord(field(data, 'usageMetadata', 'usage_metadata').value);
  if (!u) return undefined;
  // Thought tokens are not added to the completion: the contract's completionTokens is candidatesTokenCount.
  return usageOf(asNumber(field(u, 'promptTokenCount', 'prompt_token_count').value), asNumber(field(u, 'candidatesTokenCount', 'candidates_token_count').value), asNumber(field(u, 'totalTokenCount', 'total_token_count').value));
}

function geminiError(data: JsonRecord): ErrorInfo | undefined {
  const e = asRecord(data['error']);
  if (!e) return undefined;
  return { type: asString(e['status']) ?? null, message: asString(e['message']) ?? null, statusCode: asNumber(e['code']) ?? null };
}

interface ChunkEvents {
  deltas: Delta[];
  usage: Usage | undefined;
  model: string | undefined;
  modelAt: JsonPath | undefined;
  id: string | undefined;
  idAt: JsonPath | undefined;
  error: ErrorInfo | undefined;
  terminal: boolean;
}

/** Reads one GenerateContentResponse into `out`; `toolOrdinal` numbers each candidate's function calls across chunks. */
function readChunk(data: JsonRecord, p: JsonPath, toolOrdinal: Map<number, number>, out: ChunkEvents): void {
  const candidates = asArray(data['candidates']) ?? [];
  for (let k = 0; k < candidates.length; k++) {
    const cand = asRecord(candidates[k]);
    if (!cand) continue;
    const choice = asNumber(cand['index']) ?? k;
    const at = [...p, 'candidates', k];
    out.deltas.push({ choice, role: 'assistant' });
    const parts = asArray(asRecord(cand['content'])?.['parts']) ?? [];
    for (let j = 0; j < parts.length; j++) {
      const part = asRecord(parts[j]);
      if (!part) continue;
      const partAt = [...at, 'content', 'parts', j];
      const text = asString(part['text']);
      if (text !== undefined) out.deltas.push(part['thought'] === true ? { choice, reasoning: text, at: [...partAt, 'text'] } : { choice, content: text, at: [...partAt, 'text'] });
      const call = field(part, 'functionCall', 'function_call');
      const fn = asRecord(call.value);
      if (fn) {
        const n = toolOrdinal.get(choice) ?? 0;
        toolOrdinal.set(choice, n + 1);
        const args = fn['args'];
        out.deltas.push({ choice, tool: { index: n, id: asString(fn['id']) ?? null, type: 'function', name: asString(fn['name']) ?? null, arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}), argumentsAt: [...partAt, call.key, 'args'] } });
      }
    }
    const finish = field(cand, 'finishReason', 'finish_reason');
    const reason = finishReasonOf(finish.value);
    if (reason !== undefined) {
      out.deltas.push({ choice, finishReason: reason, at: [...at, finish.key] });
      out.terminal = true;
    }
  }
  const usage = geminiUsage(data);
  if (usage) out.usage = usage;
  const model = field(data, 'modelVersion', 'model_version');
  if (out.model === undefined && typeof model.value === 'string') {
    out.model = model.value;
    out.modelAt = [...p, model.key];
  }
  const id = field(data, 'responseId', 'response_id');
  if (out.id === undefined && typeof id.value === 'string') {
    out.id = id.value;
    out.idAt = [...p, id.key];
  }
  out.error = geminiError(data) ?? out.error;
}

/**
 * A reader of one exchange's GenerateContentResponses, in order: the whole answer, or each chunk of a
 * stream. An item that is a JSON array (a `streamGenerateContent` body handed over whole) is read element
 * by element. The stream ends with the chunk that gives a finish reason.
 */
export function geminiReader(): (item: unknown) => ItemEvents {
  const toolOrdinal = new Map<number, number>();
  return (item) => {
    const out: ChunkEvents = { deltas: [], usage: undefined, model: undefined, modelAt: undefined, id: undefined, idAt: undefined, error: undefined, terminal: false };
    if (Array.isArray(item)) {
      for (let k = 0; k < item.length; k++) {
        const data = asRecord(item[k]);
        if (data) readChunk(data, [k], toolOrdinal, out);
      }
    } else {
      const data = asRecord(item);
      if (!data) return NO_EVENTS;
      readChunk(data, [], toolOrdinal, out);
    }
    return { ...out, terminal: out.terminal || undefined };
  };
}
