// Flattens a JSON value into bounded pre-order lines for the webview's tree view: an explicit stack, a depth
// cap and a line cap, so a value nested 100,000 deep or holding a million entries costs a few thousand lines.
import type { JsonLine } from '../../shared/protocol';

export interface JsonTreeLimits {
  /** Containers deeper than this are shown as one "nested too deep" line. */
  readonly maxDepth: number;
  /** Lines in all; the rest is summarized as one "more" line. */
  readonly maxLines: number;
  /** Entries shown per container before a "… N more" line. */
  readonly maxChildren: number;
  /** Characters shown per string. */
  readonly maxString: number;
}

export const DEFAULT_JSON_TREE_LIMITS: JsonTreeLimits = { maxDepth: 32, maxLines: 3000, maxChildren: 200, maxString: 2000 };

type Pending =
  | { readonly elided: false; readonly depth: number; readonly key: string | null; readonly value: unknown }
  | { readonly elided: true; readonly depth: number; readonly count: number };

function scalarLine(depth: number, key: string | null, value: unknown, maxString: number): JsonLine {
  if (value === null || value === undefined) return { depth, key, kind: 'null', text: 'null', count: 0 };
  if (typeof value === 'number') return { depth, key, kind: 'number', text: String(value), count: 0 };
  if (typeof value === 'boolean') return { depth, key, kind: 'boolean', text: String(value), count: 0 };
  const s = typeof value === 'string' ? value : String(value);
  const text = s.length > maxString ? `${JSON.stringify(s.slice(0, maxString))}… (${s.length - maxString} more characters)` : JSON.stringify(s);
  return { depth, key, kind: 'string', text, count: 0 };
}

export function jsonLines(value: unknown, limits: JsonTreeLimits = DEFAULT_JSON_TREE_LIMITS): JsonLine[] {
  const lines: JsonLine[] = [];
  const stack: Pending[] = [{ elided: false, depth: 0, key: null, value }];
  while (stack.length > 0) {
    if (lines.length >= limits.maxLines) {
      lines.push({ depth: 0, key: null, kind: 'more', text: 'the rest is not shown: open the file as text to read it all', count: 0 });
      break;
    }
    const next = stack.pop() as Pending;
    if (next.elided) {
      lines.push({ depth: next.depth, key: null, kind: 'more', text: `… ${next.count} more`, count: next.count });
      continue;
    }
    const { depth, key, value: v } = next;
    if (v === null || typeof v !== 'object') {
      lines.push(scalarLine(depth, key, v, limits.maxString));
      continue;
    }
    const isArray = Array.isArray(v);
    const keys = isArray ? undefined : Object.keys(v);
    const size = isArray ? v.length : (keys as string[]).length;
    const kind = isArray ? 'array' : 'object';
    if (depth >= limits.maxDepth) {
      lines.push({ depth, key, kind: 'deep', text: isArray ? '[…] nested too deep to show' : '{…} nested too deep to show', count: size });
      continue;
    }
    lines.push({ depth, key, kind, text: '', count: size });
    const shown = Math.min(size, limits.maxChildren);
    // Pushed in reverse (the elision first) so they pop in document order.
    if (size > shown) stack.push({ elided: true, depth: depth + 1, count: size - shown });
    for (let i = shown - 1; i >= 0; i--) {
      const k = isArray ? String(i) : ((keys as string[])[i] as string);
      const child: unknown = isArray ? (v as readonly unknown[])[i] : (v as Readonly<Record<string, unknown>>)[k];
      stack.push({ elided: false, depth: depth + 1, key: k, value: child });
    }
  }
  return lines;
}
