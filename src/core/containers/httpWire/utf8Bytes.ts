// Byte counts of a text as UTF-8 without building the bytes: httprr's record lengths, Content-Length and
// chunk sizes count bytes, while every offset the editor uses counts UTF-16 units of the decoded text.

/** Why a byte count could not be taken from a text. */
export type ByteCountFailure = 'text-ends' | 'inside-character';

/**
 * The text offset reached after `count` UTF-8 bytes from `from`, or why not: the text (or text[..limit)) ends
 * first, or the count ends inside a character's bytes. A lone surrogate counts as U+FFFD (3 bytes), as
 * TextEncoder writes it.
 */
export function advanceUtf8(text: string, from: number, count: number, limit = text.length): number | ByteCountFailure {
  let i = from;
  let left = count;
  const len = Math.min(limit, text.length);
  while (left > 0) {
    if (i >= len) return 'text-ends';
    const c = text.charCodeAt(i);
    let bytes = 3;
    let units = 1;
    if (c < 0x80) bytes = 1;
    else if (c < 0x800) bytes = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes = 4;
        units = 2;
      }
    }
    if (bytes > left) return 'inside-character';
    left -= bytes;
    i += units;
  }
  return i;
}

/** UTF-8 length of text[from, to). */
export function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when the text holds a lone surrogate, which no UTF-8 byte sequence decodes to. */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    else return true;
  }
  return false;
}
