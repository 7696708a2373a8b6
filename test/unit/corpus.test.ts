// The core over every real recording in ../shared: no errors, dialects as the manifest says, and the
// reassembled text of a dozen files equal to what was read in them by hand.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeFixture, type FixtureAnalysis } from '../../src/core';
import { sharedDir } from '../support/paths';
import expected from './corpus-expected.json';

const TEXT_DIALECTS = new Set([
  'openai-chat-stream', 'openai-chat', 'openai-completion-stream', 'openai-completion', 'ollama-generate-stream', 'ollama-generate',
  'ollama-chat-stream', 'ollama-chat', 'anthropic-messages-sse', 'gemini-interactions-sse', 'vertex-generate-content',
  'vertex-generate-content-stream', 'tool-invocation',
]);

/** The manifest's "body type" column (and its extras) → the dialect that shape must be read as. */
function dialectFromManifest(endpoint: string, streaming: boolean, type: string, extras: string): string {
  if (extras.includes('exception')) return 'exception';
  if (type === 'raw-sse') return endpoint.includes('interactions') ? 'gemini-interactions-sse' : 'anthropic-messages-sse';
  if (type === 'raw-dict') return extras.includes('status') ? 'http-json' : streaming ? 'vertex-generate-content-stream' : 'vertex-generate-content';
  const cls = type.slice(type.lastIndexOf('.') + 1);
  const table: Record<string, string> = {
    ChatCompletionChunk: 'openai-chat-stream', ChatCompletion: 'openai-chat', CreateEmbeddingResponse: 'openai-embeddings', Model: 'openai-models',
    EmbedResponse: 'ollama-embed', ListResponse: 'ollama-list', ProcessResponse: 'ollama-list', ProgressResponse: 'ollama-list',
    ToolInvocationResult: 'tool-invocation', ProcessFileResponse: 'unknown',
  };
  if (cls === 'Completion') return streaming ? 'openai-completion-stream' : 'openai-completion';
  if (cls === 'GenerateResponse') return streaming ? 'ollama-generate-stream' : 'ollama-generate';
  if (cls === 'ChatResponse') return streaming ? 'ollama-chat-stream' : 'ollama-chat';
  return table[cls] ?? `unmapped ${type}`;
}

describe('the real recordings in ../shared', function () {
  const shared = sharedDir();
  const files: { name: string; analysis: FixtureAnalysis }[] = [];

  before(function () {
    if (!shared) {
      console.log('    ../shared is absent: the corpus tests are skipped');
      this.skip();
    }
    const dirs = [join(shared as string, 'corpus'), join(shared as string, 'seeds')];
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.txt')).sort()) {
        files.push({ name, analysis: analyzeFixture(readFileSync(join(dir, name), 'utf8'), { fileName: name }) });
      }
    }
  });

  it('reads all 89 files', () => {
    assert.equal(files.length, 89);
  });

  it('finds no error in any of them', () => {
    const errors = files.flatMap((f) => f.analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.name}: ${d.code} ${d.message}`));
    assert.deepEqual(errors, []);
  });

  it('finds no warning in any of them either', () => {
    const warnings = files.flatMap((f) => f.analysis.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${f.name}: ${d.code} ${d.message}`));
    assert.deepEqual(warnings, []);
  });

  it('reads every file as the dialect its manifest row describes', () => {
    const manifest = readFileSync(join(shared as string, 'corpus', 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
    assert.equal(manifest.length, 87);
    const wrong: string[] = [];
    for (const row of manifest) {
      const [file, features] = row.split('\t') as [string, string];
      const [endpoint, streaming, type, ...extras] = features.split(' ') as [string, string, string, ...string[]];
      const want = dialectFromManifest(endpoint, streaming === 'True', type, extras.join(' '));
      const got = files.find((f) => f.name === file)?.analysis.dialect;
      if (got !== want) wrong.push(`${file}: ${got} (manifest: ${features}) expected ${want}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('joins every tool call into arguments that parse as JSON', () => {
    let calls = 0;
    for (const f of files) {
      for (const c of f.analysis.reassembly.choices) {
        for (const t of c.toolCalls) {
          calls++;
          assert.doesNotThrow(() => JSON.parse(t.arguments), `${f.name} tool call ${t.index}: ${t.arguments}`);
          assert.ok(t.name, `${f.name} tool call ${t.index} has a name`);
        }
      }
    }
    assert.equal(calls, 19);
  });

  it('gives text, reasoning or tool calls for every choice of a text dialect', () => {
    const empty: string[] = [];
    for (const f of files) {
      if (!TEXT_DIALECTS.has(f.analysis.dialect)) continue;
      const { choices } = f.analysis.reassembly;
      if (choices.length === 0) empty.push(`${f.name}: no choice`);
      for (const c of choices) if (c.content === '' && c.reasoning === '' && c.toolCalls.length === 0) empty.push(`${f.name}: choice ${c.index} is empty`);
    }
    assert.deepEqual(empty, []);
  });

  it('reassembles a dozen hand-checked files to exactly the text they hold', () => {
    const table = expected as Record<string, Record<string, { content: string; reasoning: string; tools: { name: string; arguments: string }[] }>>;
    assert.equal(Object.keys(table).length, 13);
    for (const [name, choices] of Object.entries(table)) {
      const f = files.find((x) => x.name === basename(name));
      assert.ok(f, name);
      const got = f.analysis.reassembly.choices;
      assert.deepEqual(got.map((c) => c.index), Object.keys(choices).map(Number), `${name}: choice indexes`);
      for (const c of got) {
        const want = choices[String(c.index)];
        assert.ok(want);
        assert.equal(c.content, want.content, `${name} choice ${c.index} content`);
        assert.equal(c.reasoning, want.reasoning, `${name} choice ${c.index} reasoning`);
        assert.deepEqual(c.toolCalls.map((t) => ({ name: t.name, arguments: t.arguments })), want.tools, `${name} choice ${c.index} tool calls`);
      }
    }
  });

  it('gives the exact usage, model and finish reason of representative files', () => {
    const get = (prefix: string): FixtureAnalysis => {
      const f = files.find((x) => x.name.startsWith(prefix));
      assert.ok(f, prefix);
      return f.analysis;
    };
    const anthropic = get('messages__f22657bf').reassembly;
    // The contract's rule for Anthropic streams: input tokens from message_start (10 here), output from the last message_delta.
    assert.deepEqual(anthropic.usage, { promptTokens: 10, completionTokens: 64, totalTokens: 74 });
    assert.equal(anthropic.model, 'gpt-oss:20b');
    assert.equal(anthropic.choices[0]?.finishReason, 'end_turn');
    const tools = get('responses__e73b8fbb').reassembly;
    assert.deepEqual(tools.usage, { promptTokens: 54, completionTokens: 44, totalTokens: 98 });
    assert.deepEqual(tools.choices[0]?.toolCalls, [
      { index: 0, id: 'call_VYoK5dSkatcp9VVVx5WERqkX', type: 'function', name: 'file_search', arguments: '{"query": "marketing"}' },
      { index: 1, id: 'call_JWXOm0RdBJTsTBr2OpxgLo9l', type: 'function', name: 'file_search', arguments: '{"query": "sales"}' },
    ]);
    assert.equal(tools.choices[0]?.finishReason, 'tool_calls');
    const ollama = get('v1__dd9e7d5913e9').reassembly;
    assert.deepEqual(ollama.usage, { promptTokens: 386, completionTokens: 2, totalTokens: 388 });
    assert.equal(ollama.choices[0]?.finishReason, 'stop');
    const exception = get('responses__f300a8b2').reassembly;
    assert.deepEqual(exception.choices, []);
    assert.deepEqual(exception.error, {
      type: 'BadRequestError',
      message: "Error code: 400 - {'error': {'message': 'Invalid service_tier argument', 'type': 'invalid_request_error', 'param': None, 'code': None}}",
      statusCode: 400,
    });
    const vertex = get('responses__86173aaf').reassembly;
    assert.deepEqual(vertex.choices[0]?.toolCalls, [{ index: 0, id: null, type: 'function', name: 'web_search', arguments: '{"query":"latest news about artificial intelligence"}' }]);
    assert.equal(vertex.choices[0]?.finishReason, 'STOP');
  });

  it('gives the unreachable hint to exactly the files today\'s recorder cannot find: old 12-hex names, file-processor calls, one edited request', () => {
    const hints = files.flatMap((f) => f.analysis.diagnostics.filter((d) => d.code === 'request-hash-mismatch').map((d) => ({ name: f.name, message: d.message })));
    const legacy = hints.filter((h) => h.message.includes('(legacy, since 2025-07-29)'));
    // Every 12-hex name of the corpus, and no other file, is named by the first recorder's rules.
    const twelveHex = files.filter((f) => /^v1__(?:models-)?[0-9a-f]{12}(?:-[0-9a-f]{8})?\.json$/.test(f.name)).map((f) => f.name);
    assert.deepEqual(legacy.map((h) => h.name), twelveHex);
    assert.equal(twelveHex.length, 35);
    assert.deepEqual(
      hints.filter((h) => !legacy.includes(h)).map((h) => [h.name, h.message.includes('(file-processors, since 2026-03)') ? 'file-processors' : h.message.includes('edited after recording') ? 'edited' : h.message]),
      [
        ['responses__268e65efffed6ba43c3c66d97dddf134f48456bf3a9ac1ba5ecf38fe50c39044.json', 'file-processors'],
        ['responses__4094a6c77e0e1866a71914bf7fc94c272b71fadb1a6be6c88d4a9a809e6cdcc4.json', 'edited'],
        ['responses__a2af3b8ac57ba3af00bf2685bd6f7df3a16d888201a99ea7910ff37f1cf25ca0.json', 'file-processors'],
      ],
    );
  });
});
