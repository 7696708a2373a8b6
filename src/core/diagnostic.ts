// Diagnostic codes, severities and the explanation shown in hovers: one table, so the CLI, the
// editor and the docs never disagree about what a code means.

export type Severity = 'error' | 'warning' | 'info';
export type JsonPath = readonly (string | number)[];

/** A half-open range of UTF-16 offsets into the document text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const DIAGNOSTIC_CODES = {
  'empty-file': { severity: 'error', explains: 'The file is empty or holds only white space, so there is no recording to replay.' },
  'not-text': { severity: 'error', explains: 'The file holds NUL bytes or bytes that are not UTF-8: it is not a JSON text.' },
  'byte-order-mark': { severity: 'error', explains: "The file starts with a UTF-8 byte order mark; Python's json.load rejects it, so replay fails." },
  'json-syntax': { severity: 'error', explains: 'The text is not valid JSON at this position; the recorder cannot load the file.' },
  'nesting-too-deep': { severity: 'error', explains: 'Values are nested deeper than any recording needs; the file is not analysed past this point.' },
  'duplicate-key': { severity: 'warning', explains: 'The same key appears twice in one object; JSON readers keep only the last value, so one of them is silently lost.' },
  'envelope-schema': { severity: 'error', explains: 'The recording envelope (request, response, is_streaming, …) does not have the shape the recorder writes.' },
  'chunk-schema': { severity: 'error', explains: 'A response item does not have the fields its type requires, or a field has the wrong type; replay deserializes it into that type and fails.' },
  'mixed-dialect': { severity: 'error', explains: "This item's __type__ belongs to another API than the other items of the body, so the stream cannot be put back together." },
  'streaming-mismatch': { severity: 'error', explains: 'response.is_streaming says one thing and the shape of response.body (a list of chunks or one object) says another.' },
  'request-stream-mismatch': { severity: 'error', explains: 'The request asked for stream = true/false but the response was recorded the other way; replay hands the client the wrong shape.' },
  'inconsistent-id': { severity: 'warning', explains: 'This chunk carries another id than the rest of the stream; a real stream keeps one id throughout.' },
  'inconsistent-model': { severity: 'warning', explains: 'This chunk names another model than the rest of the stream.' },
  'content-after-finish': { severity: 'warning', explains: 'This chunk adds content to a choice that had already finished (finish_reason was set earlier).' },
  'missing-finish-reason': { severity: 'warning', explains: 'The stream ends without any finish reason for this choice; it may have been cut off while recording.' },
  'tool-arguments-invalid': { severity: 'warning', explains: 'The tool call arguments, once all fragments are joined, are not valid JSON.' },
  'request-hash-mismatch': { severity: 'info', explains: "The file name is not the hash today's recorder computes for the request (it was named by older rules, or the request was edited after recording), so replay will not find this file." },
  'unknown-dialect': { severity: 'info', explains: 'The response has a shape Fixture Lens does not know; it is shown as JSON.' },
  'yaml-syntax': { severity: 'error', explains: 'The text is not valid YAML at this position; the recorder cannot load the cassette.' },
  'container-schema': { severity: 'error', explains: "The file does not have the shape its recorder writes (a missing request or response, a status that is not a number), so replay cannot use this exchange." },
  'body-undecodable': { severity: 'error', explains: 'A recorded body cannot be decoded (bad base64 or hex, a broken gzip stream), so neither replay nor Fixture Lens can read it.' },
  'body-not-decoded': { severity: 'info', explains: 'A body is stored in an encoding Fixture Lens cannot undo here (zstd); it is shown as bytes and not checked.' },
  'event-not-json': { severity: 'error', explains: 'A streamed event carries a payload that is not valid JSON; the client fails on it when the cassette is replayed.' },
  'stream-cut-off': { severity: 'warning', explains: 'The stream ends without its terminal event ([DONE], message_stop, response.completed, messageStop): it was probably cut off while recording.' },
  'secret-in-fixture': { severity: 'warning', explains: 'This value looks like a credential. Fixtures are committed and shared: redact it and rotate the key.' },
  'usage-inconsistent': { severity: 'warning', explains: "The usage block's total is not prompt + completion tokens: a number was edited, or the recording does not add up; a test that checks token counts sees the wrong total." },
} as const satisfies Record<string, { severity: Severity; explains: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface FixtureDiagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly path: JsonPath;
  /** Index of the response item (chunk, stream event) the problem is in, when it is in one. */
  readonly item?: number;
  /** Index of the exchange the problem is in, for files that record several. */
  readonly exchange?: number;
  /** The other places of the same defect (content after the finish reason in several chunks is one problem). */
  readonly related?: readonly { readonly message: string; readonly span: Span }[];
  /** A repair that is certain: write `text` over `span` (the editor offers it as a quick fix). */
  readonly fix?: { readonly title: string; readonly span: Span; readonly text: string };
}

export function makeDiagnostic(code: DiagnosticCode, message: string, span: Span, path: JsonPath, item?: number, exchange?: number): FixtureDiagnostic {
  const d: FixtureDiagnostic = { code, severity: DIAGNOSTIC_CODES[code].severity, message, span, path };
  if (item === undefined && exchange === undefined) return d;
  return { ...d, ...(item === undefined ? {} : { item }), ...(exchange === undefined ? {} : { exchange }) };
}

export function explain(code: DiagnosticCode): string {
  return DIAGNOSTIC_CODES[code].explains;
}

/** `choices[0].delta.content` from a path, the way a reader of the JSON would write it. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}
