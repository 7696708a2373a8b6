// The one message protocol between the transcript editor's host and its webview: every message both ways, as zod schemas.
//
// Each side safeParses what it receives and ignores what does not parse, so neither trusts the other's JSON.
// The host sends data, never HTML: a transcript view model (header, exchange list, the conversation turn by turn, the
// problems) and timeline rows in pages on request; the webview asks the host to copy, reveal and search the rows.
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
  /** A JSON value (a tool's result, a part of unknown type) as a tree; `open` when it is the message's substance. */
  z.readonly(z.object({ kind: z.literal('json'), label: z.string(), lines: JsonLinesSchema, open: z.boolean() })),
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
    /** Names the message in `messageAction` requests (copy, reveal): an index into what the host keeps of the transcript. */
    id: count,
    role: z.string(),
    name: nullableString,
    toolCallId: nullableString,
    /** The tool whose call this message answers, from the call with the same id. */
    toolName: nullableString,
    /** Show the exact characters sent rather than Markdown (a raw prompt template): the view starts in raw mode. */
    raw: z.boolean(),
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

/** A place in the answer where a chunk that could not be read left a gap; the answer's text holds GAP_MARK there. */
export const GapViewSchema = z.readonly(z.object({ chunk: z.int().check(z.positive()), message: z.string() }));
export type GapView = z.infer<typeof GapViewSchema>;

/** Marks a gap in an answer's text: GAP_OPEN, the 1-based chunk number, GAP_CLOSE (private-use characters, never in real text). */
export const GAP_OPEN = '\uE000';
export const GAP_CLOSE = '\uE001';

export const ChoiceViewSchema = z.readonly(
  z.object({
    id: count,
    index: count,
    role: z.string(),
    /** The tool whose result this answer is (a tool invocation's). */
    toolName: nullableString,
    content: TextBlockSchema,
    /** The content as a JSON tree when it is a JSON object or array (a tool's result), shown instead of the text. */
    json: z.nullable(JsonLinesSchema),
    reasoning: TextBlockSchema,
    refusal: nullableString,
    toolCalls: z.readonly(z.array(ToolCallViewSchema)),
    finishReason: nullableString,
    /** False where the API has no finish reason (tool invocations, whole objects of raw HTTP): no "no finish reason" badge. */
    finishExpected: z.boolean(),
    /** Chunks that could not be read, in the order their marks appear in `content`. */
    gaps: z.readonly(z.array(GapViewSchema)),
  }),
);
export type ChoiceView = z.infer<typeof ChoiceViewSchema>;

const tokens = z.nullable(z.number());
export const UsageViewSchema = z.readonly(
  z.object({
    promptTokens: tokens,
    completionTokens: tokens,
    totalTokens: tokens,
    /** The dialect's other counts: reasoning tokens, cached prompt tokens, cache writes, … */
    details: z.readonly(z.array(z.readonly(z.object({ label: z.string(), value: z.number() })))),
  }),
);
export type UsageView = z.infer<typeof UsageViewSchema>;

export const ErrorViewSchema = z.readonly(z.object({ type: nullableString, message: nullableString, statusCode: z.nullable(z.number()) }));
export type ErrorView = z.infer<typeof ErrorViewSchema>;

/** A file processor's answer (OGX `ProcessFileResponse`): the file, its chunks and their text. */
export const FileViewSchema = z.readonly(z.object({ fileId: nullableString, fileName: nullableString, processor: nullableString, chunks: count, text: TextBlockSchema }));
export type FileView = z.infer<typeof FileViewSchema>;

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
    file: z.nullable(FileViewSchema),
    /** The body as a JSON tree, for shapes without a transcript (unknown, raw HTTP, model lists). */
    raw: z.nullable(JsonLinesSchema),
  }),
);
export type ResponseView = z.infer<typeof ResponseViewSchema>;

/** A decoded body of a non-LLM exchange, or a raw view of any: text, a JSON tree, or only the type and size of bytes. */
export const BodyPartSchema = z.discriminatedUnion('kind', [
  z.readonly(z.object({ kind: z.literal('empty') })),
  z.readonly(z.object({ kind: z.literal('text'), mediaType: nullableString, text: TextBlockSchema })),
  z.readonly(z.object({ kind: z.literal('json'), lines: JsonLinesSchema })),
  z.readonly(z.object({ kind: z.literal('binary'), mediaType: nullableString, size: count })),
]);
export type BodyPart = z.infer<typeof BodyPartSchema>;

export const TurnSchema = z.discriminatedUnion('kind', [
  /**
   * One LLM exchange: the request's messages that are new since the previous LLM exchange (`skipped` earlier ones,
   * already shown, are left out), then its answer.
   */
  z.readonly(z.object({ kind: z.literal('llm'), exchange: count, skipped: count, request: RequestViewSchema, response: ResponseViewSchema })),
  /** Any other exchange (OAuth, telemetry, downloads): a compact request/response card. */
  z.readonly(
    z.object({
      kind: z.literal('http'),
      exchange: count,
      method: z.string(),
      url: z.string(),
      status: z.nullable(z.number()),
      requestHeaders: z.readonly(z.array(ParameterViewSchema)),
      responseHeaders: z.readonly(z.array(ParameterViewSchema)),
      requestBody: BodyPartSchema,
      responseBody: BodyPartSchema,
    }),
  ),
]);
export type Turn = z.infer<typeof TurnSchema>;

/** One line of the exchange list. */
export const ExchangeSummarySchema = z.readonly(
  z.object({
    index: count,
    method: z.string(),
    url: z.string(),
    status: z.nullable(z.number()),
    dialect: z.string(),
    model: nullableString,
    streaming: z.boolean(),
    /** An LLM call (false for the file's other traffic). */
    llm: z.boolean(),
    /** Rows of its timeline; 0 when it has none (not streamed). */
    rowCount: count,
    /** What a timeline row is: an SDK chunk, or a server-sent event (its lines together). */
    unit: z.enum(['chunk', 'event']),
    problemCount: count,
  }),
);
export type ExchangeSummary = z.infer<typeof ExchangeSummarySchema>;

/** What the fixture is for and what it called, from the file's primary (first LLM) exchange. */
export const HeaderViewSchema = z.readonly(
  z.object({
    /** The test that recorded it (OGX `test_id`). */
    testId: nullableString,
    provider: nullableString,
    host: nullableString,
    endpoint: nullableString,
    method: nullableString,
    modelRequested: nullableString,
    modelAnswered: nullableString,
    streamed: z.boolean(),
    recordedAt: nullableString,
    /** The container format: ogx, vcrpy, har, … */
    format: z.string(),
    dialect: z.string(),
    status: z.nullable(z.number()),
  }),
);
export type HeaderView = z.infer<typeof HeaderViewSchema>;

export const RelatedViewSchema = z.readonly(z.object({ message: z.string(), line: z.int().check(z.positive()), column: z.int().check(z.positive()) }));

export const ProblemViewSchema = z.readonly(
  z.object({
    severity: SeveritySchema,
    code: z.string(),
    message: z.string(),
    /** 1-based, as the editor shows them. */
    line: z.int().check(z.positive()),
    column: z.int().check(z.positive()),
    item: z.nullable(count),
    exchange: z.nullable(count),
    /** The 1-based number of the timeline row (chunk or event) the problem is in, as the timeline and hovers show it. */
    chunk: z.nullable(z.int().check(z.positive())),
    /** The other places of the same defect. */
    related: z.readonly(z.array(RelatedViewSchema)),
  }),
);
export type ProblemView = z.infer<typeof ProblemViewSchema>;

export const TranscriptSchema = z.readonly(
  z.object({
    fileName: z.string(),
    readOnly: z.boolean(),
    header: HeaderViewSchema,
    exchanges: z.readonly(z.array(ExchangeSummarySchema)),
    /** The exchange shown first in the timeline (the primary one). */
    primary: count,
    turns: z.readonly(z.array(TurnSchema)),
    problems: z.readonly(z.array(ProblemViewSchema)),
    /** All problems of the file; more than `problems.length` when the list was cut. */
    problemCount: count,
  }),
);
export type Transcript = z.infer<typeof TranscriptSchema>;

export const RowViewSchema = z.readonly(
  z.object({
    /** The first response item of the row, and the last (an SSE event is its `event:`, `data:` and blank lines). */
    item: count,
    lastItem: count,
    /** 1-based, the number the hover shows. */
    number: z.int().check(z.positive()),
    choice: z.nullable(count),
    content: z.string(),
    reasoning: z.string(),
    refusal: z.string(),
    tool: z.string(),
    finishReason: nullableString,
    usage: z.boolean(),
    /** The worst problem inside this row, if any. */
    severity: z.nullable(SeveritySchema),
  }),
);
export type RowView = z.infer<typeof RowViewSchema>;

/** What a message's action asks of the host. */
export const MessageActionSchema = z.enum(['copyText', 'copyJson', 'copyMarkdown', 'reveal']);
export type MessageAction = z.infer<typeof MessageActionSchema>;

/** Whole-request exports. */
export const ExportActionSchema = z.enum(['curl', 'requestJson', 'conversationMarkdown']);
export type ExportAction = z.infer<typeof ExportActionSchema>;

/** Row matches of a search sent at most: the counter says "N+" past it. */
export const MAX_ROW_MATCHES = 10_000;

// ---- host → webview ---------------------------------------------------------------------------------------

export const HostMessageSchema = z.discriminatedUnion('type', [
  /** A new rendering; `generation` is the document version it was built from. Pending row requests of older ones are void. */
  z.readonly(z.object({ type: z.literal('transcript'), generation: count, transcript: TranscriptSchema })),
  /** Reply to `requestRows` with the same id. */
  z.readonly(z.object({ type: z.literal('rows'), id: count, generation: count, start: count, rows: z.readonly(z.array(RowViewSchema)) })),
  /** Reply to `requestText` with the same id: the rest of a text held back from the first paint. */
  z.readonly(z.object({ type: z.literal('text'), id: count, generation: count, text: z.string() })),
  /** Reply to `searchRows`: the timeline rows whose text holds the query, in order. */
  z.readonly(z.object({ type: z.literal('rowMatches'), id: count, generation: count, rows: z.readonly(z.array(count)), total: count })),
  /** A short confirmation to show (e.g. "Copied the message as JSON"). */
  z.readonly(z.object({ type: z.literal('notice'), text: z.string() })),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

// ---- webview → host ---------------------------------------------------------------------------------------

export const WebviewMessageSchema = z.discriminatedUnion('type', [
  /** The webview (re)loaded and wants the current transcript: sent on first load and after every hide/show. */
  z.readonly(z.object({ type: z.literal('ready') })),
  /** Asks for timeline rows [start, start + count) of a generation; answered by a `rows` message with the same id. */
  z.readonly(z.object({ type: z.literal('requestRows'), id: count, generation: count, exchange: count, start: count, count: z.int().check(z.positive(), z.lte(MAX_ROWS_PER_REQUEST)) })),
  /** Asks which timeline rows of an exchange hold `query` (case-insensitive); answered by `rowMatches`. */
  z.readonly(z.object({ type: z.literal('searchRows'), id: count, generation: count, exchange: count, query: z.string().check(z.minLength(1), z.maxLength(1000)) })),
  /** Asks for the rest of the text block whose `rest` is `index`, in the transcript of `generation`; answered by `text`. */
  z.readonly(z.object({ type: z.literal('requestText'), id: count, generation: count, index: count })),
  /** Show response items `item` … `lastItem` (one timeline row) of an exchange in a text editor beside. */
  z.readonly(z.object({ type: z.literal('revealItem'), exchange: count, item: count, lastItem: z.optional(count) })),
  /** Copy or reveal message `message` (its id) of the transcript of `generation`. */
  z.readonly(z.object({ type: z.literal('messageAction'), generation: count, message: count, action: MessageActionSchema })),
  /** Copy exchange `exchange`'s request as curl or JSON, or the whole conversation as Markdown. */
  z.readonly(z.object({ type: z.literal('exportAction'), generation: count, exchange: count, action: ExportActionSchema })),
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

// ==== Fixture Diff panel ====================================================================================
// The diff webview's own messages (a separate panel from the transcript): the host sends one DiffView, data only;
// the webview builds the word diff and side-by-side tool calls from it with DOM APIs.

/** One changed value, both sides as short JSON text; null where the value is absent on that side. */
export const DiffValueViewSchema = z.readonly(z.object({ path: z.string(), old: nullableString, new: nullableString }));
export type DiffValueView = z.infer<typeof DiffValueViewSchema>;

export const DiffWordPartSchema = z.readonly(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() }));
export type DiffWordPart = z.infer<typeof DiffWordPartSchema>;

/** A text compared word by word: `parts` rebuild the old text (equal + delete) and the new one (equal + insert). */
export const DiffTextViewSchema = z.readonly(z.object({ label: z.string(), parts: z.readonly(z.array(DiffWordPartSchema)), added: count, removed: count }));
export type DiffTextView = z.infer<typeof DiffTextViewSchema>;

/** A request message that differs: its 1-based number, role, and its text word by word. */
export const DiffMessageViewSchema = z.readonly(z.object({ number: z.int().check(z.positive()), role: z.string(), presence: z.enum(['both', 'old', 'new']), text: DiffTextViewSchema }));
export type DiffMessageView = z.infer<typeof DiffMessageViewSchema>;

export const DiffToolCallViewSchema = z.readonly(z.object({ name: nullableString, arguments: z.string() }));
export type DiffToolCallView = z.infer<typeof DiffToolCallViewSchema>;

export const DiffChoiceViewSchema = z.readonly(
  z.object({
    index: count,
    presence: z.enum(['both', 'old', 'new']),
    texts: z.readonly(z.array(DiffTextViewSchema)),
    /** Both sides' tool calls in order, shown side by side; null when they did not change. */
    toolCalls: z.nullable(z.readonly(z.object({ old: z.readonly(z.array(DiffToolCallViewSchema)), new: z.readonly(z.array(DiffToolCallViewSchema)), changes: z.readonly(z.array(DiffValueViewSchema)) }))),
  }),
);
export type DiffChoiceView = z.infer<typeof DiffChoiceViewSchema>;

export const DiffExchangeViewSchema = z.readonly(
  z.object({
    /** 1-based, in the new file (the old one when removed). */
    number: z.int().check(z.positive()),
    presence: z.enum(['both', 'old', 'new']),
    method: z.string(),
    url: z.string(),
    changed: z.boolean(),
    request: z.readonly(z.array(DiffValueViewSchema)),
    messages: z.readonly(z.array(DiffMessageViewSchema)),
    choices: z.readonly(z.array(DiffChoiceViewSchema)),
    /** Usage, model, finish reason, status, error, chunk count, dialect: label, old → new. */
    facts: z.readonly(z.array(z.readonly(z.object({ label: z.string(), old: z.string(), new: z.string() })))),
    body: z.readonly(z.array(DiffValueViewSchema)),
    bodyOmitted: count,
    noise: z.readonly(z.object({ count, rechunked: z.boolean(), examples: z.readonly(z.array(DiffValueViewSchema)) })),
  }),
);
export type DiffExchangeView = z.infer<typeof DiffExchangeViewSchema>;

export const DiffViewSchema = z.readonly(
  z.object({
    title: z.string(),
    oldLabel: z.string(),
    newLabel: z.string(),
    oldPath: nullableString,
    newPath: nullableString,
    status: z.enum(['modified', 'renamed', 'added', 'removed', 'unchanged']),
    /** What changed, in one phrase ("answer changed: +1 −1 words", "noise only"). */
    summary: z.string(),
    noiseCount: count,
    exchanges: z.readonly(z.array(DiffExchangeViewSchema)),
  }),
);
export type DiffView = z.infer<typeof DiffViewSchema>;

export const DiffHostMessageSchema = z.discriminatedUnion('type', [
  z.readonly(z.object({ type: z.literal('diff'), generation: count, diff: DiffViewSchema })),
  /** The comparison could not be made (git absent, revision unknown): shown in place of the diff. */
  z.readonly(z.object({ type: z.literal('diffError'), generation: count, message: z.string() })),
]);
export type DiffHostMessage = z.infer<typeof DiffHostMessageSchema>;

export const DiffWebviewMessageSchema = z.discriminatedUnion('type', [
  z.readonly(z.object({ type: z.literal('ready') })),
  /** The webview painted `generation`; `text` is the start of what it shows (tests read it). */
  z.readonly(z.object({ type: z.literal('rendered'), generation: count, text: z.string().check(z.maxLength(20_000)) })),
  /** Open one side's file in a text editor. */
  z.readonly(z.object({ type: z.literal('openSide'), side: z.enum(['old', 'new']) })),
]);
export type DiffWebviewMessage = z.infer<typeof DiffWebviewMessageSchema>;

export function parseDiffHostMessage(data: unknown): DiffHostMessage | undefined {
  const parsed = DiffHostMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export function parseDiffWebviewMessage(data: unknown): DiffWebviewMessage | undefined {
  const parsed = DiffWebviewMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
// ==== end of Fixture Diff panel =============================================================================
