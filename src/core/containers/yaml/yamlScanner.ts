// The YAML scanner: text to tokens, after PyYAML's and libyaml's design (simple keys, indentation stack,
// flow levels), and as lenient as the more lenient of the two where they differ (tabs after indicators).
import { scanBlockScalar } from './blockScalar';
import { CharFinder } from './charFinder';
import { scanFlowScalar } from './flowScalar';
import { scanPlain } from './plainScalar';
import { ValueSink } from './scalarSink';
import {
  BOM,
  breakLength,
  describeChar,
  isBlank,
  isBlankOrEnd,
  isBreak,
  isDocumentMarker,
  isHexDigit,
  isWordChar,
  SPACE,
  TAB,
} from './yamlChars';
import { YamlSyntaxError } from './yamlSyntaxError';
import type { Token, TokenKind } from './yamlTokens';

interface SimpleKey {
  readonly tokenNumber: number;
  readonly required: boolean;
  readonly start: number;
  readonly lineStart: number;
}

/** Where a scanner starts when it resumes reading in the middle of a text (after a syntax error). */
export interface ScannerResume {
  /** A line start. */
  readonly pos: number;
  readonly indent: number;
  readonly indents: readonly number[];
}

/** A simple key may not span more than this many characters (YAML 1.1, PyYAML and libyaml alike). */
const SIMPLE_KEY_LIMIT = 1024;

// Characters a tag URI may hold (RFC 3986 plus `!`, `%` escapes); `,`, `[` and `]` end a tag in a flow collection.
function isUriChar(c: number, flow: boolean): boolean {
  if (isWordChar(c)) return true;
  switch (c) {
    case 0x3b: case 0x2f: case 0x3f: case 0x3a: case 0x40: case 0x26: case 0x3d: case 0x2b: case 0x24:
    case 0x2e: case 0x21: case 0x7e: case 0x2a: case 0x27: case 0x28: case 0x29: case 0x25:
      return true;
    case 0x2c: case 0x5b: case 0x5d:
      return !flow;
    default:
      return false;
  }
}

export class YamlScanner {
  private pos: number;
  private lineStart: number;
  private flowLevel = 0;
  private indent: number;
  private readonly indents: number[];
  private allowSimpleKey = true;
  private readonly keys: (SimpleKey | undefined)[] = [];
  private tokens: Token[] = [];
  private head = 0;
  private taken = 0;
  private done = false;
  private pending: YamlSyntaxError | undefined;
  private readonly len: number;
  private readonly finder: CharFinder;

  constructor(
    private readonly text: string,
    resume?: ScannerResume,
  ) {
    this.len = text.length;
    this.finder = new CharFinder(text);
    if (resume) {
      this.pos = resume.pos;
      this.lineStart = resume.pos;
      this.indent = resume.indent;
      this.indents = [...resume.indents];
    } else {
      this.pos = 0;
      this.lineStart = 0;
      this.indent = -1;
      this.indents = [];
      this.tokens.push({ kind: 'stream-start', start: 0, end: 0 });
    }
  }

  peek(): Token {
    this.fill();
    const token = this.tokens[this.head];
    if (!token) throw new YamlSyntaxError(this.len, 'found unexpected end of stream');
    return token;
  }

  next(): Token {
    const token = this.peek();
    this.head++;
    this.taken++;
    if (this.head > 256 && this.head * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
    return token;
  }

  check(...kinds: TokenKind[]): boolean {
    return kinds.includes(this.peek().kind);
  }

  private fill(): void {
    for (;;) {
      if (this.pending) {
        // Tokens read before the error are still handed out; the error comes when they run out.
        if (this.head < this.tokens.length) return;
        throw this.pending;
      }
      const queued = this.tokens.length;
      try {
        if (!this.needMoreTokens()) return;
        this.fetchNextToken();
      } catch (e) {
        if (!(e instanceof YamlSyntaxError)) throw e;
        // Block ends the failed fetch queued (unwinding to the bad token's column) would close collections the error cut.
        this.tokens.length = queued;
        this.pending = e;
      }
    }
  }

  private needMoreTokens(): boolean {
    if (this.done) return false;
    if (this.head >= this.tokens.length) return true;
    // A token that may turn out to be a key is held back until the scanner knows.
    this.staleSimpleKeys();
    return this.nextSimpleKeyToken() === this.taken;
  }

  private nextSimpleKeyToken(): number {
    let min = -1;
    for (let level = 0; level <= this.flowLevel && level < this.keys.length; level++) {
      const key = this.keys[level];
      if (key && (min < 0 || key.tokenNumber < min)) min = key.tokenNumber;
    }
    return min;
  }

  private staleSimpleKeys(): void {
    for (let level = 0; level <= this.flowLevel && level < this.keys.length; level++) {
      const key = this.keys[level];
      if (!key) continue;
      if (key.start < this.lineStart || this.pos - key.start > SIMPLE_KEY_LIMIT) {
        if (key.required) throw new YamlSyntaxError(this.pos, "could not find the expected ':' of a mapping key", key.start);
        this.keys[level] = undefined;
      }
    }
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.pos - this.lineStart;
    if (!this.allowSimpleKey) return;
    this.removeSimpleKey();
    this.keys[this.flowLevel] = { tokenNumber: this.taken + this.tokens.length - this.head, required, start: this.pos, lineStart: this.lineStart };
  }

  private removeSimpleKey(): void {
    const key = this.keys[this.flowLevel];
    if (key?.required) throw new YamlSyntaxError(this.pos, "could not find the expected ':' of a mapping key", key.start);
    this.keys[this.flowLevel] = undefined;
  }

  private push(kind: TokenKind, start: number, end: number): void {
    this.tokens.push({ kind, start, end });
  }

  private unwindIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.indent = this.indents.pop() ?? -1;
      this.push('block-end', this.pos, this.pos);
    }
  }

  private addIndent(column: number): boolean {
    if (this.indent >= column) return false;
    this.indents.push(this.indent);
    this.indent = column;
    return true;
  }

  private fetchNextToken(): void {
    this.scanToNextToken();
    this.staleSimpleKeys();
    const column = this.pos - this.lineStart;
    this.unwindIndent(column);
    const text = this.text;
    const p = this.pos;
    if (p >= this.len) return this.fetchStreamEnd();
    const c = text.charCodeAt(p);
    const next = text.charCodeAt(p + 1);
    switch (c) {
      case 0x25: // %
        if (column === 0) return this.fetchDirective();
        break;
      case 0x2d: // -
        if (column === 0 && isDocumentMarker(text, p)) return this.fetchDocumentIndicator('document-start');
        if (isBlankOrEnd(next)) return this.fetchBlockEntry();
        break;
      case 0x2e: // .
        if (column === 0 && isDocumentMarker(text, p)) return this.fetchDocumentIndicator('document-end');
        break;
      case 0x5b:
        return this.fetchFlowCollectionStart('flow-sequence-start');
      case 0x7b:
        return this.fetchFlowCollectionStart('flow-mapping-start');
      case 0x5d:
        return this.fetchFlowCollectionEnd('flow-sequence-end');
      case 0x7d:
        return this.fetchFlowCollectionEnd('flow-mapping-end');
      case 0x2c:
        return this.fetchFlowEntry();
      case 0x3f: // ?
        if (this.flowLevel > 0 || isBlankOrEnd(next)) return this.fetchKey();
        break;
      case 0x3a: // :
        if (this.flowLevel > 0 || isBlankOrEnd(next)) return this.fetchValue();
        break;
      case 0x2a:
        return this.fetchAnchor('alias');
      case 0x26:
        return this.fetchAnchor('anchor');
      case 0x21:
        return this.fetchTag();
      case 0x7c: // |
      case 0x3e: // >
        if (this.flowLevel === 0) return this.fetchBlockScalar();
        break;
      case 0x27:
      case 0x22:
        return this.fetchFlowScalar();
      default:
        break;
    }
    if (this.checkPlain(c, next)) return this.fetchPlain();
    throw new YamlSyntaxError(p, `found ${describeChar(text, p)}, which cannot start any token`);
  }

  private checkPlain(c: number, next: number): boolean {
    switch (c) {
      case SPACE: case TAB: case 0x0a: case 0x0d: case 0x85: case 0x2028: case 0x2029:
      case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x23: case 0x26: case 0x2a:
      case 0x21: case 0x7c: case 0x3e: case 0x27: case 0x22: case 0x25: case 0x40: case 0x60:
        return false;
      case 0x2d:
        return !isBlankOrEnd(next);
      case 0x3f:
      case 0x3a:
        return !isBlankOrEnd(next) && this.flowLevel === 0;
      default:
        return true;
    }
  }

  private scanToNextToken(): void {
    const text = this.text;
    let p = this.pos;
    if (p === 0 && text.charCodeAt(0) === BOM) {
      p = 1;
      this.lineStart = 1;
    }
    for (;;) {
      for (;;) {
        const c = text.charCodeAt(p);
        // Tabs separate tokens inside flow collections and after indicators, never as indentation.
        if (c === SPACE || (c === TAB && (this.flowLevel > 0 || !this.allowSimpleKey))) p++;
        else break;
      }
      if (text.charCodeAt(p) === 0x23) while (p < this.len && !isBreak(text.charCodeAt(p))) p++;
      const n = breakLength(text, p);
      if (n === 0) break;
      p += n;
      this.lineStart = p;
      if (this.flowLevel === 0) this.allowSimpleKey = true;
    }
    this.pos = p;
  }

  private fetchStreamEnd(): void {
    this.unwindIndent(-1);
    this.removeSimpleKey();
    this.allowSimpleKey = false;
    this.keys.length = 0;
    this.push('stream-end', this.len, this.len);
    this.done = true;
  }

  private fetchDocumentIndicator(kind: 'document-start' | 'document-end'): void {
    this.unwindIndent(-1);
    this.removeSimpleKey();
    this.allowSimpleKey = false;
    this.push(kind, this.pos, this.pos + 3);
    this.pos += 3;
  }

  private fetchFlowCollectionStart(kind: 'flow-sequence-start' | 'flow-mapping-start'): void {
    this.saveSimpleKey();
    this.flowLevel++;
    this.allowSimpleKey = true;
    this.push(kind, this.pos, this.pos + 1);
    this.pos++;
  }

  private fetchFlowCollectionEnd(kind: 'flow-sequence-end' | 'flow-mapping-end'): void {
    this.removeSimpleKey();
    if (this.flowLevel > 0) {
      this.keys[this.flowLevel] = undefined;
      this.flowLevel--;
    }
    this.allowSimpleKey = false;
    this.push(kind, this.pos, this.pos + 1);
    this.pos++;
  }

  private fetchFlowEntry(): void {
    this.allowSimpleKey = true;
    this.removeSimpleKey();
    this.push('flow-entry', this.pos, this.pos + 1);
    this.pos++;
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.allowSimpleKey) throw new YamlSyntaxError(this.pos, 'sequence entries are not allowed here');
      if (this.addIndent(this.pos - this.lineStart)) this.push('block-sequence-start', this.pos, this.pos);
    }
    this.allowSimpleKey = true;
    this.removeSimpleKey();
    this.push('block-entry', this.pos, this.pos + 1);
    this.pos++;
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.allowSimpleKey) throw new YamlSyntaxError(this.pos, 'mapping keys are not allowed here');
      if (this.addIndent(this.pos - this.lineStart)) this.push('block-mapping-start', this.pos, this.pos);
    }
    this.allowSimpleKey = this.flowLevel === 0;
    this.removeSimpleKey();
    this.push('key', this.pos, this.pos + 1);
    this.pos++;
  }

  private fetchValue(): void {
    const key = this.keys[this.flowLevel];
    if (key) {
      this.keys[this.flowLevel] = undefined;
      const at = this.head + key.tokenNumber - this.taken;
      const inserted: Token[] = [{ kind: 'key', start: key.start, end: key.start }];
      if (this.flowLevel === 0 && this.addIndent(key.start - key.lineStart)) inserted.unshift({ kind: 'block-mapping-start', start: key.start, end: key.start });
      this.tokens.splice(at, 0, ...inserted);
      this.allowSimpleKey = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.allowSimpleKey) throw new YamlSyntaxError(this.pos, 'mapping values are not allowed here');
        if (this.addIndent(this.pos - this.lineStart)) this.push('block-mapping-start', this.pos, this.pos);
      }
      this.allowSimpleKey = this.flowLevel === 0;
      this.removeSimpleKey();
    }
    this.push('value', this.pos, this.pos + 1);
    this.pos++;
  }

  private fetchAnchor(kind: 'alias' | 'anchor'): void {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    const text = this.text;
    const start = this.pos;
    let p = start + 1;
    while (isWordChar(text.charCodeAt(p))) p++;
    const c = text.charCodeAt(p);
    const ends = isBlankOrEnd(c) || c === 0x3f || c === 0x3a || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x25 || c === 0x40 || c === 0x60;
    if (p === start + 1 || !ends) {
      throw new YamlSyntaxError(p, `expected an alphabetic or numeric character in the ${kind} name, but found ${describeChar(text, p)}`, start);
    }
    this.tokens.push({ kind, start, end: p, value: text.slice(start + 1, p) });
    this.pos = p;
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    const text = this.text;
    const start = this.pos;
    const flow = this.flowLevel > 0;
    let p = start;
    let handle: string | null;
    let suffix: string;
    const c1 = text.charCodeAt(p + 1);
    if (c1 === 0x3c) {
      // Verbatim: !<tag:yaml.org,2002:str>
      handle = null;
      const uri = this.scanTagUri(p + 2, start, false);
      p = uri.end;
      suffix = uri.value;
      if (text.charCodeAt(p) !== 0x3e) throw new YamlSyntaxError(p, `expected '>' to end the verbatim tag, but found ${describeChar(text, p)}`, start);
      p++;
    } else if (isBlankOrEnd(c1)) {
      handle = null;
      suffix = '!';
      p++;
    } else {
      let useHandle = false;
      for (let k = p + 1; k < this.len; k++) {
        const c = text.charCodeAt(k);
        if (isBlankOrEnd(c)) break;
        if (c === 0x21) {
          useHandle = true;
          break;
        }
      }
      let q = p + 1;
      while (useHandle && isWordChar(text.charCodeAt(q))) q++;
      if (useHandle && text.charCodeAt(q) === 0x21) {
        handle = text.slice(p, q + 1);
        p = q + 1;
      } else {
        // Not a `!name!` handle after all: libyaml reads the rest as the suffix of a `!` tag.
        handle = '!';
        p++;
      }
      const uri = this.scanTagUri(p, start, flow);
      p = uri.end;
      suffix = uri.value;
    }
    const c = text.charCodeAt(p);
    if (!isBlankOrEnd(c) && !(flow && (c === 0x2c || c === 0x5d || c === 0x7d))) {
      throw new YamlSyntaxError(p, `expected a space after the tag, but found ${describeChar(text, p)}`, start);
    }
    this.tokens.push({ kind: 'tag', start, end: p, value: suffix, handle });
    this.pos = p;
  }

  private scanTagUri(p: number, start: number, flow: boolean): { value: string; end: number } {
    const text = this.text;
    const from = p;
    let escapes = false;
    for (;;) {
      const c = text.charCodeAt(p);
      if (!isUriChar(c, flow)) break;
      if (c === 0x25) {
        if (!isHexDigit(text.charCodeAt(p + 1)) || !isHexDigit(text.charCodeAt(p + 2))) {
          throw new YamlSyntaxError(p, `expected a URI escape sequence of 2 hexadecimal digits, but found ${describeChar(text, p + 1)}`, start);
        }
        escapes = true;
      }
      p++;
    }
    if (p === from) throw new YamlSyntaxError(p, `expected a tag URI, but found ${describeChar(text, p)}`, start);
    const raw = text.slice(from, p);
    let value = raw;
    if (escapes) {
      try {
        value = decodeURIComponent(raw);
      } catch {
        throw new YamlSyntaxError(from, 'the tag holds a URI escape that is not UTF-8', start);
      }
    }
    return { value, end: p };
  }

  private fetchDirective(): void {
    this.unwindIndent(-1);
    this.removeSimpleKey();
    this.allowSimpleKey = false;
    const text = this.text;
    const start = this.pos;
    let p = start + 1;
    while (isWordChar(text.charCodeAt(p))) p++;
    if (p === start + 1) throw new YamlSyntaxError(p, `expected a directive name, but found ${describeChar(text, p)}`, start);
    const name = text.slice(start + 1, p);
    const args: string[] = [];
    if (name === 'YAML' || name === 'TAG') {
      for (let k = 0; k < (name === 'YAML' ? 1 : 2); k++) {
        if (!isBlank(text.charCodeAt(p))) throw new YamlSyntaxError(p, `expected a space in the %${name} directive, but found ${describeChar(text, p)}`, start);
        while (isBlank(text.charCodeAt(p))) p++;
        const from = p;
        while (p < this.len && !isBlankOrEnd(text.charCodeAt(p))) p++;
        if (p === from) throw new YamlSyntaxError(p, `the %${name} directive is incomplete`, start);
        args.push(text.slice(from, p));
      }
      if (name === 'YAML' && !/^\d+\.\d+$/.test(args[0] ?? '')) throw new YamlSyntaxError(start, `expected a version number like 1.1 in the %YAML directive, but found '${args[0] ?? ''}'`, start);
    } else {
      // Reserved directives are ignored, as PyYAML does.
      while (p < this.len && !isBreak(text.charCodeAt(p)) && text.charCodeAt(p) !== 0x23) p++;
    }
    const end = p;
    while (isBlank(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) === 0x23) while (p < this.len && !isBreak(text.charCodeAt(p))) p++;
    if (p < this.len && !isBreak(text.charCodeAt(p))) throw new YamlSyntaxError(p, `expected a comment or a line break after the directive, but found ${describeChar(text, p)}`, start);
    this.tokens.push({ kind: 'directive', start, end, value: name, args });
    this.pos = p;
  }

  private fetchBlockScalar(): void {
    this.allowSimpleKey = true;
    this.removeSimpleKey();
    const start = this.pos;
    const sink = new ValueSink(this.text);
    const scan = scanBlockScalar(this.text, start, this.indent, sink, this.finder);
    const style = this.text.charCodeAt(start) === 0x7c ? 'literal' : 'folded';
    this.tokens.push({ kind: 'scalar', start, end: scan.end, value: sink.value(), scalar: { style, indent: this.indent, flow: false, lineStart: this.lineStart } });
    this.pos = scan.next;
    this.lineStart = scan.lineStart;
  }

  private fetchFlowScalar(): void {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    const start = this.pos;
    const style = this.text.charCodeAt(start) === 0x22 ? 'double' : 'single';
    const sink = new ValueSink(this.text);
    const scan = scanFlowScalar(this.text, start, sink, this.finder);
    this.tokens.push({ kind: 'scalar', start, end: scan.end, value: sink.value(), scalar: { style, indent: this.indent, flow: this.flowLevel > 0, lineStart: this.lineStart } });
    this.pos = scan.end;
    // The scalar may have spanned lines: the next token's column counts from the last of them.
    if (scan.lineStart >= 0) this.lineStart = scan.lineStart;
  }

  private fetchPlain(): void {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    const start = this.pos;
    const sink = new ValueSink(this.text);
    const indent = this.indent + 1;
    const flow = this.flowLevel > 0;
    const lineStart = this.lineStart;
    const scan = scanPlain(this.text, start, lineStart, indent, flow, sink);
    this.tokens.push({ kind: 'scalar', start, end: scan.end, value: sink.value(), scalar: { style: 'plain', indent, flow, lineStart } });
    this.pos = scan.next;
    this.lineStart = scan.lineStart;
    if (scan.brokeLine) this.allowSimpleKey = true;
  }
}
