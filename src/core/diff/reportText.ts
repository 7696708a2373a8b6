// Pieces the text and Markdown reports share: a word diff cut down to its changes with some context,
// values as short JSON, usage in one line. Lengths are counted in UTF-16 units and never cut a surrogate pair.
import type { Usage } from '../reassemble';
import type { WordPart } from './types';

/** Characters of unchanged text kept on each side of a change. */
export const CONTEXT = 80;
/** Characters of one inserted or deleted run shown before it is cut. */
export const MAX_CHANGED_RUN = 2000;

export type ShownPart = WordPart | { readonly op: 'gap'; readonly text: string };

function cutAt(text: string, at: number): number {
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

export function head(text: string, n: number): string {
  return text.length <= n ? text : text.slice(0, cutAt(text, n));
}

export function tail(text: string, n: number): string {
  if (text.length <= n) return text;
  const start = text.length - n;
  const c = text.charCodeAt(start);
  return text.slice(c >= 0xdc00 && c <= 0xdfff ? start + 1 : start);
}

/** The parts with long unchanged runs cut to their context and very long changed runs cut short, each cut marked by a gap. */
export function shownParts(parts: readonly WordPart[]): ShownPart[] {
  const out: ShownPart[] = [];
  parts.forEach((p, i) => {
    if (p.op === 'equal') {
      const first = i === 0;
      const last = i === parts.length - 1;
      if (first && last) out.push(p.text.length > 2 * CONTEXT ? { op: 'gap', text: `(${p.text.length} characters, unchanged)` } : p);
      else if (first) {
        if (p.text.length > CONTEXT) out.push({ op: 'gap', text: '…' }, { op: 'equal', text: tail(p.text, CONTEXT) });
        else out.push(p);
      } else if (last) {
        if (p.text.length > CONTEXT) out.push({ op: 'equal', text: head(p.text, CONTEXT) }, { op: 'gap', text: '…' });
        else out.push(p);
      } else if (p.text.length > 2 * CONTEXT + 20) out.push({ op: 'equal', text: head(p.text, CONTEXT) }, { op: 'gap', text: '…' }, { op: 'equal', text: tail(p.text, CONTEXT) });
      else out.push(p);
      return;
    }
    if (p.text.length > MAX_CHANGED_RUN) {
      out.push({ op: p.op, text: head(p.text, MAX_CHANGED_RUN) }, { op: 'gap', text: `… (${p.text.length - MAX_CHANGED_RUN} more characters)` });
    } else out.push(p);
  });
  return out;
}

/** A value as compact JSON, cut to `max` characters; `(absent)` for a value that is not there. */
export function shortJson(value: unknown, max = 120): string {
  if (value === undefined) return '(absent)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${head(text, max)}…` : text;
}

export function usageText(u: Usage | null): string {
  if (!u) return 'none';
  return `${u.promptTokens ?? '?'} prompt + ${u.completionTokens ?? '?'} completion = ${u.totalTokens ?? '?'} tokens`;
}
