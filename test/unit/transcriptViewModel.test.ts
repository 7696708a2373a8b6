// The transcript's view model in plain Node, with exact values: the header (test, provider, models), a cassette's
// exchanges read as one conversation (only new messages per request, cards for other traffic), the request shapes of
// every dialect, JSON tool results named after their call, SSE lines grouped into events, unreadable chunks marked
// in the answer, usage details, one problem per defect with its other places, exports, message actions and outline.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFixture, LineIndex } from '../../src/core';
import { fixtureOutline } from '../../src/extension/outline/fixtureOutline';
import { conversationMarkdown, curlCommand, requestJson } from '../../src/extension/transcript/exports';
import { endpointOf } from '../../src/extension/transcript/headerView';
import { exportText, messageActionText, messageSpan } from '../../src/extension/transcript/messageActions';
import { rowsPage, searchRows, sseLineGroups } from '../../src/extension/transcript/timelineRows';
import { usageDetails } from '../../src/extension/transcript/usageDetails';
import { buildTranscript, type TranscriptModel } from '../../src/extension/transcript/viewModel';
import { GAP_CLOSE, GAP_OPEN, TranscriptSchema, type MessageView, type RequestView, type ResponseView, type Turn } from '../../src/shared/protocol';
import { repoRoot, sharedDir } from '../support/paths';

type Analysis = ReturnType<typeof analyzeFixture>;

function modelOf(text: string, fileName = 'fixture.json'): { model: TranscriptModel; analysis: Analysis; lines: LineIndex } {
  const analysis = analyzeFixture(text, { fileName });
  const lines = new LineIndex(text);
  const model = buildTranscript(analysis, { fileName, readOnly: false, positionAt: (o) => lines.positionAt(o) });
  assert.equal(TranscriptSchema.safeParse(model.transcript).success, true, 'the transcript does not match its schema');
  return { model, analysis, lines };
}

function llm(turn: Turn | undefined): { request: RequestView; response: ResponseView; skipped: number } {
  assert.ok(turn?.kind === 'llm', `not an LLM turn: ${turn?.kind}`);
  return turn;
}

function texts(m: MessageView | undefined): string[] {
  return (m?.parts ?? []).map((p) => (p.kind === 'text' || p.kind === 'reasoning' ? `${p.kind}:${p.text.text}` : p.kind === 'json' ? `json:${p.label}:${p.lines.length}:${String(p.open)}` : p.kind));
}

const ogx = (body: unknown, response: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ request: { method: 'POST', url: 'https://api.openai.com/v1/v1/chat/completions', headers: {}, body, endpoint: '/v1/chat/completions', model: 'gpt-4o' }, response, ...extra }, null, 2);

describe('transcript header', () => {
  const shared = sharedDir();
  const corpus = (name: string): string => readFileSync(join(shared as string, 'corpus', name), 'utf8');

  it('says which test recorded a fixture, the provider, the models asked for and answering, the endpoint', function () {
    if (!shared) return this.skip();
    const seed = modelOf(readFileSync(join(shared, 'seeds', '000_79cd4ae94dc9bfc3.txt'), 'utf8'), '000_79cd4ae94dc9bfc3.txt');
    assert.deepEqual(seed.model.transcript.header, {
      testId: null,
      provider: 'OpenAI',
      host: 'api.openai.com',
      endpoint: '/v1/chat/completions',
      method: 'POST',
      modelRequested: 'gpt-4o',
      modelAnswered: 'gpt-4o-2024-08-06',
      streamed: true,
      recordedAt: null,
      format: 'ogx',
      dialect: 'openai-chat-stream',
      status: null,
    });
    const sse = modelOf(corpus('messages__93eb42f3bd69f005727cc3a161e7ab0a8b2c99e4665d9eae5553fe9019ba7b32.json'));
    assert.deepEqual(sse.model.transcript.header, {
      testId: 'tests/integration/messages/test_messages.py::test_messages_streaming_basic[txt=ollama/gpt-oss:20b]',
      provider: 'Ollama',
      host: '0.0.0.0:11434',
      endpoint: '/v1/messages',
      method: 'POST',
      modelRequested: 'gpt-oss:20b',
      modelAnswered: 'gpt-oss:20b',
      streamed: true,
      recordedAt: null,
      format: 'ogx',
      dialect: 'anthropic-messages-sse',
      status: null,
    });
    const tool = modelOf(corpus('responses__661e959c98b894f6daf608d415bbf64f6a5a1af0eef8012354886062b9244f7b.json')).model.transcript.header;
    assert.deepEqual([tool.testId, tool.provider, tool.endpoint, tool.modelRequested, tool.dialect], [
      'tests/integration/responses/test_tool_responses.py::test_response_multi_turn_streaming_web_search[openai_client-txt=azure/gpt-4o]',
      'tavily',
      'web_search',
      null,
      'tool-invocation',
    ]);
  });

  it('tells the provider from the host or the endpoint', () => {
    assert.deepEqual(
      [
        'https://api.anthropic.com/v1/messages',
        'https://myco.openai.azure.com/openai/deployments/d/chat/completions',
        'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse',
        'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent',
        'vertexai:///generate_content',
        'http://localhost:11434/api/generate',
        'http://localhost:8000/v1/chat/completions',
        'https://auth.example.com/oauth/token',
        'not a url',
      ].map((u) => endpointOf(u).provider),
      ['Anthropic', 'Azure OpenAI', 'AWS Bedrock', 'Google Gemini', 'Google Vertex AI', 'Ollama', 'local server', null, null],
    );
  });
});

describe('a cassette of several exchanges as one conversation', () => {
  const file = join(repoRoot(), 'fixtures', 'cassettes', 'transcript', 'weather-agent-run.har');
  const { model, analysis } = modelOf(readFileSync(file, 'utf8'), 'weather-agent-run.har');
  const { transcript } = model;

  it('lists the exchanges: method, URL, status, dialect, model, streamed or not', () => {
    assert.deepEqual(
      transcript.exchanges.map((e) => [e.index, e.method, e.url, e.status, e.dialect, e.model, e.streaming, e.llm, e.rowCount, e.unit]),
      [
        [0, 'POST', 'https://auth.example.com/oauth/token', 200, 'http', null, false, false, 0, 'event'],
        [1, 'POST', 'https://api.openai.com/v1/chat/completions', 200, 'openai-chat', 'o4-mini-2025-04-16', false, true, 0, 'event'],
        [2, 'POST', 'https://api.openai.com/v1/chat/completions', 200, 'openai-chat-stream', 'o4-mini-2025-04-16', true, true, 8, 'event'],
        [3, 'POST', 'https://telemetry.example.com/v1/events', 204, 'http', null, false, false, 0, 'event'],
      ],
    );
    assert.equal(transcript.primary, 1);
    assert.deepEqual([transcript.header.provider, transcript.header.modelRequested, transcript.header.modelAnswered, transcript.header.recordedAt, transcript.header.format], ['OpenAI', 'o4-mini', 'o4-mini-2025-04-16', '2024-12-01T10:00:01.000Z', 'har']);
  });

  it('shows each request only by its new messages, then its answer; other traffic as cards', () => {
    assert.deepEqual(transcript.turns.map((t) => t.kind), ['http', 'llm', 'llm', 'http']);
    const first = llm(transcript.turns[1]);
    assert.equal(first.skipped, 0);
    assert.deepEqual(first.request.messages.map((m) => [m.role, texts(m)]), [
      ['system', ['text:You are a weather assistant. Call get_weather before you answer.']],
      ['user', ["text:What's the weather in Paris? Answer in one sentence."]],
    ]);
    assert.deepEqual(first.response.choices[0]?.toolCalls, [{ id: 'call_weather_1', name: 'get_weather', arguments: '{\n  "city": "Paris"\n}', invalid: null }]);
    // The second request repeats the system prompt, the question and the first answer: only the tool's result is new.
    const second = llm(transcript.turns[2]);
    assert.equal(second.skipped, 3);
    assert.deepEqual(second.request.messages.map((m) => [m.role, m.toolName, m.toolCallId, texts(m)]), [['tool', 'get_weather', 'call_weather_1', ['json:JSON result:7:true']]]);
    assert.deepEqual(second.response.choices.map((c) => [c.content.text, c.finishReason, c.finishExpected, c.gaps]), [['It is 18 °C with light rain in Paris (a versatile day for an umbrella).', 'stop', true, []]]);
    const oauth = transcript.turns[0];
    assert.ok(oauth?.kind === 'http');
    assert.deepEqual(oauth.requestBody, { kind: 'text', mediaType: 'application/x-www-form-urlencoded', text: { text: 'grant_type=client_credentials&client_id=weather-tests', omitted: 0 } });
    assert.deepEqual(oauth.responseBody.kind === 'json' && oauth.responseBody.lines.map((l) => [l.key, l.text]), [[null, ''], ['access_token', '"REDACTED"'], ['token_type', '"bearer"'], ['expires_in', '3600']]);
    const telemetry = transcript.turns[3];
    assert.ok(telemetry?.kind === 'http');
    assert.deepEqual([telemetry.status, telemetry.responseBody], [204, { kind: 'empty' }]);
  });

  it('shows the reasoning and cached prompt tokens of the usage', () => {
    assert.deepEqual(llm(transcript.turns[2]).response.usage, {
      promptTokens: 1200,
      completionTokens: 83,
      totalTokens: 1283,
      details: [
        { label: 'cached prompt', value: 1024 },
        { label: 'reasoning', value: 64 },
      ],
    });
  });

  it('has a timeline only for the streamed exchange, and its search finds rows the DOM does not hold', () => {
    const exchange = analysis.exchanges[2];
    const timeline = model.timelines[2];
    assert.ok(exchange && timeline);
    assert.deepEqual(rowsPage(exchange, timeline, new Map(), 0, 3).map((r) => [r.number, r.item, r.content]), [
      [1, 0, ''],
      [2, 1, 'It is '],
      [3, 2, '18 °C'],
    ]);
    assert.deepEqual(searchRows(exchange, timeline, 'VERSATILE', 10), { rows: [5], total: 1 });
    assert.deepEqual(searchRows(exchange, timeline, 'in', 2), { rows: [3, 4], total: 2 });
  });

  it('copies the request as curl with the key as a placeholder, its body as JSON, the conversation as Markdown', () => {
    const exchange = analysis.exchanges[1];
    assert.ok(exchange);
    const body = JSON.parse(requestJson(exchange) ?? '') as { model: string; messages: unknown[] };
    assert.deepEqual([body.model, body.messages.length], ['o4-mini', 2]);
    const curl = curlCommand(exchange);
    assert.equal(curl.split(' \\\n').slice(0, 4).join('\n'), ["curl -X POST 'https://api.openai.com/v1/chat/completions'", "  -H 'content-type: application/json'", '  -H "authorization: Bearer $API_KEY"', `  --data-raw '${(requestJson(exchange) ?? '').replace(/'/g, "'\\''")}'`].join('\n'));
    assert.equal(curl.includes('REDACTED'), false);
    const markdown = conversationMarkdown(transcript);
    assert.equal(markdown.slice(0, 323), [
      '# weather-agent-run.har',
      '## POST https://auth.example.com/oauth/token → 200',
      'Request body (application/x-www-form-urlencoded):\n\n```\ngrant_type=client_credentials&client_id=weather-tests\n```',
      'Response body: JSON (4 lines)',
      '## Exchange 2',
      '### System',
      'You are a weather assistant. Call get_weather before you answer.',
      '### User',
    ].join('\n\n'));
    assert.equal(markdown.slice(323, 327), '\n\nWh');
    assert.equal(markdown.includes('### Tool result (get_weather)'), true);
    assert.equal(exportText(analysis, model, 1, 'curl')?.notice, 'Copied the request as curl (the key is $API_KEY)');
  });
});

describe('request shapes of every dialect', () => {
  const requestOf = (body: unknown): RequestView => llm(modelOf(ogx(body, { body: null })).model.transcript.turns[0]).request;

  it('reads OpenAI Responses input items and instructions', () => {
    const r = requestOf({
      model: 'gpt-4.1',
      instructions: 'Answer briefly.',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
        { type: 'function_call', call_id: 'fc1', name: 'weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'fc1', output: '{"temp": -3}' },
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'It is cold.' }] },
      ],
    });
    assert.deepEqual(r.messages.map((m) => [m.role, m.name, m.toolName, texts(m), m.toolCalls.map((c) => c.name)]), [
      ['system', 'instructions', null, ['text:Answer briefly.'], []],
      ['user', null, null, ['text:Weather?'], []],
      ['assistant', null, null, [], ['weather']],
      ['tool', null, 'weather', ['json:JSON result:2:true'], []],
      ['assistant', null, null, ['reasoning:It is cold.'], []],
    ]);
    assert.deepEqual(r.parameters, [{ name: 'model', value: 'gpt-4.1' }]);
  });

  it('reads Anthropic system blocks and tool_use / tool_result blocks', () => {
    const r = requestOf({
      system: [{ type: 'text', text: '# Rules\nBe kind.' }],
      messages: [
        { role: 'assistant', content: [{ type: 'text', text: 'Looking.' }, { type: 'tool_use', id: 'tu_1', name: 'search', input: { q: 'x' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: [{ type: 'text', text: '[1, 2]' }] }, { type: 'text', text: 'Thanks' }] },
      ],
    });
    assert.deepEqual(r.messages.map((m) => [m.role, m.toolName, m.toolCallId, texts(m)]), [
      ['system', null, null, ['text:# Rules\nBe kind.']],
      ['assistant', null, null, ['text:Looking.']],
      ['user', null, null, ['text:Thanks']],
      ['tool', 'search', 'tu_1', ['json:JSON result:3:true']],
    ]);
  });

  it('reads Gemini systemInstruction, functionCall and functionResponse parts', () => {
    const r = requestOf({
      systemInstruction: { parts: [{ text: 'Be terse.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Time in Rome?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'clock', args: { city: 'Rome' } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'clock', response: { time: '10:00' } } }] },
      ],
    });
    assert.deepEqual(r.messages.map((m) => [m.role, m.name, m.toolName, texts(m), m.toolCalls.map((c) => c.name)]), [
      ['system', 'systemInstruction', null, ['text:Be terse.'], []],
      ['user', null, null, ['text:Time in Rome?'], []],
      ['assistant', null, null, [], ['clock']],
      ['tool', null, 'clock', ['json:JSON result:2:true'], []],
    ]);
  });

  it('reads Bedrock Converse blocks and Cohere v2 messages', () => {
    const bedrock = requestOf({
      system: [{ text: 'You are helpful.' }],
      messages: [
        { role: 'user', content: [{ text: 'Sum 2 and 3' }] },
        { role: 'assistant', content: [{ reasoningContent: { reasoningText: { text: 'Use the tool.' } } }, { toolUse: { toolUseId: 't1', name: 'add', input: { a: 2, b: 3 } } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ json: { sum: 5 } }] } }] },
      ],
      toolConfig: { tools: [{ toolSpec: { name: 'add', description: 'Adds.', inputSchema: { json: { type: 'object' } } } }] },
    });
    assert.deepEqual(bedrock.messages.map((m) => [m.role, m.toolName, texts(m), m.toolCalls.map((c) => c.name)]), [
      ['system', null, ['text:You are helpful.'], []],
      ['user', null, ['text:Sum 2 and 3'], []],
      ['assistant', null, ['reasoning:Use the tool.'], ['add']],
      ['tool', 'add', ['json:JSON result:2:true'], []],
    ]);
    assert.deepEqual(bedrock.tools, [{ name: 'add', description: 'Adds.', parameters: '{\n  "type": "object"\n}' }]);
    const cohere = requestOf({
      messages: [
        { role: 'assistant', tool_plan: 'I will look it up.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"a"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: [{ type: 'document', document: { data: '{"answer": 42}' } }] },
      ],
    });
    assert.deepEqual(cohere.messages.map((m) => [m.role, m.toolName, texts(m), m.toolCalls.map((c) => c.name)]), [
      ['assistant', null, ['reasoning:I will look it up.'], ['lookup']],
      ['tool', 'lookup', ['json:JSON result:2:true'], []],
    ]);
  });

  it('shows a JSON tool result as a tree and text results as text', () => {
    const r = requestOf({
      messages: [
        { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'fetch_page', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'a', content: '{"title": "# Not a heading", "items": [1, 2, 3]}' },
        { role: 'tool', tool_call_id: 'a', content: '# Plain *markdown*' },
      ],
    });
    assert.deepEqual(r.messages.slice(1).map((m) => [m.toolName, texts(m)]), [
      ['fetch_page', ['json:JSON result:6:true']],
      ['fetch_page', ['text:# Plain *markdown*']],
    ]);
  });

  it('keeps a raw prompt raw and labels an embedding request\'s input as input', function () {
    const shared = sharedDir();
    if (!shared) return this.skip();
    const raw = llm(modelOf(readFileSync(join(shared, 'corpus', 'v1__211b1562d4e6.json'), 'utf8')).model.transcript.turns[0]).request.messages;
    assert.deepEqual(raw.map((m) => [m.role, m.name, m.raw, texts(m)]), [
      ['user', 'prompt', true, ['text:<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhich planet do humans live on?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n']],
    ]);
    const embeddings = modelOf(readFileSync(join(shared, 'corpus', 'v1__f6d655e91ac3.json'), 'utf8')).model.transcript;
    const turn = llm(embeddings.turns[0]);
    assert.deepEqual(turn.request.messages.map((m) => [m.role, m.name]), turn.request.messages.map(() => ['input', null]));
    assert.equal(embeddings.exchanges[0]?.rowCount, 0);
  });
});

describe('responses', () => {
  const shared = sharedDir();

  it('groups an Anthropic stream of 198 lines into its 66 events, and a Gemini one of 33 into 11', function () {
    if (!shared) return this.skip();
    const anthropic = modelOf(readFileSync(join(shared, 'corpus', 'messages__93eb42f3bd69f005727cc3a161e7ab0a8b2c99e4665d9eae5553fe9019ba7b32.json'), 'utf8'));
    assert.deepEqual([anthropic.model.transcript.exchanges[0]?.rowCount, anthropic.model.transcript.exchanges[0]?.unit, anthropic.analysis.items.length], [66, 'event', 198]);
    const exchange = anthropic.analysis.exchanges[0];
    const timeline = anthropic.model.timelines[0];
    assert.ok(exchange && timeline);
    assert.deepEqual(rowsPage(exchange, timeline, new Map(), 0, 3).map((r) => [r.number, r.item, r.lastItem, r.reasoning]), [
      [1, 0, 2, ''],
      [2, 3, 5, ''],
      [3, 6, 8, 'The'],
    ]);
    assert.equal(timeline.rowOf(7), 2);
    const gemini = modelOf(readFileSync(join(shared, 'corpus', 'interactions__72df7be9f414b6d04d00f666847edcac8c98baf7e5c79137285c12d0ae85b809.json'), 'utf8'));
    assert.deepEqual([gemini.model.transcript.exchanges[0]?.rowCount, gemini.analysis.items.length], [11, 33]);
  });

  it('groups raw SSE lines: an event ends at its blank line; stray blank lines stay with the event before', () => {
    assert.deepEqual(sseLineGroups(['event: a', 'data: {}', '', '', 'data: {}', '', 'data: [DONE]']), [
      { first: 0, last: 3 },
      { first: 4, last: 5 },
      { first: 6, last: 6 },
    ]);
    assert.equal(sseLineGroups([{ a: 1 }]), undefined);
    assert.equal(sseLineGroups([]), undefined);
  });

  it('shows a tool invocation\'s JSON result as a tree, with no finish reason to miss, and no timeline', function () {
    if (!shared) return this.skip();
    const { model } = modelOf(readFileSync(join(shared, 'corpus', 'responses__661e959c98b894f6daf608d415bbf64f6a5a1af0eef8012354886062b9244f7b.json'), 'utf8'));
    const choice = llm(model.transcript.turns[0]).response.choices[0];
    assert.deepEqual([choice?.role, choice?.finishReason, choice?.finishExpected, choice?.json?.slice(0, 3).map((l) => [l.depth, l.key, l.kind, l.text])], [
      'tool',
      null,
      false,
      [
        [0, null, 'object', ''],
        [1, 'query', 'string', '"latest Python version 2023"'],
        [1, 'top_k', 'array', ''],
      ],
    ]);
    assert.equal(model.transcript.exchanges[0]?.rowCount, 0);
  });

  it('marks where an unreadable chunk would have gone in the answer, with the number the timeline shows', function () {
    if (!shared) return this.skip();
    const seed = JSON.parse(readFileSync(join(shared, 'seeds', '000_79cd4ae94dc9bfc3.txt'), 'utf8')) as { response: { body: { __data__: { choices: { delta: { content: unknown } }[] } }[] } };
    (seed.response.body[6]?.__data__.choices[0] as { delta: { content: unknown } }).delta.content = 12345;
    const { model } = modelOf(JSON.stringify(seed, null, 2));
    const choice = llm(model.transcript.turns[0]).response.choices[0];
    assert.equal(choice?.content.text, `The planet with rings around${GAP_OPEN}7${GAP_CLOSE} and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.`);
    assert.deepEqual(choice?.gaps, [{ chunk: 7, message: 'chunk 7 could not be read' }]);
    assert.deepEqual(model.transcript.problems.map((p) => [p.code, p.severity, p.item, p.chunk]), [['chunk-schema', 'error', 6, 7]]);
  });

  it('reports content after the finish reason in 12 chunks as one problem with 11 related places', function () {
    if (!shared) return this.skip();
    const seed = JSON.parse(readFileSync(join(shared, 'seeds', '000_79cd4ae94dc9bfc3.txt'), 'utf8')) as { response: { body: unknown[] } };
    const body = seed.response.body;
    const finish = body[body.length - 1];
    seed.response.body = [...body.slice(0, 18), finish, ...body.slice(18, 30)];
    const text = JSON.stringify(seed, null, 2);
    const { model, analysis, lines } = modelOf(text);
    assert.equal(model.transcript.problemCount, 1);
    const [problem] = model.transcript.problems;
    const d = analysis.diagnostics[0];
    assert.ok(problem && d?.related);
    assert.deepEqual([problem.code, problem.message, problem.chunk, problem.related.length], ['content-after-finish', 'response.body[19] and 11 later chunks add content to choice 0 after its finish reason was set.', 20, 11]);
    const second = lines.positionAt(d.related[0]?.span.start ?? 0);
    assert.deepEqual(problem.related[0], { message: 'response.body[20] adds content after the finish reason', line: second.line + 1, column: second.character + 1 });
  });

  it('says "no text" for an answer that ran out after its reasoning', () => {
    const { model } = modelOf(
      ogx({ model: 'o4-mini', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 5 }, {
        body: { __type__: 'openai.types.chat.chat_completion.ChatCompletion', __data__: { id: 'rec-1', object: 'chat.completion', created: 0, model: 'o4-mini', choices: [{ index: 0, finish_reason: 'length', message: { role: 'assistant', content: '', reasoning_content: 'Thinking about' } }], usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8, completion_tokens_details: { reasoning_tokens: 5 } } } },
        is_streaming: false,
      }),
    );
    const response = llm(model.transcript.turns[0]).response;
    assert.deepEqual([response.choices[0]?.content.text, response.choices[0]?.reasoning.text, response.choices[0]?.finishReason], ['', 'Thinking about', 'length']);
    assert.deepEqual(response.usage?.details, [{ label: 'reasoning', value: 5 }]);
  });

  it('reads the usage details of Anthropic, Gemini and Responses streams', () => {
    assert.deepEqual(usageDetails(['data: {"type":"message_start","message":{"usage":{"input_tokens":10,"cache_read_input_tokens":2048,"cache_creation_input_tokens":0}}}', '']), [{ label: 'cached prompt', value: 2048 }]);
    assert.deepEqual(usageDetails([{ usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 9, thoughtsTokenCount: 30, cachedContentTokenCount: 3 } }]), [
      { label: 'reasoning', value: 30 },
      { label: 'cached prompt', value: 3 },
    ]);
    assert.deepEqual(usageDetails([{ type: 'response.completed', response: { usage: { input_tokens: 5, output_tokens: 80, output_tokens_details: { reasoning_tokens: 64 }, input_tokens_details: { cached_tokens: 0 } } } }]), [{ label: 'reasoning', value: 64 }]);
  });
});

describe('message actions and the outline', () => {
  const shared = sharedDir();
  const seedFile = shared ? join(shared, 'seeds', '000_79cd4ae94dc9bfc3.txt') : '';

  it('copies a message as text or JSON, the answer as Markdown, and reveals the message\'s own range', function () {
    if (!shared || !existsSync(seedFile)) return this.skip();
    const { model, analysis } = modelOf(readFileSync(seedFile, 'utf8'));
    const [question, answer] = model.sources;
    assert.ok(question && answer);
    assert.deepEqual(messageActionText(question, 'copyText'), { text: 'Which planet has rings around it with a name starting with letter S?', notice: "Copied the message's text" });
    assert.deepEqual(messageActionText(question, 'copyJson'), { text: '{\n  "role": "user",\n  "content": "Which planet has rings around it with a name starting with letter S?"\n}', notice: 'Copied the message as JSON' });
    assert.equal(messageActionText(answer, 'copyMarkdown').text, 'The planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.');
    assert.equal(JSON.parse(messageActionText(answer, 'copyJson').text).finish_reason, 'stop');
    assert.deepEqual(messageSpan(analysis, question), analysis.locator.locate(['request', 'body', 'messages', 0])?.span);
    assert.deepEqual(messageSpan(analysis, answer), analysis.locator.locate(['response', 'body'])?.span);
  });

  it('gives VS Code\'s Outline the turns of the fixture, each at its range', function () {
    if (!shared || !existsSync(seedFile)) return this.skip();
    const { analysis } = modelOf(readFileSync(seedFile, 'utf8'));
    const outline = fixtureOutline(analysis);
    assert.deepEqual(outline.map((e) => [e.name, e.detail, e.children.map((c) => [c.name, c.kind, c.detail])]), [
      [
        'conversation',
        'POST https://api.openai.com/v1/v1/chat/completions',
        [
          ['user', 'message', 'Which planet has rings around it with a name starting with l…'],
          ['answer', 'answer', 'The planet with rings around it and a name starting with the…'],
        ],
      ],
    ]);
    assert.deepEqual(outline[0]?.children[0]?.span, analysis.locator.locate(['request', 'body', 'messages', 0])?.span);
  });
});
