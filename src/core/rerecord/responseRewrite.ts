// Builds the new `response` from the provider's payloads and writes it over the old one: one text
// edit covering exactly the old value, so everything outside it (test_id, request,
// id_normalization_mapping, key order, indentation, the final newline) stays byte for byte. Each
// item is written as it arrives and its parsed value let go: a stream of many small chunks costs
// what its text costs, not what a tree of every chunk would.
import { writePythonJson, writeWrittenDict, writeWrittenList } from '../ogx/pythonJsonDump';
import { pyBool, pyDict, pyStr, type PyJson } from '../ogx/pythonJsonValue';
import { normalizeData } from './normalize';
import type { RerecordPlan } from './plan';

/** Replace [start, end) of the fixture text (UTF-16 offsets) with newText. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The new response: the recorded one's keys in their order, with body and is_streaming replaced. */
export class ResponseWriter {
  private readonly items: string[] = [];

  constructor(private readonly plan: RerecordPlan) {}

  get count(): number {
    return this.items.length;
  }

  /** Writes the next payload as a body item (`__type__` as recorded, normalized as the original was); returns its text. */
  add(payload: PyJson): string {
    const item = pyDict([
      ['__type__', pyStr(this.plan.typeName)],
      ['__data__', normalizeData(payload, this.plan.style)],
    ]);
    // The response stands at depth 0, its body at 1, a streamed body's items at 2.
    const text = writePythonJson(item, this.plan.layout, { baseIndent: this.plan.baseIndent, depth: this.plan.streaming ? 2 : 1 });
    this.items.push(text);
    return text;
  }

  /** The edit that puts the response, with every item added, in place of the recorded one. */
  edit(): TextEdit {
    const { plan } = this;
    const options = { baseIndent: plan.baseIndent, depth: 1 };
    const body = plan.streaming ? writeWrittenList(this.items, plan.layout, options) : (this.items[0] ?? 'null');
    const streaming = writePythonJson(pyBool(plan.streaming), plan.layout);
    const members: Array<readonly [string, string]> = [];
    for (const [key, value] of plan.response.value.entries) {
      members.push([key, key === 'body' ? body : key === 'is_streaming' ? streaming : writePythonJson(value, plan.layout, options)]);
    }
    if (!plan.response.value.entries.has('body')) members.push(['body', body]);
    if (!plan.response.value.entries.has('is_streaming')) members.push(['is_streaming', streaming]);
    return { start: plan.response.start, end: plan.response.end, newText: writeWrittenDict(members, plan.layout, { baseIndent: plan.baseIndent }) };
  }
}

export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
