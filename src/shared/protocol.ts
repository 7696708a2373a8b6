// The one message protocol between the transcript editor's host and its webview: every message both ways, as zod schemas.
//
// Each side safeParses what it receives and ignores what does not parse, so neither trusts the other's JSON.
// The host sends data, never HTML: a transcript view model (summary first) and chunk rows in pages on request.
// zod/mini: the same schemas as zod's chained API, in a bundle a twentieth the size; the webview loads and
// evaluates it before it can paint anything.
import * as z from 'zod/mini';

const count = z.int().check(z.nonnegative());
const nullableString = z.nullable(z.string());

/** Largest page of timeline rows one request may ask for. */
export const MAX_ROWS_PER_REQUEST = 1000;

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/**
 * A text that may have been cut short; `omitted` says how many characters were left out for good. `rest`, when
 * present, names the rest of a long text that the host holds back from the first paint: the webview asks for it
 * (`requestText`) once the transcript is on screen, and `text` + the answer is the whole text.
 */
export const TextBlockSchema = z.readonly(z.object({ text: z.string(), omitted: count, rest: z.optional(count) }));
export type TextBlock = z.infer<typeof TextBlockSchema>;

/** One line of a JSON value flattened in pre-order: no recursion, so any nesting depth parses and renders flat. */
export const JsonLineSchema = z.readonly(
  z.object({
    depth: count,
    key: nullableString,
    kind: z.enum(['object', 'array', 'string', 'number', 'boolean', 'null', 'more', 'deep']),
    /** The scalar's text, or a preview for containers and elisions. */
    text: z.string(),
    /** Entries of an object or array (all of them, even when fewer lines follow). */
    count,
  }),
);
export type JsonLine = z.infer<typeof JsonLineSchema>;
export const JsonLinesSchema = z.readonly(z.array(JsonLineSchema));

/** Only raster images as data: URLs may become <img>; the webview's CSP allows nothing else. */
export const IMAGE_DATA_URL = /^data:image\/(png|jpeg|gif|webp|bmp);base64,[A-Za-z0-9+/=\s]*$/;

export const MessagePartSchema = z.discriminatedUnion('kind', [
  z.readonly(z.object({ kind: z.literal('text'), text: TextBlockSchema })),
  z.readonly(z.object({ kind: z.literal('reasoning'), text: TextBlockSchema })),
  z.readonly(z.object({ kind: z.literal('image'), dataUrl: z.string().check(z.regex(IMAGE_DATA_URL)) })),
  /** Any image that is not an inline raster: shown as a link the user may choose to open outside the webview. */
  z.readonly(z.object({ kind: z.literal('remoteImage'), url: z.string() })),
  z.readonly(z.object({ kind: z.literal('json'), label: z.string(), lines: JsonLinesSchema })),
]);
export type MessagePart = z.infer<typeof MessagePartSchema>;

export const ToolCallViewSchema = z.readonly(
  z.object({
    id: nullableString,
    name: nullableString,
    /** Pretty-printed when the joined arguments are valid JSON, else exactly as recorded. */
    arguments: z.string(),
    /** Why the arguments are not valid JSON; null when they are. */
    invalid: nullableString,
  }),
);
export type ToolCallView = z.infer<typeof ToolCallViewSchema>;

export const MessageViewSchema = z.readonly(
  z.object({
    role: z.string(),
    name: nullableString,
    toolCallId: nullableString,
    parts: z.readonly(z.array(MessagePartSchema)),
    toolCalls: z.readonly(z.array(ToolCallViewSchema)),
  }),
);
export type MessageView = z.infer<typeof MessageViewSchema>;

export const ToolDefinitionViewSchema = z.readonly(z.object({ name: z.string(), description: nullableString, parameters: nullableString }));
export type ToolDefinitionView = z.infer<typeof ToolDefinitionViewSchema>;

export const ParameterViewSchema = z.readonly(z.object({ name: z.string(), value: z.string() }));
export type ParameterView = z.infer<typeof ParameterViewSchema>;

export const RequestViewSchema = z.readonly(
  z.object({
    /** Where the request went: method, url, endpoint, test_id, provider, … */
    envelope: z.readonly(z.array(ParameterViewSchema)),
    /** What the request asked for besides its messages and tools: model, temperature, stream, … */
    parameters: z.readonly(z.array(ParameterViewSchema)),
    messages: z.readonly(z.array(MessageViewSchema)),
    tools: z.readonly(z.array(ToolDefinitionViewSchema)),
  }),
);
export type RequestView = z.infer<typeof RequestViewSchema>;

export const ChoiceViewSchema = z.readonly(
  z.object({
    index: count,
    role: z.string(),
    content: TextBlockSchema,
    reasoning: TextBlockSchema,
    refusal: nullableString,
    toolCalls: z.readonly(z.array(ToolCallViewSchema)),
    finishReason: nullableString,
  }),
);
export type ChoiceView = z.infer<typeof ChoiceViewSchema>;

const tokens = z.nullable(z.number());
export const UsageViewSchema = z.readonly(z.object({ promptTokens: tokens, completionTokens: tokens, totalTokens: tokens }));
export type UsageView = z.infer<typeof UsageViewSchema>;

export const ErrorViewSchema = z.readonly(z.object({ type: nullableString, message: nullableString, statusCode: z.nullable(z.number()) }));
export type ErrorView = z.infer<typeof ErrorViewSchema>;

export const ResponseViewSchema = z.readonly(
  z.object({
    dialect: z.string(),
    streaming: z.boolean(),
    model: nullableString,
    chunkCount: count,
    status: z.nullable(z.number()),
    choices: z.readonly(z.array(ChoiceViewSchema)),
    usage: z.nullable(UsageViewSchema),
    error: z.nullable(ErrorViewSchema),
    /** One line for responses without text: "3 embeddings of 768 dimensions". */
    summary: nullableString,
    modelIds: z.readonly(z.array(z.string())),
    /** The body as a JSON tree, for shapes without a transcript (unknown, raw HTTP, model lists). */
    raw: z.nullable(JsonLinesSchema),
  }),
);
export type ResponseView = z.infer<typeof ResponseViewSchema>;

export const ProblemViewSchema = z.readonly(
  z.object({
    severity: SeveritySchema,
    code: z.string(),
    message: z.string(),
    /** 1-based, as the editor shows them. */
    line: z.int().check(z.positive()),
    column: z.int().check(z.positive()),
    item: z.nullable(count),
  }),
);
export type ProblemView = z.infer<typeof ProblemViewSchema>;

export const TranscriptSchema = z.readonly(
  z.object({
    fileName: z.string(),
    readOnly: z.boolean(),
    request: RequestViewSchema,
    response: ResponseViewSchema,
    problems: z.readonly(z.array(ProblemViewSchema)),
    /** All problems of the file; more than `problems.length` when the list was cut. */
    problemCount: count,
    /** Timeline rows the host can send (one per response item). */
    rowCount: count,
  }),
);
export type Transcript = z.infer<typeof TranscriptSchema>;

export const RowViewSchema = z.readonly(
  z.object({
    item: count,
    choice: z.nullable(count),
    content: z.string(),
    reasoning: z.string(),
    refusal: z.string(),
    tool: z.string(),
    finishReason: nullableString,
    usage: z.boolean(),
    /** The worst problem inside this item, if any. */
    severity: z.nullable(SeveritySchema),
  }),
);
export type RowView = z.infer<typeof RowViewSchema>;

// ---- host → webview ---------------------------------------------------------------------------------------

export const HostMessageSchema = z.discriminatedUnion('type', [
  /** A new rendering; `generation` is the document version it was built from. Pending row requests of older ones are void. */
  z.readonly(z.object({ type: z.literal('transcript'), generation: count, transcript: TranscriptSchema })),
  /** Reply to `requestRows` with the same id. */
  z.readonly(z.object({ type: z.literal('rows'), id: count, generation: count, start: count, rows: z.readonly(z.array(RowViewSchema)) })),
  /** Reply to `requestText` with the same id: the rest of a text held back from the first paint. */
  z.readonly(z.object({ type: z.literal('text'), id: count, generation: count, text: z.string() })),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

// ---- webview → host ---------------------------------------------------------------------------------------

export const WebviewMessageSchema = z.discriminatedUnion('type', [
  /** The webview (re)loaded and wants the current transcript: sent on first load and after every hide/show. */
  z.readonly(z.object({ type: z.literal('ready') })),
  /** Asks for timeline rows [start, start + count) of a generation; answered by a `rows` message with the same id. */
  z.readonly(z.object({ type: z.literal('requestRows'), id: count, generation: count, start: count, count: z.int().check(z.positive(), z.lte(MAX_ROWS_PER_REQUEST)) })),
  /** Asks for the rest of the text block whose `rest` is `index`, in the transcript of `generation`; answered by `text`. */
  z.readonly(z.object({ type: z.literal('requestText'), id: count, generation: count, index: count })),
  /** Show response item `item` in a text editor beside. */
  z.readonly(z.object({ type: z.literal('revealItem'), item: count })),
  /** Show problem `index` of the transcript of `generation` in a text editor beside. */
  z.readonly(z.object({ type: z.literal('revealProblem'), generation: count, index: count })),
  /** The user clicked a link or "Open image": the host decides whether to open it outside VS Code. */
  z.readonly(z.object({ type: z.literal('openExternal'), url: z.string().check(z.maxLength(8192)), purpose: z.enum(['link', 'image']) })),
  /** The webview painted `generation`; `text` is the start of what it shows (for tests and accessibility checks). */
  z.readonly(z.object({ type: z.literal('rendered'), generation: count, text: z.string() })),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

/** Parses a message from the webview; undefined for anything malformed. */
export function parseWebviewMessage(data: unknown): WebviewMessage | undefined {
  const parsed = WebviewMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** Parses a message from the host; undefined for anything malformed. */
export function parseHostMessage(data: unknown): HostMessage | undefined {
  const parsed = HostMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
