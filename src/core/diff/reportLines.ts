// What a report says about one pair, in order and as data, for the text and Markdown reports to render:
// the answer's word diffs, tool-call, finish, usage, model and status changes, the request's changed paths.
import type { ErrorInfo } from '../reassemble';
import { formatPath, type DiffPair } from './summary';
import type { ExchangeDiff, WordPart } from './types';
import { usageText } from './reportText';

export type ReportLine =
  /** A word diff: `label` says whose text it is ("content", "choice 1 reasoning"). */
  | { readonly kind: 'words'; readonly label: string; readonly parts: readonly WordPart[] }
  /** A changed value: `label` is a path or a field name, the values as they are. */
  | { readonly kind: 'value'; readonly section: 'request' | 'answer'; readonly label: string; readonly old: unknown; readonly new: unknown }
  /** A change told in words (the values are the report's own). */
  | { readonly kind: 'note'; readonly text: string };

function errorText(e: ErrorInfo | null): string {
  if (!e) return 'none';
  return [e.type, e.statusCode, e.message].filter((x) => x !== null && x !== '').join(' ');
}

export function exchangeLines(e: ExchangeDiff, manyChoices: boolean, wholeFile: boolean): ReportLine[] {
  const out: ReportLine[] = [];
  const r = e.response;
  if (e.presence !== 'both' && !wholeFile) out.push({ kind: 'note', text: `exchange ${e.presence === 'new' ? 'added' : 'removed'}` });
  for (const c of r.choices) {
    const prefix = manyChoices || c.index > 0 ? `choice ${c.index} ` : '';
    // A whole file added or removed shows its answer; that each choice and finish reason came or went goes without saying.
    if (c.presence !== 'both' && !wholeFile) out.push({ kind: 'note', text: `${prefix || 'choice 0 '}${c.presence === 'new' ? 'added' : 'removed'}` });
    if (c.content) out.push({ kind: 'words', label: `${prefix}content`, parts: c.content.words.parts });
    if (c.reasoning) out.push({ kind: 'words', label: `${prefix}reasoning`, parts: c.reasoning.words.parts });
    if (c.refusal) out.push({ kind: 'words', label: `${prefix}refusal`, parts: c.refusal.words.parts });
    for (const t of c.toolCalls?.changes ?? []) out.push({ kind: 'value', section: 'answer', label: `${prefix}tool call ${formatPath(t.path)}`, old: t.old, new: t.new });
    if (c.finishReason && !wholeFile) out.push({ kind: 'note', text: `${prefix}finish reason: ${c.finishReason.old ?? 'none'} → ${c.finishReason.new ?? 'none'}` });
  }
  if (e.presence === 'both') {
    if (r.error) out.push({ kind: 'note', text: `error: ${errorText(r.error.old)} → ${errorText(r.error.new)}` });
    if (r.status) out.push({ kind: 'note', text: `status: ${r.status.old ?? 'none'} → ${r.status.new ?? 'none'}` });
    if (r.dialectChange) out.push({ kind: 'note', text: `dialect: ${r.dialectChange.old} → ${r.dialectChange.new}` });
    if (r.model) out.push({ kind: 'note', text: `model: ${r.model.old ?? 'none'} → ${r.model.new ?? 'none'}` });
    if (r.usage) out.push({ kind: 'note', text: `usage: ${usageText(r.usage.old)} → ${usageText(r.usage.new)}` });
    if (r.chunkCount) out.push({ kind: 'note', text: `chunks: ${r.chunkCount.old} → ${r.chunkCount.new}` });
    for (const b of r.bodyChanges ?? []) out.push({ kind: 'value', section: 'answer', label: `body ${b.path.length === 0 ? '(whole)' : formatPath(b.path)}`, old: b.old, new: b.new });
    if (r.bodyChangesOmitted) out.push({ kind: 'note', text: `and ${r.bodyChangesOmitted} more body changes` });
    for (const c of e.request.changes) out.push({ kind: 'value', section: 'request', label: formatPath(c.path), old: c.old, new: c.new });
  }
  if (e.noise.count > 0) out.push({ kind: 'note', text: `noise: ${e.noise.count}${e.noise.rechunked ? ' (re-chunked)' : ''}` });
  return out;
}

/** Every exchange's lines; an exchange is named when the file holds several. */
export function pairLines(pair: DiffPair): { readonly title: string | null; readonly lines: ReportLine[] }[] {
  const d = pair.diff;
  const named = d.exchanges.length > 1 || d.exchanges.some((e) => e.index > 0);
  return d.exchanges.map((e) => ({
    title: named ? `exchange ${e.index}: ${e.method} ${e.url}` : null,
    lines: exchangeLines(e, e.response.choices.length > 1, pair.status === 'added' || pair.status === 'removed'),
  }));
}
