// The `usage-inconsistent` warning: a usage block whose total is not prompt + completion (what people check by
// hand with jq today). Only for the APIs whose total is defined as that sum: Gemini counts thought tokens in its
// total and Bedrock cache tokens, so a larger total there is no inconsistency.
import type { DialectId } from './dialect';
import { makeDiagnostic, type FixtureDiagnostic, type JsonPath, type Span } from './diagnostic';
import type { ChunkRow, Reassembly } from './reassemble';

/** The field names the usage block uses, per dialect whose total must be the sum. */
const SUMMED: Partial<Record<DialectId, { readonly prompt: string; readonly completion: string; readonly total: string }>> = {
  'openai-chat': { prompt: 'prompt_tokens', completion: 'completion_tokens', total: 'total_tokens' },
  'openai-chat-stream': { prompt: 'prompt_tokens', completion: 'completion_tokens', total: 'total_tokens' },
  'openai-completion': { prompt: 'prompt_tokens', completion: 'completion_tokens', total: 'total_tokens' },
  'openai-completion-stream': { prompt: 'prompt_tokens', completion: 'completion_tokens', total: 'total_tokens' },
  'openai-responses': { prompt: 'input_tokens', completion: 'output_tokens', total: 'total_tokens' },
  'openai-responses-stream': { prompt: 'input_tokens', completion: 'output_tokens', total: 'total_tokens' },
};

export interface UsageCheckInput {
  readonly reassembly: Reassembly;
  /** The timeline: the last row with `usage` is the item the reassembled usage comes from. */
  readonly rows: readonly ChunkRow[];
  readonly items: readonly unknown[];
  /** Path of item i in the file. */
  itemPath(i: number): JsonPath;
  /** Where a path is in the text (the smallest value that holds it). */
  locate(path: JsonPath): Span | undefined;
  /** For files of several exchanges. */
  readonly exchange?: number;
}

export function checkUsage(input: UsageCheckInput): FixtureDiagnostic | undefined {
  const { usage, dialect } = input.reassembly;
  const names = SUMMED[dialect];
  if (!names || usage === null || usage.promptTokens === null || usage.completionTokens === null || usage.totalTokens === null) return undefined;
  const sum = usage.promptTokens + usage.completionTokens;
  if (usage.totalTokens === sum) return undefined;
  const item = lastUsageItem(input.rows);
  const inItem = item === undefined ? undefined : usagePathInItem(input.items[item]);
  const path: JsonPath = item === undefined || inItem === undefined ? [] : [...input.itemPath(item), ...inItem, names.total];
  const span = input.locate(path) ?? { start: 0, end: 0 };
  const message = `usage.${names.total} is ${usage.totalTokens}, but ${names.prompt} + ${names.completion} is ${usage.promptTokens} + ${usage.completionTokens} = ${sum}.`;
  return makeDiagnostic('usage-inconsistent', message, span, path, item, input.exchange);
}

function lastUsageItem(rows: readonly ChunkRow[]): number | undefined {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.usage) return rows[i]!.item;
  return undefined;
}

/**
 * Where the usage object is inside one response item: `usage` at the item, in the recorder's `__data__`, or in a
 * Responses event's `response`. Undefined when the item holds none of these.
 */
export function usagePathInItem(item: unknown): JsonPath | undefined {
  const candidates: JsonPath[] = [['usage'], ['__data__', 'usage'], ['response', 'usage'], ['__data__', 'response', 'usage']];
  for (const path of candidates) {
    let v: unknown = item;
    for (const key of path) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key as string] : undefined;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return path;
  }
  return undefined;
}
