// Server-sent events (the WHATWG event-stream rules) cut out of a body's text in one pass, each with its
// lines' place: events end at a blank line; `event:` names, `data:` lines join with "\n", `id:` and
// `retry:` are kept, comments (`: ping`) are no events; CRLF, CR and LF all end lines. Two leniencies
// recordings need: a last event without its closing blank line is still an event, and trailing
// blanks after an event name (Anthropic pads lines) are not part of the name.
// `data: [DONE]` is not an event: it sets `done`.
import { eventValue, type SpanOfText } from './eventPayload';
import type { Span } from '../diagnostic';
import type { BodyProblem, StreamBody, StreamEvent } from './types';

const LF = 10, CR = 13, COLON = 58, SPACE = 32;

function withoutTrailingBlanks(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === SPACE || s.charCodeAt(end - 1) === 9)) end--;
  return s.slice(0, end);
}

export function splitSse(text: string, spanOf: SpanOfText): StreamBody {
  const events: StreamEvent[] = [];
  const problems: BodyProblem[] = [];
  let done = false;
  // Most events have one data line: it is kept as is, and only a second one starts a list to join.
  let data: string | undefined;
  let moreData: string[] | undefined;
  let name: string | undefined;
  let lastId: string | undefined;
  let retry: number | undefined;
  let first = -1;
  let last = -1;

  const dispatch = (): void => {
    if (data !== undefined) {
      const joined = moreData === undefined ? data : moreData.join('\n');
      if (joined.trim() === '[DONE]') done = true;
      else {
        const index = events.length;
        const from = first;
        const to = last;
        // The event's place is mapped only when something asks for it: through a long YAML scalar the first
        // mapping rescans the whole scalar, which a clean file never needs.
        let span: Span | undefined;
        const spanOfEvent = (): Span => (span ??= spanOf(from, to));
        const { value, problem } = eventValue(joined, index, spanOfEvent);
        if (problem) problems.push(problem);
        const event: StreamEvent = {
          value,
          data: joined,
          get span(): Span {
            return spanOfEvent();
          },
          ...(name === undefined ? {} : { name }),
          ...(lastId === undefined ? {} : { id: lastId }),
          ...(retry === undefined ? {} : { retry }),
        };
        events.push(event);
      }
    }
    data = undefined;
    moreData = undefined;
    name = undefined;
    retry = undefined;
    first = -1;
  };

  // The next CR, LF and colon are remembered, so finding each line's end and field never rescans the
  // text: every search starts past the last one found (linear).
  let nextCr = -2;
  let nextLf = -2;
  let nextColon = -2;
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < n) {
    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    const end = nextCr === -1 ? (nextLf === -1 ? n : nextLf) : nextLf === -1 ? nextCr : Math.min(nextCr, nextLf);
    const next = end >= n ? n : text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
    if (end === pos) dispatch();
    else if (text.charCodeAt(pos) !== COLON) {
      if (nextColon !== -1 && nextColon < pos) nextColon = text.indexOf(':', pos);
      const fieldEnd = nextColon === -1 || nextColon > end ? end : nextColon;
      const field = text.slice(pos, fieldEnd);
      let valueStart = fieldEnd === end ? end : fieldEnd + 1;
      if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
      const value = text.slice(valueStart, end);
      if (first < 0) first = pos;
      last = end;
      if (field === 'data') {
        if (data === undefined) data = value;
        else (moreData ??= [data]).push(value);
      }
      else if (field === 'event') name = withoutTrailingBlanks(value) || undefined;
      else if (field === 'id') {
        if (!value.includes('\0')) lastId = value;
      } else if (field === 'retry') {
        if (/^[0-9]+$/.test(value)) retry = Number(value);
      }
    }
    pos = next;
  }
  dispatch();
  return { framing: 'sse', events, done, problems };
}
