// One stream event's data → its JSON value, or the problem saying why it has none; and where an event
// of a text is in the file.
import type { Span } from '../diagnostic';
import { parsePayload } from './jsonPayload';
import type { BodyProblem } from './types';

export interface EventValue {
  readonly value: unknown;
  readonly problem?: BodyProblem | undefined;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/** Blank data (a keep-alive) has no value and is no problem; anything else must be JSON. */
export function eventValue(data: string, index: number, span: Span | (() => Span), what = 'data'): EventValue {
  if (isBlank(data)) return { value: undefined };
  const parsed = parsePayload(data);
  if (parsed.ok) return { value: parsed.value };
  const kind = parsed.tooDeep ? 'event-too-deep' : 'event-not-json';
  return { value: undefined, problem: { kind, message: `event ${index + 1}: ${what} is not JSON (${parsed.detail})`, span: typeof span === 'function' ? span() : span, event: index } };
}

/** [first, end) of a body's text → the span in the file. */
export type SpanOfText = (first: number, end: number) => Span;

/** Maps through `offsetAt` (an event's first and last character) when it is exact, else the stored value's whole span. */
export function spanOfText(offsetAt: ((index: number) => number) | undefined, whole: Span): SpanOfText {
  if (!offsetAt) return () => whole;
  return (first, end) => {
    const start = offsetAt(first);
    const last = end > first ? offsetAt(end - 1) + 1 : start;
    return { start, end: Math.max(start, last) };
  };
}

/** As spanOfText, with the map asked for only when the first span is: deciding whether a map is exact may cost a rescan. */
export function lazySpanOfText(resolve: () => ((index: number) => number) | undefined, whole: Span): SpanOfText {
  let spanOf: SpanOfText | undefined;
  return (first, end) => (spanOf ??= spanOfText(resolve(), whole))(first, end);
}
