// OpenAI-compatible chat servers that stray from OpenAI's shapes: Mistral's `content` as a list of parts
// (`text`, `thinking`), OpenRouter's `reasoning_details`. Added to what openai.ts reads, never instead of it.
import type { JsonPath } from '../diagnostic';
import { asArray, asNumber, asRecord, asString, dataOf, dataPrefix, type JsonRecord } from '../values';
import { chatChunkEvents, chatCompletionEvents } from './openai';
import type { Delta, ItemEvents } from './types';

/** The text of a Mistral `thinking` part: a string, or a list of text parts. */
function thinkingText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const parts = asArray(v);
  if (!parts) return undefined;
  let text = '';
  for (const p of parts) text += asString(asRecord(p)?.['text']) ?? '';
  return text;
}

/** The deltas openai.ts does not see in one message or streamed delta. */
function extraDeltas(choice: number, m: JsonRecord, at: JsonPath, out: Delta[]): void {
  const parts = asArray(m['content']);
  if (parts) {
    for (let j = 0; j < parts.length; j++) {
      const part = asRecord(parts[j]);
      if (!part) continue;
      const type = asString(part['type']);
      if (type === 'text') out.push({ choice, content: asString(part['text']) ?? null, at: [...at, 'content', j, 'text'] });
      else if (type === 'thinking') out.push({ choice, reasoning: thinkingText(part['thinking']) ?? null, at: [...at, 'content', j, 'thinking'] });
    }
  }
  // OpenRouter repeats its reasoning in `reasoning_details`; it counts only where no `reasoning` text came.
  if (typeof m['reasoning'] === 'string' || typeof m['reasoning_content'] === 'string') return;
  const details = asArray(m['reasoning_details']);
  if (!details) return;
  for (let j = 0; j < details.length; j++) {
    const d = asRecord(details[j]);
    if (!d) continue;
    const key = typeof d['text'] === 'string' ? 'text' : 'summary';
    const text = asString(d[key]);
    if (text !== undefined) out.push({ choice, reasoning: text, at: [...at, 'reasoning_details', j, key] });
  }
}

function withExtras(item: unknown, events: ItemEvents, field: 'delta' | 'message'): ItemEvents {
  const data = dataOf(item);
  const choices = asArray(data?.['choices']);
  if (!choices) return events;
  const p = dataPrefix(item);
  const extra: Delta[] = [];
  for (let k = 0; k < choices.length; k++) {
    const choice = asRecord(choices[k]);
    const m = asRecord(choice?.[field]);
    // Only a list `content` or `reasoning_details` holds anything more: most chunks are not worth a path array.
    if (choice && m && (Array.isArray(m['content']) || Array.isArray(m['reasoning_details']))) extraDeltas(asNumber(choice['index']) ?? k, m, [...p, 'choices', k, field], extra);
  }
  return extra.length === 0 ? events : { ...events, deltas: [...events.deltas, ...extra] };
}

export function compatibleChatChunkEvents(item: unknown): ItemEvents {
  return withExtras(item, chatChunkEvents(item), 'delta');
}

export function compatibleChatCompletionEvents(item: unknown): ItemEvents {
  return withExtras(item, chatCompletionEvents(item), 'message');
}
