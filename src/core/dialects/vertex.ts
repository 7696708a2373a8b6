// Vertex AI / Gemini generate_content responses: plain objects, whole or streamed.
import { asArray, asNumber, asRecord, asString, dataOf, dataPrefix } from '../values';
import { usageOf, type Delta, type ItemEvents } from './types';

export function vertexEvents(item: unknown, toolOrdinal: Map<number, number>): ItemEvents {
  const data = dataOf(item);
  if (!data) return { deltas: [] };
  const p = dataPrefix(item);
  const deltas: Delta[] = [];
  (asArray(data['candidates']) ?? []).forEach((c, k) => {
    const cand = asRecord(c);
    if (!cand) return;
    const choice = asNumber(cand['index']) ?? k;
    const parts = asArray(asRecord(cand['content'])?.['parts']) ?? [];
    deltas.push({ choice, role: 'assistant' });
    parts.forEach((pt, j) => {
      const part = asRecord(pt);
      if (!part) return;
      const at = [...p, 'candidates', k, 'content', 'parts', j];
      const text = asString(part['text']);
      if (text !== undefined) {
        deltas.push(part['thought'] === true ? { choice, reasoning: text, at: [...at, 'text'] } : { choice, content: text, at: [...at, 'text'] });
      }
      const call = asRecord(part['function_call']);
      if (call) {
        const n = toolOrdinal.get(choice) ?? 0;
        toolOrdinal.set(choice, n + 1);
        deltas.push({ choice, tool: { index: n, id: asString(call['id']) ?? null, type: 'function', name: asString(call['name']) ?? null, arguments: JSON.stringify(call['args'] ?? {}), argumentsAt: [...at, 'function_call', 'args'] } });
      }
    });
    const finish = asString(cand['finish_reason']);
    if (finish !== undefined) deltas.push({ choice, finishReason: finish });
  });
  const u = asRecord(data['usage_metadata']);
  return {
    deltas,
    usage: u ? usageOf(asNumber(u['prompt_token_count']), asNumber(u['candidates_token_count']), asNumber(u['total_token_count'])) : undefined,
    model: asString(data['model_version']),
    modelAt: [...p, 'model_version'],
    id: asString(data['response_id']),
    idAt: [...p, 'response_id'],
  };
}
