// Single- and double-quoted scalars as PyYAML and libyaml read them: `''` and backslash escapes, a line
// break folded to a space, blank lines kept as newlines, continuation lines at any indentation.
import { BACKSLASH, DOUBLE_QUOTE, SINGLE_QUOTE, type CharFinder } from './charFinder';
import { breakLength, breakValue, describeChar, isBlank, isDocumentMarker, isHexDigit } from './yamlChars';
import type { ScalarSink } from './scalarSink';
import { YamlSyntaxError } from './yamlSyntaxError';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

const HEX_ESCAPE_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Where a quoted scalar ended: after its closing quote, and the start of the line that quote is on (-1: the line it began on). */
export interface FlowScan {
  end: number;
  lineStart: number;
}

/** Reads the quoted scalar whose opening quote is at `start` (`finder` searches the same text). */
export function scanFlowScalar(text: string, start: number, sink: ScalarSink, finder: CharFinder): FlowScan {
  const scan: FlowScan = { end: start, lineStart: -1 };
  const double = text.charCodeAt(start) === 0x22;
  const quote = double ? 0x22 : 0x27;
  const len = text.length;
  let p = start + 1;
  let runStart = p;
  for (;;) {
    // The next quote, backslash (double-quoted only) or line break.
    const from = p;
    p = finder.nextStop(from, double ? DOUBLE_QUOTE : SINGLE_QUOTE);
    if (double) {
      const backslash = finder.next(BACKSLASH, from);
      if (backslash >= 0 && backslash < p) p = backslash;
    }
    if (p >= len) throw new YamlSyntaxError(len, 'found unexpected end of stream while scanning a quoted scalar', start);
    const c = text.charCodeAt(p);
    if (c === quote) {
      sink.copy(runStart, p);
      if (!double && text.charCodeAt(p + 1) === 0x27) {
        sink.put("'", p);
        p += 2;
        runStart = p;
        continue;
      }
      scan.end = p + 1;
      return scan;
    }
    if (c === 0x5c) {
      sink.copy(runStart, p);
      p = scanEscape(text, p, sink, start, scan);
      runStart = p;
      continue;
    }
    // A line break: the blanks that end the line are not content.
    let e = p;
    while (e > runStart && isBlank(text.charCodeAt(e - 1))) e--;
    sink.copy(runStart, e);
    p = foldLineBreaks(text, p, sink, start, scan);
    runStart = p;
  }
}

/** The line break at `p` and any blank lines after it: one break folds to a space, each blank line is a newline. */
function foldLineBreaks(text: string, p: number, sink: ScalarSink, start: number, scan: FlowScan): number {
  const first = p;
  const firstValue = breakValue(text, p);
  scan.lineStart = p + breakLength(text, p);
  p = skipLinePrefix(text, scan.lineStart, start);
  if (breakLength(text, p) === 0) {
    sink.put(firstValue === '\n' ? ' ' : firstValue, first);
    return p;
  }
  if (firstValue !== '\n') sink.put(firstValue, first);
  return keepBlankLines(text, p, sink, start, scan);
}

/** Each further line break becomes itself; the indentation of the lines is dropped. */
function keepBlankLines(text: string, p: number, sink: ScalarSink, start: number, scan: FlowScan): number {
  for (let n = breakLength(text, p); n > 0; n = breakLength(text, p)) {
    sink.put(breakValue(text, p), p);
    scan.lineStart = p + n;
    p = skipLinePrefix(text, scan.lineStart, start);
  }
  return p;
}

function skipLinePrefix(text: string, p: number, start: number): number {
  if (isDocumentMarker(text, p)) throw new YamlSyntaxError(p, 'found unexpected document separator while scanning a quoted scalar', start);
  while (isBlank(text.charCodeAt(p))) p++;
  return p;
}

function scanEscape(text: string, p: number, sink: ScalarSink, start: number, scan: FlowScan): number {
  if (p + 1 >= text.length) throw new YamlSyntaxError(text.length, 'found unexpected end of stream while scanning a quoted scalar', start);
  const ch = text[p + 1] as string;
  const simple = SIMPLE_ESCAPES[ch];
  if (simple !== undefined) {
    sink.put(simple, p);
    return p + 2;
  }
  const digits = HEX_ESCAPE_DIGITS[ch];
  if (digits !== undefined) {
    for (let k = 0; k < digits; k++) {
      if (!isHexDigit(text.charCodeAt(p + 2 + k))) {
        throw new YamlSyntaxError(p + 2 + k, `expected an escape sequence of ${digits} hexadecimal digits, but found ${describeChar(text, p + 2 + k)}`, start);
      }
    }
    const code = parseInt(text.slice(p + 2, p + 2 + digits), 16);
    if (code > 0x10ffff) throw new YamlSyntaxError(p, `the escape \\${text.slice(p + 1, p + 2 + digits)} is beyond Unicode`, start);
    sink.put(String.fromCodePoint(code), p);
    return p + 2 + digits;
  }
  const n = breakLength(text, p + 1);
  if (n > 0) {
    // An escaped line break joins the lines without a space; blank lines after it stay newlines.
    scan.lineStart = p + 1 + n;
    return keepBlankLines(text, skipLinePrefix(text, scan.lineStart, start), sink, start, scan);
  }
  throw new YamlSyntaxError(p + 1, `found unknown escape character ${describeChar(text, p + 1)}`, start);
}
