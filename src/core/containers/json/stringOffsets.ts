// Decoded index → file offset inside one JSON string literal, so a problem deep inside a long body string
// (one SSE event, one base64 run) can be pointed at the exact characters of the file.

/**
 * A mapper for the string literal whose opening quote is at `quoteAt`: index i of the decoded string →
 * offset in `text` of the source character it came from (an escape maps to its backslash; the decoded
 * length maps to the closing quote). The escape table is built on the first call, in one pass.
 */
export function jsonStringOffsets(text: string, quoteAt: number): (index: number) => number {
  if (text.charCodeAt(quoteAt) !== 34) return () => Math.max(0, Math.min(quoteAt, text.length));
  let table: EscapeTable | undefined;
  return (index: number): number => {
    table ??= escapeTable(text, quoteAt + 1);
    const i = Math.max(0, Math.min(Math.floor(index) || 0, table.length));
    // The number of escapes before decoded index i: each made the source longer than the decoded text.
    let lo = 0;
    let hi = table.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((table.at[mid] as number) < i) lo = mid + 1;
      else hi = mid;
    }
    const extra = lo === 0 ? 0 : (table.extra[lo - 1] as number);
    return quoteAt + 1 + i + extra;
  };
}

interface EscapeTable {
  /** Decoded index of each escape, ascending. */
  readonly at: number[];
  /** Source characters beyond one per decoded unit, summed up to and including each escape. */
  readonly extra: number[];
  /** Decoded length of the string. */
  readonly length: number;
}

// Every escape (`\n`, `\"`, `\uXXXX`, each half of a surrogate pair) decodes to exactly one UTF-16 unit,
// and every other character is copied as is, so the table only needs the escapes.
function escapeTable(text: string, from: number): EscapeTable {
  const at: number[] = [];
  const extra: number[] = [];
  let sum = 0;
  let decoded = 0;
  let j = from;
  const end = text.length;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === 34) break;
    if (c === 92) {
      const width = text.charCodeAt(j + 1) === 117 ? 6 : 2;
      const taken = Math.min(width, end - j);
      sum += taken - 1;
      at.push(decoded);
      extra.push(sum);
      j += taken;
    } else j++;
    decoded++;
  }
  return { at, extra, length: decoded };
}
