// Literal (`|`) and folded (`>`) block scalars as PyYAML reads them: chomping `-`/`+`, an explicit or
// detected indentation, folding of lines that start with a non-space, blank lines kept.
import { breakLength, breakValue, describeChar, isBlank, isBreak, SPACE } from './yamlChars';
import type { CharFinder } from './charFinder';
import type { ScalarSink } from './scalarSink';
import { YamlSyntaxError } from './yamlSyntaxError';

export interface BlockScan {
  /** End of the scalar in the text: after the last line break the value keeps (`-`: after its last content line). */
  readonly end: number;
  readonly next: number;
  readonly lineStart: number;
}

/** Reads the block scalar whose indicator is at `start`; `parentIndent` is the enclosing collection's column. */
export function scanBlockScalar(text: string, start: number, parentIndent: number, sink: ScalarSink, finder: CharFinder): BlockScan {
  const len = text.length;
  const folded = text.charCodeAt(start) === 0x3e;
  let p = start + 1;
  let chomp = 0; // -1 strip, 0 clip, 1 keep
  let increment = 0;
  for (let k = 0; k < 2; k++) {
    const c = text.charCodeAt(p);
    if ((c === 0x2b || c === 0x2d) && chomp === 0) {
      chomp = c === 0x2b ? 1 : -1;
      p++;
    } else if (c >= 0x30 && c <= 0x39 && increment === 0) {
      if (c === 0x30) throw new YamlSyntaxError(p, 'expected an indentation indicator in the range 1-9, but found 0', start);
      increment = c - 0x30;
      p++;
    } else break;
  }
  let end = p;
  while (isBlank(text.charCodeAt(p))) p++;
  if (text.charCodeAt(p) === 0x23) while (p < len && !isBreak(text.charCodeAt(p))) p++;
  const headerBreak = breakLength(text, p);
  if (headerBreak === 0 && p < len) throw new YamlSyntaxError(p, `expected a comment or a line break after the block scalar indicator, but found ${describeChar(text, p)}`, start);
  p += headerBreak;
  let lineStart = p;
  const minIndent = Math.max(1, parentIndent + 1);
  let indent: number;
  let breaks: number[] = [];
  if (increment === 0) {
    let maxIndent = 0;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === SPACE) {
        p++;
        if (p - lineStart > maxIndent) maxIndent = p - lineStart;
      } else if (isBreak(c)) {
        breaks.push(p);
        p += breakLength(text, p);
        lineStart = p;
      } else break;
    }
    indent = Math.max(minIndent, maxIndent);
  } else {
    indent = minIndent + increment - 1;
    while (p - lineStart < indent && text.charCodeAt(p) === SPACE) p++;
    for (let n = breakLength(text, p); n > 0; n = breakLength(text, p)) {
      breaks.push(p);
      p += n;
      lineStart = p;
      while (p - lineStart < indent && text.charCodeAt(p) === SPACE) p++;
    }
  }
  let lastBreak = -1;
  while (p - lineStart === indent && p < len) {
    for (const b of breaks) sink.put(breakValue(text, b), b);
    const leadingNonSpace = !isBlank(text.charCodeAt(p));
    const e = finder.nextStop(p, -1);
    sink.copy(p, e);
    end = e;
    breaks = [];
    if (e >= len) {
      lastBreak = -1;
      p = e;
      break;
    }
    lastBreak = e;
    p = e + breakLength(text, e);
    lineStart = p;
    while (p - lineStart < indent && text.charCodeAt(p) === SPACE) p++;
    for (let n = breakLength(text, p); n > 0; n = breakLength(text, p)) {
      breaks.push(p);
      p += n;
      lineStart = p;
      while (p - lineStart < indent && text.charCodeAt(p) === SPACE) p++;
    }
    if (p - lineStart !== indent || p >= len) break;
    const breakText = breakValue(text, lastBreak);
    if (folded && breakText === '\n' && leadingNonSpace && !isBlank(text.charCodeAt(p))) {
      if (breaks.length === 0) sink.put(' ', lastBreak);
    } else sink.put(breakText, lastBreak);
  }
  // A line break the value keeps is part of the scalar's span.
  if (chomp !== -1 && lastBreak >= 0) {
    sink.put(breakValue(text, lastBreak), lastBreak);
    end = lastBreak + breakLength(text, lastBreak);
  }
  if (chomp === 1) {
    for (const b of breaks) sink.put(breakValue(text, b), b);
    const last = breaks[breaks.length - 1];
    if (last !== undefined) end = last + breakLength(text, last);
  }
  return { end, next: p, lineStart };
}
