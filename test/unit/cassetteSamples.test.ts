// The hand-made sample of every API dialect (fixtures/cassettes/dialects/, one recorder's format each) and of every
// defect judged per exchange (fixtures/cassettes/broken/, named after its code): per exchange the method, URL,
// status, dialect and the whole reassembled answer as CLI-CONTRACT.md's rules give it, read off the sample by hand;
// per broken sample the exact diagnostics (code, severity, message, 1-based range, exchange) and, for the header
// credential, the quick fix applied and the cassette read again; the CLI's validate and reassemble documents.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { analyzeFixture, decodeFixtureBytes, LineIndex, type Choice, type ContainerFormat, type FixtureAnalysis, type FixtureDiagnostic, type Reassembly, type ToolCall } from '../../src/core';
import { repoRoot } from '../support/paths';

const CASSETTES = join(repoRoot(), 'fixtures', 'cassettes');

function read(name: string): { text: string; analysis: FixtureAnalysis } {
  const decoded = decodeFixtureBytes(readFileSync(join(CASSETTES, name)));
  return { text: decoded.text, analysis: analyzeFixture(decoded.text, { fileName: basename(name), prior: decoded.diagnostics }) };
}

/** One choice of an answer, the fields a sample does not set at their empty values. */
function choice(fields: Partial<Choice>): Choice {
  return { index: 0, role: 'assistant', content: '', reasoning: '', refusal: null, toolCalls: [], finishReason: null, ...fields };
}

function call(index: number, id: string | null, name: string, args: string): ToolCall {
  return { index, id, type: 'function', name, arguments: args };
}

interface ExpectedExchange {
  readonly method: string;
  readonly url: string;
  readonly status: number | null;
  readonly reassembly: Reassembly;
}

interface DialectSample {
  readonly file: string;
  readonly format: ContainerFormat;
  readonly exchanges: readonly ExpectedExchange[];
}

const AGENT_URL = 'https://api.openai.com/v1/chat/completions';

const DIALECT_SAMPLES: readonly DialectSample[] = [
  {
    file: 'dialects/vcrpy/openai-agent-run.yaml',
    format: 'vcrpy',
    exchanges: [
      {
        method: 'POST', url: AGENT_URL, status: 200,
        reassembly: { dialect: 'openai-chat-stream', streaming: true, model: 'gpt-4o-mini-2024-07-18', chunkCount: 8, choices: [choice({ toolCalls: [call(0, 'call_Qm3Hk8TzW1vNp0LxR5cY', 'get_weather', '{"city":"Paris"}')], finishReason: 'tool_calls' })], usage: { promptTokens: 62, completionTokens: 15, totalTokens: 77 }, error: null },
      },
      {
        method: 'GET', url: 'https://api.open-meteo.com/v1/forecast?latitude=48.8566&longitude=2.3522&current=temperature_2m,weather_code', status: 200,
        reassembly: { dialect: 'http', streaming: false, model: null, chunkCount: 1, choices: [], usage: null, error: null },
      },
      {
        method: 'POST', url: AGENT_URL, status: 429,
        reassembly: { dialect: 'openai-chat', streaming: false, model: null, chunkCount: 1, choices: [], usage: null, error: { type: 'requests', message: 'Rate limit reached for gpt-4o-mini in organization org-REDACTED on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.', statusCode: 429 } },
      },
      {
        method: 'POST', url: AGENT_URL, status: 200,
        reassembly: { dialect: 'openai-chat', streaming: false, model: 'gpt-4o-mini-2024-07-18', chunkCount: 1, choices: [choice({ content: 'It is 14.2 °C and overcast in Paris right now.', finishReason: 'stop' })], usage: { promptTokens: 101, completionTokens: 14, totalTokens: 115 }, error: null },
      },
    ],
  },
  {
    file: 'dialects/vcrpy/anthropic-messages-gzip.yaml',
    format: 'vcrpy',
    exchanges: [{
      method: 'POST', url: 'https://api.anthropic.com/v1/messages', status: 200,
      reassembly: { dialect: 'anthropic-messages', streaming: false, model: 'claude-sonnet-4-5-20250929', chunkCount: 1, choices: [choice({ content: 'Let me check its factors.', reasoning: '1001 = 7 × 143 = 7 × 11 × 13, so it is not prime. I should confirm with the tool.', toolCalls: [call(0, 'toolu_01TkZs8bQx3nW6yLr4vHc2Ja', 'factor', '{"n":1001}')], finishReason: 'tool_use' })], usage: { promptTokens: 412, completionTokens: 96, totalTokens: 508 }, error: null },
    }],
  },
  {
    file: 'dialects/vcrpy/pydantic-ai-openai-responses.yaml',
    format: 'vcrpy',
    exchanges: [{
      method: 'POST', url: 'https://api.openai.com/v1/responses', status: 200,
      // Two summary parts joined with nothing between; the web_search_call is the provider's own tool, not a tool call.
      reassembly: { dialect: 'openai-responses', streaming: false, model: 'o4-mini-2025-04-16', chunkCount: 1, choices: [choice({ content: 'Found one: NASA weighs two cheaper landing options for Mars Sample Return.', reasoning: '**Searching for the headline**\n\nI need a current news result first. Then I will store it.', toolCalls: [call(0, 'call_Ab12Cd34Ef56Gh78', 'record_headline', '{"headline":"NASA weighs two cheaper landing options for Mars Sample Return"}')], finishReason: 'completed' })], usage: { promptTokens: 1530, completionTokens: 214, totalTokens: 1744 }, error: null },
    }],
  },
  {
    file: 'dialects/vcrpy-langchain/bedrock-agent-loop-stream.yaml.gz',
    format: 'vcrpy-langchain',
    exchanges: [
      {
        method: 'POST', url: 'https://bedrock-runtime.us-west-2.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream', status: 200,
        // Bedrock names the model only in the URL; the reasoning block's signature delta adds no text.
        reassembly: { dialect: 'bedrock-converse-stream', streaming: true, model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', chunkCount: 15, choices: [choice({ content: 'Let me look that up.', reasoning: 'The user wants the current weather in San Francisco; I will call get_weather.', toolCalls: [call(0, 'tooluse_q8A6U9X7S4apz8TPXNx4Kq', 'get_weather', '{"location": "San Francisco, CA"}')], finishReason: 'tool_use' })], usage: { promptTokens: 402, completionTokens: 118, totalTokens: 520 }, error: null },
      },
      {
        method: 'POST', url: 'https://bedrock-runtime.us-west-2.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse', status: 200,
        reassembly: { dialect: 'bedrock-converse', streaming: false, model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', chunkCount: 1, choices: [choice({ content: "It's sunny in San Francisco, CA right now (19 °C).", reasoning: 'The tool says it is sunny.', finishReason: 'end_turn' })], usage: { promptTokens: 547, completionTokens: 31, totalTokens: 578 }, error: null },
      },
    ],
  },
  {
    file: 'dialects/vcr-ruby/anthropic-thinking-tool-stream.yml',
    format: 'vcr-ruby',
    exchanges: [{
      // Ruby VCR writes the method in lower case.
      method: 'post', url: 'https://api.anthropic.com/v1/messages', status: 200,
      // 18 events (the ping is one); input tokens from message_start, output from the last message_delta.
      reassembly: { dialect: 'anthropic-messages-sse', streaming: true, model: 'claude-sonnet-4-5-20250929', chunkCount: 18, choices: [choice({ content: 'Let me check the time in Tokyo.', reasoning: 'The user wants the time in Tokyo. I should call current_time.', toolCalls: [call(0, 'toolu_01Xy7Wv5Ut3Sr1Qp9On7Ml5K', 'current_time', '{"timezone": "Asia/Tokyo"}')], finishReason: 'tool_use' })], usage: { promptTokens: 480, completionTokens: 89, totalTokens: 569 }, error: null },
    }],
  },
  {
    file: 'dialects/vcr-ruby/openrouter-reasoning-stream.yml',
    format: 'vcr-ruby',
    exchanges: [{
      method: 'post', url: 'https://openrouter.ai/api/v1/chat/completions', status: 200,
      // The `: OPENROUTER PROCESSING` comments are no events; reasoning_details repeat `reasoning` and count once.
      reassembly: { dialect: 'openai-chat-stream', streaming: true, model: 'deepseek/deepseek-r1-0528', chunkCount: 6, choices: [choice({ content: '391', reasoning: '17 × 20 = 340 and 17 × 3 = 51, so 391.', finishReason: 'stop' })], usage: { promptTokens: 19, completionTokens: 41, totalTokens: 60 }, error: null },
    }],
  },
  {
    file: 'dialects/vcr-r/gemini-thought-and-tool.yml',
    format: 'vcr-r',
    exchanges: [
      {
        method: 'POST', url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', status: 200,
        // completionTokens is candidatesTokenCount (the 45 thought tokens not added); the total is totalTokenCount.
        reassembly: { dialect: 'gemini-generate-content-stream', streaming: true, model: 'gemini-2.5-flash', chunkCount: 2, choices: [choice({ reasoning: '**Finding the date**\n\nThe user wants today in Y-M-D; the tool gives it.', toolCalls: [call(0, null, 'current_date', '{}')], finishReason: 'STOP' })], usage: { promptTokens: 31, completionTokens: 12, totalTokens: 88 }, error: null },
      },
      {
        method: 'POST', url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent', status: 200,
        reassembly: { dialect: 'gemini-generate-content', streaming: false, model: 'gemini-2.5-flash', chunkCount: 1, choices: [choice({ content: 'It is 2026-07-09.', finishReason: 'STOP' })], usage: { promptTokens: 64, completionTokens: 9, totalTokens: 73 }, error: null },
      },
    ],
  },
  {
    file: 'dialects/go-vcr/openai-responses-stream.yaml',
    format: 'go-vcr',
    exchanges: [{
      method: 'POST', url: 'https://api.openai.com/v1/responses', status: 200,
      reassembly: { dialect: 'openai-responses-stream', streaming: true, model: 'gpt-5-mini-2025-08-07', chunkCount: 22, choices: [choice({ content: "I'll check Florence's weather.", reasoning: '**Planning the lookup**\n\nThe weather tool answers this.', toolCalls: [call(0, 'call_Rk2Xw7Vb4Nq9Tz1L', 'weather', '{"location":"Florence, Italy"}')], finishReason: 'completed' })], usage: { promptTokens: 64, completionTokens: 150, totalTokens: 214 }, error: null },
    }],
  },
  {
    file: 'dialects/azure-test-proxy/azure-deployment-chat-stream-and-embeddings.json',
    format: 'azure-test-proxy',
    exchanges: [
      {
        method: 'POST', url: 'https://Sanitized.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21', status: 200,
        // Azure's first chunk (prompt_filter_results, model "") is an event with nothing in it.
        reassembly: { dialect: 'openai-chat-stream', streaming: true, model: 'gpt-4o-mini-2024-07-18', chunkCount: 8, choices: [choice({ content: 'Red, yellow and blue.', finishReason: 'stop' })], usage: { promptTokens: 24, completionTokens: 7, totalTokens: 31 }, error: null },
      },
      {
        method: 'POST', url: 'https://Sanitized.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21', status: 200,
        reassembly: { dialect: 'openai-embeddings', streaming: false, model: 'text-embedding-3-small', chunkCount: 1, choices: [], usage: { promptTokens: 1, completionTokens: null, totalTokens: 1 }, error: null },
      },
    ],
  },
  {
    file: 'dialects/datadog-vcr/openai_completions_post_7c41d2e9.json',
    format: 'datadog-vcr',
    exchanges: [{
      method: 'POST', url: 'https://api.openai.com/v1/completions', status: 200,
      reassembly: { dialect: 'openai-completion-stream', streaming: true, model: 'gpt-3.5-turbo-instruct:20230824-v2', chunkCount: 9, choices: [choice({ content: '\n\nGreen checks in a row,\nthe suite sleeps at last', finishReason: 'stop' })], usage: { promptTokens: 8, completionTokens: 14, totalTokens: 22 }, error: null },
    }],
  },
  {
    file: 'dialects/har/cohere-tool-plan-and-stream.har',
    format: 'har',
    exchanges: [
      {
        method: 'POST', url: 'https://api.cohere.com/v2/chat', status: 200,
        // The tool plan is the model's account of what it is about to do; `tokens` counts are preferred to `billed_units`.
        reassembly: { dialect: 'cohere-chat', streaming: false, model: null, chunkCount: 1, choices: [choice({ reasoning: 'I will look up the weather in Toronto.', toolCalls: [call(0, 'get_weather_8m2kq7vx4n1t', 'get_weather', '{"location":"Toronto"}')], finishReason: 'TOOL_CALL' })], usage: { promptTokens: 1204, completionTokens: 54, totalTokens: 1258 }, error: null },
      },
      {
        method: 'POST', url: 'https://api.cohere.com/v2/chat', status: 200,
        reassembly: { dialect: 'cohere-chat-stream', streaming: true, model: null, chunkCount: 9, choices: [choice({ content: 'It is -3°C and clear in Toronto.', finishReason: 'COMPLETE' })], usage: { promptTokens: 1288, completionTokens: 17, totalTokens: 1305 }, error: null },
      },
    ],
  },
  {
    file: 'dialects/nock/ollama-chat-stream-and-generate.json',
    format: 'nock',
    exchanges: [
      {
        method: 'POST', url: 'http://localhost:11434/api/chat', status: 200,
        reassembly: { dialect: 'ollama-chat-stream', streaming: true, model: 'qwen3:4b', chunkCount: 5, choices: [choice({ content: '9.9 is larger.', reasoning: 'Compare the tenths: 9 > 1.', finishReason: 'stop' })], usage: { promptTokens: 22, completionTokens: 9, totalTokens: 31 }, error: null },
      },
      {
        method: 'POST', url: 'http://localhost:11434/api/generate', status: 200,
        reassembly: { dialect: 'ollama-generate', streaming: false, model: 'llama3.2', chunkCount: 1, choices: [choice({ content: 'Paris.', reasoning: 'The capital of France is Paris.', finishReason: 'stop' })], usage: { promptTokens: 31, completionTokens: 3, totalTokens: 34 }, error: null },
      },
    ],
  },
  {
    file: 'dialects/httprr/gemini-two-candidates.httprr',
    format: 'httprr',
    exchanges: [
      {
        method: 'POST', url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?%24alt=json%3Benum-encoding%3Dint', status: 200,
        // Candidate 0 carries no "index" (proto JSON omits the default); finishReason 1 is STOP.
        reassembly: { dialect: 'gemini-generate-content-stream', streaming: true, model: 'gemini-2.0-flash', chunkCount: 2, choices: [choice({ content: 'Steep calm, sip joy.', finishReason: 'STOP' }), choice({ index: 1, content: 'Sip slowly, live fully.', finishReason: 'STOP' })], usage: { promptTokens: 9, completionTokens: 13, totalTokens: 22 }, error: null },
      },
      {
        method: 'POST', url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?%24alt=json%3Benum-encoding%3Dint', status: 400,
        reassembly: { dialect: 'gemini-generate-content-stream', streaming: true, model: null, chunkCount: 1, choices: [], usage: null, error: { type: 'INVALID_ARGUMENT', message: 'Unable to submit request because candidateCount must be between 1 and 8.', statusCode: 400 } },
      },
    ],
  },
];

/** A diagnostic as `validate --format json` prints it: 1-based line and column, the end exclusive. */
interface PlacedDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly path: readonly (string | number)[];
  readonly item?: number;
  readonly exchange?: number;
  readonly fix?: { readonly title: string; readonly line: number; readonly column: number; readonly endLine: number; readonly endColumn: number; readonly text: string };
}

function placed(text: string, d: FixtureDiagnostic): PlacedDiagnostic {
  const lines = new LineIndex(text);
  const range = (span: { start: number; end: number }) => {
    const a = lines.positionAt(span.start);
    const b = lines.positionAt(span.end);
    return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
  };
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...range(d.span),
    path: d.path,
    ...(d.item === undefined ? {} : { item: d.item }),
    ...(d.exchange === undefined ? {} : { exchange: d.exchange }),
    ...(d.fix === undefined ? {} : { fix: { title: d.fix.title, ...range(d.fix.span), text: d.fix.text } }),
  };
}

function summaryOf(a: FixtureAnalysis): { method: string; url: string; status: number | null; reassembly: Reassembly }[] {
  return a.exchanges.map((e) => ({ method: e.method, url: e.url, status: e.status, reassembly: e.reassembly }));
}

const BROKEN: readonly { readonly file: string; readonly format: ContainerFormat; readonly diagnostics: readonly PlacedDiagnostic[] }[] = [
  {
    // The third event's data line lost its closing `}]}`; the range is that event's two lines in the folded YAML string.
    file: 'broken/event-not-json.yaml',
    format: 'vcrpy',
    diagnostics: [{ code: 'event-not-json', severity: 'error', message: 'Event 3: data is not JSON (it ends at offset 217 before the value is complete)', line: 33, column: 9, endLine: 34, endColumn: 54, path: ['interactions', 0, 'response', 'body', 'string', 2], item: 2, exchange: 0 }],
  },
  {
    // No content_block_stop, message_delta or message_stop: the last event is pointed at, its `event:` line included.
    file: 'broken/stream-cut-off.yaml',
    format: 'vcrpy',
    diagnostics: [{ code: 'stream-cut-off', severity: 'warning', message: 'The anthropic-messages-sse stream ends after 4 events without its terminal event; it was probably cut off while recording.', line: 36, column: 9, endLine: 39, endColumn: 21, path: ['interactions', 0, 'response', 'body', 'string', 3], item: 3, exchange: 0 }],
  },
  {
    // `{"city": "Par` + `is"` never gets its closing brace; the range is the event of the first fragment.
    file: 'broken/tool-arguments-invalid.yaml',
    format: 'vcrpy',
    diagnostics: [{ code: 'tool-arguments-invalid', severity: 'warning', message: 'Tool call 0 (get_weather) of choice 0: the joined arguments are not valid JSON (closing brace expected at the end).', line: 31, column: 9, endLine: 32, endColumn: 59, path: ['interactions', 0, 'response', 'body', 'string', 1, 'choices', 0, 'delta', 'tool_calls', 0, 'function', 'arguments'], item: 1, exchange: 0 }],
  },
  {
    file: 'broken/content-after-finish.yaml',
    format: 'vcrpy',
    diagnostics: [{ code: 'content-after-finish', severity: 'warning', message: 'interactions[0].response.body.string[3] adds content to choice 0 after its finish reason was set.', line: 37, column: 9, endLine: 38, endColumn: 55, path: ['interactions', 0, 'response', 'body', 'string', 3, 'choices', 0, 'delta', 'content'], item: 3, exchange: 0 }],
  },
  {
    // The stream ends with [DONE], so it was not cut off: the choice simply never finished. The last event that touched it is pointed at.
    file: 'broken/missing-finish-reason.yaml',
    format: 'vcrpy',
    diagnostics: [{ code: 'missing-finish-reason', severity: 'warning', message: 'The stream never gives a finish reason for choice 0; it may have been cut off.', line: 33, column: 9, endLine: 34, endColumn: 57, path: ['interactions', 0, 'response', 'body', 'string', 2], item: 2, exchange: 0 }],
  },
  {
    // The credential after `Bearer ` only; the fix writes the placeholder the first exchange already uses.
    file: 'broken/secret-in-fixture-header.yaml',
    format: 'vcrpy',
    diagnostics: [{ code: 'secret-in-fixture', severity: 'warning', message: 'Exchange 2: the authorization header holds a credential ("sk-pro…3kM5"); replace it with a placeholder and rotate the key.', line: 67, column: 16, endLine: 67, endColumn: 72, path: ['interactions', 1, 'request', 'headers', 'authorization', 0], exchange: 1, fix: { title: 'Replace the authorization credential with **REDACTED**', line: 67, column: 16, endLine: 67, endColumn: 72, text: '**REDACTED**' } }],
  },
  {
    // The key's own characters in the URL string, not `key=`.
    file: 'broken/secret-in-fixture-query.json',
    format: 'datadog-vcr',
    diagnostics: [{ code: 'secret-in-fixture', severity: 'warning', message: 'request.url: looks like a Google API key ("AIzaSy…0000"): redact it and rotate the key', line: 4, column: 106, endLine: 4, endColumn: 145, path: ['request', 'url'], exchange: 0 }],
  },
  {
    // The whole stored !!binary value (its block from the `|` indicator through its last line break).
    file: 'broken/body-undecodable.yaml',
    format: 'vcrpy',
    diagnostics: [{ code: 'body-undecodable', severity: 'error', message: 'The gzip body cannot be decompressed: the gzip stream is broken (unexpected EOF).', line: 27, column: 24, endLine: 35, endColumn: 1, path: ['interactions', 0, 'response', 'body', 'string'], exchange: 0 }],
  },
  {
    // total_tokens 50 is not 12 + 30; the range is the number itself in the parsed_body tree.
    file: 'broken/usage-inconsistent.yaml',
    format: 'vcrpy',
    diagnostics: [{ code: 'usage-inconsistent', severity: 'warning', message: 'usage.total_tokens is 50, but prompt_tokens + completion_tokens is 12 + 30 = 42.', line: 47, column: 23, endLine: 47, endColumn: 25, path: ['interactions', 0, 'response', 'parsed_body', 'usage', 'total_tokens'], item: 0, exchange: 0 }],
  },
];

describe('hand-made cassette samples: every dialect and every per-exchange defect', () => {
  describe('one sample per API dialect, in each recorder\'s format', () => {
    for (const sample of DIALECT_SAMPLES) {
      it(`${sample.file}: ${sample.exchanges.map((e) => e.reassembly.dialect).join(', ')}`, () => {
        const { analysis } = read(sample.file);
        assert.equal(analysis.format, sample.format);
        assert.deepEqual(analysis.diagnostics, []);
        assert.deepEqual(summaryOf(analysis), sample.exchanges);
        assert.deepEqual(analysis.exchanges.map((e) => [e.dialect, e.streaming]), sample.exchanges.map((e) => [e.reassembly.dialect, e.reassembly.streaming]));
      });
    }

    it('covers every dialect the brief names, and gives every format a streamed LLM answer', () => {
      const dialects = new Set(DIALECT_SAMPLES.flatMap((s) => s.exchanges.map((e) => e.reassembly.dialect)));
      const wanted = ['openai-chat', 'openai-chat-stream', 'openai-responses', 'openai-responses-stream', 'anthropic-messages', 'anthropic-messages-sse', 'gemini-generate-content', 'gemini-generate-content-stream', 'bedrock-converse', 'bedrock-converse-stream', 'cohere-chat', 'cohere-chat-stream', 'ollama-chat-stream', 'ollama-generate', 'openai-embeddings', 'openai-completion-stream', 'http'] as const;
      assert.deepEqual(wanted.filter((d) => !dialects.has(d)), []);
      const streamed = new Set(DIALECT_SAMPLES.filter((s) => s.exchanges.some((e) => e.reassembly.streaming && e.reassembly.choices.length > 0)).map((s) => s.format));
      assert.deepEqual([...streamed].sort(), ['azure-test-proxy', 'datadog-vcr', 'go-vcr', 'har', 'httprr', 'nock', 'vcr-r', 'vcr-ruby', 'vcrpy', 'vcrpy-langchain']);
    });

    it('the agent run\'s requests grow turn by turn: the user, then the tool call and its result (sent twice: 429, then the retry)', () => {
      const { analysis } = read('dialects/vcrpy/openai-agent-run.yaml');
      const roles = analysis.exchanges.map((e) => {
        const messages = (e.request?.['body'] as { messages?: { role: string }[] } | null | undefined)?.messages;
        return messages?.map((m) => m.role) ?? null;
      });
      assert.deepEqual(roles, [['user'], null, ['user', 'assistant', 'tool'], ['user', 'assistant', 'tool']]);
      // The file is about its first LLM exchange.
      assert.equal(analysis.dialect, 'openai-chat-stream');
    });

    it('Gemini\'s SSE stream is cut at its CRLF blank lines, each event at its own place in the YAML double-quoted string', () => {
      const { text, analysis } = read('dialects/vcr-r/gemini-thought-and-tool.yml');
      const stream = analysis.exchanges[0];
      assert.ok(stream);
      const lines = new LineIndex(text);
      const at = (i: number): string => {
        const span = stream.itemSpan(i);
        assert.ok(span);
        const a = lines.positionAt(span.start);
        const b = lines.positionAt(span.end);
        return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
      };
      assert.deepEqual([at(0), at(1)], ['26:16-31:54', '31:62-38:39']);
    });
  });

  describe('the Bedrock sample\'s eventstream frames', () => {
    const file = 'dialects/vcrpy-langchain/bedrock-agent-loop-stream.yaml.gz';
    /** The converse-stream answer's `!!binary` block: its base64 lines and where they are in the text. */
    const block = (text: string): { start: number; end: number; bytes: Buffer } => {
      const head = 'responses:\n- body:\n    string: !!binary |\n';
      const start = text.indexOf(head) + head.length;
      const end = text.indexOf('\n  headers:', start) + 1;
      return { start, end, bytes: Buffer.from(text.slice(start, end).replace(/\s+/g, ''), 'base64') };
    };

    it('are AWS frames whose prelude and message CRC-32s check (zlib\'s CRC-32, not the core\'s)', () => {
      const { bytes } = block(read(file).text);
      const events: string[] = [];
      let at = 0;
      while (at < bytes.length) {
        const total = bytes.readUInt32BE(at);
        const headers = bytes.readUInt32BE(at + 4);
        assert.equal(crc32(bytes.subarray(at, at + 8)), bytes.readUInt32BE(at + 8), `prelude CRC of the frame at byte ${at}`);
        assert.equal(crc32(bytes.subarray(at, at + total - 4)), bytes.readUInt32BE(at + total - 4), `message CRC of the frame at byte ${at}`);
        // The first header is `:event-type`, a string (type 7): name length, name, type, value length, value.
        const nameLength = bytes[at + 12] ?? 0;
        assert.equal(bytes.toString('utf8', at + 13, at + 13 + nameLength), ':event-type');
        assert.equal(bytes[at + 13 + nameLength], 7);
        const valueLength = bytes.readUInt16BE(at + 14 + nameLength);
        events.push(bytes.toString('utf8', at + 16 + nameLength, at + 16 + nameLength + valueLength));
        assert.ok(headers > 0);
        at += total;
      }
      assert.equal(at, bytes.length);
      assert.deepEqual(events, ['messageStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'contentBlockStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata']);
    });

    it('one byte changed in the second frame fails its message checksum: that frame is skipped, the rest still read', () => {
      const { text } = read(file);
      const { start, end, bytes } = block(text);
      // The second frame starts at byte 167 (the first one's total length, 0x000000a7); its payload's "The user" becomes "Tha user".
      const at = bytes.indexOf('The user wants');
      assert.ok(at > 167);
      const changed = Buffer.from(bytes);
      changed[at + 2] = 0x61;
      const base64 = changed.toString('base64');
      const lines = base64.match(/.{1,76}/g) ?? [];
      const corrupt = text.slice(0, start) + lines.map((l) => `      ${l}\n`).join('') + text.slice(end);
      const analysis = analyzeFixture(corrupt, { fileName: 'bedrock-agent-loop-stream.yaml.gz' });
      assert.deepEqual(analysis.diagnostics.map((d) => [d.code, d.severity, d.message, d.exchange]), [['body-undecodable', 'error', 'Exchange 1, Eventstream frame at byte 167: the message checksum does not match; the frame is skipped.', 0]]);
      const answer = analysis.exchanges[0]?.reassembly;
      assert.equal(answer?.chunkCount, 14);
      assert.equal(answer?.choices[0]?.reasoning, ' in San Francisco; I will call get_weather.');
      assert.equal(answer?.choices[0]?.toolCalls[0]?.arguments, '{"location": "San Francisco, CA"}');
    });
  });

  describe('one broken sample per defect judged per exchange, named after its code', () => {
    for (const sample of BROKEN) {
      it(`${sample.file}: ${sample.diagnostics.map((d) => d.code).join(', ')}`, () => {
        const { text, analysis } = read(sample.file);
        assert.equal(analysis.format, sample.format);
        assert.deepEqual(analysis.diagnostics.map((d) => placed(text, d)), sample.diagnostics);
      });
    }

    it('the header credential\'s fix leaves the same exchanges, the placeholder read back, and no credential', () => {
      const { text, analysis } = read('broken/secret-in-fixture-header.yaml');
      const fix = analysis.diagnostics[0]?.fix;
      assert.ok(fix);
      const fixed = text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end);
      const again = analyzeFixture(fixed, { fileName: 'secret-in-fixture-header.yaml' });
      assert.equal(again.format, 'vcrpy');
      assert.deepEqual(summaryOf(again), summaryOf(analysis));
      assert.deepEqual(again.diagnostics, []);
      assert.deepEqual(again.exchanges.map((e) => e.requestHeaders.find((h) => h.name === 'authorization')?.value), ['**REDACTED**', 'Bearer **REDACTED**']);
      assert.equal(fixed.split('\n')[66], '      - Bearer **REDACTED**');
    });

    it('the broken samples still reassemble as far as they go', () => {
      const answers = (file: string) => read(file).analysis.exchanges.map((e) => e.reassembly);
      assert.deepEqual(answers('broken/event-not-json.yaml'), [{ dialect: 'openai-chat-stream', streaming: true, model: 'gpt-4o-mini-2024-07-18', chunkCount: 5, choices: [choice({ content: 'Hello world!', finishReason: 'stop' })], usage: null, error: null }]);
      // A cut-off stream keeps the finish reason as far as it got: none. Usage is message_start's.
      assert.deepEqual(answers('broken/stream-cut-off.yaml'), [{ dialect: 'anthropic-messages-sse', streaming: true, model: 'claude-haiku-4-5-20251001', chunkCount: 4, choices: [choice({ content: '101 is a prime' })], usage: { promptTokens: 15, completionTokens: 1, totalTokens: 16 }, error: null }]);
      assert.deepEqual(answers('broken/tool-arguments-invalid.yaml'), [{ dialect: 'openai-chat-stream', streaming: true, model: 'gpt-4o-mini-2024-07-18', chunkCount: 4, choices: [choice({ toolCalls: [call(0, 'call_Vt6Yh3Jk9Lm2Nb5Qw8Er1T', 'get_weather', '{"city": "Paris"')], finishReason: 'tool_calls' })], usage: null, error: null }]);
      assert.deepEqual(answers('broken/content-after-finish.yaml'), [{ dialect: 'openai-chat-stream', streaming: true, model: 'gpt-4o-mini-2024-07-18', chunkCount: 4, choices: [choice({ content: 'Hello, world! Bye.', finishReason: 'stop' })], usage: null, error: null }]);
      assert.deepEqual(answers('broken/missing-finish-reason.yaml'), [{ dialect: 'openai-chat-stream', streaming: true, model: 'gpt-4o-mini-2024-07-18', chunkCount: 3, choices: [choice({ content: 'Hello, world!' })], usage: null, error: null }]);
      assert.deepEqual(answers('broken/secret-in-fixture-query.json'), [{ dialect: 'gemini-generate-content', streaming: false, model: 'gemini-2.0-flash', chunkCount: 1, choices: [choice({ content: 'Hello there!', finishReason: 'STOP' })], usage: { promptTokens: 4, completionTokens: 3, totalTokens: 7 }, error: null }]);
      assert.deepEqual(answers('broken/usage-inconsistent.yaml'), [{ dialect: 'openai-chat', streaming: false, model: 'gpt-4o-mini-2024-07-18', chunkCount: 1, choices: [choice({ content: 'My cache and I have a lot in common: we both forget things when it matters.', finishReason: 'stop' })], usage: { promptTokens: 12, completionTokens: 30, totalTokens: 50 }, error: null }]);
      // The printed URL never shows the key.
      assert.equal(read('broken/secret-in-fixture-query.json').analysis.exchanges[0]?.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=REDACTED');
    });
  });

  describe('the CLI over two samples (dist/cli.js)', () => {
    const cli = (args: string[], cwd = repoRoot()) => {
      const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const SECRET = 'fixtures/cassettes/broken/secret-in-fixture-header.yaml';
    const AGENT = 'fixtures/cassettes/dialects/vcrpy/openai-agent-run.yaml';
    const exchange = (index: number, method: string, url: string, status: number, dialect: string, streaming: boolean) => ({ index, method, url, status, dialect, streaming });

    it('validate --format json: format, exchanges, the diagnostic\'s exchange, summary.skipped; warnings only, exit 0', () => {
      const r = cli(['validate', '--format', 'json', SECRET, AGENT]);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.stdout), {
        files: [
          {
            file: SECRET, format: 'vcrpy', dialect: 'openai-chat',
            exchanges: [exchange(0, 'POST', AGENT_URL, 200, 'openai-chat', false), exchange(1, 'POST', AGENT_URL, 200, 'openai-chat', false)],
            diagnostics: [{ code: 'secret-in-fixture', severity: 'warning', message: 'Exchange 2: the authorization header holds a credential ("sk-pro…3kM5"); replace it with a placeholder and rotate the key.', line: 67, column: 16, endLine: 67, endColumn: 72, path: ['interactions', 1, 'request', 'headers', 'authorization', 0], exchange: 1 }],
          },
          {
            file: AGENT, format: 'vcrpy', dialect: 'openai-chat-stream',
            exchanges: [
              exchange(0, 'POST', AGENT_URL, 200, 'openai-chat-stream', true),
              exchange(1, 'GET', 'https://api.open-meteo.com/v1/forecast?latitude=48.8566&longitude=2.3522&current=temperature_2m,weather_code', 200, 'http', false),
              exchange(2, 'POST', AGENT_URL, 429, 'openai-chat', false),
              exchange(3, 'POST', AGENT_URL, 200, 'openai-chat', false),
            ],
            diagnostics: [],
          },
        ],
        summary: { files: 2, errors: 0, warnings: 1, infos: 0, skipped: 0 },
      });
    });

    it('validate of a folder counts the file that is no fixture in summary.skipped', () => {
      const dir = mkdtempSync(join(tmpdir(), 'fl-samples-'));
      mkdirSync(join(dir, 'cassettes'));
      copyFileSync(join(CASSETTES, 'dialects', 'nock', 'ollama-chat-stream-and-generate.json'), join(dir, 'cassettes', 'ollama.json'));
      writeFileSync(join(dir, 'cassettes', 'package.json'), '{"name": "not-a-fixture", "version": "1.0.0"}\n');
      const r = cli(['validate', '--format', 'json', 'cassettes'], dir);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      const doc = JSON.parse(r.stdout) as { files: { file: string; format: string; dialect: string; exchanges: unknown[] }[]; summary: unknown };
      assert.deepEqual(doc.files.map((f) => [f.file, f.format, f.dialect, f.exchanges.length]), [[join('cassettes', 'ollama.json'), 'nock', 'ollama-chat-stream', 2]]);
      assert.deepEqual(doc.summary, { files: 1, errors: 0, warnings: 0, infos: 0, skipped: 1 });
    });

    it('reassemble --json: one line per exchange, in argument order and then file order, with format, exchange, method, url, status', () => {
      const r = cli(['reassemble', '--json', SECRET, AGENT]);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
      const agent = DIALECT_SAMPLES[0];
      assert.ok(agent);
      const hello = (content: string, id: number, usage: { promptTokens: number; completionTokens: number; totalTokens: number }) => ({ file: SECRET, format: 'vcrpy', exchange: id, method: 'POST', url: AGENT_URL, status: 200, dialect: 'openai-chat', streaming: false, model: 'gpt-4o-mini-2024-07-18', chunkCount: 1, choices: [choice({ content, finishReason: 'stop' })], usage, error: null });
      assert.deepEqual(lines, [
        hello('Hello!', 0, { promptTokens: 9, completionTokens: 2, totalTokens: 11 }),
        hello('Hello again!', 1, { promptTokens: 10, completionTokens: 3, totalTokens: 13 }),
        ...agent.exchanges.map((e, i) => ({ file: AGENT, format: 'vcrpy', exchange: i, method: e.method, url: e.url, status: e.status, ...e.reassembly })),
      ]);
    });
  });
});
