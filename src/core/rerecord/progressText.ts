// The text a payload adds to the answer, for the progress the editor shows while tokens arrive.
import { getKey, isJsonObject, type JsonValue } from './jsonValue';

function str(v: JsonValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

/** Answer text in one payload of any supported dialect (chat delta or message, completion text, Ollama). */
export function progressTextOf(payload: JsonValue): string {
  if (!isJsonObject(payload)) return '';
  let out = str(payload.get('response')) + str(getKey(payload.get('message'), 'content'));
  const choices = payload.get('choices');
  if (Array.isArray(choices)) {
    for (const choice of choices) {
      out += str(getKey(getKey(choice, 'delta'), 'content')) + str(getKey(getKey(choice, 'message'), 'content')) + str(getKey(choice, 'text'));
    }
  }
  return out;
}
