// Text cut to what a webview can paint quickly; the rest is counted so the view can say what it left out.
import type { TextBlock } from '../../shared/protocol';

/** A long reasoning stream can reach tens of megabytes; a million characters is far past what anyone reads in a view. */
export const TEXT_LIMIT = 1_000_000;

export function textBlock(text: string, limit = TEXT_LIMIT): TextBlock {
  return text.length > limit ? { text: text.slice(0, limit), omitted: text.length - limit } : { text, omitted: 0 };
}

/** A value as one short line: strings as they are, everything else as compact JSON. */
export function shortValue(value: unknown, limit = 500): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > limit ? `${s.slice(0, limit)}…` : s;
}

/** A value pretty-printed for a code block, cut at `limit` characters. */
export function prettyJson(value: unknown, limit = 200_000): string {
  let s: string;
  try {
    s = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    // Only a value nested beyond the stack can get here; the core caps nesting, so this is a last resort.
    s = String(value);
  }
  return s.length > limit ? `${s.slice(0, limit)}\n… (${s.length - limit} more characters)` : s;
}
