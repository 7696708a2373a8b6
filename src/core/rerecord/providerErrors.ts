// Finds the provider's own words in an error answer: OpenAI-style {"error": {"message": …}}, Ollama's
// {"error": "…"}, FastAPI's {"detail": …}, or the start of a plain-text body.
import { pyGet, toPlain, type PyJson } from '../ogx/pythonJsonValue';

function messageOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const m = (v as { message?: unknown }).message;
    if (typeof m === 'string') return m;
  }
  if (Array.isArray(v) && v.length > 0) return messageOf(v[0]) ?? (typeof v[0] === 'object' ? JSON.stringify(v[0]) : undefined);
  return undefined;
}

/** The message of a payload that is an error and not an answer, else undefined. */
export function errorPayloadMessage(payload: PyJson): string | undefined {
  if (payload.kind !== 'dict') return undefined;
  const error = pyGet(payload, 'error');
  if (error === undefined || error.kind === 'null') return undefined;
  // An answer that merely carries an "error" field alongside its content is still an answer.
  if (['choices', 'data', 'response', 'message', 'done'].some((k) => payload.entries.has(k))) return undefined;
  return messageOf(toPlain(error)) ?? JSON.stringify(toPlain(error));
}

/** What an HTTP error body says, in a few words. */
export function errorBodyMessage(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed !== null && typeof parsed === 'object') {
      const record = parsed as { error?: unknown; detail?: unknown; message?: unknown };
      const m = messageOf(record.error) ?? messageOf(record.detail) ?? messageOf(record.message);
      if (m !== undefined) return m;
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  return trimmed.slice(0, 200);
}
