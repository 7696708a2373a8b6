// Builds the new `response` value from the provider's payloads and writes it over the old one: one
// text edit covering exactly the old value, so everything outside it (test_id, request,
// id_normalization_mapping, key order, indentation, the final newline) stays byte for byte.
import type { JsonObject, JsonValue } from './jsonValue';
import { normalizeData } from './normalize';
import type { RerecordPlan } from './plan';
import { writePythonJson } from './pythonJson';

/** Replace [start, end) of the fixture text (UTF-16 offsets) with newText. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The new response: the recorded one's keys in their order, with body and is_streaming replaced. */
export function newResponseValue(plan: RerecordPlan, payloads: readonly JsonValue[]): JsonObject {
  const items: JsonValue[] = payloads.map(
    (payload) =>
      new Map<string, JsonValue>([
        ['__type__', plan.typeName],
        ['__data__', normalizeData(payload, plan.style)],
      ]),
  );
  const body: JsonValue = plan.streaming ? items : (items[0] ?? null);
  const out: JsonObject = new Map();
  for (const [key, value] of plan.response.value) {
    out.set(key, key === 'body' ? body : key === 'is_streaming' ? plan.streaming : value);
  }
  if (!out.has('body')) out.set('body', body);
  if (!out.has('is_streaming')) out.set('is_streaming', plan.streaming);
  return out;
}

export function responseEdit(plan: RerecordPlan, response: JsonObject): TextEdit {
  return { start: plan.response.start, end: plan.response.end, newText: writePythonJson(response, plan.layout, plan.baseIndent) };
}

export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
