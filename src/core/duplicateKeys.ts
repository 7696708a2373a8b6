// Duplicate keys, found cheaply. JSON.parse keeps one entry per distinct key, so a file has a
// duplicate exactly when the text names more keys than the parsed value holds. Keys in the text
// are counted as `"` + `:` (a string end followed by a colon is always a key; the rare string
// that starts with a colon only over-counts, which costs a slow check, never a wrong answer).
// Only when the counts differ is the text visited again to name each duplicate and its place.
import { visit } from 'jsonc-parser';
import { formatPath, makeDiagnostic, type FixtureDiagnostic } from './diagnostic';
import { skipString } from './jsonScan';

export interface ValueShape {
  /** Keys held by all objects of the value. */
  readonly keys: number;
  /** Deepest nesting of arrays and objects. */
  readonly depth: number;
}

export function measureValue(value: unknown): ValueShape {
  let keys = 0;
  let depth = 0;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const v = stack.pop();
    const d = depths.pop() as number;
    if (v === null || typeof v !== 'object') continue;
    if (d > depth) depth = d;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const e: unknown = v[i];
        if (e !== null && typeof e === 'object') {
          stack.push(e);
          depths.push(d + 1);
        }
      }
      continue;
    }
    // Object.values is a single native call; reading each key back (for...in) costs a keyed load per key.
    const values = Object.values(v as Record<string, unknown>);
    keys += values.length;
    for (let i = 0; i < values.length; i++) {
      const e = values[i];
      if (e !== null && typeof e === 'object') {
        stack.push(e);
        depths.push(d + 1);
      }
    }
  }
  return { keys, depth };
}

/**
 * Keys written in strict JSON text, counted as `"` directly followed by `:` (the recorder's style).
 * `expected` is the parsed value's key count: only when fewer keys were found that way does the text
 * use white space before colons, and only then are those counted too (a slower pattern search).
 * Exact unless a string value starts with ':', which over-counts and so only costs a slow check.
 */
export function countKeysInText(text: string, expected: number): number {
  let count = 0;
  // Found from the colon, not as the pair `":`: V8 searches one character with memchr, while the pair's
  // search stops at every quote (four per key, more in strings) to compare the next character.
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    if (text.charCodeAt(i - 1) === 34 && !isEscaped(text, i - 1) && !opensValue(text, i - 1)) count++;
  }
  if (count >= expected) return count;
  const loose = /"[ \t\r\n]+:/g;
  for (let m = loose.exec(text); m !== null; m = loose.exec(text)) if (!isEscaped(text, m.index)) count++;
  return count;
}

/**
 * Whether the quote at `quote` opens a string value of an object member (`"key": ":…"`): it follows a
 * colon that follows a key's closing quote. A key's own closing quote never does, since a key cannot
 * hold an unescaped quote, so skipping these keeps the count exact for values that start with ':'
 * (a streamed ":" token is common). Strings starting with ':' inside arrays still over-count.
 */
function opensValue(text: string, quote: number): boolean {
  let k = quote - 1;
  let c = text.charCodeAt(k);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(--k);
  if (c !== 58) return false;
  c = text.charCodeAt(--k);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(--k);
  return c === 34 && !isEscaped(text, k);
}

function isEscaped(text: string, quote: number): boolean {
  let k = quote - 1;
  while (text.charCodeAt(k) === 92) k--;
  return (quote - 1 - k) % 2 === 1;
}

/**
 * Keys in strict JSON text, exactly: outside strings there are no quotes, so jumping from one string
 * to the next finds every string token, and a string followed (after white space) by ':' is a key.
 * Used when countKeysInText over-counts (a string value starting with ':', common in real streams).
 */
export function countKeysExact(text: string): number {
  let count = 0;
  let i = text.indexOf('"');
  while (i !== -1) {
    let j = skipString(text, i);
    let c = text.charCodeAt(j);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++j);
    if (c === 58) count++;
    i = text.indexOf('"', j);
  }
  return count;
}

export function findDuplicateKeys(text: string, limit = 100): FixtureDiagnostic[] {
  const out: FixtureDiagnostic[] = [];
  const seen: Set<string>[] = [];
  try {
    visit(
      text,
      {
        onObjectBegin: () => {
          seen.push(new Set());
        },
        onObjectEnd: () => {
          seen.pop();
        },
        onObjectProperty: (name, offset, length, _line, _col, pathSupplier) => {
          const keys = seen[seen.length - 1];
          if (!keys) return;
          if (keys.has(name) && out.length < limit) {
            const path = [...pathSupplier(), name];
            const item = path[0] === 'response' && path[1] === 'body' && typeof path[2] === 'number' ? path[2] : undefined;
            out.push(makeDiagnostic('duplicate-key', `${formatPath(path)}: the key "${name}" appears more than once in this object; only the last value is kept.`, { start: offset, end: offset + length }, path, item));
          }
          keys.add(name);
        },
      },
      { allowTrailingComma: true },
    );
  } catch {
    // Too deep for the visitor's recursion: the nesting diagnostic already covers it.
  }
  return out;
}
