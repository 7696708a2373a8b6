// The request for hashing, read from the value JSON.parse already built instead of from the text a
// second time. JSON.parse loses what Python's dump depends on in only a few ways: a float literal with
// an integral value (`1.0`, `1e5`, `-0.0`) becomes a JS integer, and an int beyond 2**53 loses digits.
// So one quick pass over the request's text (strings skipped whole) looks for exactly those literals;
// when there are none, every JS integer was written as a Python int and every other number as a
// float, and dumping the value gives the text reader's bytes. Otherwise the caller reads the text.
import { compareCodePoints, pyEncodeString, pyFloatRepr } from './pythonJsonDump';
import type { PyJson } from './pythonJsonParse';
import type { HashableRequest } from './requestMembers';

// Deeper requests go to the text reader, which has always decided what "too deep to hash" means.
const MAX_DEPTH = 200;

/**
 * The request whose (strict JSON) text starts at `at`, as parsed into `value`; undefined when the
 * text holds a literal the value does not reproduce, or is not an object: read the text instead.
 */
export function requestFromValue(text: string, at: number, value: unknown): HashableRequest | undefined {
  if (text.charCodeAt(at) !== 0x7b || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return literalsSurvive(text, at) ? new ParsedRequest(value as Record<string, unknown>) : undefined;
}

// Walks the value's text to its end: true when each number literal means the same to JSON.parse and to
// Python, and nesting stays shallow. The text is strict JSON (the caller's JSON.parse accepted it).
function literalsSurvive(text: string, at: number): boolean {
  let depth = 0;
  let i = at;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // To the closing quote: one not preceded by an odd run of backslashes.
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j === -1) return false;
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j++;
      }
      i = j + 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return false;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return true;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      let float = false;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d >= 0x30 && d <= 0x39) continue;
        if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) float = true;
        else break;
      }
      const x = Number(text.slice(i, j));
      if (float ? Number.isInteger(x) || !Number.isFinite(x) : !Number.isSafeInteger(x)) return false;
      i = j;
    } else i++;
  }
  return false;
}

/** A request as JSON.parse built it, once literalsSurvive has vouched for its numbers. */
class ParsedRequest implements HashableRequest {
  constructor(private readonly members: Record<string, unknown>) {}

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.members, key);
  }

  dumped(key: string): string | undefined {
    return this.has(key) ? dumpSorted(this.members[key]) : undefined;
  }

  str(key: string): string | undefined {
    const v = this.has(key) ? this.members[key] : undefined;
    return typeof v === 'string' ? v : undefined;
  }

  tree(key: string): PyJson | undefined {
    return this.has(key) ? toTree(this.members[key]) : undefined;
  }
}

/** `json.dumps(value, sort_keys=True)`: integers are ints and other numbers floats (see literalsSurvive). */
function dumpSorted(v: unknown): string {
  if (typeof v === 'string') return pyEncodeString(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloatRepr(v);
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    let out = `[${dumpSorted(v[0])}`;
    for (let i = 1; i < v.length; i++) out += `, ${dumpSorted(v[i])}`;
    return `${out}]`;
  }
  const r = v as Record<string, unknown>;
  const keys = Object.keys(r).sort(compareCodePoints);
  if (keys.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += `${i > 0 ? ', ' : ''}${pyEncodeString(key)}: ${dumpSorted(r[key])}`;
  }
  return `${out}}`;
}

/** The tree parsePythonJson would build, members in the value's own order (only sorted dumps read it). */
function toTree(v: unknown): PyJson {
  if (typeof v === 'string') return { kind: 'str', value: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'int', value: BigInt(v) } : { kind: 'float', value: v };
  if (v === null) return { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (Array.isArray(v)) return { kind: 'list', items: v.map(toTree) };
  const entries = new Map<string, PyJson>();
  for (const key of Object.keys(v as Record<string, unknown>)) entries.set(key, toTree((v as Record<string, unknown>)[key]));
  return { kind: 'dict', entries };
}
