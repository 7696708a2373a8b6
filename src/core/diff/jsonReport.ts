// `fixture-lens diff --format json` as CLI-CONTRACT.md specifies: pairs with their exchanges, each field
// present only where it changed (`answerChanged` always), absent values as null, and the summary.
import type { DiffPair } from './summary';
import { summarize, whatChanged } from './summary';
import type { ChoiceDiff, ExchangeDiff, TextChange, ValueChange } from './types';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

/** Absent (undefined) is null in the report; JSON.stringify would drop the member instead. */
const orNull = (v: unknown): Json => (v === undefined ? null : (v as Json));

function valueChange(c: ValueChange): Json {
  return { path: c.path as readonly (string | number)[], old: orNull(c.old), new: orNull(c.new) };
}

function textChange(t: TextChange): Json {
  return { old: t.old, new: t.new, words: { added: t.words.added, removed: t.words.removed }, diff: t.words.parts.map((p) => ({ op: p.op, text: p.text })) };
}

function choiceJson(c: ChoiceDiff): Json {
  return {
    index: c.index,
    ...(c.presence !== 'both' ? { change: c.presence === 'new' ? 'added' : 'removed' } : {}),
    ...(c.content ? { content: textChange(c.content) } : {}),
    ...(c.reasoning ? { reasoning: textChange(c.reasoning) } : {}),
    ...(c.refusal ? { refusal: textChange(c.refusal) } : {}),
    ...(c.toolCalls ? { toolCalls: { old: c.toolCalls.old as unknown as Json, new: c.toolCalls.new as unknown as Json, changes: c.toolCalls.changes.map(valueChange) } } : {}),
    ...(c.finishReason ? { finishReason: { old: c.finishReason.old, new: c.finishReason.new } } : {}),
  };
}

function change<T>(c: { old: T; new: T } | undefined): Json | undefined {
  return c ? { old: orNull(c.old), new: orNull(c.new) } : undefined;
}

function exchangeJson(e: ExchangeDiff): Json {
  const r = e.response;
  return {
    index: e.index,
    ...(e.presence !== 'both' ? { change: e.presence === 'new' ? 'added' : 'removed' } : {}),
    method: e.method,
    url: e.url,
    noise: e.noise.count,
    request: { changes: e.request.changes.map(valueChange) },
    response: {
      dialect: r.dialect,
      answerChanged: r.answerChanged,
      choices: r.choices.map(choiceJson),
      usage: change(r.usage),
      model: change(r.model),
      chunkCount: change(r.chunkCount),
      error: change(r.error),
      status: change(r.status),
      dialectChange: change(r.dialectChange),
      bodyChanges: r.bodyChanges?.map(valueChange),
      bodyChangesOmitted: r.bodyChangesOmitted,
    },
  };
}

export function pairJson(p: DiffPair): Json {
  return {
    old: p.old,
    new: p.new,
    status: p.status,
    test: p.diff.testId,
    summary: whatChanged(p),
    answerChanged: p.diff.answerChanged,
    noise: p.diff.noise,
    exchanges: p.diff.exchanges.map(exchangeJson),
  };
}

/** The whole document; `extra` adds counts to the summary (`skipped`: changed files that are no fixture). */
export function jsonReport(pairs: readonly DiffPair[], extra: { readonly skipped?: number } = {}): string {
  return `${JSON.stringify({ pairs: pairs.map(pairJson), summary: { ...summarize(pairs), ...extra } }, null, 2)}\n`;
}
