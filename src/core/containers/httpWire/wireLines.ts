// Lines of an HTTP/1.x message as Go's textproto reads them: each ends at "\n", a "\r" before it is not
// part of the line.
import type { Span } from '../../diagnostic';

export interface WireLine {
  /** The line's text without its line break. */
  readonly span: Span;
  /** Where the next line starts (after the "\n"), or `end` for a last line without one. */
  readonly next: number;
  readonly terminated: boolean;
}

/** The line starting at `pos`, read no further than `end`; undefined when `pos` is at the end already. */
export function readWireLine(text: string, pos: number, end: number): WireLine | undefined {
  if (pos >= end) return undefined;
  const nl = text.indexOf('\n', pos);
  if (nl === -1 || nl >= end) return { span: { start: pos, end }, next: end, terminated: false };
  const contentEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  return { span: { start: pos, end: contentEnd }, next: nl + 1, terminated: true };
}
