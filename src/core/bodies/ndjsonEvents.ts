// Newline-delimited JSON (Ollama's streams): one event per non-blank line, found by moving from one
// "\n" to the next, so the work is linear in the text however long a line is.
import { eventValue, type SpanOfText } from './eventPayload';
import type { BodyProblem, StreamBody, StreamEvent } from './types';

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** The non-blank lines' [start, end), white space at either end left out. */
export function* ndjsonLines(text: string): Generator<readonly [number, number]> {
  let pos = 0;
  while (pos < text.length) {
    const lf = text.indexOf('\n', pos);
    const lineEnd = lf === -1 ? text.length : lf;
    let start = pos;
    let end = lineEnd;
    while (start < end && isBlank(text.charCodeAt(start))) start++;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    if (end > start) yield [start, end];
    pos = lineEnd + 1;
  }
}

export function splitNdjson(text: string, spanOf: SpanOfText): StreamBody {
  const events: StreamEvent[] = [];
  const problems: BodyProblem[] = [];
  for (const [start, end] of ndjsonLines(text)) {
    const data = text.slice(start, end);
    const span = spanOf(start, end);
    const { value, problem } = eventValue(data, events.length, span, 'the line');
    if (problem) problems.push(problem);
    events.push({ value, data, span });
  }
  return { framing: 'ndjson', events, done: false, problems };
}
