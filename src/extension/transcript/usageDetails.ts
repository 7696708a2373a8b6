// Token counts beyond prompt / completion / total, read from wherever the dialect keeps its usage: OpenAI's
// `*_tokens_details`, Anthropic's cache counts, Gemini's `thoughtsTokenCount`, Responses' `output_tokens_details`,
// Bedrock's `metadata.usage`. Later items override earlier ones (a stream repeats or completes its usage).
import { asRecord, dataOf, type JsonRecord } from '../../core/values';

export interface UsageDetail {
  readonly label: string;
  readonly value: number;
}

/** Counts the core already shows as prompt, completion and total. */
const MAIN = new Set([
  'prompt_tokens', 'completion_tokens', 'total_tokens', 'input_tokens', 'output_tokens', 'promptTokenCount', 'candidatesTokenCount', 'totalTokenCount',
  'prompt_token_count', 'candidates_token_count', 'total_token_count', 'inputTokens', 'outputTokens', 'totalTokens', 'total_input_tokens', 'total_output_tokens',
]);

/** People's names for the counts that matter most; any other count is shown by its key. */
const LABELS: Readonly<Record<string, string>> = {
  'completion_tokens_details.reasoning_tokens': 'reasoning',
  'output_tokens_details.reasoning_tokens': 'reasoning',
  thoughtsTokenCount: 'reasoning',
  thoughts_token_count: 'reasoning',
  total_reasoning_tokens: 'reasoning',
  'prompt_tokens_details.cached_tokens': 'cached prompt',
  'input_tokens_details.cached_tokens': 'cached prompt',
  cache_read_input_tokens: 'cached prompt',
  cachedContentTokenCount: 'cached prompt',
  cached_content_token_count: 'cached prompt',
  cacheReadInputTokens: 'cached prompt',
  cacheReadInputTokenCount: 'cached prompt',
  total_cached_tokens: 'cached prompt',
  cache_creation_input_tokens: 'cache write',
  cacheWriteInputTokens: 'cache write',
  cacheWriteInputTokenCount: 'cache write',
  'completion_tokens_details.audio_tokens': 'audio (completion)',
  'prompt_tokens_details.audio_tokens': 'audio (prompt)',
  'completion_tokens_details.accepted_prediction_tokens': 'accepted prediction',
  'completion_tokens_details.rejected_prediction_tokens': 'rejected prediction',
  toolUsePromptTokenCount: 'tool use prompt',
  tool_use_prompt_token_count: 'tool use prompt',
};

/** Where an item keeps its usage, whatever the dialect. */
function usageRecords(item: unknown): JsonRecord[] {
  let data: JsonRecord | undefined;
  if (typeof item === 'string') {
    // A raw SSE line: only one that speaks of usage is worth parsing.
    if (!item.startsWith('data:') || !/usage|Usage|TokenCount/.test(item)) return [];
    try {
      data = asRecord(JSON.parse(item.slice(5)));
    } catch {
      return [];
    }
  } else {
    const r = asRecord(item);
    // A cassette's stream event: its payload.
    data = r && 'value' in r && 'data' in r && 'span' in r ? asRecord(r['value']) : dataOf(item);
  }
  if (!data) return [];
  const found: JsonRecord[] = [];
  for (const candidate of [data['usage'], data['usage_metadata'], data['usageMetadata'], asRecord(data['message'])?.['usage'], asRecord(data['response'])?.['usage'], asRecord(data['metadata'])?.['usage'], asRecord(data['interaction'])?.['usage']]) {
    const u = asRecord(candidate);
    if (u) found.push(u);
  }
  return found;
}

/** The non-zero counts besides the main three, in the order the usage lists them. */
export function usageDetails(items: readonly unknown[]): UsageDetail[] {
  const values = new Map<string, number>();
  for (const item of items) {
    for (const usage of usageRecords(item)) collect(usage, '', values, 0);
  }
  const out: UsageDetail[] = [];
  const seen = new Set<string>();
  for (const [key, value] of values) {
    if (value === 0) continue;
    const label = LABELS[key] ?? key;
    // Two keys for one count (a stream's own and its completed response's) are shown once.
    if (seen.has(label)) continue;
    seen.add(label);
    out.push({ label, value });
  }
  return out;
}

function collect(record: JsonRecord, prefix: string, into: Map<string, number>, depth: number): void {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'number' && Number.isFinite(value)) {
      if (prefix === '' && MAIN.has(key)) continue;
      // A later value of a key replaces the earlier one in place.
      into.set(name, value);
    } else if (depth < 2) {
      const inner = asRecord(value);
      if (inner) collect(inner, name, into, depth + 1);
    }
  }
}
