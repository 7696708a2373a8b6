// Duplicate keys, found cheaply: the scanner counted the keys of every object in document order;
// JSON.parse keeps one entry per distinct key. Walking the parsed value in the same order, the first
// object with fewer keys than were written holds a duplicate, and only then is the text visited again
// to name each duplicate and its position.
import { visit } from 'jsonc-parser';
import { formatPath, makeDiagnostic, type FixtureDiagnostic } from './diagnostic';
import type { ScanResult } from './jsonScan';

export function hasDuplicateKeys(value: unknown, scan: ScanResult): boolean {
  let k = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const e: unknown = v[i];
        if (e !== null && typeof e === 'object') stack.push(e);
      }
      continue;
    }
    const keys = Object.keys(v);
    if (k >= scan.objectCount || keys.length !== scan.keyCounts[k]) return true;
    k++;
    const record = v as Record<string, unknown>;
    for (let i = keys.length - 1; i >= 0; i--) {
      const e = record[keys[i] as string];
      if (e !== null && typeof e === 'object') stack.push(e);
    }
  }
  return false;
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
