// Python's json.dumps (default separators, ensure_ascii) of a PyJson tree, byte for byte: the
// recorder's hash is a sha256 of this text, so float repr, escapes and key order must all be
// Python's. The parser (pythonJsonParse.ts) also uses the pieces here to dump while it reads.

import type { PyJson } from './pythonJsonParse';

export function pythonJsonDumps(value: PyJson, options: { sortKeys?: boolean } = {}): string {
  const out: string[] = [];
  writeValue(value, options.sortKeys ?? false, out);
  return out.join('');
}

function writeValue(v: PyJson, sortKeys: boolean, out: string[]): void {
  switch (v.kind) {
    case 'null': out.push('null'); return;
    case 'bool': out.push(v.value ? 'true' : 'false'); return;
    case 'int': out.push(v.value.toString()); return;
    case 'float': out.push(pyFloatRepr(v.value)); return;
    case 'str': out.push(pyEncodeString(v.value)); return;
    case 'list': {
      out.push('[');
      v.items.forEach((item, i) => {
        if (i > 0) out.push(', ');
        writeValue(item, sortKeys, out);
      });
      out.push(']');
      return;
    }
    case 'dict': {
      const keys = [...v.entries.keys()];
      if (sortKeys) keys.sort(compareCodePoints);
      out.push('{');
      keys.forEach((k, i) => {
        out.push(i > 0 ? ', ' : '', pyEncodeString(k), ': ');
        writeValue(v.entries.get(k)!, sortKeys, out);
      });
      out.push('}');
    }
  }
}

// Python sorts str keys by code point; JS's default sort uses UTF-16 units,
// which puts astral characters before U+E000..U+FFFF.
export function compareCodePoints(a: string, b: string): number {
  // The two orders differ only where a surrogate is involved: at the first unit that differs, two
  // non-surrogates compare as themselves (and a string that is a prefix of the other sorts first).
  const n = Math.min(a.length, b.length);
  let k = 0;
  while (k < n && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  if (k === n) return Math.sign(a.length - b.length);
  const x = a.charCodeAt(k);
  const y = b.charCodeAt(k);
  if ((x < 0xd800 || x > 0xdfff) && (y < 0xd800 || y > 0xdfff)) return x < y ? -1 : 1;
  return compareBySurrogatePairs(a, b);
}

function compareBySurrogatePairs(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return Math.sign(a.length - i - (b.length - j));
}

const SAFE_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const NEEDS_ESCAPE = /[\\"\x00-\x1f\x7f-\uffff]/g; // per UTF-16 unit: astral chars become surrogate-pair escapes, as in Python
const SHORT_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** Python's `json.encoder.py_encode_basestring_ascii` (lower-case hex, DEL escaped). */
export function pyEncodeString(s: string): string {
  if (SAFE_ASCII.test(s)) return `"${s}"`;
  return `"${s.replace(NEEDS_ESCAPE, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** Python's `float.__repr__`, except inf/nan, which json.dumps writes as Infinity/-Infinity/NaN. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument gives the shortest round-trip digits, as repr does.
  const [mant, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const decpt = Number(exp) + 1; // value = 0.<digits> * 10**decpt
  const sign = x < 0 ? '-' : '';
  if (decpt <= -4 || decpt > 16) return sign + sciRepr(digits, decpt - 1);
  return sign + fixedRepr(digits, decpt);
}

function sciRepr(digits: string, e: number): string {
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function fixedRepr(digits: string, decpt: number): string {
  if (decpt <= 0) return `0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** A dict's dump from its members' dumps, keys sorted as Python sorts them. */
export function dumpedDict(entries: Map<string, string>): string {
  const keys = [...entries.keys()].sort(compareCodePoints);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += `${i > 0 ? ', ' : ''}${pyEncodeString(key)}: ${entries.get(key)!}`;
  }
  return `${out}}`;
}
