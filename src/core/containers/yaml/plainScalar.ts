// Plain (unquoted) scalars as PyYAML and libyaml read them: ended by `: `, ` #`, a flow indicator inside a
// flow collection, a line indented less than the collection, or a document marker; lines fold to spaces.
import { breakLength, breakValue, isBlank, isBlankOrEnd, isBreak, isDocumentMarker, SPACE, TAB } from './yamlChars';
import type { ScalarSink } from './scalarSink';

export interface PlainScan {
  /** End of the scalar's last character. */
  readonly end: number;
  /** Where the scanner goes on: after the white space and line breaks the scalar consumed. */
  readonly next: number;
  /** Start of the line `next` is on. */
  readonly lineStart: number;
  /** True when the scalar consumed a line break last (a simple key may start where it ends). */
  readonly brokeLine: boolean;
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

/**
 * Reads the plain scalar at `start`. `indent` is the column continuation lines must reach (the enclosing
 * block collection's plus one), `lineStart` the start of the line `start` is on.
 */
export function scanPlain(text: string, start: number, lineStart: number, indent: number, flow: boolean, sink: ScalarSink): PlainScan {
  const len = text.length;
  let p = start;
  let end = start;
  let brokeLine = false;
  // The white space between two chunks is only content once a next chunk follows.
  let gapStart = -1;
  let gapEnd = -1;
  let foldAt = -1;
  let blankLines: number[] | undefined;
  for (;;) {
    let q = p;
    while (q < len) {
      const c = text.charCodeAt(q);
      if (c === SPACE || c === TAB || isBreak(c)) break;
      if (c === 0x3a) {
        const next = text.charCodeAt(q + 1);
        if (isBlankOrEnd(next) || (flow && isFlowIndicator(next))) break;
      } else if (flow && isFlowIndicator(c)) break;
      q++;
    }
    if (q === p) break;
    if (gapStart >= 0) {
      sink.copy(gapStart, gapEnd);
      gapStart = -1;
    } else if (foldAt >= 0) {
      const firstValue = breakValue(text, foldAt);
      if (!blankLines) sink.put(firstValue === '\n' ? ' ' : firstValue, foldAt);
      else {
        if (firstValue !== '\n') sink.put(firstValue, foldAt);
        for (const b of blankLines) sink.put(breakValue(text, b), b);
      }
      foldAt = -1;
      blankLines = undefined;
    }
    sink.copy(p, q);
    end = q;
    p = q;
    brokeLine = false;
    const blanks = p;
    while (isBlank(text.charCodeAt(p))) p++;
    const n = breakLength(text, p);
    if (n === 0) {
      if (p === blanks || text.charCodeAt(p) === 0x23) break;
      gapStart = blanks;
      gapEnd = p;
      continue;
    }
    foldAt = p;
    p += n;
    lineStart = p;
    brokeLine = true;
    if (isDocumentMarker(text, p)) break;
    let markerFound = false;
    for (;;) {
      while (isBlank(text.charCodeAt(p))) p++;
      const m = breakLength(text, p);
      if (m === 0) break;
      (blankLines ??= []).push(p);
      p += m;
      lineStart = p;
      if (isDocumentMarker(text, p)) {
        markerFound = true;
        break;
      }
    }
    if (markerFound || text.charCodeAt(p) === 0x23 || (!flow && p - lineStart < indent)) break;
  }
  return { end, next: p, lineStart, brokeLine };
}
