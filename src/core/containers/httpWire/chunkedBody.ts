// `Transfer-Encoding: chunked` bodies undone: the chunks' data joined, and for each chunk where its data
// starts in the file, so an index into the joined body still maps to the character it came from.
import type { Span } from '../../diagnostic';
import { advanceUtf8, utf8Length } from './utf8Bytes';
import { readWireLine } from './wireLines';

export interface ChunkStart {
  /** Index in the joined body where the chunk's data starts. */
  readonly decoded: number;
  /** Offset in the file text where the chunk's data starts. */
  readonly at: number;
}

export interface DechunkedBody {
  readonly text: string;
  readonly chunks: readonly ChunkStart[];
  /** Where the chunked framing ends (after the last chunk's trailers), or where reading had to stop. */
  readonly end: number;
  readonly problem?: { readonly message: string; readonly span: Span } | undefined;
}

// Go's chunked reader takes at most 16 hex digits; more cannot be a size any recording holds.
const MAX_SIZE_DIGITS = 16;

export function readChunkedBody(text: string, start: number, end: number): DechunkedBody {
  const parts: string[] = [];
  const chunks: ChunkStart[] = [];
  let decoded = 0;
  let pos = start;
  const result = (problem?: DechunkedBody['problem']): DechunkedBody => ({ text: parts.join(''), chunks, end: pos, problem });
  for (;;) {
    const line = readWireLine(text, pos, end);
    if (!line || !line.terminated) return result({ message: 'The chunked body ends before its last (zero-size) chunk: the response was cut off.', span: { start: pos, end } });
    const sizeText = text.slice(line.span.start, line.span.end).split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]+$/.test(sizeText) || sizeText.length > MAX_SIZE_DIGITS) {
      return result({ message: `${JSON.stringify(text.slice(line.span.start, Math.min(line.span.end, line.span.start + 40)))} is not a chunk size (hexadecimal digits).`, span: line.span });
    }
    const size = parseInt(sizeText, 16);
    if (size === 0) {
      // Trailers, then the empty line that ends the body.
      pos = line.next;
      for (;;) {
        const trailer = readWireLine(text, pos, end);
        if (!trailer || !trailer.terminated) return result({ message: 'The chunked body has no empty line after its last chunk: the response was cut off.', span: { start: line.span.start, end } });
        pos = trailer.next;
        if (trailer.span.end === trailer.span.start) return result();
      }
    }
    const dataStart = line.next;
    const dataEnd = advanceUtf8(text, dataStart, size, end);
    if (typeof dataEnd !== 'number') {
      const have = utf8Length(text, dataStart, end);
      const message =
        dataEnd === 'text-ends'
          ? `The chunk says ${size} bytes, but only ${have} remain: the response was cut off.`
          : `The chunk of ${size} bytes ends inside a character's bytes.`;
      return result({ message, span: { start: line.span.start, end } });
    }
    chunks.push({ decoded, at: dataStart });
    parts.push(text.slice(dataStart, dataEnd));
    decoded += dataEnd - dataStart;
    if (dataEnd + 2 > end) {
      pos = dataEnd;
      return result({ message: `The chunked body ends after a chunk of ${size} bytes, before its last (zero-size) chunk: the response was cut off.`, span: { start: line.span.start, end } });
    }
    if (text.slice(dataEnd, dataEnd + 2) !== '\r\n') {
      pos = dataEnd;
      return result({ message: `The chunk of ${size} bytes is not followed by CRLF: its size does not match its data.`, span: { start: line.span.start, end: dataEnd + 2 } });
    }
    pos = dataEnd + 2;
  }
}

/** Index of the joined body → file offset, through the chunk the index falls in. */
export function chunkedOffsetAt(chunks: readonly ChunkStart[], fallback: number): (index: number) => number {
  return (index: number): number => {
    if (chunks.length === 0) return fallback;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((chunks[mid] as ChunkStart).decoded <= index) lo = mid;
      else hi = mid - 1;
    }
    const c = chunks[lo] as ChunkStart;
    return c.at + Math.max(0, index - c.decoded);
  };
}
