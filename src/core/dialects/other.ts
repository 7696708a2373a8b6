// Tool invocations, raw HTTP JSON and recorded exceptions.
import { asArray, asNumber, asRecord, asString, dataOf, dataPrefix, type JsonRecord } from '../values';
import { chatCompletionEvents } from './openai';
import { rawErrorOf, rawMessageDeltas } from './sse';
import { usageOf, type ErrorInfo, type ItemEvents } from './types';

export function toolInvocationEvents(item: unknown): ItemEvents {
  const data = dataOf(item);
  if (!data) return { deltas: [] };
  const content = data['content'];
  let text: string | null = null;
  if (typeof content === 'string') text = content;
  else if (Array.isArray(content)) text = content.map((c) => asString(asRecord(c)?.['text']) ?? (typeof c === 'string' ? c : '')).join('');
  else if (content !== null && content !== undefined) text = JSON.stringify(content);
  const message = asString(data['error_message']);
  const error: ErrorInfo | undefined = message ? { type: 'ToolError', message, statusCode: asNumber(data['error_code']) ?? null } : undefined;
  return { deltas: [{ choice: 0, role: 'tool', content: text, at: [...dataPrefix(item), 'content'] }], error };
}

export function httpJsonEvents(body: unknown, status: number | undefined): ItemEvents {
  const record = asRecord(body);
  if (!record) return { deltas: [] };
  const error = status !== undefined && status >= 400 ? (rawErrorOf(record, status) ?? { type: null, message: JSON.stringify(record), statusCode: status }) : rawErrorOf(record, status);
  if (error) return { deltas: [], error };
  if (asArray(record['choices'])) return chatCompletionEvents(record);
  const deltas = rawMessageDeltas(record);
  const u = asRecord(record['usage']);
  const usage = u ? usageOf(asNumber(u['input_tokens']) ?? asNumber(u['total_input_tokens']), asNumber(u['output_tokens']) ?? asNumber(u['total_output_tokens']), asNumber(u['total_tokens'])) : undefined;
  return { deltas: deltas ?? [], usage, model: asString(record['model']), id: asString(record['id']) };
}

export function exceptionError(response: JsonRecord): ErrorInfo {
  const data = asRecord(response['exception_data']) ?? {};
  return {
    type: asString(data['type']) ?? null,
    message: asString(data['message']) ?? asString(response['exception_message']) ?? null,
    statusCode: asNumber(data['status_code']) ?? null,
  };
}
