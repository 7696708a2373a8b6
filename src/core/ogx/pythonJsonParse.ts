// Python's json.loads, into the value model of pythonJsonValue.ts, which keeps what JSON.parse loses:
// int vs float literals (`1.0` and `1` both become 1 in JS, but Python dumps them differently, and the
// recorder hashes that dump) and ints beyond 2**53. Also reads members straight from a text
// (rawJsonValue & co.), because the hash depends on the request's exact literals, not on a
// re-serialization of a JS value. Its mirror image, json.dumps, is pythonJsonDump.ts.

import { dumpedDict, pyEncodeString, pythonJsonDumps } from './pythonJsonDump';
import type { PyJson } from './pythonJsonValue';
import type { RequestMember } from './requestMembers';

// The hashing modules read the model's type from here.
export type { PyJson } from './pythonJsonValue';

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

export class PyParser {
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
    return this.objectOf(
      () => this.value(),
      (entries) => ({ kind: 'dict', entries }),
    );
  }

  /** An object's members, each value read by `read`; the tree reader and the dumping reader differ only there. */
  private objectOf<T, R>(read: () => T, done: (entries: Map<string, T>) => R): R {
    const entries = new Map<string, T>();
    this.pos++;
    this.skipWs();
    if (this.eat('}')) return done(entries);
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skipWs();
      if (this.text[this.pos++] !== ':') this.fail("Expecting ':' delimiter");
      entries.set(key, read());
      this.skipWs();
      const sep = this.text[this.pos++];
      if (sep === '}') return done(entries);
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
    return this.objectOf(
      (): RequestMember => {
        this.skipWs();
        const at = this.pos;
        return { at, dumped: this.dumpSorted() };
      },
      (members) => members,
    );
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
    return this.objectOf(() => this.dumpSorted(), dumpedDict);
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

const LITERALS: ReadonlyArray<readonly [string, PyJson]> = [
  ['null', NULL],
  ['true', { kind: 'bool', value: true }],
  ['false', { kind: 'bool', value: false }],
  ['NaN', { kind: 'float', value: NaN }],
  ['Infinity', { kind: 'float', value: Infinity }],
  ['-Infinity', { kind: 'float', value: -Infinity }],
];
