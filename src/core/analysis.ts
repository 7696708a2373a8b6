// The result of reading one fixture text: its container, its exchanges (each with its dialect, the
// reassembled answer and the timeline) and every diagnostic. Everything the CLI and the extension show
// comes from here. An OGX recording is a file of one exchange; a cassette may hold many.
import type { ContainerFormat } from './containers/types';
import type { FixtureDiagnostic, JsonPath, Span } from './diagnostic';
import type { DialectId } from './dialect';
import type { Located } from './jsonLocate';
import type { ChunkRow, Reassembly } from './reassemble';
import type { JsonRecord } from './values';

/** Path → place in the text, for whatever the file is written in (JSON, YAML, httprr). */
export interface TextLocator {
  /** The smallest value of the file that contains the path, or the value itself. */
  locate(path: JsonPath): Located | undefined;
  /** The span of a property's key, for diagnostics about the key itself. */
  keySpan(path: JsonPath): Span | undefined;
  /** The path of the innermost value at an offset, or undefined outside any value. */
  pathAt(offset: number): JsonPath | undefined;
}

/** A response body as the transcript shows it once decoded. */
export type BodyView =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string; readonly mediaType: string | null }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'binary'; readonly mediaType: string | null; readonly size: number };

export interface ExchangeAnalysis {
  readonly index: number;
  readonly method: string;
  /** The request's URL with any credential in it replaced by REDACTED (see urlRedaction.ts). */
  readonly url: string;
  /** HTTP status, null when the recorder keeps none (OGX keeps none for SDK responses). */
  readonly status: number | null;
  readonly dialect: DialectId;
  readonly streaming: boolean;
  /**
   * The request as an envelope the transcript reads: OGX's `request` object as recorded; for a cassette
   * `{ method, url, body }` with the body parsed when it is JSON.
   */
  readonly request: JsonRecord | undefined;
  /** Request headers as recorded (cassettes), name and value. */
  readonly requestHeaders: readonly { readonly name: string; readonly value: string }[];
  readonly responseHeaders: readonly { readonly name: string; readonly value: string }[];
  /** The decoded request and response bodies, for non-LLM exchanges and raw views. */
  readonly requestBody: BodyView;
  readonly responseBody: BodyView;
  /** Response items: stream chunks or events, or the single body object as one item. */
  readonly items: readonly unknown[];
  /** Path of item i in the file (`response.body[i]`, or the body's path for stream events in a string). */
  itemPath(i: number): JsonPath;
  /** Text span of item i (located on demand). */
  itemSpan(i: number): Span | undefined;
  /** The item whose span holds the offset. */
  itemAt(offset: number): number | undefined;
  readonly reassembly: Reassembly;
  readonly rows: readonly ChunkRow[];
  /** The whole exchange in the text. */
  readonly span: Span | undefined;
  /** When the recorder says. */
  readonly recordedAt: string | null;
}

export interface FixtureAnalysis {
  readonly format: ContainerFormat;
  /** The parsed root value (possibly partial when the text has syntax errors). */
  readonly value: unknown;
  /** True when the text parsed completely. */
  readonly complete: boolean;
  readonly exchanges: readonly ExchangeAnalysis[];
  /** Every diagnostic of the file, sorted by position; those about one exchange carry its index. */
  readonly diagnostics: readonly FixtureDiagnostic[];
  readonly locator: TextLocator;
  /** The exchange whose span holds the offset. */
  exchangeAt(offset: number): number | undefined;

  // The first LLM exchange (the only one of an OGX recording), as the file's own dialect and answer.
  readonly dialect: DialectId;
  readonly streaming: boolean;
  /** OGX: the envelope's `request` and `response` objects; a cassette: the primary exchange's request envelope. */
  readonly request: JsonRecord | undefined;
  readonly response: JsonRecord | undefined;
  readonly items: readonly unknown[];
  itemPath(i: number): JsonPath;
  readonly reassembly: Reassembly;
  readonly rows: readonly ChunkRow[];
  itemSpan(i: number): Span | undefined;
  itemAt(offset: number): number | undefined;
}
