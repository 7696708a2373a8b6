// What a container reader makes of a file: the recorded exchanges, each request and response with
// its headers and its body exactly as stored (not yet decoded), and where each of them is in the text.
import type { FixtureDiagnostic, JsonPath, Span } from '../diagnostic';

export const CONTAINER_FORMATS = [
  'ogx', 'vcrpy', 'vcrpy-langchain', 'vcr-ruby', 'vcr-r', 'go-vcr', 'azure-test-proxy', 'datadog-vcr', 'har', 'nock', 'httprr',
] as const;
export type ContainerFormat = (typeof CONTAINER_FORMATS)[number];

/**
 * Where a stored value sits in the file text. `span` covers the whole stored value (a YAML scalar with
 * its quotes or block header, a JSON string with its quotes). `offsetAt`, when the container can say,
 * maps an index into the value's decoded string to the file offset of the character it came from, so
 * a problem inside a long body (one SSE event of a YAML string) can be pointed at exactly.
 */
export interface TextSource {
  readonly span: Span;
  readonly path: JsonPath;
  readonly offsetAt?: ((index: number) => number) | undefined;
}

/** A body as the container stored it: the decoding (base64, gzip, event splitting) is the bodies layer's. */
export type StoredBody =
  | { readonly kind: 'none' }
  /** Text as written (a YAML or JSON string): may still be gzip bytes in disguise only when a container says so by another kind. */
  | { readonly kind: 'text'; readonly text: string; readonly source: TextSource }
  /** Base64 of the bytes: YAML `!!binary` / `!binary`, HAR `encoding: base64`, Datadog's `base64:` prefix (already removed), Azure's binary strings. */
  | { readonly kind: 'base64'; readonly text: string; readonly source: TextSource }
  /** Hex of the bytes (nock's `responseIsBinary`). */
  | { readonly kind: 'hex'; readonly text: string; readonly source: TextSource }
  /** Polly's JSON-encoded array of base64 chunks, already split into the chunks. */
  | { readonly kind: 'base64-chunks'; readonly chunks: readonly string[]; readonly source: TextSource }
  /** A body the container keeps as a parsed JSON value (pydantic-ai's `parsed_body`, Azure's JSON bodies, nock's JSON `response`). */
  | { readonly kind: 'json'; readonly value: unknown; readonly source: TextSource; readonly sourceOf?: ((path: JsonPath) => Span | undefined) | undefined }
  /** A stream stored as a list of lines (Azure test proxy), each with its own source. */
  | { readonly kind: 'lines'; readonly lines: readonly string[]; readonly sources: readonly TextSource[]; readonly source: TextSource }
  /** Raw bytes (httprr's HTTP messages), with the offset in the file text where they start. */
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly source: TextSource };

export interface Header {
  readonly name: string;
  readonly value: string;
  /** The value's place in the text (for diagnostics about a credential and for the quick fix that replaces it). */
  readonly source: TextSource;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly Header[];
  readonly body: StoredBody;
  readonly span: Span;
  readonly path: JsonPath;
  /** Where the URL is written (for a credential in a query parameter). */
  readonly urlSource?: TextSource | undefined;
}

export interface RecordedResponse {
  /** The HTTP status code, null when the recorder keeps none. */
  readonly status: number | null;
  readonly statusMessage?: string | undefined;
  readonly headers: readonly Header[];
  readonly body: StoredBody;
  readonly span: Span;
  readonly path: JsonPath;
}

export interface Exchange {
  readonly index: number;
  readonly request: RecordedRequest;
  /** Undefined when the file records a request without a response (a container-schema error says so). */
  readonly response: RecordedResponse | undefined;
  /** The whole exchange in the text (a YAML list item, a JSON array element, an httprr record). */
  readonly span: Span;
  readonly path: JsonPath;
  /** When the recorder says (Ruby and R VCR's `recorded_at`, HAR's `startedDateTime`). */
  readonly recordedAt?: string | undefined;
}

export interface Fixture {
  readonly format: ContainerFormat;
  readonly exchanges: readonly Exchange[];
  /** Problems of the file as a container: syntax, a missing request or response, a status that is not a number. */
  readonly diagnostics: readonly FixtureDiagnostic[];
  /** The container tree as plain data (for the transcript's raw views and the unknown-shape fallback). */
  readonly value: unknown;
  /** The span of a path of the container tree, for diagnostics that name a path. */
  locate(path: JsonPath): Span | undefined;
  /** The path of the innermost container value at an offset (hovers), when the reader can say. */
  pathAt?(offset: number): JsonPath | undefined;
}
