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
// and every other character is copied as is, so the table only needs the escapes. The scan jumps from
// backslash to backslash with indexOf: a long body string costs a native search, not a loop per character.
function escapeTable(text: string, from: number): EscapeTable {
  const at: number[] = [];
  const extra: number[] = [];
  const end = text.length;
  let sum = 0;
  let decoded = 0;
  let j = from;
  let quote = text.indexOf('"', j);
  let backslash = text.indexOf('\\', j);
  for (;;) {
    const close = quote === -1 ? end : quote;
    if (backslash === -1 || backslash > close) {
      decoded += close - j;
      break;
    }
    decoded += backslash - j;
    const width = Math.min(text.charCodeAt(backslash + 1) === 117 ? 6 : 2, end - backslash);
    sum += width - 1;
    at.push(decoded);
    extra.push(sum);
    decoded++;
    j = backslash + width;
    // A quote inside the escape just passed (`\"`) is not the closing one.
    if (quote !== -1 && quote < j) quote = text.indexOf('"', j);
    backslash = text.indexOf('\\', j);
  }
  return { at, extra, length: decoded };
}
