// Builds the new `response` value from the provider's payloads and writes it over the old one: one
// text edit covering exactly the old value, so everything outside it (test_id, request,
// id_normalization_mapping, key order, indentation, the final newline) stays byte for byte.
import { writePythonJson } from '../ogx/pythonJsonDump';
import { pyBool, pyDict, pyStr, PY_NULL, type PyDict, type PyJson } from '../ogx/pythonJsonValue';
import { normalizeData } from './normalize';
import type { RerecordPlan } from './plan';

/** Replace [start, end) of the fixture text (UTF-16 offsets) with newText. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The new response: the recorded one's keys in their order, with body and is_streaming replaced. */
export function newResponseValue(plan: RerecordPlan, payloads: readonly PyJson[]): PyDict {
  const items: PyJson[] = payloads.map((payload) =>
    pyDict([
      ['__type__', pyStr(plan.typeName)],
      ['__data__', normalizeData(payload, plan.style)],
    ]),
  );
  const body: PyJson = plan.streaming ? { kind: 'list', items } : (items[0] ?? PY_NULL);
  const streaming = pyBool(plan.streaming);
  const out = new Map<string, PyJson>();
  for (const [key, value] of plan.response.value.entries) {
    out.set(key, key === 'body' ? body : key === 'is_streaming' ? streaming : value);
  }
  if (!out.has('body')) out.set('body', body);
  if (!out.has('is_streaming')) out.set('is_streaming', streaming);
  return { kind: 'dict', entries: out };
}

export function responseEdit(plan: RerecordPlan, response: PyDict): TextEdit {
  return { start: plan.response.start, end: plan.response.end, newText: writePythonJson(response, plan.layout, { baseIndent: plan.baseIndent }) };
}

export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
