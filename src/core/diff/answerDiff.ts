// The answer side of a diff, on the reassembled answers: per choice the content, reasoning and refusal as
// word diffs, tool calls by index with their arguments compared as JSON values (so re-spacing is no change;
// their ids are left to the noise), the finish reason; and for the whole response usage, model, chunk count and error.
import type { Choice, Reassembly, ToolCall, Usage } from '../reassemble';
import { shownValue } from './shownValue';
import type { Change, ChoiceDiff, Presence, TextChange, ToolCallsChange, ValueChange } from './types';
import { compareValues, diffValues, SAME } from './valueDiff';
import { diffWords } from './wordDiff';

const EMPTY_CHOICE: Choice = { index: 0, role: 'assistant', content: '', reasoning: '', refusal: null, toolCalls: [], finishReason: null };

export interface AnswerDiff {
  readonly answerChanged: boolean;
  readonly choices: ChoiceDiff[];
  readonly usage?: Change<Usage | null>;
  readonly model?: Change<string | null>;
  readonly chunkCount?: Change<number>;
  readonly error?: Change<Reassembly['error']>;
}

function textChange(oldText: string | null, newText: string | null): TextChange | undefined {
  if (oldText === newText) return undefined;
  return { old: oldText, new: newText, words: diffWords(oldText ?? '', newText ?? '') };
}

/** A tool call as compared: its arguments parsed when they are JSON (their spacing is not a change), its id left out (noise). */
function comparableCall(call: ToolCall): Record<string, unknown> {
  let args: unknown = call.arguments;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    // Not JSON (cut off, or a custom tool's free text): compared as text.
  }
  return { type: call.type, name: call.name, arguments: args };
}

function diffToolCalls(oldCalls: readonly ToolCall[], newCalls: readonly ToolCall[]): ToolCallsChange | undefined {
  const byIndex = (calls: readonly ToolCall[]): Map<number, ToolCall> => new Map(calls.map((c) => [c.index, c]));
  const oldBy = byIndex(oldCalls);
  const newBy = byIndex(newCalls);
  const indexes = [...new Set([...oldBy.keys(), ...newBy.keys()])].sort((a, b) => a - b);
  const changes: ValueChange[] = [];
  for (const i of indexes) {
    const o = oldBy.get(i);
    const n = newBy.get(i);
    if (o && n) {
      changes.push(...diffValues(comparableCall(o), comparableCall(n), [i]).changes);
    } else changes.push({ path: [i], old: o ? shownValue(comparableCall(o)) : undefined, new: n ? shownValue(comparableCall(n)) : undefined });
  }
  return changes.length > 0 ? { old: oldCalls, new: newCalls, changes } : undefined;
}

function diffChoice(o: Choice | undefined, n: Choice | undefined, index: number): ChoiceDiff | undefined {
  const presence: Presence = o && n ? 'both' : o ? 'old' : 'new';
  const a = o ?? EMPTY_CHOICE;
  const b = n ?? EMPTY_CHOICE;
  const content = textChange(a.content, b.content);
  const reasoning = textChange(a.reasoning, b.reasoning);
  const refusal = textChange(a.refusal, b.refusal);
  const toolCalls = diffToolCalls(a.toolCalls, b.toolCalls);
  const finishReason = a.finishReason !== b.finishReason ? { old: a.finishReason, new: b.finishReason } : undefined;
  if (!content && !reasoning && !refusal && !toolCalls && !finishReason) return undefined;
  return {
    index,
    presence,
    ...(content ? { content } : {}),
    ...(reasoning ? { reasoning } : {}),
    ...(refusal ? { refusal } : {}),
    ...(toolCalls ? { toolCalls } : {}),
    ...(finishReason ? { finishReason } : {}),
  };
}

const NO_ANSWER: Pick<Reassembly, 'choices' | 'usage' | 'model' | 'chunkCount' | 'error'> = { choices: [], usage: null, model: null, chunkCount: 0, error: null };

export function diffAnswers(oldAnswer: Reassembly | undefined, newAnswer: Reassembly | undefined): AnswerDiff {
  const a = oldAnswer ?? NO_ANSWER;
  const b = newAnswer ?? NO_ANSWER;
  const oldChoices = new Map(a.choices.map((c) => [c.index, c]));
  const newChoices = new Map(b.choices.map((c) => [c.index, c]));
  const indexes = [...new Set([...oldChoices.keys(), ...newChoices.keys()])].sort((x, y) => x - y);
  const choices: ChoiceDiff[] = [];
  for (const i of indexes) {
    const d = diffChoice(oldChoices.get(i), newChoices.get(i), i);
    if (d) choices.push(d);
  }
  const usage = compareValues(a.usage, b.usage) !== SAME ? { old: a.usage, new: b.usage } : undefined;
  const model = a.model !== b.model ? { old: a.model, new: b.model } : undefined;
  const chunkCount = a.chunkCount !== b.chunkCount ? { old: a.chunkCount, new: b.chunkCount } : undefined;
  const error = compareValues(a.error, b.error) !== SAME ? { old: a.error, new: b.error } : undefined;
  return {
    answerChanged: choices.length > 0,
    choices,
    ...(usage ? { usage } : {}),
    ...(model ? { model } : {}),
    ...(chunkCount ? { chunkCount } : {}),
    ...(error ? { error } : {}),
  };
}
