// A stream written as one JSON array of objects (Gemini's streamGenerateContent without alt=sse): one
// linear scan finds where each top-level element starts and ends (strings and escapes respected), one
// JSON.parse of the whole gives the values; when the whole does not parse (a cut-off stream), each
// element is read on its own, so the events before the damage are kept.
import { MAX_NESTING } from '../jsonScan';
import { eventValue, type SpanOfText } from './eventPayload';
import { tooDeepAt } from './jsonPayload';
import type { BodyProblem, StreamBody, StreamEvent } from './types';

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** [start, end) of each top-level element of the array the text holds (after its `[`), blanks trimmed. */
export function arrayElementRanges(text: string): (readonly [number, number])[] {
  const ranges: (readonly [number, number])[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== LBRACKET) return ranges;
  i++;
  let depth = 0;
  let start = -1;
  let end = -1;
  const close = (): void => {
    if (start >= 0) ranges.push([start, end]);
    start = -1;
  };
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (depth === 0 && (c === COMMA || c === RBRACKET)) {
      close();
      if (c === RBRACKET) return ranges;
      continue;
    }
    if (start < 0) start = i;
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
      if (i >= n) i = n - 1;
    } else if (c === LBRACE || c === LBRACKET) depth++;
    else if ((c === RBRACE || c === RBRACKET) && depth > 0) depth--;
    end = i + 1;
  }
  close();
  return ranges;
}

/** The elements of an array already parsed, or undefined when the text is not one JSON array within the nesting bound. */
function parsedArray(text: string): readonly unknown[] | undefined {
  // The array itself is one level: its elements may nest MAX_NESTING more.
  if (tooDeepAt(text, MAX_NESTING + 1) >= 0) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function splitJsonArray(text: string, spanOf: SpanOfText): StreamBody {
  const ranges = arrayElementRanges(text);
  const whole = parsedArray(text);
  const values = whole && whole.length === ranges.length ? whole : undefined;
  const events: StreamEvent[] = [];
  const problems: BodyProblem[] = [];
  ranges.forEach(([start, end], index) => {
    const data = text.slice(start, end);
    const span = spanOf(start, end);
    if (values) {
      events.push({ value: values[index], data, span });
      return;
    }
    const { value, problem } = eventValue(data, index, span, 'the element');
    if (problem) problems.push(problem);
    events.push({ value, data, span });
  });
  return { framing: 'json-array', events, done: false, problems };
}
