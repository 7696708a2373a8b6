// Recomputes the request hash that names a llama-stack / OGX recording, to tell
// whether a fixture's request was edited after it was recorded.
//
// The recorder hashes `json.dumps(<dict>, sort_keys=True)` with sha256, so the hash
// depends on Python's exact JSON text: int vs float literals, float repr, ASCII
// escaping, code-point key order. JSON.parse loses the int/float distinction
// (`1.0` and `1` both become 1), so we parse into our own tree that keeps it.
//
// Recipes, read from the recorders' source (repository, path @ commit):
//  - legacy        {method, endpoint: urlparse(url).path, body}; file <first 12 hex>.json
//                  llamastack/llama-stack llama_stack/testing/inference_recorder.py @34f5da6c
//  - +test_id      the same dict plus "test_id"; file <64 hex>.json. Model-list endpoints
//                  leave test_id out, by a rule that changed between versions (path in a
//                  fixed set, later path.endswith("/models")), so both forms are tried
//                  llamastack/llama-stack llama_stack/testing/api_recorder.py @00fd27be
//  - normalized    body floats round(x, 5), decimals of 4+ places inside strings f"{x:.5f}",
//                  stream_options dropped for Bedrock hosts
//                  llamastack/llama-stack src/llama_stack/testing/api_recorder.py @00b74994
//  - normalized-v2 also masks file_search scores/attributes/document ids/citations in
//                  strings and drops extra_body/extra_query.project_id
//                  ogx-ai/ogx src/ogx/testing/api_recorder.py @482c6a5b
//  - http          {test_id, url, method, payload: normalized} (rerank, /v1/messages, /interactions)
//  - tool          {provider, tool_name, kwargs}, never test_id nor normalization
//  - models-<hash>-<digest>: first 8 hex of sha1 (12-hex era) or sha256 (later) of
//                  "|".join(sorted(set(model ids))), ids taken from the response.
// File-processor recordings ({provider, api, file_id}) have no known recipe: the
// recorder version that wrote them hashed something the file does not keep.

import * as crypto from 'node:crypto';

// ---------------------------------------------------------------------------
// A JSON tree that remembers what Python's json.loads would have built.

export type PyJson =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint } // Python ints are unbounded
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'list'; items: PyJson[] }
  | { kind: 'dict'; entries: Map<string, PyJson> }; // Map keeps insertion order, last duplicate wins, like dict

const NULL: PyJson = { kind: 'null' };

/** Parses JSON text the way Python's `json.loads` does (strict JSON plus NaN/Infinity). */
export function parsePythonJson(text: string): PyJson {
  const p = new PyParser(text);
  const value = p.value();
  p.skipWs();
  if (p.pos !== text.length) p.fail('Extra data');
  return value;
}

/**
 * The exact source text of the value at `path` (object keys from the root), e.g.
 * `['request']` of a recording: the hash depends on literals, so callers must
 * hash that text, not a re-serialization. The last duplicate key wins, as in json.loads.
 */
export function rawJsonValue(text: string, path: readonly string[], options: { firstMatch?: boolean } = {}): string | undefined {
  return jsonMember(text, path, options)?.text;
}

/** rawJsonValue's text together with its parsed value: reading a value already parses it, so a caller that needs both parses once. */
export function jsonMember(text: string, path: readonly string[], options: { firstMatch?: boolean } = {}): { text: string; value: PyJson } | undefined {
  const start = memberOffset(text, path, options);
  if (start === undefined) return undefined;
  const p = new PyParser(text);
  p.pos = start;
  const value = p.value();
  return { text: text.slice(start, p.pos), value };
}

/** Where the value at `path` starts in the text (see rawJsonValue), if it is there. */
export function memberOffset(text: string, path: readonly string[], options: { firstMatch?: boolean } = {}): number | undefined {
  let start = 0;
  for (const key of path) {
    const found = memberStart(text, start, key, options.firstMatch === true);
    if (found === undefined) return undefined;
    start = found;
  }
  return start;
}

// Offset of the value of `key` in the object starting at `start`, if any.
function memberStart(text: string, start: number, key: string, firstMatch: boolean): number | undefined {
  const p = new PyParser(text);
  p.pos = start;
  p.skipWs();
  if (!p.eat('{')) return undefined;
  let found: number | undefined;
  p.skipWs();
  if (p.eat('}')) return undefined;
  for (;;) {
    p.skipWs();
    const k = p.string();
    p.skipWs();
    if (!p.eat(':')) p.fail("Expecting ':' delimiter");
    p.skipWs();
    if (k === key) {
      // With no duplicate keys in the text (the caller knows), the first match is the only one.
      if (firstMatch) return p.pos;
      found = p.pos;
    }
    p.value();
    p.skipWs();
    if (p.eat('}')) return found;
    if (!p.eat(',')) p.fail("Expecting ',' delimiter");
  }
}

// Python's NUMBER_RE: an int unless a fraction or exponent is present.
const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;

class PyParser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(msg: string): never {
    throw new SyntaxError(`${msg} at offset ${this.pos}`);
  }

  // json.loads skips exactly space, tab, LF and CR between tokens.
  skipWs(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  eat(c: string): boolean {
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  value(): PyJson {
    this.skipWs();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { kind: 'str', value: this.string() };
    return this.literal();
  }

  object(): PyJson {
    const entries = new Map<string, PyJson>();
    this.pos++;
    this.skipWs();
    if (this.eat('}')) return { kind: 'dict', entries };
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skipWs();
      if (this.text[this.pos++] !== ':') this.fail("Expecting ':' delimiter");
      entries.set(key, this.value());
      this.skipWs();
      const sep = this.text[this.pos++];
      if (sep === '}') return { kind: 'dict', entries };
      if (sep !== ',') this.fail("Expecting ',' delimiter");
    }
  }

  array(): PyJson {
    const items: PyJson[] = [];
    this.pos++;
    this.skipWs();
    if (this.eat(']')) return { kind: 'list', items };
    for (;;) {
      items.push(this.value());
      this.skipWs();
      const sep = this.text[this.pos++];
      if (sep === ']') return { kind: 'list', items };
      if (sep !== ',') this.fail("Expecting ',' delimiter");
    }
  }

  // Finds the closing quote, then lets JSON.parse decode escapes: its rules
  // (strict control characters, lone surrogates kept) match json.loads.
  string(): string {
    const t = this.text;
    // Most strings hold neither escapes nor control characters: their content is the text itself.
    if (t.charCodeAt(this.pos) === 0x22) {
      for (let i = this.pos + 1; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 0x22) {
          const s = t.slice(this.pos + 1, i);
          this.pos = i + 1;
          return s;
        }
        if (c === 0x5c || c < 0x20) break;
      }
    }
    let end = this.pos + 1;
    for (;;) {
      end = t.indexOf('"', end);
      if (end < 0) this.fail('Unterminated string');
      let slashes = 0;
      while (t.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
      if (slashes % 2 === 0) break;
      end++;
    }
    const raw = t.slice(this.pos, end + 1);
    this.pos = end + 1;
    try {
      return JSON.parse(raw) as string;
    } catch {
      return this.fail('Invalid string');
    }
  }

  literal(): PyJson {
    const t = this.text;
    for (const [word, node] of LITERALS) {
      if (!t.startsWith(word, this.pos)) continue;
      this.pos += word.length;
      return node;
    }
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(t);
    if (!m) this.fail('Expecting value');
    this.pos += m[0].length;
    if (m[1] === undefined && m[2] === undefined) return { kind: 'int', value: BigInt(m[0]) };
    return { kind: 'float', value: Number(m[0]) }; // both are correctly rounded, like float()
  }

  /** The members of the object here, each dumped (see dumpSorted); undefined, once read, if the value is not an object. */
  members(): Map<string, RequestMember> | undefined {
    this.skipWs();
    if (this.text[this.pos] !== '{') {
      this.value();
      return undefined;
    }
    const members = new Map<string, RequestMember>();
    this.pos++;
    this.skipWs();
    if (this.eat('}')) return members;
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skipWs();
      if (this.text[this.pos++] !== ':') this.fail("Expecting ':' delimiter");
      this.skipWs();
      const at = this.pos;
      members.set(key, { at, dumped: this.dumpSorted() });
      this.skipWs();
      const sep = this.text[this.pos++];
      if (sep === '}') return members;
      if (sep !== ',') this.fail("Expecting ',' delimiter");
    }
  }

  /**
   * What `json.dumps(value(), sort_keys=True)` would give, written while reading: the same grammar and
   * errors as value(), but no tree, and a string that needs no escaping is copied as written.
   */
  dumpSorted(): string {
    this.skipWs();
    const c = this.text[this.pos];
    if (c === '{') return this.dumpObject();
    if (c === '[') return this.dumpArray();
    if (c === '"') return this.dumpString();
    return pythonJsonDumps(this.literal());
  }

  private dumpObject(): string {
    const entries = new Map<string, string>();
    this.pos++;
    this.skipWs();
    if (this.eat('}')) return '{}';
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skipWs();
      if (this.text[this.pos++] !== ':') this.fail("Expecting ':' delimiter");
      entries.set(key, this.dumpSorted());
      this.skipWs();
      const sep = this.text[this.pos++];
      if (sep === '}') return dumpedDict(entries);
      if (sep !== ',') this.fail("Expecting ',' delimiter");
    }
  }

  private dumpArray(): string {
    this.pos++;
    this.skipWs();
    if (this.eat(']')) return '[]';
    let out = '[';
    for (;;) {
      out += this.dumpSorted();
      this.skipWs();
      const sep = this.text[this.pos++];
      if (sep === ']') return `${out}]`;
      if (sep !== ',') this.fail("Expecting ',' delimiter");
      out += ', ';
    }
  }

  private dumpString(): string {
    const t = this.text;
    const start = this.pos;
    for (let i = start + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return t.slice(start, i + 1);
      }
      // An escape, a control character or non-ASCII: ensure_ascii writes it its own way.
      if (c === 0x5c || c < 0x20 || c > 0x7e) break;
    }
    return pyEncodeString(this.string());
  }
}

interface RequestMember {
  /** Where the value starts in the text. */
  readonly at: number;
  readonly dumped: string;
}

/**
 * A request object read once for hashing. Each member is kept as its sorted dump, which is what the
 * legacy and tool recipes hash; a tree is parsed only for a member a normalized recipe rewrites.
 */
export class RequestMembers {
  private readonly trees = new Map<string, PyJson>();

  constructor(
    private readonly text: string,
    private readonly members: ReadonlyMap<string, RequestMember>,
  ) {}

  has(key: string): boolean {
    return this.members.has(key);
  }

  dumped(key: string): string | undefined {
    return this.members.get(key)?.dumped;
  }

  /** The member's value when it is a string (a dump starting with a quote). */
  str(key: string): string | undefined {
    const member = this.members.get(key);
    if (member === undefined || member.dumped.charCodeAt(0) !== 0x22) return undefined;
    const p = new PyParser(this.text);
    p.pos = member.at;
    return p.string();
  }

  tree(key: string): PyJson | undefined {
    const member = this.members.get(key);
    if (member === undefined) return undefined;
    let tree = this.trees.get(key);
    if (tree === undefined) {
      const p = new PyParser(this.text);
      p.pos = member.at;
      tree = p.value();
      this.trees.set(key, tree);
    }
    return tree;
  }
}

/**
 * Reads the request whose value starts at `start` (white space allowed); undefined when it is not an
 * object, which no recipe hashes. Throws where parsePythonJson would: `whole` also requires the text
 * to end with the value.
 */
export function readRequest(text: string, start = 0, whole = false): RequestMembers | undefined {
  const p = new PyParser(text);
  p.pos = start;
  const members = p.members();
  if (whole) {
    p.skipWs();
    if (p.pos !== text.length) p.fail('Extra data');
  }
  return members === undefined ? undefined : new RequestMembers(text, members);
}

/** A dict's dump from its members' dumps, keys sorted as Python sorts them. */
function dumpedDict(entries: Map<string, string>): string {
  const keys = [...entries.keys()].sort(compareCodePoints);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += `${i > 0 ? ', ' : ''}${pyEncodeString(key)}: ${entries.get(key)!}`;
  }
  return `${out}}`;
}

const LITERALS: ReadonlyArray<readonly [string, PyJson]> = [
  ['null', NULL],
  ['true', { kind: 'bool', value: true }],
  ['false', { kind: 'bool', value: false }],
  ['NaN', { kind: 'float', value: NaN }],
  ['Infinity', { kind: 'float', value: Infinity }],
  ['-Infinity', { kind: 'float', value: -Infinity }],
];

// ---------------------------------------------------------------------------
// json.dumps(value, sort_keys=...) with the default separators and ensure_ascii.

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
function compareCodePoints(a: string, b: string): number {
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
function pyEncodeString(s: string): string {
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

// ---------------------------------------------------------------------------
// Exact decimal rounding. Python's round(x, 5) and f"{x:.5f}" round the exact
// binary value half-to-even; toFixed rounds ties up, so we use BigInt.

function scaledHalfEven(x: number, places: number): { negative: boolean; q: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  const mant = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp = biased === 0 ? -1074 : biased - 1075; // |x| = mant * 2**exp
  const num = mant * 10n ** BigInt(places);
  if (exp >= 0) return { negative: hi >>> 31 === 1, q: num << BigInt(exp) };
  const den = 1n << BigInt(-exp);
  let q = num / den;
  const twice = 2n * (num - q * den);
  if (twice > den || (twice === den && (q & 1n) === 1n)) q++;
  return { negative: hi >>> 31 === 1, q };
}

/** Python's `round(x, places)` for a float. */
export function pyRound(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const { negative, q } = scaledHalfEven(x, places);
  const v = Number(`${q}e-${places}`);
  return negative ? -v : v;
}

/** Python's `f"{x:.{places}f}"`. */
export function pyFormatFixed(x: number, places: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const { negative, q } = scaledHalfEven(x, places);
  const s = q.toString().padStart(places + 1, '0');
  return `${negative ? '-' : ''}${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
}

// ---------------------------------------------------------------------------
// Body normalization (`_normalize_body_for_hash`). Python's \d and \s are
// Unicode-aware, so the patterns use \p{Nd} and Python's whitespace set.

const PY_WS = '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';
const FLOAT_IN_STRING = /-?\p{Nd}+\.\p{Nd}{4,}/gu;
const FILE_SEARCH_MASKS: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(`score:${PY_WS}*[-+]?\\p{Nd}*\\.?\\p{Nd}+(?:[eE][-+]?\\p{Nd}+)?`, 'gu'), 'score: __NORMALIZED__'],
  [new RegExp(`,?${PY_WS}*attributes:${PY_WS}*\\{[^}]*\\}`, 'gu'), ''],
  [new RegExp(`document_id:${PY_WS}*${UUID}`, 'gu'), 'document_id: __NORMALIZED__'],
  [new RegExp(`<\\|${UUID}\\|>`, 'gu'), '<|__NORMALIZED__|>'],
];

type Variant = 'v1' | 'v2';

// float() accepts any Unicode decimal digit; Nd digits come in runs of ten, 0..9.
function toAsciiDigits(s: string): string {
  if (/^[-.0-9]*$/.test(s)) return s;
  return s.replace(/\p{Nd}/gu, (d) => {
    let cp = d.codePointAt(0)!;
    let n = 0;
    while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
      cp--;
      n++;
    }
    return String(n % 10);
  });
}

function normalizeString(s: string, variant: Variant): string {
  let out = s;
  if (variant === 'v2') for (const [re, sub] of FILE_SEARCH_MASKS) out = out.replace(re, sub);
  return out.replace(FLOAT_IN_STRING, (m) => pyFormatFixed(Number(toAsciiDigits(m)), 5));
}

// Mirrors the recursion exactly, quirks included: list items are normalized
// as roots again (so v2 strips project_id inside them too), and
// stream_options is dropped at the top level only.
function normalizeValue(v: PyJson, variant: Variant, isRoot = true, dropStreamOptions = false): PyJson {
  switch (v.kind) {
    case 'float': return { kind: 'float', value: pyRound(v.value, 5) };
    case 'str': return { kind: 'str', value: normalizeString(v.value, variant) };
    case 'list': return { kind: 'list', items: v.items.map((item) => normalizeValue(item, variant)) };
    case 'dict': return normalizeDict(v.entries, variant, isRoot, dropStreamOptions);
    default: return v;
  }
}

function normalizeDict(entries: Map<string, PyJson>, variant: Variant, isRoot: boolean, dropStreamOptions: boolean): PyJson {
  const out = new Map<string, PyJson>();
  for (const [k, item] of entries) out.set(k, normalizeValue(item, variant, false));
  if (dropStreamOptions) out.delete('stream_options');
  if (variant === 'v2' && isRoot) {
    for (const key of ['extra_body', 'extra_query']) {
      const extra = out.get(key);
      if (extra?.kind === 'dict') extra.entries.delete('project_id'); // a fresh copy: safe to edit
    }
  }
  return { kind: 'dict', entries: out };
}

// ---------------------------------------------------------------------------
// urllib.parse.urlparse, only as far as netloc and path.

const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const USES_PARAMS = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtsps', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);

export function pyUrlParse(input: string): { scheme: string; netloc: string; path: string } {
  let url = input.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  const colon = url.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) [scheme, url] = [url.slice(0, colon).toLowerCase(), url.slice(colon + 1)];
  if (url.startsWith('//')) {
    const ends = ['/', '?', '#'].map((c) => url.indexOf(c, 2)).filter((i) => i >= 0);
    const delim = ends.length ? Math.min(...ends) : url.length;
    [netloc, url] = [url.slice(2, delim), url.slice(delim)];
  }
  const hash = url.indexOf('#');
  if (hash !== -1) url = url.slice(0, hash);
  const query = url.indexOf('?');
  if (query !== -1) url = url.slice(0, query);
  if (USES_PARAMS.has(scheme) && url.includes(';')) url = url.slice(0, splitParamsIndex(url));
  return { scheme, netloc, path: url };
}

// urlparse's _splitparams: ";params" belongs to the last path segment.
function splitParamsIndex(url: string): number {
  const i = url.includes('/') ? url.indexOf(';', url.lastIndexOf('/')) : url.indexOf(';');
  return i < 0 ? url.length : i;
}

// ---------------------------------------------------------------------------
// The hashes.

export interface RequestHash {
  scheme: string;
  hash: string; // full 64-hex sha256
}

// crypto.hash (Node 20.12+) hashes a string in one call, without a Hash object: about three times
// faster on a request-sized input. Both encode the string as UTF-8.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha256Hex(text: string): string {
  return oneShotHash ? oneShotHash('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `json.dumps(dict, sort_keys=True)` of a dict whose values are given already dumped. */
function dictText(members: ReadonlyArray<readonly [string, string]>): string {
  return dumpedDict(new Map(members));
}

// The test id that went into the hash (dumped): the one given, else the one the request
// records. Recorders also stored a test id found through a fallback while hashing
// with none (server mode), so `null` is always a candidate too.
function testIdCandidates(req: RequestMembers, testId: string | null | undefined): Array<[string, string]> {
  const id = testId !== undefined ? testId : req.str('test_id') ?? null;
  const out: Array<[string, string]> = [['+test_id=null', 'null']];
  if (id !== null) out.unshift(['+test_id', pyEncodeString(id)]);
  return out;
}

/** The order requestHashCandidates yields schemes in (what a full list is sorted back into). */
const SCHEME_ORDER = [
  'legacy', 'legacy+test_id', 'legacy+test_id=null',
  'normalized', 'normalized+test_id', 'normalized+test_id=null',
  'normalized-v2', 'normalized-v2+test_id', 'normalized-v2+test_id=null',
  'http+test_id', 'http+test_id=null', 'http-v2+test_id', 'http-v2+test_id=null',
  'tool',
];

/**
 * `testIdFirst` tries, for each body, the test_id forms before the bare one: recorders that name files
 * by the full 64-hex hash are the ones that added test_id, so there it is the likeliest match.
 */
function* inferenceHashes(req: RequestMembers, testId: string | null | undefined, testIdFirst: boolean): Generator<RequestHash> {
  const method = req.str('method');
  const legacyBody = req.dumped('body');
  const url = req.str('url');
  if (method === undefined || legacyBody === undefined) return;
  const endpoint = url !== undefined ? pyUrlParse(url) : { netloc: '', path: req.str('endpoint') ?? '' };
  const bedrock = endpoint.netloc.includes('bedrock');
  // Bodies are normalized only when asked for: most files match the legacy body, and a caller that stops at the first match never pays for the rest.
  const bodies: Array<[string, () => string]> = [
    ['legacy', () => legacyBody],
    ['normalized', () => pythonJsonDumps(normalizeValue(req.tree('body')!, 'v1', true, bedrock), { sortKeys: true })],
    ['normalized-v2', () => pythonJsonDumps(normalizeValue(req.tree('body')!, 'v2', true, bedrock), { sortKeys: true })],
  ];
  const ids = testIdCandidates(req, testId);
  const suffixes: Array<readonly [string, string | undefined]> = testIdFirst ? [...ids, ['', undefined]] : [['', undefined], ...ids];
  const head: Array<readonly [string, string]> = [['method', pyEncodeString(method.toUpperCase())], ['endpoint', pyEncodeString(endpoint.path)]];
  for (const [label, dumpBody] of bodies) {
    // One body, dumped once, is shared by the schemes that differ only in their test_id.
    const base = [...head, ['body', dumpBody()] as const];
    for (const [suffix, id] of suffixes) yield { scheme: label + suffix, hash: sha256Hex(dictText(id === undefined ? base : [...base, ['test_id', id]])) };
  }
}

function* httpHashes(req: RequestMembers, testId: string | null | undefined): Generator<RequestHash> {
  const url = req.str('url');
  const method = req.str('method');
  const payload = req.tree('payload');
  if (url === undefined || method === undefined || payload === undefined) return;
  for (const variant of ['v1', 'v2'] as const) {
    const base: Array<readonly [string, string]> = [['url', pyEncodeString(url)], ['method', pyEncodeString(method.toUpperCase())], ['payload', pythonJsonDumps(normalizeValue(payload, variant), { sortKeys: true })]];
    const label = variant === 'v1' ? 'http' : 'http-v2';
    for (const [suffix, id] of testIdCandidates(req, testId)) yield { scheme: label + suffix, hash: sha256Hex(dictText([...base, ['test_id', id]])) };
  }
}

function toolHashes(req: RequestMembers): RequestHash[] {
  const provider = req.dumped('provider');
  const toolName = req.dumped('tool_name');
  const kwargs = req.dumped('kwargs');
  if (provider === undefined || toolName === undefined || kwargs === undefined) return [];
  return [{ scheme: 'tool', hash: sha256Hex(dictText([['provider', provider], ['tool_name', toolName], ['kwargs', kwargs]])) }];
}

/**
 * Every hash some recorder version could have produced for this request.
 * `requestJsonText` is the envelope's `request` value as written in the file;
 * `testId` is the envelope's `test_id` (undefined: use the request's own, if any).
 */
export function recomputeRequestHashes(requestJsonText: string, testId?: string | null): RequestHash[] {
  return [...requestHashCandidates(requestJsonText, testId)];
}

/** The same hashes, computed one at a time in the order above (throws at once if the text is not JSON). */
export function requestHashCandidates(requestJsonText: string, testId?: string | null): Iterable<RequestHash> {
  return hashCandidates(readRequest(requestJsonText, 0, true), testId, false);
}

function hashCandidates(req: RequestMembers | undefined, testId: string | null | undefined, testIdFirst: boolean): Iterable<RequestHash> {
  if (req === undefined) return [];
  if (req.has('payload')) return httpHashes(req, testId);
  if (req.has('tool_name')) return toolHashes(req);
  return inferenceHashes(req, testId, testIdFirst);
}

// ---------------------------------------------------------------------------
// Model-list digests.

/** Both digests a recorder may have put in `models-<hash>-<digest>.json`. */
export function modelListDigests(endpoint: string, responseBodyJsonText: string): { sha1: string; sha256: string } | undefined {
  return digestsOf(endpoint, parsePythonJson(responseBodyJsonText));
}

function digestsOf(endpoint: string, body: PyJson): { sha1: string; sha256: string } | undefined {
  const ids = modelIdentifiers(endpoint, body);
  if (ids === undefined) return undefined;
  const joined = [...new Set(ids)].sort(compareCodePoints).join('|');
  return {
    sha1: crypto.createHash('sha1').update(joined, 'utf8').digest('hex').slice(0, 8),
    sha256: sha256Hex(joined).slice(0, 8),
  };
}

// The recorder read pydantic objects; in the file they are {__type__, __data__}.
function unwrap(v: PyJson | undefined): PyJson | undefined {
  return v?.kind === 'dict' && v.entries.has('__data__') ? v.entries.get('__data__') : v;
}

function modelIdentifiers(endpoint: string, body: PyJson): string[] | undefined {
  const b = unwrap(body);
  const list = b?.kind === 'list' ? b : b?.kind === 'dict' ? unwrap(b.entries.get('models') ?? b.entries.get('data')) : undefined;
  if (list?.kind !== 'list') return undefined;
  const field = endpoint === '/api/tags' ? 'model' : 'id';
  const ids: string[] = [];
  for (const item of list.items) {
    const m = unwrap(item);
    const id = m?.kind === 'dict' ? m.entries.get(field) : undefined;
    if (id?.kind !== 'str') return undefined;
    ids.push(id.value);
  }
  return ids;
}

// ---------------------------------------------------------------------------
// File names.

const HASH_NAME = /^(?:models-([0-9a-f]{12}|[0-9a-f]{64})-([0-9a-f]{8})|([0-9a-f]{12}|[0-9a-f]{64}))\.json$/;

/** Base name of a path; a `<prefix>__` is stripped when what follows is a recorder's file name. */
export function recordedFileName(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const cut = base.lastIndexOf('__');
  const tail = cut >= 0 ? base.slice(cut + 2) : base;
  return HASH_NAME.test(tail) ? tail : base;
}

export type HashCheckStatus = 'match' | 'mismatch' | 'not-hash-named' | 'unverifiable';

export interface HashCheck {
  status: HashCheckStatus;
  expected?: string[]; // candidate hashes, cut to the length the name uses
  found?: string; // the hash in the name
  scheme?: string; // first scheme that matched
  schemes?: string[]; // every scheme that matched
  digest?: { found: string; expected: string[]; matches: boolean }; // models-… files, when the response was given
  reason?: string; // why the check could not be made
}

/**
 * Compares a recorder's file name (already stripped of any corpus prefix) with
 * the hashes recomputed from the request. `unverifiable` means no recipe applies
 * (file processors) or the request text is not JSON: nothing says it was edited.
 */
export function checkFileNameHash(
  fileName: string,
  requestJsonText: string,
  testId?: string | null,
  options: { responseBodyJsonText?: string; endpoint?: string; firstMatch?: boolean } = {},
): HashCheck {
  let request: RequestMembers | undefined | null = null;
  const body = options.responseBodyJsonText;
  return checkHashName(fileName, () => (request === null ? (request = readRequest(requestJsonText, 0, true)) : request), testId, {
    endpoint: options.endpoint,
    firstMatch: options.firstMatch,
    responseBody: body === undefined ? undefined : () => parsePythonJson(body),
  });
}

/** checkFileNameHash of a request already read (readRequest) and a response body already parsed (jsonMember). */
export function checkParsedFileNameHash(fileName: string, request: RequestMembers | undefined, testId: string | null | undefined, options: { responseBody?: PyJson; firstMatch?: boolean } = {}): HashCheck {
  const body = options.responseBody;
  return checkHashName(fileName, () => request, testId, { firstMatch: options.firstMatch, responseBody: body === undefined ? undefined : () => body });
}

interface HashInputs {
  readonly responseBody?: () => PyJson;
  readonly endpoint?: string;
  readonly firstMatch?: boolean;
}

function checkHashName(fileName: string, request: () => RequestMembers | undefined, testId: string | null | undefined, options: HashInputs): HashCheck {
  const m = HASH_NAME.exec(fileName);
  if (!m) return { status: 'not-hash-named' };
  const found = (m[1] ?? m[3])!;
  let hashes: RequestHash[];
  try {
    if (options.firstMatch) {
      // Stop at the first scheme that matches, trying the likeliest first: the usual case costs one hash, not nine.
      hashes = [];
      for (const h of hashCandidates(request(), testId, found.length === 64)) {
        if (h.hash.slice(0, found.length) === found) {
          const result: HashCheck = { status: 'match', found, expected: [found], scheme: h.scheme, schemes: [h.scheme] };
          if (m[2] !== undefined && options.responseBody !== undefined) result.digest = checkDigest(m[2], request, options);
          return result;
        }
        hashes.push(h);
      }
      // Tried out of order: `expected` lists them in the usual one.
      hashes.sort((a, b) => SCHEME_ORDER.indexOf(a.scheme) - SCHEME_ORDER.indexOf(b.scheme));
    } else hashes = [...hashCandidates(request(), testId, false)];
  } catch (err) {
    return { status: 'unverifiable', found, reason: `request is not JSON: ${(err as Error).message}` };
  }
  if (hashes.length === 0) return { status: 'unverifiable', found, expected: [], reason: 'no known hash recipe for this request shape' };
  const cut = (h: string): string => h.slice(0, found.length);
  const schemes = hashes.filter((h) => cut(h.hash) === found).map((h) => h.scheme);
  const result: HashCheck = { status: schemes.length ? 'match' : 'mismatch', found, expected: [...new Set(hashes.map((h) => cut(h.hash)))] };
  if (schemes.length) Object.assign(result, { scheme: schemes[0], schemes });
  if (m[2] !== undefined && options.responseBody !== undefined) result.digest = checkDigest(m[2], request, options);
  return result;
}

function checkDigest(found: string, request: () => RequestMembers | undefined, options: HashInputs): HashCheck['digest'] {
  const endpoint = options.endpoint ?? request()?.str('endpoint') ?? '';
  let d: ReturnType<typeof modelListDigests>;
  try {
    d = digestsOf(endpoint, options.responseBody!());
  } catch {
    d = undefined; // a response that is not JSON has no model ids
  }
  const expected = d ? [d.sha256, d.sha1] : [];
  return { found, expected, matches: expected.includes(found) };
}
