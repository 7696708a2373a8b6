// The API dialects of the other recorders: hand-written bodies and event lists reassembled to the
// contract's exact fields, cut-off streams, failed calls, detection by request, and real cassette
// bodies (read here with simple code of their own) reassembled to the text they hold.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isStreamDialect, type DialectId } from '../../src/core/dialect';
import { anthropicMessageEvents } from '../../src/core/dialects/anthropicMessages';
import { cassetteItem, dialectOfRequest, httpErrorOf } from '../../src/core/dialects/byRequest';
import { responsesEvents, responsesStreamReader } from '../../src/core/dialects/openaiResponses';
import { reassemble, type ReassembleResult, type Reassembly } from '../../src/core/reassemble';
import { sharedDir } from '../support/paths';

interface RunOptions {
  readonly status?: number;
  readonly done?: boolean;
  readonly text?: string;
}

function run(dialect: DialectId, items: readonly unknown[], options: RunOptions = {}): ReassembleResult {
  const response = options.status === undefined ? {} : { status: options.status };
  return reassemble(dialect, items, response, isStreamDialect(dialect), undefined, { done: options.done, text: options.text });
}

function answer(dialect: DialectId, items: readonly unknown[], options: RunOptions = {}): Reassembly {
  return run(dialect, items, options).reassembly;
}

const NO_USAGE = null;

describe('OpenAI Responses', () => {
  const body = {
    id: 'resp_1',
    object: 'response',
    status: 'completed',
    model: 'gpt-5-2025-08-07',
    output: [
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Need the weather. ' }, { type: 'summary_text', text: 'Search first.' }] },
      { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'Paris weather' } },
      { type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'It is sunny', annotations: [] }, { type: 'output_text', text: ' in Paris.', annotations: [] }] },
      { type: 'function_call', id: 'fc_1', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' },
      { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_b', name: 'run_sql', input: 'SELECT 1' },
    ],
    usage: { input_tokens: 50, output_tokens: 20, total_tokens: 70, output_tokens_details: { reasoning_tokens: 8 } },
  };

  it('reads a whole response: summaries, output_text parts, function and custom tool calls in output order, status, usage', () => {
    const result = run('openai-responses', [body]);
    assert.deepEqual(result.reassembly, {
      dialect: 'openai-responses',
      streaming: false,
      model: 'gpt-5-2025-08-07',
      chunkCount: 1,
      choices: [
        {
          index: 0,
          role: 'assistant',
          content: 'It is sunny in Paris.',
          reasoning: 'Need the weather. Search first.',
          refusal: null,
          toolCalls: [
            { index: 0, id: 'call_a', type: 'function', name: 'get_weather', arguments: '{"city":"Paris"}' },
            { index: 1, id: 'call_b', type: 'custom', name: 'run_sql', arguments: 'SELECT 1' },
          ],
          finishReason: 'completed',
        },
      ],
      usage: { promptTokens: 50, completionTokens: 20, totalTokens: 70 },
      error: null,
    });
    // A custom tool's free-text input is not held to JSON.
    assert.deepEqual(result.facts.invalidArguments, []);
  });

  it('shows server-run tools apart from the tool calls', () => {
    assert.deepEqual(responsesEvents(body).serverTools, [{ type: 'web_search_call', id: 'ws_1', name: null, status: 'completed' }]);
  });

  it('takes a reasoning item without summary from its content, and refusal parts as the refusal', () => {
    const refused = {
      id: 'resp_r',
      status: 'incomplete',
      model: 'o4-mini',
      output: [
        { type: 'reasoning', id: 'rs', summary: [], content: [{ type: 'reasoning_text', text: 'Thinking' }, { type: 'reasoning_text', text: ' hard' }] },
        { type: 'message', id: 'msg', role: 'assistant', content: [{ type: 'refusal', refusal: "I can't help" }, { type: 'refusal', refusal: ' with that.' }] },
      ],
      usage: { input_tokens: 5, output_tokens: 7, total_tokens: 12 },
    };
    assert.deepEqual(answer('openai-responses', [refused]).choices, [
      { index: 0, role: 'assistant', content: '', reasoning: 'Thinking hard', refusal: "I can't help with that.", toolCalls: [], finishReason: 'incomplete' },
    ]);
  });

  it('gives a background response that is still running no finish reason', () => {
    assert.equal(answer('openai-responses', [{ id: 'resp_q', status: 'queued', model: 'o3', output: [] }]).choices[0]?.finishReason, null);
  });

  const events = [
    { type: 'response.created', sequence_number: 0, response: { id: 'resp_2', status: 'in_progress', model: 'gpt-5-mini', output: [], usage: null } },
    { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id: 'rs_2', summary: [] } },
    { type: 'response.reasoning_summary_text.delta', item_id: 'rs_2', output_index: 0, summary_index: 0, delta: 'Look up ' },
    { type: 'response.reasoning_text.delta', item_id: 'rs_2', output_index: 0, content_index: 0, delta: 'raw thoughts' },
    { type: 'response.reasoning_summary_text.delta', item_id: 'rs_2', output_index: 0, summary_index: 0, delta: 'the weather.' },
    { type: 'response.output_item.added', output_index: 1, item: { type: 'web_search_call', id: 'ws_2', status: 'in_progress' } },
    { type: 'response.output_item.done', output_index: 1, item: { type: 'web_search_call', id: 'ws_2', status: 'completed' } },
    { type: 'response.output_item.added', output_index: 2, item: { type: 'message', id: 'msg_2', role: 'assistant', content: [] } },
    { type: 'response.output_text.delta', item_id: 'msg_2', output_index: 2, content_index: 0, delta: 'Sunny' },
    { type: 'response.output_text.delta', item_id: 'msg_2', output_index: 2, content_index: 0, delta: ' today.' },
    { type: 'response.output_item.added', output_index: 3, item: { type: 'function_call', id: 'fc_2', call_id: 'call_c', name: 'get_weather', arguments: '' } },
    { type: 'response.function_call_arguments.delta', item_id: 'fc_2', output_index: 3, delta: '{"city":' },
    { type: 'response.function_call_arguments.delta', item_id: 'fc_2', output_index: 3, delta: '"Oslo"}' },
    { type: 'response.function_call_arguments.done', item_id: 'fc_2', output_index: 3, arguments: '{"city":"Oslo"}' },
    { type: 'response.output_item.added', output_index: 4, item: { type: 'function_call', id: 'fc_3', call_id: 'call_d', name: 'get_time', arguments: '' } },
    { type: 'response.output_item.done', output_index: 4, item: { type: 'function_call', id: 'fc_3', call_id: 'call_d', name: 'get_time', arguments: '{}' } },
    { type: 'response.completed', response: { id: 'resp_2', status: 'completed', model: 'gpt-5-mini', output: [], usage: { input_tokens: 30, output_tokens: 12, total_tokens: 42 } } },
  ];

  it('reassembles a stream: summary deltas (raw reasoning of a summarized item left out), text deltas, argument fragments, whole arguments of a call that streamed none', () => {
    const result = run('openai-responses-stream', events);
    assert.deepEqual(result.reassembly, {
      dialect: 'openai-responses-stream',
      streaming: true,
      model: 'gpt-5-mini',
      chunkCount: 17,
      choices: [
        {
          index: 0,
          role: 'assistant',
          content: 'Sunny today.',
          reasoning: 'Look up the weather.',
          refusal: null,
          toolCalls: [
            { index: 0, id: 'call_c', type: 'function', name: 'get_weather', arguments: '{"city":"Oslo"}' },
            { index: 1, id: 'call_d', type: 'function', name: 'get_time', arguments: '{}' },
          ],
          finishReason: 'completed',
        },
      ],
      usage: { promptTokens: 30, completionTokens: 12, totalTokens: 42 },
      error: null,
    });
    assert.equal(result.facts.terminated, true);
    assert.deepEqual(result.facts.unfinished, []);
    assert.deepEqual(result.facts.ids, [
      { item: 0, at: ['response', 'id'], value: 'resp_2' },
      { item: 16, at: ['response', 'id'], value: 'resp_2' },
    ]);
  });

  it('shows the server tools of a stream as their items are added and done', () => {
    const read = responsesStreamReader();
    const seen = events.map((e) => read(e).serverTools ?? null).filter((s) => s !== null);
    assert.deepEqual(seen, [[{ type: 'web_search_call', id: 'ws_2', name: null, status: 'in_progress' }], [{ type: 'web_search_call', id: 'ws_2', name: null, status: 'completed' }]]);
  });

  it('says a stream without response.completed was cut off and keeps what came', () => {
    const result = run('openai-responses-stream', events.slice(0, 12));
    assert.equal(result.facts.terminated, false);
    assert.deepEqual(result.facts.unfinished, [{ choice: 0, lastItem: 11 }]);
    assert.deepEqual(result.reassembly.choices[0], {
      index: 0,
      role: 'assistant',
      content: 'Sunny today.',
      reasoning: 'Look up the weather.',
      refusal: null,
      toolCalls: [{ index: 0, id: 'call_c', type: 'function', name: 'get_weather', arguments: '{"city":' }],
      finishReason: null,
    });
    assert.equal(result.reassembly.usage, NO_USAGE);
  });

  it('reads raw reasoning text when no summary streams, custom tool input deltas, refusal deltas, and response.incomplete', () => {
    const result = run('openai-responses-stream', [
      { type: 'response.created', response: { id: 'r', model: 'gpt-oss-120b', status: 'in_progress' } },
      { type: 'response.reasoning_text.delta', item_id: 'rs', output_index: 0, delta: 'a' },
      { type: 'response.reasoning_text.delta', item_id: 'rs', output_index: 0, delta: 'b' },
      { type: 'response.output_item.added', output_index: 1, item: { type: 'custom_tool_call', id: 'ct', call_id: 'call_x', name: 'shell', input: '' } },
      { type: 'response.custom_tool_call_input.delta', item_id: 'ct', output_index: 1, delta: 'ls ' },
      { type: 'response.custom_tool_call_input.delta', item_id: 'ct', output_index: 1, delta: '-la' },
      { type: 'response.refusal.delta', item_id: 'm', output_index: 2, delta: 'No.' },
      { type: 'response.incomplete', response: { id: 'r', model: 'gpt-oss-120b', status: 'incomplete', usage: { input_tokens: 3, output_tokens: 4, total_tokens: 7 } } },
    ]);
    assert.deepEqual(result.reassembly.choices, [
      { index: 0, role: 'assistant', content: '', reasoning: 'ab', refusal: 'No.', toolCalls: [{ index: 0, id: 'call_x', type: 'custom', name: 'shell', arguments: 'ls -la' }], finishReason: 'incomplete' },
    ]);
    assert.deepEqual(result.reassembly.usage, { promptTokens: 3, completionTokens: 4, totalTokens: 7 });
    assert.equal(result.facts.terminated, true);
  });

  it('reads response.failed as terminal with the response error', () => {
    const result = run('openai-responses-stream', [
      { type: 'response.created', response: { id: 'r', model: 'gpt-5', status: 'in_progress' } },
      { type: 'response.failed', response: { id: 'r', model: 'gpt-5', status: 'failed', error: { code: 'server_error', message: 'The model failed.' } } },
    ]);
    assert.equal(result.reassembly.choices[0]?.finishReason, 'failed');
    assert.deepEqual(result.reassembly.error, { type: 'server_error', message: 'The model failed.', statusCode: null });
    assert.equal(result.facts.terminated, true);
  });
});

describe('Anthropic Messages', () => {
  it('reads a whole message: text blocks joined, thinking, tool_use input as JSON text, server_tool_use apart, usage without cache tokens', () => {
    const message = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'thinking', thinking: 'Check the tools.', signature: 'sig' },
        { type: 'text', text: 'Let me search. ' },
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        { type: 'text', text: 'Calling the tool.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Rome', days: 2 } },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 100, cache_read_input_tokens: 40, cache_creation_input_tokens: 5, output_tokens: 30 },
    };
    assert.deepEqual(answer('anthropic-messages', [message]), {
      dialect: 'anthropic-messages',
      streaming: false,
      model: 'claude-sonnet-4-5',
      chunkCount: 1,
      choices: [
        {
          index: 0,
          role: 'assistant',
          content: 'Let me search. Calling the tool.',
          reasoning: 'Check the tools.',
          refusal: null,
          toolCalls: [{ index: 0, id: 'toolu_1', type: 'function', name: 'get_weather', arguments: '{"city":"Rome","days":2}' }],
          finishReason: 'tool_use',
        },
      ],
      usage: { promptTokens: 100, completionTokens: 30, totalTokens: 130 },
      error: null,
    });
    assert.deepEqual(anthropicMessageEvents(message).serverTools, [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', status: null }]);
  });

  const events = [
    { type: 'message_start', message: { id: 'msg_2', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [], usage: { input_tokens: 20, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm.' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: ' there' } },
    { type: 'content_block_stop', index: 1 },
    { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_a', name: 'lookup', input: {} } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"q":' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"x"}' } },
    { type: 'content_block_stop', index: 2 },
    { type: 'content_block_start', index: 3, content_block: { type: 'tool_use', id: 'toolu_b', name: 'now', input: {} } },
    { type: 'content_block_stop', index: 3 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { input_tokens: 25, output_tokens: 44 } },
    { type: 'message_stop' },
  ];
  const streamedChoice = {
    index: 0,
    role: 'assistant',
    content: 'Hi there',
    reasoning: 'Hmm.',
    refusal: null,
    toolCalls: [
      { index: 0, id: 'toolu_a', type: 'function', name: 'lookup', arguments: '{"q":"x"}' },
      { index: 1, id: 'toolu_b', type: 'function', name: 'now', arguments: '{}' },
    ],
    finishReason: 'tool_use',
  };

  it("reads a cassette's event objects: prompt tokens from message_start, output from message_delta, {} for a tool that streamed no input, message_stop terminal", () => {
    const result = run('anthropic-messages-sse', events);
    assert.deepEqual(result.reassembly, {
      dialect: 'anthropic-messages-sse',
      streaming: true,
      model: 'claude-haiku-4-5',
      chunkCount: 17,
      choices: [streamedChoice],
      usage: { promptTokens: 20, completionTokens: 44, totalTokens: 64 },
      error: null,
    });
    assert.equal(result.facts.terminated, true);
    assert.deepEqual(result.facts.models, [{ item: 0, at: ['message', 'model'], value: 'claude-haiku-4-5' }]);
  });

  it("reads OGX's raw lines of the same stream by the same rules (prompt tokens from message_start)", () => {
    const lines = events.flatMap((e) => [`event: ${e.type}`, `data: ${JSON.stringify(e)}`, '']);
    const result = run('anthropic-messages-sse', lines);
    assert.deepEqual(result.reassembly.choices, [streamedChoice]);
    assert.deepEqual(result.reassembly.usage, { promptTokens: 20, completionTokens: 44, totalTokens: 64 });
    assert.equal(result.facts.terminated, true);
    assert.deepEqual(result.facts.sseProblems, []);
  });

  it('says a stream without message_stop was cut off', () => {
    const result = run('anthropic-messages-sse', events.slice(0, 12));
    assert.equal(result.facts.terminated, false);
    assert.equal(result.reassembly.choices[0]?.finishReason, null);
    assert.deepEqual(result.reassembly.choices[0]?.toolCalls, [{ index: 0, id: 'toolu_a', type: 'function', name: 'lookup', arguments: '{"q":"x"}' }]);
    assert.deepEqual(result.facts.unfinished, [{ choice: 0, lastItem: 11 }]);
  });

  it('points an argument fragment at its place in the event', () => {
    const result = run('anthropic-messages-sse', [
      events[0],
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(
      result.facts.invalidArguments.map((a) => ({ item: a.item, at: a.at, tool: a.tool })),
      [{ item: 2, at: ['delta', 'partial_json'], tool: 0 }],
    );
  });
});

describe('Gemini generateContent', () => {
  it('reads every candidate as its own choice: thought parts as reasoning, functionCall args as JSON text, usage without thought tokens', () => {
    const body = {
      candidates: [
        { index: 0, content: { role: 'model', parts: [{ text: 'Plan it.', thought: true }, { text: 'Take ' }, { text: 'the train.' }] }, finishReason: 'STOP' },
        { index: 1, content: { role: 'model', parts: [{ functionCall: { name: 'book', args: { to: 'Lyon' }, id: 'fc-1' } }, { functionCall: { name: 'pay', args: {} } }] }, finishReason: 'STOP' },
      ],
      usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 9, thoughtsTokenCount: 4, totalTokenCount: 25 },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'r1',
    };
    assert.deepEqual(answer('gemini-generate-content', [body]), {
      dialect: 'gemini-generate-content',
      streaming: false,
      model: 'gemini-2.5-pro',
      chunkCount: 1,
      choices: [
        { index: 0, role: 'assistant', content: 'Take the train.', reasoning: 'Plan it.', refusal: null, toolCalls: [], finishReason: 'STOP' },
        {
          index: 1,
          role: 'assistant',
          content: '',
          reasoning: '',
          refusal: null,
          toolCalls: [
            { index: 0, id: 'fc-1', type: 'function', name: 'book', arguments: '{"to":"Lyon"}' },
            { index: 1, id: null, type: 'function', name: 'pay', arguments: '{}' },
          ],
          finishReason: 'STOP',
        },
      ],
      usage: { promptTokens: 12, completionTokens: 9, totalTokens: 25 },
      error: null,
    });
  });

  const chunks = [
    { candidates: [{ content: { role: 'model', parts: [{ text: 'Thinking...', thought: true }] }, index: 0 }], usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 }, modelVersion: 'gemini-2.5-flash', responseId: 'r2' },
    { candidates: [{ content: { role: 'model', parts: [{ text: 'Hello' }] }, index: 0 }], usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 }, modelVersion: 'gemini-2.5-flash', responseId: 'r2' },
    {
      candidates: [{ content: { role: 'model', parts: [{ text: ' world' }, { functionCall: { name: 'f', args: { a: 1 } } }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 5, thoughtsTokenCount: 3, totalTokenCount: 16 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'r2',
    },
  ];
  const streamed = [{ index: 0, role: 'assistant', content: 'Hello world', reasoning: 'Thinking...', refusal: null, toolCalls: [{ index: 0, id: null, type: 'function', name: 'f', arguments: '{"a":1}' }], finishReason: 'STOP' }];

  it('reassembles a stream of chunks; the chunk with a finish reason ends it', () => {
    const result = run('gemini-generate-content-stream', chunks);
    assert.deepEqual(result.reassembly.choices, streamed);
    assert.deepEqual(result.reassembly.usage, { promptTokens: 8, completionTokens: 5, totalTokens: 16 });
    assert.equal(result.reassembly.model, 'gemini-2.5-flash');
    assert.equal(result.reassembly.chunkCount, 3);
    assert.equal(result.facts.terminated, true);
  });

  it('reads a JSON-array body handed over as one item element by element', () => {
    const result = run('gemini-generate-content-stream', [chunks]);
    assert.deepEqual(result.reassembly.choices, streamed);
    assert.deepEqual(result.reassembly.usage, { promptTokens: 8, completionTokens: 5, totalTokens: 16 });
    assert.equal(result.facts.terminated, true);
  });

  it('says a stream without a finish reason was cut off', () => {
    const result = run('gemini-generate-content-stream', chunks.slice(0, 2));
    assert.equal(result.facts.terminated, false);
    assert.deepEqual(result.facts.unfinished, [{ choice: 0, lastItem: 1 }]);
    assert.equal(result.reassembly.choices[0]?.content, 'Hello');
    assert.deepEqual(result.reassembly.usage, { promptTokens: 8, completionTokens: null, totalTokens: 8 });
  });

  it('names the finish reasons sent as numbers that both Google enums share, and keeps others as digits', () => {
    const one = (n: number): string | null | undefined => answer('gemini-generate-content', [{ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: n }] }]).choices[0]?.finishReason;
    assert.deepEqual([one(1), one(2), one(5), one(9)], ['STOP', 'MAX_TOKENS', 'OTHER', '9']);
  });
});

describe('Bedrock Converse', () => {
  it('reads a whole answer: text blocks joined, reasoningContent, toolUse input as JSON text, stopReason, usage', () => {
    const body = {
      output: {
        message: {
          role: 'assistant',
          content: [{ reasoningContent: { reasoningText: { text: 'Think.', signature: 's' } } }, { text: 'Answer ' }, { text: 'here.' }, { toolUse: { toolUseId: 'tooluse_1', name: 'calc', input: { x: 2 } } }],
        },
      },
      stopReason: 'tool_use',
      usage: { inputTokens: 11, outputTokens: 7, totalTokens: 18 },
      metrics: { latencyMs: 100 },
    };
    assert.deepEqual(answer('bedrock-converse', [body]), {
      dialect: 'bedrock-converse',
      streaming: false,
      model: null,
      chunkCount: 1,
      choices: [{ index: 0, role: 'assistant', content: 'Answer here.', reasoning: 'Think.', refusal: null, toolCalls: [{ index: 0, id: 'tooluse_1', type: 'function', name: 'calc', arguments: '{"x":2}' }], finishReason: 'tool_use' }],
      usage: { promptTokens: 11, completionTokens: 7, totalTokens: 18 },
      error: null,
    });
  });

  // As the bodies layer hands eventstream frames over: the payload and the frame's :event-type.
  const frames: [string, unknown][] = [
    ['messageStart', { p: 'abc', role: 'assistant' }],
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Let me think.' } }, p: 'ab' }],
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig' } } }],
    ['contentBlockStop', { contentBlockIndex: 0 }],
    ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Checking' } }],
    ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: ' now.' } }],
    ['contentBlockStop', { contentBlockIndex: 1 }],
    ['contentBlockStart', { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_a', name: 'get_weather' } } }],
    ['contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":' } } }],
    ['contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '"Bern"}' } } }],
    ['contentBlockStop', { contentBlockIndex: 2 }],
    ['contentBlockStart', { contentBlockIndex: 3, start: { toolUse: { toolUseId: 'tooluse_b', name: 'get_time' } } }],
    ['contentBlockStop', { contentBlockIndex: 3 }],
    ['messageStop', { stopReason: 'tool_use' }],
    ['metadata', { usage: { inputTokens: 40, outputTokens: 25, totalTokens: 65 }, metrics: { latencyMs: 900 } }],
  ];
  const items = frames.map(([name, payload]) => cassetteItem(payload, name));

  it('reassembles a stream with tool use: fragments by block, {} for a tool that streamed no input, messageStop terminal, usage from metadata', () => {
    const result = run('bedrock-converse-stream', items);
    assert.deepEqual(result.reassembly, {
      dialect: 'bedrock-converse-stream',
      streaming: true,
      model: null,
      chunkCount: 15,
      choices: [
        {
          index: 0,
          role: 'assistant',
          content: 'Checking now.',
          reasoning: 'Let me think.',
          refusal: null,
          toolCalls: [
            { index: 0, id: 'tooluse_a', type: 'function', name: 'get_weather', arguments: '{"city":"Bern"}' },
            { index: 1, id: 'tooluse_b', type: 'function', name: 'get_time', arguments: '{}' },
          ],
          finishReason: 'tool_use',
        },
      ],
      usage: { promptTokens: 40, completionTokens: 25, totalTokens: 65 },
      error: null,
    });
    assert.equal(result.facts.terminated, true);
    assert.deepEqual(result.facts.contentAfterFinish, []);
  });

  it('says a stream without messageStop was cut off', () => {
    const result = run('bedrock-converse-stream', items.slice(0, 10));
    assert.equal(result.facts.terminated, false);
    assert.equal(result.reassembly.choices[0]?.finishReason, null);
    assert.equal(result.reassembly.usage, NO_USAGE);
  });

  it('reads an exception event as the error', () => {
    const result = run('bedrock-converse-stream', [items[0], cassetteItem({ message: 'Too many requests.' }, 'throttlingException')]);
    assert.deepEqual(result.reassembly.error, { type: 'throttlingException', message: 'Too many requests.', statusCode: null });
    // As the bodies layer gives an exception frame: already an error, kept as it is.
    const frame = cassetteItem({ error: { type: 'modelStreamErrorException', message: 'Model failed.' } }, 'modelStreamErrorException');
    assert.deepEqual(run('bedrock-converse-stream', [items[0], frame]).reassembly.error, { type: 'modelStreamErrorException', message: 'Model failed.', statusCode: null });
  });

  it('points bad tool arguments at the first fragment', () => {
    const bad = [items[0], items[7], cassetteItem({ contentBlockIndex: 2, delta: { toolUse: { input: '{"city"' } } }, 'contentBlockDelta'), items[10], items[13]];
    assert.deepEqual(
      run('bedrock-converse-stream', bad).facts.invalidArguments.map((a) => ({ item: a.item, at: a.at, name: a.name })),
      [{ item: 2, at: ['contentBlockDelta', 'delta', 'toolUse', 'input'], name: 'get_weather' }],
    );
  });
});

describe('Cohere v2 chat', () => {
  it('reads a whole answer: text parts, tool plan as reasoning, tool calls, finish_reason, token usage', () => {
    const body = {
      id: 'c1',
      finish_reason: 'TOOL_CALL',
      message: {
        role: 'assistant',
        tool_plan: 'I will look it up.',
        content: [{ type: 'text', text: 'One ' }, { type: 'text', text: 'moment.' }],
        tool_calls: [{ id: 'get_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Toronto"}' } }],
      },
      usage: { billed_units: { input_tokens: 5, output_tokens: 9 }, tokens: { input_tokens: 70, output_tokens: 9 } },
    };
    assert.deepEqual(answer('cohere-chat', [body]), {
      dialect: 'cohere-chat',
      streaming: false,
      model: null,
      chunkCount: 1,
      choices: [
        { index: 0, role: 'assistant', content: 'One moment.', reasoning: 'I will look it up.', refusal: null, toolCalls: [{ index: 0, id: 'get_weather_1', type: 'function', name: 'get_weather', arguments: '{"location":"Toronto"}' }], finishReason: 'TOOL_CALL' },
      ],
      usage: { promptTokens: 70, completionTokens: 9, totalTokens: 79 },
      error: null,
    });
  });

  const events = [
    { type: 'message-start', id: 'c2', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } },
    { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } },
    { type: 'content-delta', index: 0, delta: { message: { content: { text: 'Hello' } } } },
    { type: 'content-delta', index: 0, delta: { message: { content: { text: ' there' } } } },
    { type: 'content-end', index: 0 },
    { type: 'tool-call-start', index: 0, delta: { message: { tool_calls: { id: 'call_1', type: 'function', function: { name: 'search', arguments: '' } } } } },
    { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '{"q":' } } } } },
    { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '"x"}' } } } } },
    { type: 'tool-call-end', index: 0 },
    { type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage: { billed_units: { input_tokens: 3, output_tokens: 8 }, tokens: { input_tokens: 60, output_tokens: 8 } } } },
  ];

  it('reassembles a stream; message-end ends it', () => {
    const result = run('cohere-chat-stream', events);
    assert.deepEqual(result.reassembly.choices, [
      { index: 0, role: 'assistant', content: 'Hello there', reasoning: '', refusal: null, toolCalls: [{ index: 0, id: 'call_1', type: 'function', name: 'search', arguments: '{"q":"x"}' }], finishReason: 'TOOL_CALL' },
    ]);
    assert.deepEqual(result.reassembly.usage, { promptTokens: 60, completionTokens: 8, totalTokens: 68 });
    assert.equal(result.facts.terminated, true);
    assert.equal(run('cohere-chat-stream', events.slice(0, 9)).facts.terminated, false);
  });
});

describe('OpenAI-compatible chat from cassettes', () => {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): unknown => ({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] });

  it('is terminated exactly when the body layer saw [DONE]', () => {
    const items = [chunk({ role: 'assistant', content: 'Hi' }), chunk({}, 'stop')];
    assert.equal(run('openai-chat-stream', items, { done: true }).facts.terminated, true);
    assert.equal(run('openai-chat-stream', items, { done: false }).facts.terminated, false);
  });

  it("joins Mistral's content lists (text parts; thinking parts as reasoning) in whole answers and deltas", () => {
    const whole = {
      id: 'm1',
      object: 'chat.completion',
      model: 'magistral-medium-2509',
      choices: [{ index: 0, message: { role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Reason ' }, { type: 'text', text: 'briefly.' }] }, { type: 'text', text: 'Forty' }, { type: 'text', text: '-two.' }] }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 6, total_tokens: 16 },
    };
    assert.deepEqual(answer('openai-chat', [whole]).choices, [{ index: 0, role: 'assistant', content: 'Forty-two.', reasoning: 'Reason briefly.', refusal: null, toolCalls: [], finishReason: 'stop' }]);
    const stream = [chunk({ role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Hm' }] }] }), chunk({ content: [{ type: 'text', text: 'Yes' }] }), chunk({ content: '!' }, 'stop')];
    assert.deepEqual(answer('openai-chat-stream', stream, { done: true }).choices, [{ index: 0, role: 'assistant', content: 'Yes!', reasoning: 'Hm', refusal: null, toolCalls: [], finishReason: 'stop' }]);
  });

  it("reads OpenRouter's reasoning once although reasoning_details repeats it, and reasoning_details alone when it is all there is", () => {
    const repeated = [chunk({ role: 'assistant', content: '', reasoning: 'Step 1. ', reasoning_details: [{ type: 'reasoning.text', text: 'Step 1. ' }] }), chunk({ content: 'Done.' }, 'stop')];
    assert.equal(answer('openai-chat-stream', repeated).choices[0]?.reasoning, 'Step 1. ');
    const detailsOnly = [chunk({ role: 'assistant', reasoning_details: [{ type: 'reasoning.summary', summary: 'Brief. ' }, { type: 'reasoning.encrypted', data: 'xyz' }, { type: 'reasoning.text', text: 'More.' }] }), chunk({}, 'stop')];
    assert.equal(answer('openai-chat-stream', detailsOnly).choices[0]?.reasoning, 'Brief. More.');
    const deepseek = [chunk({ role: 'assistant', reasoning_content: 'Think' }), chunk({ reasoning_content: 'ing' }), chunk({ content: 'Ok' }, 'stop')];
    assert.deepEqual(answer('openai-chat-stream', deepseek).choices[0], { index: 0, role: 'assistant', content: 'Ok', reasoning: 'Thinking', refusal: null, toolCalls: [], finishReason: 'stop' });
  });

  it("ends an Ollama NDJSON stream at its done chunk", () => {
    const items = [{ model: 'qwen3', message: { role: 'assistant', content: 'Hi' }, done: false }, { model: 'qwen3', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 4, eval_count: 2 }];
    assert.equal(run('ollama-chat-stream', items).facts.terminated, true);
    assert.equal(run('ollama-chat-stream', items.slice(0, 1)).facts.terminated, false);
  });
});

describe('failed calls (status >= 400)', () => {
  it('gives choices [] and the provider error of each dialect', () => {
    const cases: [DialectId, number, unknown, { type: string | null; message: string | null; statusCode: number }][] = [
      ['anthropic-messages', 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }, { type: 'authentication_error', message: 'invalid x-api-key', statusCode: 401 }],
      ['openai-chat', 429, { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, { type: 'requests', message: 'Rate limit reached', statusCode: 429 }],
      ['openai-responses', 400, { error: { message: 'Unknown parameter', type: 'invalid_request_error', code: null } }, { type: 'invalid_request_error', message: 'Unknown parameter', statusCode: 400 }],
      ['gemini-generate-content', 400, { error: { code: 400, message: 'API key not valid.', status: 'INVALID_ARGUMENT' } }, { type: 'INVALID_ARGUMENT', message: 'API key not valid.', statusCode: 400 }],
      ['bedrock-converse', 400, { message: 'The provided model identifier is invalid.' }, { type: null, message: 'The provided model identifier is invalid.', statusCode: 400 }],
      ['bedrock-converse', 403, { __type: 'com.amazon.coral.service#AccessDeniedException', message: 'No access.' }, { type: 'AccessDeniedException', message: 'No access.', statusCode: 403 }],
      ['ollama-chat', 404, { error: "model 'nonexistent-model:latest' not found" }, { type: null, message: "model 'nonexistent-model:latest' not found", statusCode: 404 }],
      ['cohere-chat', 422, { id: 'e1', message: 'invalid request: model is required' }, { type: null, message: 'invalid request: model is required', statusCode: 422 }],
    ];
    for (const [dialect, status, body, error] of cases) {
      const got = answer(dialect, [body], { status });
      assert.deepEqual({ choices: got.choices, error: got.error }, { choices: [], error }, dialect);
    }
  });

  it('takes the message of a body that is no JSON from its text, and leaves the error alone when there is no body at all', () => {
    assert.deepEqual(answer('http', [], { status: 502, text: 'Bad Gateway\n' }).error, { type: null, message: 'Bad Gateway', statusCode: 502 });
    assert.deepEqual(answer('openai-chat', [], { status: 500 }), { dialect: 'openai-chat', streaming: false, model: null, chunkCount: 0, choices: [], usage: null, error: null });
  });

  it('httpErrorOf reads Gemini stream errors (a JSON array), and gives an unknown JSON body as its text', () => {
    assert.deepEqual(httpErrorOf(429, [{ error: { code: 429, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' } }], undefined), { type: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded.', statusCode: 429 });
    assert.deepEqual(httpErrorOf(500, { oops: [1, 2] }, undefined), { type: null, message: '{"oops":[1,2]}', statusCode: 500 });
    assert.deepEqual(httpErrorOf(503, undefined, '  '), { type: null, message: null, statusCode: 503 });
  });
});

describe('cassetteItem', () => {
  it('wraps a payload that does not say what it is in its event name, and leaves the others as they are', () => {
    assert.deepEqual(cassetteItem({ stopReason: 'end_turn', p: 'ab' }, 'messageStop'), { messageStop: { stopReason: 'end_turn', p: 'ab' } });
    const typed = { type: 'message_stop' };
    assert.equal(cassetteItem(typed, 'message_stop'), typed);
    const chunk = { id: 'c', choices: [] };
    assert.equal(cassetteItem(chunk, 'completion'), chunk);
    const gemini = { candidates: [] };
    assert.equal(cassetteItem(gemini, 'data'), gemini);
    const plain = { a: 1 };
    assert.equal(cassetteItem(plain, undefined), plain);
    assert.equal(cassetteItem(plain, 'message'), plain);
    const wrapped = { metadata: { usage: {} } };
    assert.equal(cassetteItem(wrapped, 'metadata'), wrapped);
    assert.equal(cassetteItem('text', 'x'), 'text');
  });
});

describe('dialectOfRequest', () => {
  const table: [string, string, boolean, DialectId, unknown?][] = [
    ['POST', 'https://api.openai.com/v1/chat/completions', false, 'openai-chat'],
    ['POST', 'https://api.openai.com/v1/chat/completions', true, 'openai-chat-stream'],
    ['POST', 'https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', true, 'openai-chat-stream'],
    ['post', 'https://openrouter.ai/api/v1/chat/completions', true, 'openai-chat-stream'],
    ['POST', 'https://api.groq.com/openai/v1/chat/completions', false, 'openai-chat'],
    ['POST', 'https://api.mistral.ai/v1/chat/completions#stream', true, 'openai-chat-stream'],
    ['POST', 'https://api.deepseek.com/chat/completions', true, 'openai-chat-stream'],
    ['POST', 'https://api.x.ai/v1/chat/completions', false, 'openai-chat'],
    ['POST', 'https://api.together.xyz/v1/chat/completions', false, 'openai-chat'],
    ['POST', 'http://localhost:11434/v1/chat/completions', true, 'openai-chat-stream'],
    ['POST', 'http://0.0.0.0:4000/chat/completions', false, 'openai-chat'],
    ['post', '<OLLAMA_API_BASE>/chat/completions', true, 'openai-chat-stream'],
    ['POST', 'https://api.openai.com/v1/responses', false, 'openai-responses'],
    ['POST', 'https://api.openai.com:443/v1/responses', true, 'openai-responses-stream'],
    ['POST', 'https://bedrock-mantle.us-east-1.api.aws/openai/v1/responses', true, 'openai-responses-stream'],
    ['GET', 'https://api.openai.com/v1/responses/resp_0146', false, 'openai-responses'],
    ['GET', 'https://api.openai.com/v1/responses/resp_0146?stream=true&starting_after=1', true, 'openai-responses-stream'],
    ['GET', 'https://api.openai.com/v1/responses/resp_0146/input_items', false, 'http'],
    ['POST', 'https://api.anthropic.com/v1/messages', false, 'anthropic-messages'],
    ['POST', 'https://api.anthropic.com/v1/messages?beta=true', true, 'anthropic-messages-sse'],
    ['POST', 'https://api.anthropic.com/v1/messages/count_tokens', false, 'http'],
    ['POST', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent', false, 'gemini-generate-content'],
    ['POST', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', true, 'gemini-generate-content-stream'],
    ['POST', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?%24alt=json%3Benum-encoding%3Dint', false, 'gemini-generate-content-stream', [{ candidates: [] }]],
    ['POST', 'https://us-east5-aiplatform.googleapis.com/v1beta1/projects/p/locations/us-east5/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse', true, 'gemini-generate-content-stream'],
    ['POST', 'https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/gemini-3-flash-preview:generateContent', false, 'gemini-generate-content'],
    ['POST', 'https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-3-5-sonnet:rawPredict', false, 'http'],
    ['POST', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents', false, 'http'],
    ['POST', 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream', true, 'bedrock-converse-stream'],
    ['POST', 'https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/converse', false, 'bedrock-converse'],
    ['POST', 'http://localhost:8787/bedrock/model/amazon.nova-micro-v1%3A0/converse', false, 'bedrock-converse'],
    ['POST', 'https://bedrock-runtime.us-east-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fus.x/converse', false, 'bedrock-converse'],
    ['POST', 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream', false, 'bedrock-converse'],
    ['POST', 'https://bedrock-runtime.us-east-1.amazonaws.com:443/model/amazon.nova-pro-v1%3A0/invoke', false, 'http'],
    ['POST', 'https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-opus-4-6-v1/invoke-with-response-stream', true, 'http'],
    ['POST', 'https://api.cohere.com/v2/chat', false, 'cohere-chat'],
    ['POST', 'https://api.cohere.com/v2/chat', true, 'cohere-chat-stream'],
    ['POST', 'https://api.cohere.ai/v1/generate', false, 'http'],
    ['POST', 'https://api.cohere.ai/v1/chat', false, 'http'],
    ['POST', 'https://api.openai.com/v1/embeddings', false, 'openai-embeddings'],
    ['POST', 'https://test-resource.openai.azure.com/openai/deployments/test-deployment/embeddings', false, 'openai-embeddings'],
    ['POST', 'https://api.openai.com/v1/completions', true, 'openai-completion-stream'],
    ['POST', 'https://api.openai.com/v1/completions', false, 'openai-completion'],
    ['GET', 'https://api.mistral.ai/v1/models', false, 'openai-models'],
    ['POST', 'http://127.0.0.1:11434/api/chat', true, 'ollama-chat-stream'],
    ['POST', 'http://127.0.0.1:11434/api/chat', false, 'ollama-chat'],
    ['POST', 'http://localhost:11434/api/generate', true, 'ollama-generate-stream'],
    ['POST', 'http://localhost:11434/api/generate', false, 'ollama-generate'],
    ['POST', 'http://localhost:11434/api/embed', false, 'ollama-embed'],
    ['POST', 'http://localhost:11434/api/embeddings', false, 'ollama-embed'],
    ['GET', 'http://localhost:11434/api/tags', false, 'ollama-list'],
    ['POST', 'https://oauth2.googleapis.com/token', false, 'http'],
    ['POST', 'https://api.openai.com/v1/audio/transcriptions', false, 'http'],
    ['POST', 'https://api.openai.com/v1/files', false, 'http'],
    ['GET', 'https://pdfobject.com/pdf/sample.pdf', false, 'http'],
    ['GET', 'https://generativelanguage.googleapis.com/v1beta/models', false, 'http'],
    ['POST', 'https://api.smith.langchain.com/runs/batch', false, 'http'],
    ['DELETE', 'https://api.openai.com/v1/files/file-1', false, 'http'],
    ['GET', 'https://api.openai.com/v1/chat/completions', false, 'http'],
  ];

  it('tells every row of the dialect table from method, URL and the response shape', () => {
    const got = table.map(([method, url, streamed, , json]) => dialectOfRequest({ method, url, requestBody: undefined, streamed, json }));
    assert.deepEqual(got, table.map((row) => row[3]));
  });
});

describe('hostile input', () => {
  const NEW_DIALECTS: DialectId[] = [
    'openai-responses', 'openai-responses-stream', 'anthropic-messages', 'anthropic-messages-sse', 'gemini-generate-content', 'gemini-generate-content-stream',
    'bedrock-converse', 'bedrock-converse-stream', 'cohere-chat', 'cohere-chat-stream', 'openai-chat', 'openai-chat-stream', 'http',
  ];
  // Objects built from the field names the readers look at, so random values land where the readers read.
  const KEYS = [
    'type', 'item', 'item_id', 'output_index', 'delta', 'response', 'status', 'output', 'content', 'summary', 'text', 'call_id', 'name', 'arguments', 'input',
    'message', 'content_block', 'index', 'usage', 'candidates', 'parts', 'functionCall', 'args', 'finishReason', 'usageMetadata', 'thought', 'contentBlockDelta',
    'contentBlockStart', 'contentBlockIndex', 'start', 'toolUse', 'messageStop', 'metadata', 'stopReason', 'tool_calls', 'function', 'choices', 'reasoning_details',
    'error', 'refusal', 'partial_json', 'stop_reason', 'finish_reason', 'tokens', 'reasoningContent', 'thinking',
  ];
  const TYPES = ['response.output_item.added', 'response.output_item.done', 'response.function_call_arguments.delta', 'response.completed', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_start', 'message_delta', 'message_stop', 'function_call', 'message', 'reasoning', 'tool_use', 'text', 'tool-call-start', 'tool-call-delta', 'message-end', 'thinking'];
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...TYPES), tie('record'), fc.array(tie('value'), { maxLength: 3 })),
    record: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
  }));

  it('never throws, whatever the items of any dialect, the status or the done flag', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NEW_DIALECTS), fc.array(value, { maxLength: 12 }), fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }), fc.boolean(), (dialect, items, status, done) => {
        run(dialect, items, { status, done });
      }),
      { seed: 20260401, numRuns: 3000 },
    );
  });

  it('never throws on any URL, method or error body', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), value, fc.option(fc.string(), { nil: undefined }), (method, url, streamed, json, text) => {
        dialectOfRequest({ method, url, requestBody: undefined, streamed, json });
        httpErrorOf(500, json, text);
        cassetteItem(json, text);
      }),
      { seed: 20260402, numRuns: 3000 },
    );
  });

  it('reads a tool input nested deeper than the stack allows as nothing, without throwing', () => {
    let deep: unknown = {};
    for (let i = 0; i < 200_000; i++) deep = { a: deep };
    const message = { type: 'message', role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: deep }], stop_reason: 'tool_use' };
    assert.deepEqual(answer('anthropic-messages', [message]).choices, []);
    assert.deepEqual(httpErrorOf(500, deep, undefined), { type: null, message: null, statusCode: 500 });
  });
});

// ---- Real cassettes, read here with simple code of the test's own ----

interface RealExchange {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}

/** Ruby VCR's `!binary` scalars are base64 of the bytes. */
const binaryTag = { tag: '!binary', resolve: (s: string): string => Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('utf8') };

function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The exchanges of a vcrpy, Ruby/R VCR or go-vcr YAML cassette, response bodies as text. */
function yamlExchanges(file: string): RealExchange[] {
  const doc = record(parse(readFileSync(file, 'utf8'), { customTags: [binaryTag] }));
  const list = (doc['interactions'] ?? doc['http_interactions']) as unknown[];
  return list.map((it) => {
    const request = record(record(it)['request']);
    const body = record(record(it)['response'])['body'];
    return { method: str(request['method']), url: str(request['uri'] ?? request['url']), body: typeof body === 'string' ? body : str(record(body)['string']) };
  });
}

/** Server-sent events: the items a reader gets (payloads through cassetteItem) and whether `[DONE]` came. */
function sse(text: string): { items: unknown[]; done: boolean } {
  const items: unknown[] = [];
  let done = false;
  for (const block of text.replace(/\r\n/g, '\n').split(/\n\n+/)) {
    let name: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length === 0) continue;
    const payload = data.join('\n');
    if (payload === '[DONE]') done = true;
    else items.push(cassetteItem(JSON.parse(payload), name));
  }
  return { items, done };
}

/** AWS eventstream frames: prelude (total and headers length, CRC), string headers, JSON payload, CRC. */
function eventstream(bytes: Buffer): unknown[] {
  const items: unknown[] = [];
  let at = 0;
  while (at + 16 <= bytes.length) {
    const total = bytes.readUInt32BE(at);
    const headersEnd = at + 12 + bytes.readUInt32BE(at + 4);
    const headers = new Map<string, string>();
    let h = at + 12;
    while (h < headersEnd) {
      const nameLength = bytes.readUInt8(h);
      const name = bytes.toString('utf8', h + 1, h + 1 + nameLength);
      const valueLength = bytes.readUInt16BE(h + 2 + nameLength);
      headers.set(name, bytes.toString('utf8', h + 4 + nameLength, h + 4 + nameLength + valueLength));
      h += 4 + nameLength + valueLength;
    }
    items.push(cassetteItem(JSON.parse(bytes.toString('utf8', headersEnd, at + total - 4)), headers.get(':event-type')));
    at += total;
  }
  return items;
}

describe('real cassettes in ../shared', function () {
  const shared = sharedDir();
  const cassettes = shared === undefined ? '' : join(shared, 'cassettes');

  before(function () {
    if (!shared) {
      console.log('    ../shared is absent: the real-cassette dialect tests are skipped');
      this.skip();
    }
  });

  function streamed(ex: RealExchange): ReassembleResult {
    const { items, done } = sse(ex.body);
    const dialect = dialectOfRequest({ method: ex.method, url: ex.url, requestBody: undefined, streamed: true, json: undefined });
    return run(dialect, items, { done });
  }

  function whole(ex: RealExchange): ReassembleResult {
    const json: unknown = JSON.parse(ex.body);
    const dialect = dialectOfRequest({ method: ex.method, url: ex.url, requestBody: undefined, streamed: false, json });
    return run(dialect, [json]);
  }

  it('logfire test_responses_stream: an OpenAI Responses stream', () => {
    const [ex] = yamlExchanges(join(cassettes, 'vcrpy/pydantic+logfire__tests__otel_integrations__cassettes__test_openai__test_responses_stream.yaml'));
    const result = streamed(ex as RealExchange);
    assert.equal(result.reassembly.dialect, 'openai-responses-stream');
    assert.deepEqual(result.reassembly.choices, [{ index: 0, role: 'assistant', content: 'Four plus five equals **nine**.', reasoning: '', refusal: null, toolCalls: [], finishReason: 'completed' }]);
    assert.deepEqual(result.reassembly.usage, { promptTokens: 13, completionTokens: 9, totalTokens: 22 });
    assert.equal(result.reassembly.model, 'gpt-4.1-2025-04-14');
    assert.equal(result.reassembly.chunkCount, 16);
    assert.equal(result.facts.terminated, true);
  });

  it("crewAI's Anthropic tool-call stream", () => {
    const [ex] = yamlExchanges(join(cassettes, 'vcrpy/crewAIInc+crewAI__lib__crewai__tests__cassettes__llms__TestAnthropicToolCallStreaming.test_anthropic_streaming_emits_tool_call_events.yaml'));
    const result = streamed(ex as RealExchange);
    assert.equal(result.reassembly.dialect, 'anthropic-messages-sse');
    assert.deepEqual(result.reassembly.choices, [
      {
        index: 0,
        role: 'assistant',
        content: "I'll help you find out the current temperature in San Francisco. I'll use the get_current_temperature function to retrieve this information.",
        reasoning: '',
        refusal: null,
        toolCalls: [{ index: 0, id: 'toolu_01Lfr3kUnHMZApePPRWMv1uS', type: 'function', name: 'get_current_temperature', arguments: '{"city": "San Francisco"}' }],
        finishReason: 'tool_use',
      },
    ]);
    assert.deepEqual(result.reassembly.usage, { promptTokens: 351, completionTokens: 85, totalTokens: 436 });
    assert.equal(result.facts.terminated, true);
    assert.deepEqual(result.facts.invalidArguments, []);
  });

  it("fantasy's Anthropic thinking answers (whole JSON)", () => {
    const [first, second] = yamlExchanges(join(cassettes, 'go-vcr/charmbracelet+fantasy__providertests__testdata__TestAnthropicThinking__claude-sonnet-4__thinking.yaml'));
    const a = whole(first as RealExchange).reassembly;
    assert.equal(a.dialect, 'anthropic-messages');
    assert.deepEqual(a.choices, [
      {
        index: 0,
        role: 'assistant',
        content: '',
        reasoning: 'The user is asking about the weather in Florence, Italy. I have a weather function available that takes a location parameter. The user has provided the location as "Florence, Italy" which is specific enough for the weather function. I have all the required parameters to make the function call.',
        refusal: null,
        toolCalls: [{ index: 0, id: 'toolu_014azqsWLU8Djh6RhmBGRC2u', type: 'function', name: 'weather', arguments: '{"location":"Florence, Italy"}' }],
        finishReason: 'tool_use',
      },
    ]);
    assert.deepEqual(a.usage, { promptTokens: 424, completionTokens: 118, totalTokens: 542 });
    const b = whole(second as RealExchange).reassembly;
    assert.equal(b.choices[0]?.content, "The current temperature in Florence, Italy is 40°C (104°F). That's quite hot! Make sure to stay hydrated and seek shade or air conditioning if you're planning to be outdoors.");
    assert.equal(b.choices[0]?.finishReason, 'end_turn');
  });

  it("fantasy's Vertex AI streamGenerateContent (SSE) and Gemini API generateContent", () => {
    const [vertex] = yamlExchanges(join(cassettes, 'go-vcr/charmbracelet+fantasy__providertests__testdata__TestGoogleVertexObjectGeneration__vertex-gemini-2-5-flash__simple_object_streaming.yaml'));
    const v = streamed(vertex as RealExchange);
    assert.equal(v.reassembly.dialect, 'gemini-generate-content-stream');
    assert.deepEqual(v.reassembly.choices, [{ index: 0, role: 'assistant', content: '{\n  "name": "Alice",\n  "age": 30,\n  "city": "Paris"\n}', reasoning: '', refusal: null, toolCalls: [], finishReason: 'STOP' }]);
    assert.deepEqual(v.reassembly.usage, { promptTokens: 19, completionTokens: 28, totalTokens: 86 });
    assert.equal(v.facts.terminated, true);
    const [gemini] = yamlExchanges(join(cassettes, 'go-vcr/charmbracelet+fantasy__providertests__testdata__TestGoogleCommon__gemini-2.5-flash__simple.yaml'));
    const g = whole(gemini as RealExchange).reassembly;
    assert.equal(g.dialect, 'gemini-generate-content');
    assert.deepEqual(g.choices, [{ index: 0, role: 'assistant', content: 'Olá!', reasoning: '', refusal: null, toolCalls: [], finishReason: 'STOP' }]);
    assert.deepEqual(g.usage, { promptTokens: 11, completionTokens: 2, totalTokens: 37 });
    assert.equal(g.model, 'gemini-2.5-flash');
  });

  it("ruby_llm's Gemini streams with a function call, then the answer (a !binary body)", () => {
    const file = join(cassettes, 'vcr-ruby/crmne+ruby_llm__spec__fixtures__vcr_cassettes__chat_function_calling_gemini_gemini-2_5-flash_can_use_tools_with_multi-turn_streaming_conversations.yml');
    const [call, text] = yamlExchanges(file);
    const c = streamed(call as RealExchange).reassembly;
    assert.deepEqual(c.choices[0]?.toolCalls, [{ index: 0, id: null, type: 'function', name: 'weather', arguments: '{"latitude":"52.5200","longitude":"13.4050"}' }]);
    assert.deepEqual(c.usage, { promptTokens: 103, completionTokens: 30, totalTokens: 176 });
    const t = streamed(text as RealExchange).reassembly;
    assert.equal(t.choices[0]?.content, 'The weather in Berlin is 15°C with a wind of 10 km/h.');
    assert.deepEqual(t.usage, { promptTokens: 233, completionTokens: 21, totalTokens: 254 });
  });

  it("ellmer's Bedrock converse answer with reasoning", () => {
    const [ex] = yamlExchanges(join(cassettes, 'vcr-r/tidyverse+ellmer__tests__testthat___vcr__aws-bedrock-thinking.yml'));
    const body = record(JSON.parse((ex as RealExchange).body));
    // The blocks as the file has them, read independently of the reader.
    const blocks = (record(record(body['output'])['message'])['content'] as unknown[]).map(record);
    const text = blocks.map((b) => str(b['text'])).join('');
    const reasoning = blocks.map((b) => str(record(record(b['reasoningContent'])['reasoningText'])['text'])).join('');
    const r = whole(ex as RealExchange).reassembly;
    assert.equal(r.dialect, 'bedrock-converse');
    assert.equal(text.length, 589); // UTF-16 units: the tree emoji counts twice
    assert.equal(reasoning.length, 1002);
    assert.equal(r.choices[0]?.content, text);
    assert.equal(r.choices[0]?.reasoning, reasoning);
    assert.ok(r.choices[0]?.content.startsWith('# A Data Science Riddle\n\n*I have no bias, yet overfit with ease,*'));
    assert.equal(r.choices[0]?.finishReason, 'end_turn');
    assert.deepEqual(r.usage, { promptTokens: 43, completionTokens: 459, totalTokens: 502 });
  });

  it("dd-trace-js's Bedrock converse-stream (eventstream frames, base64 in the cassette)", () => {
    const doc = record(JSON.parse(readFileSync(join(cassettes, 'datadog-vcr/DataDog+dd-trace-js__packages__dd-trace__test__llmobs__cassettes__bedrock-runtime__bedrock-runtime_model_anthropic.claude-3-haiku-20240307-v1_0_converse-stream_post_0143744a.json'), 'utf8')));
    const request = record(doc['request']);
    const items = eventstream(Buffer.from(str(record(doc['response'])['body']).replace(/^base64:/, ''), 'base64'));
    const dialect = dialectOfRequest({ method: str(request['method']), url: str(request['url']), requestBody: undefined, streamed: true, json: undefined });
    assert.equal(dialect, 'bedrock-converse-stream');
    const result = run(dialect, items);
    assert.equal(result.reassembly.chunkCount, 67);
    assert.deepEqual(result.reassembly.choices, [
      {
        index: 0,
        role: 'assistant',
        content:
          '\n\nDistributed tracing is a technique for monitoring and troubleshooting complex distributed systems by tracking the path of a request as it flows through multiple services or components. It allows developers to understand the end-to-end lifecycle of a request, identify performance bottlenecks, and debug issues that span multiple services.',
        reasoning: '',
        refusal: null,
        toolCalls: [],
        finishReason: 'end_turn',
      },
    ]);
    assert.deepEqual(result.reassembly.usage, { promptTokens: 435, completionTokens: 68, totalTokens: 503 });
    assert.equal(result.facts.terminated, true);
  });

  it("logfire's OpenRouter reasoning stream: reasoning read once, [DONE] seen", () => {
    const [ex] = yamlExchanges(join(cassettes, 'vcrpy/pydantic+logfire__tests__otel_integrations__cassettes__test_openai__test_openrouter_streaming_reasoning.yaml'));
    const result = streamed(ex as RealExchange);
    const choice = result.reassembly.choices[0];
    assert.equal(result.reassembly.dialect, 'openai-chat-stream');
    assert.equal(choice?.reasoning.length, 1425);
    assert.ok(choice?.reasoning.startsWith('**Interpreting User Intent**\n\n'));
    assert.equal(choice?.content.length, 446);
    assert.ok(choice?.content.endsWith('how are *you* doing today, and what can I help you with?'));
    assert.equal(choice?.finishReason, 'stop');
    assert.deepEqual(result.reassembly.usage, { promptTokens: 13, completionTokens: 1003, totalTokens: 1016 });
    assert.equal(result.facts.terminated, true);
  });

  it("opentelemetry-js's Responses answer with a web search call (nock)", () => {
    const entries = JSON.parse(readFileSync(join(cassettes, 'nock/open-telemetry+opentelemetry-js-contrib__packages__instrumentation-openai__test__mock-responses__openai-responses-records-web-search-calls.json'), 'utf8')) as unknown[];
    const entry = record(entries[0]);
    const dialect = dialectOfRequest({ method: str(entry['method']), url: str(entry['scope']) + str(entry['path']), requestBody: entry['body'], streamed: false, json: entry['response'] });
    assert.equal(dialect, 'openai-responses');
    const r = run(dialect, [entry['response']]).reassembly;
    assert.deepEqual(r.choices, [{ index: 0, role: 'assistant', content: 'On March 6, 2025, several news...', reasoning: '', refusal: null, toolCalls: [], finishReason: 'completed' }]);
    assert.deepEqual(r.usage, { promptTokens: 291, completionTokens: 23, totalTokens: 314 });
    assert.deepEqual(responsesEvents(entry['response']).serverTools, [{ type: 'web_search_call', id: 'ws_67c9fa0502748190b7dd390736892e100be649c1a5ff9609', name: null, status: 'completed' }]);
  });
});
