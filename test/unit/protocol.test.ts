// The transcript protocol and view model in plain Node: every message schema accepts what the host and webview
// send and rejects malformed input; the view model of real and hostile fixtures holds exactly the expected data.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFixture, LineIndex } from '../../src/core';
import { contentSecurityPolicy } from '../../src/extension/transcript/contentSecurityPolicy';
import { jsonLines } from '../../src/extension/transcript/jsonTree';
import { openableUrl } from '../../src/extension/transcript/linkPolicy';
import { deferLongTexts, FIRST_PAINT_TEXT } from '../../src/extension/transcript/deferredTexts';
import { itemSeverities, rowsPage } from '../../src/extension/transcript/timelineRows';
import { buildTranscript, PROBLEM_LIMIT } from '../../src/extension/transcript/viewModel';
import {
  HostMessageSchema,
  type ResponseView,
  type RequestView,
  MAX_ROWS_PER_REQUEST,
  MessagePartSchema,
  parseHostMessage,
  parseWebviewMessage,
  TranscriptSchema,
  WebviewMessageSchema,
  type Transcript,
} from '../../src/shared/protocol';
import { repoRoot, sharedDir } from '../support/paths';

const SEED_ANSWER = 'The planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.';

type Analysis = ReturnType<typeof analyzeFixture>;

function transcriptOf(text: string, fileName = 'fixture.json'): { transcript: Transcript; analysis: Analysis; request: RequestView; response: ResponseView } {
  const analysis = analyzeFixture(text, { fileName });
  const lines = new LineIndex(text);
  const transcript = buildTranscript(analysis, { fileName, readOnly: false, positionAt: (o) => lines.positionAt(o) }).transcript;
  const turn = transcript.turns.find((t) => t.kind === 'llm');
  assert.ok(turn?.kind === 'llm', 'no LLM turn');
  return { analysis, transcript, request: turn.request, response: turn.response };
}

/** The rows of the file's only exchange. */
function rowsOf(analysis: Analysis, severities: ReturnType<typeof itemSeverities>, start: number, count: number): ReturnType<typeof rowsPage> {
  const exchange = analysis.exchanges[0];
  assert.ok(exchange);
  const timeline = { unit: 'chunk' as const, rowCount: exchange.rows.length, span: (r: number) => (r < exchange.rows.length ? { first: r, last: r } : undefined), rowOf: (i: number) => i };
  return rowsPage(exchange, timeline, severities, start, count);
}

/** A small transcript that is valid by construction, to mutate in the rejection tests. */
function minimalTranscript(): Transcript {
  return transcriptOf('{"request": {"body": {"messages": [{"role": "user", "content": "hi"}]}}, "response": {"body": null}}').transcript;
}

describe('transcript protocol: host → webview', () => {
  it('accepts a transcript message and a rows reply', () => {
    const transcript = minimalTranscript();
    const message = parseHostMessage({ type: 'transcript', generation: 3, transcript });
    assert.equal(message?.type, 'transcript');
    assert.deepEqual(message, { type: 'transcript', generation: 3, transcript });
    const rows = { type: 'rows', id: 7, generation: 3, start: 0, rows: [{ item: 0, lastItem: 0, number: 1, choice: 0, content: 'The', reasoning: '', refusal: '', tool: '', finishReason: null, usage: false, severity: 'warning' }] };
    assert.deepEqual(parseHostMessage(rows), rows);
    const text = { type: 'text', id: 8, generation: 3, text: ' w20000 w20001' };
    assert.deepEqual(parseHostMessage(text), text);
    assert.equal(parseHostMessage({ ...text, text: 5 }), undefined);
    assert.equal(parseHostMessage({ ...text, id: -1 }), undefined);
    const matches = { type: 'rowMatches', id: 9, generation: 3, rows: [0, 4], total: 2 };
    assert.deepEqual(parseHostMessage(matches), matches);
    assert.deepEqual(parseHostMessage({ type: 'notice', text: 'Copied' }), { type: 'notice', text: 'Copied' });
    assert.equal(parseHostMessage({ type: 'rowMatches', id: 9, generation: 3, rows: [-1], total: 1 }), undefined);
  });

  it('rejects malformed host messages', () => {
    const transcript = minimalTranscript();
    const bad: unknown[] = [
      null,
      'transcript',
      [],
      {},
      { type: 'transcript', generation: -1, transcript },
      { type: 'transcript', generation: 1.5, transcript },
      { type: 'transcript', generation: 1 },
      { type: 'transcript', generation: 1, transcript: { ...transcript, primary: 'first' } },
      { type: 'transcript', generation: 1, transcript: { ...transcript, problems: [{ severity: 'fatal', code: 'x', message: 'm', line: 1, column: 1, item: null, exchange: null, chunk: null, related: [] }] } },
      { type: 'transcript', generation: 1, transcript: { ...transcript, problems: [{ severity: 'error', code: 'x', message: 'm', line: 0, column: 1, item: null, exchange: null, chunk: null, related: [] }] } },
      { type: 'transcript', generation: 1, transcript: { ...transcript, problems: [{ severity: 'error', code: 'x', message: 'm', line: 1, column: 1, item: 3, exchange: null, chunk: 0, related: [] }] } },
      { type: 'transcript', generation: 1, transcript: { ...transcript, turns: [{ kind: 'html', html: '<b>' }] } },
      { type: 'html', html: '<script>alert(1)</script>' },
      { type: 'rows', generation: 1, start: 0, rows: [] },
      { type: 'rows', id: 1, generation: 1, start: 0, rows: [{ item: 0 }] },
      { type: 'rows', id: 1, generation: 1, start: 0, rows: [{ item: 0, lastItem: 0, number: 1, choice: 0, content: 1, reasoning: '', refusal: '', tool: '', finishReason: null, usage: false, severity: null }] },
      { type: 'rows', id: 1, generation: 1, start: 0, rows: [{ item: 0, lastItem: 0, number: 0, choice: 0, content: '', reasoning: '', refusal: '', tool: '', finishReason: null, usage: false, severity: null }] },
    ];
    for (const message of bad) assert.equal(parseHostMessage(message), undefined, `accepted ${JSON.stringify(message)?.slice(0, 120)}`);
    assert.equal(HostMessageSchema.safeParse({ type: 'rows', id: 1, generation: 1, start: 0, rows: [] }).success, true);
  });

  it('lets only raster data: URLs through as inline images', () => {
    const ok = 'data:image/png;base64,iVBORw0KGgo=';
    assert.deepEqual(MessagePartSchema.parse({ kind: 'image', dataUrl: ok }), { kind: 'image', dataUrl: ok });
    assert.equal(MessagePartSchema.safeParse({ kind: 'json', label: 'x', lines: [] }).success, false);
    for (const url of ['data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html;base64,PHNjcmlwdD4=', 'http://127.0.0.1:8765/x.png', 'javascript:alert(1)', 'data:image/png;base64,iVBOR"><script>', ' data:image/png;base64,AAAA']) {
      assert.equal(MessagePartSchema.safeParse({ kind: 'image', dataUrl: url }).success, false, url);
    }
  });
});

describe('transcript protocol: webview → host', () => {
  it('accepts every message the webview sends', () => {
    const good = [
      { type: 'ready' },
      { type: 'requestRows', id: 1, generation: 4, exchange: 0, start: 500, count: 500 },
      { type: 'requestRows', id: 2, generation: 4, exchange: 3, start: 0, count: MAX_ROWS_PER_REQUEST },
      { type: 'revealItem', exchange: 0, item: 12 },
      { type: 'revealItem', exchange: 2, item: 12, lastItem: 14 },
      { type: 'searchRows', id: 5, generation: 4, exchange: 0, query: 'versatile' },
      { type: 'messageAction', generation: 4, message: 3, action: 'copyJson' },
      { type: 'messageAction', generation: 4, message: 0, action: 'reveal' },
      { type: 'exportAction', generation: 4, exchange: 1, action: 'curl' },
      { type: 'revealProblem', generation: 4, index: 0 },
      { type: 'openExternal', url: 'https://example.com/a', purpose: 'link' },
      { type: 'openExternal', url: 'http://127.0.0.1:8765/x.png', purpose: 'image' },
      { type: 'rendered', generation: 4, text: 'Saturn' },
      { type: 'requestText', id: 3, generation: 4, index: 0 },
    ];
    for (const message of good) assert.deepEqual(parseWebviewMessage(message), message);
    assert.equal(parseWebviewMessage({ type: 'requestText', id: 3, generation: 4, index: -1 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'requestText', id: 3, generation: 4 }), undefined);
  });

  it('rejects malformed webview messages', () => {
    const bad: unknown[] = [
      undefined,
      42,
      { type: 'READY' },
      { type: 'requestRows', generation: 4, exchange: 0, start: 0, count: 10 },
      { type: 'requestRows', id: 1, generation: 4, start: 0, count: 10 },
      { type: 'requestRows', id: 1, generation: 4, exchange: 0, start: 0, count: 0 },
      { type: 'requestRows', id: 1, generation: 4, exchange: 0, start: 0, count: MAX_ROWS_PER_REQUEST + 1 },
      { type: 'requestRows', id: 1, generation: 4, exchange: 0, start: -5, count: 10 },
      { type: 'requestRows', id: '1', generation: 4, exchange: 0, start: 0, count: 10 },
      { type: 'revealItem', exchange: 0, item: -1 },
      { type: 'revealItem', exchange: 0, item: 0.5 },
      { type: 'revealItem', item: 1 },
      { type: 'revealItem' },
      { type: 'searchRows', id: 5, generation: 4, exchange: 0, query: '' },
      { type: 'messageAction', generation: 4, message: 3, action: 'delete' },
      { type: 'exportAction', generation: 4, exchange: 1, action: 'shell' },
      { type: 'revealProblem', index: 0 },
      { type: 'openExternal', url: 'https://example.com', purpose: 'navigate' },
      { type: 'openExternal', url: `https://example.com/${'a'.repeat(9000)}`, purpose: 'link' },
      { type: 'openExternal', purpose: 'link' },
      { type: 'rendered', generation: 1 },
      { type: 'command', command: 'workbench.action.terminal.new' },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message), undefined, `accepted ${JSON.stringify(message)?.slice(0, 120)}`);
    assert.equal(WebviewMessageSchema._zod.def.options.length, 10);
  });
});

describe('transcript view model', () => {
  const shared = sharedDir();
  const seed = shared ? join(shared, 'seeds', '000_79cd4ae94dc9bfc3.txt') : undefined;

  it('holds the exact reassembled answer, model, dialect and chunk count of the planet seed', function () {
    if (!seed || !existsSync(seed)) return this.skip();
    const { transcript, analysis, request, response } = transcriptOf(readFileSync(seed, 'utf8'), '000_79cd4ae94dc9bfc3.txt');
    assert.equal(TranscriptSchema.safeParse(transcript).success, true);
    assert.equal(response.choices.length, 1);
    assert.equal(response.choices[0]?.content.text, SEED_ANSWER);
    assert.equal(response.choices[0]?.content.omitted, 0);
    assert.equal(response.choices[0]?.finishReason, 'stop');
    assert.equal(response.model, 'gpt-4o-2024-08-06');
    assert.equal(response.dialect, 'openai-chat-stream');
    assert.equal(response.chunkCount, 31);
    assert.equal(response.streaming, true);
    assert.equal(response.raw, null);
    assert.equal(transcript.exchanges[0]?.rowCount, 31);
    assert.equal(transcript.problemCount, 0);
    assert.deepEqual(request.messages, [
      { id: 0, role: 'user', name: null, toolCallId: null, toolName: null, raw: false, parts: [{ kind: 'text', text: { text: 'Which planet has rings around it with a name starting with letter S?', omitted: 0 } }], toolCalls: [] },
    ]);
    assert.deepEqual(request.parameters, [
      { name: 'model', value: 'gpt-4o' },
      { name: 'response_format', value: '{"type":"text"}' },
      { name: 'stream', value: 'true' },
    ]);
    // The envelope's model equals the body's and is shown once.
    assert.deepEqual(request.envelope, [
      { name: 'method', value: 'POST' },
      { name: 'url', value: 'https://api.openai.com/v1/v1/chat/completions' },
      { name: 'endpoint', value: '/v1/chat/completions' },
    ]);
    const rows = rowsOf(analysis, itemSeverities(analysis.diagnostics, 0), 0, 3);
    assert.deepEqual(rows, [
      { item: 0, lastItem: 0, number: 1, choice: 0, content: '', reasoning: '', refusal: '', tool: '', finishReason: null, usage: false, severity: null },
      { item: 1, lastItem: 1, number: 2, choice: 0, content: 'The', reasoning: '', refusal: '', tool: '', finishReason: null, usage: false, severity: null },
      { item: 2, lastItem: 2, number: 3, choice: 0, content: ' planet', reasoning: '', refusal: '', tool: '', finishReason: null, usage: false, severity: null },
    ]);
    // Pages past the end are clamped: the last page holds items 29 and 30.
    assert.deepEqual(rowsOf(analysis, new Map(), 29, 500).map((r) => [r.item, r.content, r.finishReason]), [
      [29, '.', null],
      [30, '', 'stop'],
    ]);
    assert.deepEqual(rowsOf(analysis, new Map(), 31, 500), []);
    const joined = rowsOf(analysis, new Map(), 0, 500).map((r) => r.content).join('');
    assert.equal(joined, SEED_ANSWER);
  });

  it('builds a schema-valid transcript for every file of the shared corpus and seeds', function () {
    if (!shared) return this.skip();
    const files = [...readdirSync(join(shared, 'corpus')).filter((f) => f.endsWith('.json')).map((f) => join(shared, 'corpus', f)), ...readdirSync(join(shared, 'seeds')).map((f) => join(shared, 'seeds', f))];
    assert.equal(files.length, 89);
    const failures: string[] = [];
    for (const file of files) {
      const { transcript } = transcriptOf(readFileSync(file, 'utf8'), file.split('/').pop());
      const parsed = HostMessageSchema.safeParse({ type: 'transcript', generation: 1, transcript });
      if (!parsed.success) failures.push(`${file}: ${parsed.error.issues[0]?.message}`);
    }
    assert.deepEqual(failures, []);
  });

  it('summarizes responses without text and shows recorded errors', function () {
    if (!shared) return this.skip();
    const corpus = (name: string): ReturnType<typeof transcriptOf> => transcriptOf(readFileSync(join(shared, 'corpus', name), 'utf8'), name);
    const embeddings = corpus('responses__68042c0cf3d9362c536baf87476cd5bb2c4a4afe450b649909ea402848bbcaef.json').response;
    assert.equal(embeddings.summary, '1 embedding of 1536 dimensions');
    assert.deepEqual(embeddings.choices, []);
    const models = corpus('common__models-64a2277c90f0f42576f60c1030e3a020403d34a95f56931b792d5939f4cebc57-8e7053e4.json').response;
    assert.equal(models.summary, '2 models');
    assert.deepEqual(models.modelIds, ['gpt-oss:20b', 'gpt-oss:120b-cloud']);
    assert.equal(corpus('v1__3877ecf1bc62.json').response.summary, 'Status: success');
    const error = corpus('responses__b1cfdb1438921e88911a03e8cbc0f919b669f6d0c816fc246f00b437d151ef53.json').response;
    assert.deepEqual(error.error, {
      type: 'BadRequestError',
      message: "Error code: 400 - {'error': {'message': 'Invalid service_tier argument', 'type': 'invalid_request_error', 'param': None, 'code': None}}",
      statusCode: 400,
    });
    // A file processor's answer is a card of its own, not the unknown shape's JSON tree.
    const file = corpus('responses__268e65efffed6ba43c3c66d97dddf134f48456bf3a9ac1ba5ecf38fe50c39044.json');
    const unknown = file;
    assert.equal(file.response.dialect, 'unknown');
    assert.equal(file.response.raw, null);
    assert.deepEqual({ ...file.response.file, text: file.response.file?.text.text.slice(0, 31) }, { fileId: 'file-371170885258', fileName: 'llama_stack_and_models.pdf', processor: 'pypdf', chunks: 1, text: 'Llama Stack\nLlama Stack Overvie' });
    assert.deepEqual(unknown.transcript.problems.filter((p) => p.code === 'unknown-dialect').map((p) => [p.code, p.severity, p.chunk]), [['unknown-dialect', 'info', null]]);
  });

  it('keeps hostile fixture text as data: remote images only as links, one raster image inline', () => {
    const file = join(repoRoot(), 'fixtures', 'hostile-content.json');
    const { transcript, request, response } = transcriptOf(readFileSync(file, 'utf8'), 'hostile-content.json');
    assert.equal(transcript.problemCount, 0);
    assert.deepEqual(request.messages.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'user']);
    const parts = request.messages[1]?.parts ?? [];
    assert.deepEqual(parts.map((p) => p.kind), ['text', 'remoteImage', 'image', 'remoteImage']);
    assert.deepEqual(parts[1], { kind: 'remoteImage', url: 'http://127.0.0.1:8765/image-part.png' });
    assert.match(parts[3]?.kind === 'remoteImage' ? parts[3].url : '', /^data:image\/svg\+xml;base64,/);
    assert.equal(request.messages[0]?.parts[0]?.kind === 'text' && request.messages[0].parts[0].text.text,
      "You are <script>fetch('http://127.0.0.1:8765/system-script')</script> a careful assistant. </script><script>fetch('http://127.0.0.1:8765/after-close-script')</script>");
    const choice = response.choices[0];
    assert.equal(choice?.content.text, "Here is <script>fetch('http://127.0.0.1:8765/answer-script')</script> and <img src=x onerror=\"fetch('http://127.0.0.1:8765/answer-onerror')\">.\n\n![pic](http://127.0.0.1:8765/answer-image.png) [link](javascript:alert(document.cookie)) <iframe srcdoc=\"<script>parent.fetch('http://127.0.0.1:8765/srcdoc')</script>\"></iframe> </script> **done**.");
    assert.equal(choice?.reasoning.text, "Thinking <script>fetch('http://127.0.0.1:8765/reasoning-script')</script>");
    assert.deepEqual(choice?.toolCalls, [{ id: 'call_hostile_2', name: 'render<svg onload=alert(3)>', arguments: '{\n  "html": "</script><img src=x onerror=alert(4)>"\n}', invalid: null }]);
    assert.deepEqual(response.usage, { promptTokens: 99, completionTokens: 42, totalTokens: 141, details: [] });
    assert.deepEqual(request.messages[2]?.toolCalls, [{ id: 'call_hostile_1', name: 'lookup<img src=x onerror=alert(1)>', arguments: '{\n  "q": "</script><script>fetch(\'http://127.0.0.1:8765/tool-args\')</script>"\n}', invalid: null }]);
    assert.equal(request.messages[3]?.toolCallId, 'call_hostile_1');
  });

  it('flags tool-call arguments that are not JSON and keeps them as recorded', () => {
    const text = JSON.stringify({
      request: { body: { messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a": ' } }] }] } },
      response: { body: null },
    });
    const call = transcriptOf(text).request.messages[0]?.toolCalls[0];
    assert.equal(call?.arguments, '{"a": ');
    assert.equal(call?.invalid !== null && call?.invalid !== undefined && call.invalid.length > 0, true);
  });

  it('reads Anthropic, Gemini and Ollama request shapes', () => {
    const text = JSON.stringify({
      request: {
        payload: {
          system: 'Be brief.',
          messages: [
            { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] },
            { role: 'assistant', content: [{ type: 'tool_use', id: 'tu1', name: 'get', input: { k: 1 } }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu1', content: 'ok' }] },
            { role: 'user', content: 'see', images: ['/9j/4AAQ'] },
          ],
          tools: [{ name: 'get', description: 'Gets.', input_schema: { type: 'object' } }],
          contents: [{ role: 'model', parts: [{ text: 'thought', thought: true }, { function_call: { name: 'w', args: { c: 'Paris' } } }] }],
        },
      },
      response: { body: null },
    });
    const { messages, tools } = transcriptOf(text).request;
    // Anthropic's tool_result block is a message of its own, named after the call it answers.
    assert.deepEqual(messages.map((m) => [m.role, m.parts.map((p) => p.kind), m.toolCalls.map((t) => t.name), m.toolCallId, m.toolName]), [
      ['system', ['text'], [], null, null],
      ['user', ['text', 'image'], [], null, null],
      ['assistant', [], ['get'], null, null],
      ['tool', ['text'], [], 'tu1', 'get'],
      ['user', ['text', 'image'], [], null, null],
      ['assistant', ['reasoning'], ['w'], null, null],
    ]);
    const ollamaImage = messages[4]?.parts[1];
    assert.equal(ollamaImage?.kind === 'image' && ollamaImage.dataUrl, 'data:image/jpeg;base64,/9j/4AAQ');
    assert.deepEqual(tools, [{ name: 'get', description: 'Gets.', parameters: '{\n  "type": "object"\n}' }]);
  });

  it(`lists at most ${PROBLEM_LIMIT} problems with 1-based line and column, and counts them all`, () => {
    // The core reports at most 200 problems per code, so three codes are needed to pass the limit: every chunk has its
    // own id and model, and every second one carries a number for its content.
    const chunks = Array.from({ length: 700 }, (_, i) => ({
      __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk',
      __data__: { id: `id${i}`, model: `m${i}`, object: 'chat.completion.chunk', created: 0, choices: [{ index: 0, delta: { content: i % 2 ? 'x' : 5 }, finish_reason: i === 699 ? 'stop' : null }] },
    }));
    const text = JSON.stringify({ request: { body: {} }, response: { body: chunks, is_streaming: true } }, null, 1);
    const { transcript, analysis } = transcriptOf(text);
    assert.equal(transcript.problems.length, PROBLEM_LIMIT);
    assert.equal(transcript.problemCount, 600);
    assert.equal(analysis.diagnostics.length, 600);
    const first = analysis.diagnostics[0];
    const at = new LineIndex(text).positionAt(first?.span.start ?? 0);
    assert.deepEqual([transcript.problems[0]?.code, transcript.problems[0]?.line, transcript.problems[0]?.column], [first?.code, at.line + 1, at.character + 1]);
    const severities = itemSeverities(analysis.diagnostics, 0);
    // Item 0 holds a number for its content (an error); item 1 warnings (another id and model than item 0).
    assert.deepEqual(rowsOf(analysis, severities, 0, 2).map((r) => r.severity), ['error', 'warning']);
  });
});

describe('long texts held back from the first paint', () => {
  const longFixture = (answer: string, prompt: string): string =>
    JSON.stringify({
      request: { method: 'POST', url: 'http://localhost:11434/v1/chat/completions', headers: {}, body: { model: 'm', messages: [{ role: 'user', content: prompt }], stream: false }, endpoint: '/v1/chat/completions', model: 'm' },
      response: {
        body: { __type__: 'openai.types.chat.chat_completion.ChatCompletion', __data__: { id: 'rec-1', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer, reasoning_content: 'short' } }] } },
        is_streaming: false,
      },
    });

  it(`sends the first ${FIRST_PAINT_TEXT.toLocaleString('en-US')} characters of a long text with the transcript, the rest by index`, () => {
    const answer = Array.from({ length: 9000 }, (_, i) => ` w${i}`).join('');
    const prompt = 'p'.repeat(FIRST_PAINT_TEXT + 7);
    const { transcript } = transcriptOf(longFixture(answer, prompt));
    const { transcript: first, rests } = deferLongTexts(transcript);
    assert.equal(TranscriptSchema.safeParse(first).success, true);
    const turn = first.turns[0];
    assert.ok(turn?.kind === 'llm');
    const message = turn.request.messages[0]?.parts[0];
    assert.ok(message?.kind === 'text');
    assert.deepEqual(message.text, { text: 'p'.repeat(FIRST_PAINT_TEXT), omitted: 0, rest: 0 });
    const content = turn.response.choices[0]?.content;
    assert.deepEqual(content, { text: answer.slice(0, FIRST_PAINT_TEXT), omitted: 0, rest: 1 });
    // A short text goes whole, with no rest to ask for.
    assert.deepEqual(turn.response.choices[0]?.reasoning, { text: 'short', omitted: 0 });
    assert.deepEqual(rests, ['ppppppp', answer.slice(FIRST_PAINT_TEXT)]);
    assert.equal(content.text + rests[1], answer);
  });

  it('leaves a transcript with no long text exactly as it was', () => {
    const { transcript } = transcriptOf(longFixture('Saturn.', 'Which planet?'));
    const deferred = deferLongTexts(transcript);
    assert.deepEqual(deferred.transcript, transcript);
    assert.deepEqual(deferred.rests, []);
  });
});

describe('transcript JSON tree', () => {
  it('flattens a small value in document order', () => {
    assert.deepEqual(jsonLines({ a: [1, 'x'], b: null, c: true }), [
      { depth: 0, key: null, kind: 'object', text: '', count: 3 },
      { depth: 1, key: 'a', kind: 'array', text: '', count: 2 },
      { depth: 2, key: '0', kind: 'number', text: '1', count: 0 },
      { depth: 2, key: '1', kind: 'string', text: '"x"', count: 0 },
      { depth: 1, key: 'b', kind: 'null', text: 'null', count: 0 },
      { depth: 1, key: 'c', kind: 'boolean', text: 'true', count: 0 },
    ]);
  });

  it('survives 100,000 levels of nesting and a million entries with bounded output', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const lines = jsonLines(deep);
    assert.equal(lines.length, 33);
    assert.deepEqual(lines[32], { depth: 32, key: '0', kind: 'deep', text: '[…] nested too deep to show', count: 1 });
    const wide = jsonLines(Array.from({ length: 1_000_000 }, (_, i) => i));
    assert.equal(wide.length, 202);
    assert.deepEqual(wide[201], { depth: 1, key: null, kind: 'more', text: '… 999800 more', count: 999_800 });
    const many = jsonLines(Array.from({ length: 200 }, () => Array.from({ length: 200 }, () => 1)));
    assert.equal(many.length, 3001);
    assert.equal(many[3000]?.kind, 'more');
  });
});

describe('transcript link and content policy', () => {
  it('opens only http, https and mailto links', () => {
    assert.equal(openableUrl('https://example.com/a b'), 'https://example.com/a%20b');
    assert.equal(openableUrl('http://127.0.0.1:8765/x'), 'http://127.0.0.1:8765/x');
    assert.equal(openableUrl('mailto:a@example.com'), 'mailto:a@example.com');
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'file:///etc/passwd', 'command:workbench.action.terminal.new', 'vscode://x', 'relative/path', '']) {
      assert.equal(openableUrl(url), undefined, url);
    }
  });

  it('builds the exact Content-Security-Policy', () => {
    assert.equal(
      contentSecurityPolicy('https://*.vscode-cdn.net', 'abc123=='),
      "default-src 'none'; img-src https://*.vscode-cdn.net data:; style-src https://*.vscode-cdn.net; font-src https://*.vscode-cdn.net; script-src 'nonce-abc123=='",
    );
  });
});
