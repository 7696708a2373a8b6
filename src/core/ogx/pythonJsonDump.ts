// Python's json.dump and json.dumps of a PyJson value, byte for byte: the recorder's hash is a sha256
// of json.dumps (default separators, ensure_ascii), and a re-recorded response must read as the
// recorder's json.dump(..., indent=2) wrote it, in whatever layout the fixture already has. So float
// repr, escapes, separators and key order must all be Python's. The parser (pythonJsonParse.ts) also
// uses the pieces here to dump while it reads.

import type { PyJson } from './pythonJsonValue';

export interface JsonLayout {
  /**
   * indented: one value per line; flat: the indented form with each line break and its indentation
   * collapsed into `flatGap` (how the shared seeds look); compact: no line breaks at all.
   */
  readonly kind: 'indented' | 'flat' | 'compact';
  /** One level of indentation (indented layout). */
  readonly unit: string;
  /** The line break (indented layout). */
  readonly eol: string;
  /** What replaces a line break and its indentation (flat layout), usually one space. */
  readonly flatGap: string;
  /** Between a key and its value: Python writes ': '. */
  readonly keySeparator: string;
  /** Between items in compact layout: Python writes ', ', JSON.stringify ','. */
  readonly itemSeparator: string;
  /** Escape every character outside printable ASCII as \uXXXX (Python's default). */
  readonly ensureAscii: boolean;
}

/** What json.dump(value, f, indent=2) writes. */
export const PYTHON_INDENT_2: JsonLayout = { kind: 'indented', unit: '  ', eol: '\n', flatGap: ' ', keySeparator: ': ', itemSeparator: ',', ensureAscii: true };

/** What json.dumps(value) writes: one line, ', ' and ': ', ASCII only. */
export const PYTHON_DUMPS: JsonLayout = { kind: 'compact', unit: '', eol: '', flatGap: '', keySeparator: ': ', itemSeparator: ', ', ensureAscii: true };

export function pythonJsonDumps(value: PyJson, options: { sortKeys?: boolean } = {}): string {
  // The hash reader dumps every literal it reads: a scalar skips the writer's set-up.
  return scalarText(value, true) ?? writePythonJson(value, PYTHON_DUMPS, { sortKeys: options.sortKeys ?? false });
}

/** The text of a scalar (the same in every layout), undefined for a list or a dict. */
function scalarText(v: PyJson, ensureAscii: boolean): string | undefined {
  switch (v.kind) {
    case 'null': return 'null';
    case 'bool': return v.value ? 'true' : 'false';
    case 'int': return v.value.toString();
    case 'float': return pyFloatRepr(v.value);
    case 'str': return pyEncodeString(v.value, ensureAscii);
    default: return undefined;
  }
}

export interface WriteOptions {
  /** What the line of the value's first character starts with; nested lines add one unit per level. */
  readonly baseIndent?: string | undefined;
  /** The nesting level the value stands at below baseIndent (a list item inside a member: 2). */
  readonly depth?: number | undefined;
  readonly sortKeys?: boolean | undefined;
}

/**
 * Serializes `value` in `layout` as if it stood at a nesting level whose line starts with `baseIndent`:
 * nested lines get baseIndent plus one unit per level, the closing bracket gets baseIndent. The
 * recursion is as deep as the value; every parser that builds values for it bounds their depth.
 */
export function writePythonJson(value: PyJson, layout: JsonLayout, options: WriteOptions = {}): string {
  const out: string[] = [];
  writeValue(value, new Writer(layout, options.baseIndent ?? '', options.sortKeys ?? false), options.depth ?? 0, out);
  return out.join('');
}

/**
 * A list whose items were written one by one (writePythonJson at `depth` + 1), as writePythonJson
 * would write the list at `depth`: a long list's values need not all be held at once.
 */
export function writeWrittenList(items: readonly string[], layout: JsonLayout, options: WriteOptions = {}): string {
  if (items.length === 0) return '[]';
  const w = new Writer(layout, options.baseIndent ?? '', false);
  const depth = options.depth ?? 0;
  return `[${w.gap(depth + 1)}${items.join(w.between(depth + 1))}${w.gap(depth)}]`;
}

/** A dict whose values were written one by one (at `depth` + 1), in the given order, as writePythonJson would write it. */
export function writeWrittenDict(members: ReadonlyArray<readonly [string, string]>, layout: JsonLayout, options: WriteOptions = {}): string {
  if (members.length === 0) return '{}';
  const w = new Writer(layout, options.baseIndent ?? '', false);
  const depth = options.depth ?? 0;
  const written = members.map(([key, text]) => `${pyEncodeString(key, layout.ensureAscii)}${layout.keySeparator}${text}`);
  return `{${w.gap(depth + 1)}${written.join(w.between(depth + 1))}${w.gap(depth)}}`;
}

/** The layout's white space, computed once per nesting level. */
class Writer {
  private readonly gaps: string[] = [];
  private readonly betweens: string[] = [];

  constructor(
    readonly layout: JsonLayout,
    private readonly baseIndent: string,
    readonly sortKeys: boolean,
  ) {}

  /** What follows an opening bracket, or precedes a closing one, at this depth. */
  gap(depth: number): string {
    let g = this.gaps[depth];
    if (g === undefined) {
      const l = this.layout;
      g = l.kind === 'indented' ? l.eol + this.baseIndent + l.unit.repeat(depth) : l.kind === 'flat' ? l.flatGap : '';
      this.gaps[depth] = g;
    }
    return g;
  }

  /** What separates two items at this depth. */
  between(depth: number): string {
    let b = this.betweens[depth];
    if (b === undefined) {
      b = this.layout.kind === 'compact' ? this.layout.itemSeparator : `,${this.gap(depth)}`;
      this.betweens[depth] = b;
    }
    return b;
  }
}

function writeValue(v: PyJson, w: Writer, depth: number, out: string[]): void {
  switch (v.kind) {
    case 'list': {
      if (v.items.length === 0) {
        out.push('[]');
        return;
      }
      out.push('[', w.gap(depth + 1));
      v.items.forEach((item, i) => {
        if (i > 0) out.push(w.between(depth + 1));
        writeValue(item, w, depth + 1, out);
      });
      out.push(w.gap(depth), ']');
      return;
    }
    case 'dict': {
      if (v.entries.size === 0) {
        out.push('{}');
        return;
      }
      const keys = [...v.entries.keys()];
      if (w.sortKeys) keys.sort(compareCodePoints);
      out.push('{', w.gap(depth + 1));
      keys.forEach((k, i) => {
        if (i > 0) out.push(w.between(depth + 1));
        out.push(pyEncodeString(k, w.layout.ensureAscii), w.layout.keySeparator);
        writeValue(v.entries.get(k)!, w, depth + 1, out);
      });
      out.push(w.gap(depth), '}');
      return;
    }
    default:
      out.push(scalarText(v, w.layout.ensureAscii) as string);
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
// ensure_ascii: everything outside ' '..'~' is escaped, one \uXXXX per UTF-16 unit (so astral
// characters become surrogate pairs, as Python writes them; DEL is escaped too).
const ASCII_ESCAPED = /[\\"\x00-\x1f\x7f-\uffff]/g;
// ensure_ascii=False: only quotes, backslashes and control characters; a lone surrogate (which UTF-8
// cannot hold, so the recorder could not have written it) is escaped too.
const UNICODE_ESCAPED = /[\\"\x00-\x1f]|\p{Cs}/gu;
const SHORT_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function escapeUnit(c: string): string {
  return SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A str as json.dumps writes it: `py_encode_basestring_ascii` (lower-case hex, DEL escaped) by
 * default, `py_encode_basestring` with ensureAscii false.
 */
export function pyEncodeString(s: string, ensureAscii = true): string {
  if (SAFE_ASCII.test(s)) return `"${s}"`;
  return `"${s.replace(ensureAscii ? ASCII_ESCAPED : UNICODE_ESCAPED, escapeUnit)}"`;
}

/** Python's `float.__repr__`, except inf/nan, which json.dumps writes as Infinity/-Infinity/NaN. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // Where both write positional notation, JS's shortest round-trip digits are repr's, point included
  // (repr adds ".0" to an integral value): most floats of an answer (embeddings) take this path.
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e16) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
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
