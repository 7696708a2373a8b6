// Where the next quote, backslash or line break is, found with indexOf (native, far faster than a character
// loop over a long scalar) and remembered, so each kind of character is searched once as the scanner moves on.

const CHARS = ["'", '"', '\\', '\n', '\r', '\x85', '\u2028', '\u2029'] as const;
export const SINGLE_QUOTE = 0;
export const DOUBLE_QUOTE = 1;
export const BACKSLASH = 2;
const FIRST_BREAK = 3;

export class CharFinder {
  /** For each character: no occurrence in [from, at); `at` is the next one (-1: none up to the end). */
  private readonly from = new Int32Array(CHARS.length).fill(0x7fffffff);
  private readonly at = new Int32Array(CHARS.length).fill(-1);

  constructor(readonly text: string) {}

  /** The first index >= p holding character `k`, or -1. */
  next(k: number, p: number): number {
    const from = this.from[k] as number;
    const at = this.at[k] as number;
    if (p >= from && (at < 0 || p <= at)) return at;
    const found = this.text.indexOf(CHARS[k] as string, p);
    this.from[k] = p;
    this.at[k] = found;
    return found;
  }

  private breakFrom = 0x7fffffff;
  private breakAt = -1;

  /** The first index >= p holding a line break, or the text's length. */
  nextBreak(p: number): number {
    if (p >= this.breakFrom && p <= this.breakAt) return this.breakAt;
    let min = this.text.length;
    for (let b = FIRST_BREAK; b < CHARS.length; b++) {
      const n = this.next(b, p);
      if (n >= 0 && n < min) min = n;
    }
    this.breakFrom = p;
    this.breakAt = min;
    return min;
  }

  /** The first index >= p holding character `k` or a line break, or the text's length. */
  nextStop(p: number, k: number): number {
    const line = this.nextBreak(p);
    const n = k >= 0 ? this.next(k, p) : -1;
    return n >= 0 && n < line ? n : line;
  }
}
