// A listed pair of fixtures (paths, status, diff), what changed in one phrase ("answer changed: +12 −3 words",
// "renamed: body.tools[0].description changed", "noise only"), the counts of a whole diff and its exit code.
import type { JsonPath } from '../diagnostic';
import type { FilePairStatus } from './filePairing';
import type { FixtureDiff } from './types';

export type PairStatus = FilePairStatus | 'unchanged';

export interface DiffPair {
  /** Relative to the repository's root with --git; null for the missing side. */
  readonly old: string | null;
  readonly new: string | null;
  readonly status: PairStatus;
  readonly diff: FixtureDiff;
}

export interface DiffSummary {
  readonly pairs: number;
  readonly modified: number;
  readonly renamed: number;
  readonly added: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Modified, with nothing but noise. */
  readonly noiseOnly: number;
  readonly answersChanged: number;
  readonly requestsChanged: number;
}

/** The status a pair is listed with: a same-path pair whose files hold the same values is `unchanged`. */
export function pairStatus(fileStatus: FilePairStatus, diff: FixtureDiff): PairStatus {
  return fileStatus === 'modified' && diff.status === 'unchanged' ? 'unchanged' : fileStatus;
}

/** A pair that changed in substance (not noise only, not unchanged): it makes the exit code 1. */
export function isSemanticChange(pair: DiffPair): boolean {
  return pair.status === 'renamed' || pair.status === 'added' || pair.status === 'removed' || pair.diff.changed;
}

export function summarize(pairs: readonly DiffPair[]): DiffSummary {
  const count = (status: PairStatus): number => pairs.filter((p) => p.status === status).length;
  return {
    pairs: pairs.length,
    modified: count('modified'),
    renamed: count('renamed'),
    added: count('added'),
    removed: count('removed'),
    unchanged: count('unchanged'),
    noiseOnly: pairs.filter((p) => p.status === 'modified' && !p.diff.changed).length,
    answersChanged: pairs.filter((p) => p.diff.answerChanged).length,
    requestsChanged: pairs.filter((p) => p.diff.requestChanged).length,
  };
}

/** 0 when nothing changed in substance, 1 when something did. */
export function exitCodeOf(pairs: readonly DiffPair[]): 0 | 1 {
  return pairs.some(isSemanticChange) ? 1 : 0;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `body.messages[2].content`; keys that are not identifiers in brackets, quoted. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? '(the whole request)' : out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What changed, in one phrase. */
export function whatChanged(pair: DiffPair): string {
  const d = pair.diff;
  if (pair.status === 'added') return d.exchanges.length > 1 ? `added: ${plural(d.exchanges.length, 'exchange')}` : 'added';
  if (pair.status === 'removed') return d.exchanges.length > 1 ? `removed: ${plural(d.exchanges.length, 'exchange')}` : 'removed';
  const parts: string[] = [];
  const requestPaths = d.exchanges.flatMap((e) => (e.presence === 'both' ? e.request.changes.map((c) => c.path) : []));
  const more = requestPaths.length > 1 ? ` and ${plural(requestPaths.length - 1, 'more')}` : '';
  const first = requestPaths[0];
  if (pair.status === 'renamed') parts.push(first ? `renamed: ${formatPath(first)} changed${more}` : 'renamed');
  else if (first) parts.push(`request changed: ${formatPath(first)}${more}`);
  const added = d.exchanges.filter((e) => e.presence === 'new').length;
  const removed = d.exchanges.filter((e) => e.presence === 'old').length;
  if (added > 0) parts.push(`${plural(added, 'exchange')} added`);
  if (removed > 0) parts.push(`${plural(removed, 'exchange')} removed`);
  const both = d.exchanges.filter((e) => e.presence === 'both');
  if (both.some((e) => e.response.answerChanged)) parts.push(`answer changed: ${answerPhrase(both)}`);
  else {
    const other: string[] = [];
    const model = both.find((e) => e.response.model)?.response.model;
    if (model) other.push(`model ${model.old ?? 'none'} → ${model.new ?? 'none'}`);
    const status = both.find((e) => e.response.status)?.response.status;
    if (status) other.push(`status ${status.old ?? 'none'} → ${status.new ?? 'none'}`);
    if (both.some((e) => e.response.error)) other.push('error changed');
    if (both.some((e) => e.response.usage)) other.push('usage changed');
    const body = both.find((e) => e.response.bodyChanges)?.response.bodyChanges?.[0];
    if (body) other.push(`body changed: ${body.path.length === 0 ? 'the whole body' : formatPath(body.path)}`);
    parts.push(...other);
  }
  if (parts.length > 0) return parts.join('; ');
  return d.noise > 0 || d.exchanges.length > 0 ? 'noise only' : 'no change';
}

function answerPhrase(exchanges: FixtureDiff['exchanges']): string {
  let added = 0;
  let removed = 0;
  let tools = false;
  const finishes: string[] = [];
  for (const e of exchanges) {
    for (const c of e.response.choices) {
      for (const t of [c.content, c.reasoning, c.refusal]) {
        if (!t) continue;
        added += t.words.added;
        removed += t.words.removed;
      }
      if (c.toolCalls) tools = true;
      if (c.finishReason) finishes.push(`finish reason ${c.finishReason.old ?? 'none'} → ${c.finishReason.new ?? 'none'}`);
    }
  }
  const out: string[] = [];
  if (added > 0 || removed > 0) out.push(`+${added} −${removed} words`);
  if (tools) out.push('tool calls changed');
  if (finishes[0] !== undefined) out.push(finishes[0]);
  return out.length > 0 ? out.join(', ') : 'punctuation or white space';
}
