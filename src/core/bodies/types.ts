// What the bodies layer makes of a stored body: the bytes undone (base64, hex, gzip), the text or
// JSON value, and for a stream its events, each with the place in the file it came from.
import type { JsonPath, Span } from '../diagnostic';

/** A problem found while decoding a body; `span` is in the file text. Never an exception. */
export interface BodyProblem {
  readonly kind: 'undecodable' | 'event-not-json' | 'event-too-deep';
  readonly message: string;
  readonly span: Span;
  /** The stream event the problem is in, when it is in one. */
  readonly event?: number | undefined;
  /** Set when the problem is less than an error: a zstd body is well formed, only not readable here. */
  readonly severity?: 'info' | undefined;
}

export type DecodedBody =
  | { readonly kind: 'empty' }
  /** Text (UTF-8 once the bytes were undone). `json` is its parsed value when the whole text is JSON. */
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly json?: unknown;
      readonly steps: readonly string[];
      readonly offsetAt: (index: number) => number;
      /**
       * True when `offsetAt` says where each character is written in the file. False (or absent) when it
       * cannot (the text came out of base64 or gzip bytes): `offsetAt` then gives the stored value's start,
       * and whatever is in the text is best pointed at with `span`.
       */
      readonly exactOffsets?: boolean | undefined;
      /** The stored value's whole span in the file. */
      readonly span?: Span | undefined;
    }
  /** A JSON value the container stored as such (no text to map into). */
  | {
      readonly kind: 'json';
      readonly json: unknown;
      readonly steps: readonly string[];
      /** The container's span of a path inside the value, when it can say. */
      readonly sourceOf?: ((path: JsonPath) => Span | undefined) | undefined;
      readonly span?: Span | undefined;
    }
  /** Bytes that are not text (audio, images, PDFs, eventstream frames before splitting). */
  | { readonly kind: 'binary'; readonly bytes: Uint8Array; readonly mediaType: string | null; readonly steps: readonly string[]; readonly span?: Span | undefined };

/** How a streamed body was cut into events. */
export type StreamFraming = 'sse' | 'ndjson' | 'json-array' | 'eventstream' | 'lines';

export interface StreamEvent {
  /** The event's parsed payload (SSE `data:` JSON, one NDJSON line, one array element, one eventstream frame's JSON); undefined when it could not be read. */
  readonly value: unknown;
  /** SSE `event:` name, eventstream `:event-type` (or `:exception-type`, `:error-code`). */
  readonly name?: string | undefined;
  /** The payload text as stored. `data: [DONE]` is no event (it sets StreamBody.done), nor is a comment (`: ping`). */
  readonly data: string;
  /** The event's lines (or frame) in the file text. */
  readonly span: Span;
  /** SSE: the last `id:` seen up to this event (the stream's last event id, as EventSource keeps it). */
  readonly id?: string | undefined;
  /** SSE: the `retry:` milliseconds given among this event's lines. */
  readonly retry?: number | undefined;
  /** Eventstream: the frame's `:message-type` (`event`, `exception`, `error`). */
  readonly messageType?: string | undefined;
  /**
   * Eventstream: the frame's own JSON payload when `value` is something else — the outer `{"bytes": …}`
   * of invoke-with-response-stream (whose decoded inner JSON is `value`), or an exception's payload.
   */
  readonly payload?: unknown;
}

export interface StreamBody {
  readonly framing: StreamFraming;
  readonly events: readonly StreamEvent[];
  /** True when the stream ended with its terminal marker where the framing has one (`data: [DONE]`). */
  readonly done: boolean;
  readonly problems: readonly BodyProblem[];
}
