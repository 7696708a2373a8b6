// Index in a decoded body text → offset in the file, for text stored as one string and for the lines of
// an Azure stream, so an event deep in a body can be pointed at where it is written.
import type { TextSource } from '../containers/types';
import type { Span } from '../diagnostic';

export interface TextOffsets {
  readonly offsetAt: (index: number) => number;
  readonly exact: boolean;
}

/**
 * The container's own map when it gives one. Without it a string is mapped only when it is written
 * exactly as it reads (its span as long as the string: no quotes, escapes or folding); otherwise every
 * index goes to the start of the stored value.
 */
export function offsetsOfSource(source: TextSource, length: number): TextOffsets {
  // A YAML container builds its map on first use by scanning the scalar again: that is paid only when a
  // position is asked for (a diagnostic, a hover), never by a clean file.
  let resolved: TextOffsets | undefined;
  const resolve = (): TextOffsets => (resolved ??= resolveOffsets(source, length));
  return {
    offsetAt: (i) => resolve().offsetAt(i),
    get exact() {
      return resolve().exact;
    },
  };
}

function resolveOffsets(source: TextSource, length: number): TextOffsets {
  const own = source.offsetAt;
  if (own) return { offsetAt: own, exact: true };
  const { start, end } = source.span;
  if (end - start === length) return { offsetAt: (i) => start + Math.max(0, Math.min(i, length)), exact: true };
  return { offsetAt: () => start, exact: false };
}

/**
 * Azure keeps a stream as a list of lines that (in every recording seen) end with their own "\n"; a
 * line that does not is followed by one, so lines written either way join into the stream's text.
 */
export function joinLines(lines: readonly string[], sources: readonly TextSource[], whole: Span): { readonly text: string; readonly offsets: TextOffsets } {
  const parts: string[] = [];
  const starts: number[] = [];
  const maps: ((k: number) => number)[] = [];
  const ends: number[] = [];
  let length = 0;
  lines.forEach((line, i) => {
    starts.push(length);
    parts.push(line);
    length += line.length;
    const source = sources[i];
    if (source) {
      const own = offsetsOfSource(source, line.length);
      // A line that cannot be mapped character by character still has its ends pointed at.
      maps.push(own.exact ? own.offsetAt : (k) => (k === 0 ? source.span.start : Math.max(source.span.start, source.span.end - 1)));
      ends.push(source.span.end);
    } else {
      maps.push(() => whole.start);
      ends.push(whole.start);
    }
    if (!line.endsWith('\n')) {
      parts.push('\n');
      length += 1;
    }
  });
  const text = parts.join('');
  const offsetAt = (index: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0) return whole.start;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    const k = index - (starts[lo] as number);
    const line = lines[lo] as string;
    // The "\n" added after a line sits just past it.
    return k >= line.length ? (ends[lo] as number) : (maps[lo] as (k: number) => number)(Math.max(0, k));
  };
  return { text, offsets: { offsetAt, exact: true } };
}
