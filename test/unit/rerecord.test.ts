// `fixture-lens rerecord` end to end against real HTTP servers on 127.0.0.1: the built CLI as a child
// process (exit codes, one stderr line, the file byte for byte) and the core called directly (every
// dialect, normalization, progress, cancel). The fake API key must never show up anywhere.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { NodeHttpTransport } from '../../src/core/rerecord/httpTransport';
import { RerecordError, rerecordFixture, type HttpResponse, type HttpTransport, type RerecordProgress } from '../../src/core/rerecord';
import { closedPort, type FakeProvider } from '../servers/fakeProvider';
import {
  CHAT_TYPE,
  CHUNK_TYPE,
  COMPLETION_TYPE,
  EMBEDDING_TYPE,
  EPOCH,
  KEY,
  OLLAMA_CHAT_TYPE,
  OLLAMA_GENERATE_TYPE,
  chatStreamFixture,
  completionFixture,
  embeddingFixture,
  exceptionFixture,
  expectedFlat,
  expectedIndented,
  ollamaChatFixture,
  ollamaGenerateStreamFixture,
  servedChatChunks,
  servedCompletion,
  servedOllamaChat,
  servedOllamaGenerate,
  typed,
} from '../servers/fixtureTexts';
import { startOllamaServer } from '../servers/ollamaServer';
import { startOpenAiServer } from '../servers/openAiServer';

const repoRoot = resolve(__dirname, '..', '..', '..');
const CLI = join(repoRoot, 'dist', 'cli.js');
const shared = resolve(repoRoot, '../shared');
const SEED = join(shared, 'seeds', '000_79cd4ae94dc9bfc3.txt');
const CORPUS_CHAT = join(shared, 'corpus', 'inference__00bbacbcc8180b2151778cdac99b204e347526bc5509d4972f5fdb4d4bed2434.json');
const CORPUS_CHAT_STREAM = join(shared, 'corpus', 'inference__37e10e6ac4dccb3a91333fcfe9a17806950b21da9470c98960495f3b9fe94ecd.json');
const CORPUS_OLLAMA_EMBED = join(shared, 'corpus', 'v1__a97477559b10.json');

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js rerecord ...args` with only PATH and the given variables in its environment. */
function runCli(args: readonly string[], env: Record<string, string> = { OPENAI_API_KEY: KEY }): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'rerecord', ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let scratch: string;
const servers: FakeProvider[] = [];

/** Writes `text` (or copies `from`) into a fresh folder and returns the path. */
function fixtureFile(name: string, text: string): string {
  const dir = mkdtempSync(join(scratch, 'case-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function copyOf(source: string): string {
  const dir = mkdtempSync(join(scratch, 'case-'));
  const file = join(dir, basename(source));
  copyFileSync(source, file);
  return file;
}

function assertKeyAbsent(...texts: string[]): void {
  for (const t of texts) assert.ok(!t.includes(KEY), `the API key leaked into: ${t.slice(0, 300)}`);
}

/** A failed run: exit 1, one stderr line naming the file, nothing on stdout, the file and its folder untouched. */
function assertFailed(result: CliResult, file: string, original: string, reason: RegExp): void {
  assert.equal(result.code, 1, `exit code; stderr: ${result.stderr}`);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one stderr line, got: ${result.stderr}`);
  assert.ok(lines[0]?.startsWith(`fixture-lens: ${file}: re-recording failed, file unchanged: `), lines[0]);
  assert.match(lines[0] ?? '', reason);
  assert.equal(readFileSync(file, 'utf8'), original, 'the file must be byte-for-byte unchanged');
  assert.deepEqual(readdirSync(resolve(file, '..')), [basename(file)], 'no temporary file is left behind');
  assertKeyAbsent(result.stdout, result.stderr, readFileSync(file, 'utf8'));
}

function assertUsage(result: CliResult, reason: RegExp): void {
  assert.equal(result.code, 2, `exit code; stderr: ${result.stderr}`);
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] ?? '', reason);
  assertKeyAbsent(result.stdout, result.stderr);
}

const json = (v: unknown): string => JSON.stringify(v);

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-rerecord-'));
  assert.ok(existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs`);
});

after(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  rmSync(scratch, { recursive: true, force: true });
});

describe('fixture-lens rerecord (CLI) against an OpenAI-compatible server', () => {
  let openai: FakeProvider;

  before(async () => {
    openai = await startOpenAiServer({ streamed: servedChatChunks().map(json), single: '{}' });
    servers.push(openai);
  });

  beforeEach(() => {
    openai.fault = { kind: 'none' };
    openai.script = { streamed: servedChatChunks().map(json), single: '{}' };
    openai.requests.length = 0;
  });

  it('re-records a seed: the streamed chunks replace the response, the rest stays byte for byte', async function () {
    if (!existsSync(SEED)) this.skip();
    const file = copyOf(SEED);
    const original = readFileSync(file, 'utf8');
    const result = await runCli([file, '--base-url', `${openai.url}/`]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${file}: re-recorded 5 items from ${openai.url}/v1/chat/completions\n`);
    assert.equal(result.stderr, '');
    const expected = expectedFlat(original, { body: servedChatChunks().map((c) => typed(CHUNK_TYPE, c)), is_streaming: true });
    assert.equal(readFileSync(file, 'utf8'), expected);
    // The request: POST to base + endpoint, the recorded body, the key as a bearer token.
    assert.equal(openai.requests.length, 1);
    const request = openai.requests[0];
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/v1/chat/completions');
    assert.equal(request?.headers.authorization, `Bearer ${KEY}`);
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request?.body ?? ''), (JSON.parse(original) as { request: { body: unknown } }).request.body);
    assertKeyAbsent(result.stdout, result.stderr, readFileSync(file, 'utf8'));
  });

  it('keeps the original normalization: rec- id and created 0 on every new chunk; test_id and mapping untouched', async () => {
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    const result = await runCli([file, '--base-url', openai.url]);
    assert.equal(result.code, 0, result.stderr);
    const body = servedChatChunks().map((c) => typed(CHUNK_TYPE, { ...c, id: 'rec-0123456789ab', created: 0 }));
    assert.equal(readFileSync(file, 'utf8'), expectedIndented(original, { body, is_streaming: true }));
    assert.deepEqual(JSON.parse(openai.requests[0]?.body ?? ''), (JSON.parse(original) as { request: { body: unknown } }).request.body);
  });

  it('sends no Authorization header when the key variable is unset, and reads the key from --api-key-env', async () => {
    const file = fixtureFile('chat.json', chatStreamFixture());
    assert.equal((await runCli([file, '--base-url', openai.url], {})).code, 0);
    assert.equal(openai.requests[0]?.headers.authorization, undefined);
    const result = await runCli([file, '--base-url', openai.url, '--api-key-env', 'MY_PROVIDER_KEY'], { MY_PROVIDER_KEY: KEY, OPENAI_API_KEY: 'sk-other' });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(openai.requests[1]?.headers.authorization, `Bearer ${KEY}`);
  });

  it('replaces the file a symbolic link points to, and keeps the link', async function () {
    if (process.platform === 'win32') this.skip();
    const target = fixtureFile('chat.json', chatStreamFixture());
    const link = join(mkdtempSync(join(scratch, 'link-')), 'link.json');
    symlinkSync(target, link);
    const result = await runCli([link, '--base-url', openai.url]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(link, 'utf8'), readFileSync(target, 'utf8'));
    assert.notEqual(readFileSync(target, 'utf8'), chatStreamFixture());
  });

  it('does not overwrite a file that changed on disk while the answer streamed', async () => {
    openai.script = { ...openai.script, pace: 150 };
    const file = fixtureFile('chat.json', chatStreamFixture());
    const running = runCli([file, '--base-url', openai.url]);
    const deadline = Date.now() + 5000;
    while (openai.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const edited = `${chatStreamFixture()}\n`;
    writeFileSync(file, edited);
    assertFailed(await running, file, edited, /the file changed on disk while re-recording/);
  });

  it('fails on a refused connection', async () => {
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    assertFailed(await runCli([file, '--base-url', `http://127.0.0.1:${await closedPort()}`]), file, original, /connection refused/);
  });

  it('fails when the connection drops mid-stream', async () => {
    openai.fault = { kind: 'drop', after: 2 };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    assertFailed(await runCli([file, '--base-url', openai.url]), file, original, /closed before the answer was complete/);
  });

  it('fails on HTTP 401 with the provider message, the echoed key redacted', async () => {
    openai.fault = { kind: 'http-error', status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } } };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    const result = await runCli([file, '--base-url', openai.url]);
    assertFailed(result, file, original, /HTTP 401 from http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: Incorrect API key provided: \[redacted\]\./);
  });

  it('fails on HTTP 500 with the provider message', async () => {
    openai.fault = { kind: 'http-error', status: 500, body: { error: { message: 'The server had an error while processing your request.' } } };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    assertFailed(await runCli([file, '--base-url', openai.url]), file, original, /HTTP 500 .*The server had an error while processing your request\./);
  });

  it('fails on a malformed event', async () => {
    openai.fault = { kind: 'malformed', after: 2 };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    assertFailed(await runCli([file, '--base-url', openai.url]), file, original, /event 3 is not valid JSON/);
  });

  it('fails when the stream ends without [DONE]', async () => {
    openai.fault = { kind: 'no-end' };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    assertFailed(await runCli([file, '--base-url', openai.url]), file, original, /ended before \[DONE\]/);
  });

  it('times out when the provider stalls', async () => {
    openai.fault = { kind: 'stall', after: 2 };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    const started = Date.now();
    assertFailed(await runCli([file, '--base-url', openai.url, '--timeout-ms', '400']), file, original, /timed out: http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions sent nothing for 400 ms/);
    assert.ok(Date.now() - started < 10_000);
  });

  it('times out when the provider sends only keep-alives (SSE comments no longer reset the idle timer)', async () => {
    openai.fault = { kind: 'keep-alive', after: 1, every: 50 };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    assertFailed(await runCli([file, '--base-url', openai.url, '--timeout-ms', '400']), file, original, /timed out: http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions sent nothing but keep-alives for 400 ms$/);
  });

  it('a plain-text error body cut at 200 characters shows no part of the key', async () => {
    const padding = 'x'.repeat(168);
    openai.fault = { kind: 'http-error', status: 401, body: `${padding}${KEY} rest` };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    const result = await runCli([file, '--base-url', openai.url]);
    assertFailed(result, file, original, new RegExp(`HTTP 401 from http://127\\.0\\.0\\.1:\\d+/v1/chat/completions: "${padding}\\[redacted\\] rest"$`));
    for (let i = 0; i + 8 <= KEY.length; i++) assert.ok(!result.stderr.includes(KEY.slice(i, i + 8)), result.stderr);
  });

  it('does not follow a redirect: the other host never sees the request or the key', async () => {
    const elsewhere = await startOpenAiServer({ streamed: servedChatChunks().map(json), single: '{}' });
    servers.push(elsewhere);
    openai.fault = { kind: 'redirect', location: `${elsewhere.url}/v1/chat/completions` };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    assertFailed(await runCli([file, '--base-url', openai.url]), file, original, /HTTP 302, a redirect to http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions; redirects are not followed/);
    assert.equal(elsewhere.requests.length, 0);
  });

  it('refuses to write an answer that contains the API key', async () => {
    openai.fault = { kind: 'echo-authorization' };
    openai.script = { streamed: [json(servedChatChunks()[1]).replace('Saturn', 'ECHO')], single: '{}' };
    const original = chatStreamFixture();
    const file = fixtureFile('chat.json', original);
    assertFailed(await runCli([file, '--base-url', openai.url]), file, original, /answer contains the API key/);
  });
});

describe('fixture-lens rerecord (CLI): usage and unsupported fixtures exit 2', () => {
  it('refuses dialects it cannot re-record, naming the dialect, and touches nothing', async function () {
    const original = exceptionFixture();
    const file = fixtureFile('exception.json', original);
    assertUsage(await runCli([file, '--base-url', 'http://127.0.0.1:9']), new RegExp(`^fixture-lens: ${file}: re-recording is not supported for exception fixtures$`));
    assert.equal(readFileSync(file, 'utf8'), original);
    if (!existsSync(CORPUS_OLLAMA_EMBED)) this.skip();
    const embed = copyOf(CORPUS_OLLAMA_EMBED);
    assertUsage(await runCli([embed, '--base-url', 'http://127.0.0.1:9']), /re-recording is not supported for ollama-embed fixtures$/);
  });

  it('refuses an endpoint that climbs out of the base URL\'s path, before sending anything', async () => {
    const server = await startOpenAiServer({ streamed: servedChatChunks().map(json), single: '{}' });
    servers.push(server);
    for (const endpoint of ['/../../escape/v1/chat/completions', '/%2e%2e/%2E%2e/escape/v1/chat/completions']) {
      const original = chatStreamFixture().replace('"endpoint": "/v1/chat/completions"', `"endpoint": ${json(endpoint)}`);
      const file = fixtureFile('chat.json', original);
      assertUsage(await runCli([file, '--base-url', `${server.url}/prefix/v1`]), new RegExp(`^fixture-lens: ${file}: the recorded endpoint .* has a \\. or \\.\\. segment, which would leave the base URL's path$`));
      assert.equal(readFileSync(file, 'utf8'), original);
    }
    assert.equal(server.requests.length, 0);
  });

  it('refuses a file that is not a fixture, a missing file, and bad arguments', async () => {
    const notFixture = fixtureFile('x.json', '{"hello": 1}\n');
    assertUsage(await runCli([notFixture, '--base-url', 'http://127.0.0.1:9']), /x\.json: not a fixture/);
    assertUsage(await runCli([join(scratch, 'missing.json'), '--base-url', 'http://127.0.0.1:9']), /missing\.json: cannot read the file \(ENOENT\)/);
    const file = fixtureFile('chat.json', chatStreamFixture());
    assertUsage(await runCli([file]), /needs --base-url/);
    assertUsage(await runCli([file, '--base-url', 'ftp://127.0.0.1']), /--base-url: .*http:\/\/ or https:\/\//);
    assertUsage(await runCli([file, '--base-url', 'http://127.0.0.1:9', '--timeout-ms', 'soon']), /--timeout-ms must be a whole number/);
    // Node would fire a timer this long at once (TimeoutOverflowWarning).
    assertUsage(await runCli([file, '--base-url', 'http://127.0.0.1:9', '--timeout-ms', '2147483648']), /^fixture-lens: --timeout-ms must be a whole number of milliseconds from 1 to 2147483647, not 2147483648$/);
    assertUsage(await runCli([file, file, '--base-url', 'http://127.0.0.1:9']), /exactly one FILE/);
    assertUsage(await runCli([file, '--base-url', 'http://127.0.0.1:9', '--bogus']), /unknown option --bogus/);
  });
});

describe('rerecord core, every supported dialect, through the real HTTP transport', () => {
  let openai: FakeProvider;
  let ollama: FakeProvider;
  const transport = new NodeHttpTransport();

  before(async () => {
    openai = await startOpenAiServer({ streamed: [], single: '{}' });
    ollama = await startOllamaServer({ streamed: [], single: '{}' });
    servers.push(openai, ollama);
  });

  beforeEach(() => {
    openai.fault = { kind: 'none' };
    ollama.fault = { kind: 'none' };
    openai.requests.length = 0;
    ollama.requests.length = 0;
  });

  it('openai-chat (not streamed, corpus file): one item, rec- id and created 0 kept, non-ASCII escaped', async function () {
    if (!existsSync(CORPUS_CHAT)) this.skip();
    const original = readFileSync(CORPUS_CHAT, 'utf8');
    const served = { id: 'chatcmpl-NEW', object: 'chat.completion', created: 1800000000, model: 'gpt-oss:20b', choices: [{ index: 0, message: { role: 'assistant', content: '2 + 2 = 4 ✓', reasoning: 'Simple “sum”.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 } };
    openai.script = { streamed: [], single: json(served) };
    const recId = (JSON.parse(original) as { response: { body: { __data__: { id: string } } } }).response.body.__data__.id;
    const outcome = await rerecordFixture(original, { baseUrl: openai.url, apiKey: KEY, transport, timeoutMs: 5000 });
    assert.equal(outcome.text, expectedIndented(original, { body: typed(CHAT_TYPE, { ...served, id: recId, created: 0 }), is_streaming: false }));
    assert.equal(outcome.items, 1);
  });

  it('openai-chat-stream (corpus file): every chunk gets the recorded rec- id', async function () {
    if (!existsSync(CORPUS_CHAT_STREAM)) this.skip();
    const original = readFileSync(CORPUS_CHAT_STREAM, 'utf8');
    openai.script = { streamed: servedChatChunks().map(json), single: '{}' };
    const recId = (JSON.parse(original) as { response: { body: { __data__: { id: string } }[] } }).response.body[0]?.__data__.id;
    const outcome = await rerecordFixture(original, { baseUrl: openai.url, apiKey: KEY, transport, timeoutMs: 5000 });
    assert.equal(outcome.text, expectedIndented(original, { body: servedChatChunks().map((c) => typed(CHUNK_TYPE, { ...c, id: recId, created: 0 })), is_streaming: true }));
  });

  it('openai-completion-stream and openai-completion', async () => {
    openai.script = { streamed: [json(servedCompletion('Hi', null)), json(servedCompletion(' there', 'stop'))], single: json(servedCompletion('Hi there', 'stop')) };
    const streamed = completionFixture(true);
    const s = await rerecordFixture(streamed, { baseUrl: openai.url, transport, timeoutMs: 5000 });
    const norm = (c: Record<string, unknown>) => typed(COMPLETION_TYPE, { ...c, id: 'rec-fedcba987654', created: 0 });
    assert.equal(s.text, expectedIndented(streamed, { body: [norm(servedCompletion('Hi', null)), norm(servedCompletion(' there', 'stop'))], is_streaming: true }));
    const single = completionFixture(false);
    const n = await rerecordFixture(single, { baseUrl: openai.url, transport, timeoutMs: 5000 });
    assert.equal(n.text, expectedIndented(single, { body: norm(servedCompletion('Hi there', 'stop')), is_streaming: false }));
    assert.equal(openai.requests[0]?.path, '/v1/completions');
    assert.equal(openai.requests[0]?.headers.accept, 'text/event-stream');
  });

  it('openai-embeddings: floats and ints written as Python writes them', async () => {
    openai.script = { streamed: [], single: '{"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": [1.0, -1e-05, 0.00012, 2.5E+20, 0.1]}], "model": "text-embedding-3-small", "usage": {"prompt_tokens": 1, "total_tokens": 1}}' };
    const original = embeddingFixture();
    const outcome = await rerecordFixture(original, { baseUrl: openai.url, transport, timeoutMs: 5000 });
    const response = [
      '{',
      '    "body": {',
      `      "__type__": "${EMBEDDING_TYPE}",`,
      '      "__data__": {',
      '        "object": "list",',
      '        "data": [',
      '          {',
      '            "object": "embedding",',
      '            "index": 0,',
      '            "embedding": [',
      '              1.0,',
      '              -1e-05,',
      '              0.00012,',
      '              2.5e+20,',
      '              0.1',
      '            ]',
      '          }',
      '        ],',
      '        "model": "text-embedding-3-small",',
      '        "usage": {',
      '          "prompt_tokens": 1,',
      '          "total_tokens": 1',
      '        }',
      '      }',
      '    },',
      '    "is_streaming": false',
      '  }',
    ].join('\n');
    const start = original.indexOf('"response": ') + '"response": '.length;
    assert.equal(outcome.text, original.slice(0, start) + response + '\n}\n');
  });

  it('ollama-generate-stream (NDJSON): epoch created_at and zero durations, as the original had them', async () => {
    ollama.script = { streamed: servedOllamaGenerate().map(json), single: '{}' };
    const original = ollamaGenerateStreamFixture();
    const progress: RerecordProgress[] = [];
    const outcome = await rerecordFixture(original, { baseUrl: ollama.url, transport, timeoutMs: 5000, onProgress: (p) => progress.push(p) });
    const body = servedOllamaGenerate().map((c) => {
      const out: Record<string, unknown> = { ...c, created_at: EPOCH };
      for (const k of Object.keys(out)) if (k.endsWith('_duration')) out[k] = 0;
      return typed(OLLAMA_GENERATE_TYPE, out);
    });
    assert.equal(outcome.text, expectedIndented(original, { body, is_streaming: true }));
    assert.equal(ollama.requests[0]?.path, '/api/generate');
    // The recorded float 0.0 goes out as 0.0, not 0.
    assert.equal(ollama.requests[0]?.body, '{"model":"llama3.2:3b","prompt":"Say hi","options":{"temperature":0.0},"stream":true}');
    // Progress grows with every batch of lines (lines that arrive together are reported together).
    assert.deepEqual(progress.at(-1), { items: 3, text: 'Hello!' });
    progress.slice(1).forEach((p, i) => {
      const before = progress[i] as RerecordProgress;
      assert.ok(p.items > before.items && p.text.startsWith(before.text), JSON.stringify(progress));
    });
  });

  it('ollama-chat (not streamed): asks for stream false, keeps real timestamps as the original did', async () => {
    ollama.script = { streamed: [], single: json(servedOllamaChat()) };
    const original = ollamaChatFixture();
    const outcome = await rerecordFixture(original, { baseUrl: ollama.url, transport, timeoutMs: 5000 });
    assert.equal(outcome.text, expectedIndented(original, { body: typed(OLLAMA_CHAT_TYPE, servedOllamaChat()), is_streaming: false }));
    assert.equal(ollama.requests[0]?.body, '{"model":"llama3.2:3b","messages":[{"role":"user","content":"Hi"}],"stream":false}');
  });

  it('Ollama faults: a dropped stream, an error line and a missing done line all fail', async () => {
    const original = ollamaGenerateStreamFixture();
    ollama.script = { streamed: servedOllamaGenerate().map(json), single: '{}' };
    const failsWith = async (pattern: RegExp): Promise<void> => {
      await assert.rejects(rerecordFixture(original, { baseUrl: ollama.url, transport, timeoutMs: 2000 }), (e: unknown) => e instanceof RerecordError && pattern.test(e.message));
    };
    ollama.fault = { kind: 'drop', after: 1 };
    await failsWith(/closed before the answer was complete/);
    ollama.fault = { kind: 'malformed', after: 1 };
    await failsWith(/line 2 is not valid JSON/);
    ollama.fault = { kind: 'none' };
    ollama.script = { streamed: [json({ error: 'model "llama3.2:3b" not found, try pulling it first' })], single: '{}' };
    await failsWith(/not found, try pulling it first/);
    ollama.script = { streamed: servedOllamaGenerate().slice(0, 2).map(json), single: '{}' };
    await failsWith(/ended before its final line/);
  });

  it('cancels through the signal, and times out while connected', async () => {
    openai.script = { streamed: servedChatChunks().map(json), single: '{}' };
    openai.fault = { kind: 'stall', after: 1 };
    const controller = new AbortController();
    const cancelled = rerecordFixture(chatStreamFixture(), { baseUrl: openai.url, apiKey: KEY, transport, timeoutMs: 60_000, signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(cancelled, (e: unknown) => e instanceof RerecordError && e.kind === 'cancelled');
    await assert.rejects(rerecordFixture(chatStreamFixture(), { baseUrl: openai.url, transport, timeoutMs: 300 }), (e: unknown) => e instanceof RerecordError && e.kind === 'timeout');
  });
});

describe('rerecord core through a scripted transport', () => {
  /** Serves `bytes` one byte per chunk, so UTF-8 sequences and events are split everywhere. */
  function byteByByte(status: number, headers: Record<string, string>, bytes: Uint8Array): HttpTransport {
    return {
      send: async (): Promise<HttpResponse> => ({
        status,
        headers,
        body: (async function* () {
          for (const b of bytes) yield Uint8Array.of(b);
        })(),
      }),
    };
  }

  it('reads a stream delivered one byte at a time, multi-byte characters included', async () => {
    const sse = servedChatChunks().map((c) => `data: ${json(c)}\n\n`).join('') + 'data: [DONE]\n\n';
    const original = chatStreamFixture();
    const outcome = await rerecordFixture(original, { baseUrl: 'https://provider.invalid', transport: byteByByte(200, { 'content-type': 'text/event-stream' }, new TextEncoder().encode(sse)), timeoutMs: 5000 });
    assert.equal(outcome.text, expectedIndented(original, { body: servedChatChunks().map((c) => typed(CHUNK_TYPE, { ...c, id: 'rec-0123456789ab', created: 0 })), is_streaming: true }));
    assert.deepEqual(outcome.edit, { start: original.indexOf('"response": ') + 12, end: original.indexOf('\n  }', original.indexOf('"response": ')) + 4, newText: outcome.edit.newText });
  });

  it('refuses JSON where an event stream was asked for, bytes that are not UTF-8, and oversized answers', async () => {
    const original = chatStreamFixture();
    const run = (t: HttpTransport, max?: number) => rerecordFixture(original, { baseUrl: 'https://provider.invalid', transport: t, timeoutMs: 5000, maxResponseBytes: max });
    await assert.rejects(run(byteByByte(200, { 'content-type': 'application/json' }, new TextEncoder().encode('{}'))), /expected an event stream \(text\/event-stream\), got application\/json/);
    await assert.rejects(run(byteByByte(200, { 'content-type': 'text/event-stream' }, Uint8Array.of(0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0x0a))), /not valid UTF-8/);
    await assert.rejects(run(byteByByte(200, { 'content-type': 'text/event-stream' }, new Uint8Array(100).fill(0x3a)), 50), /larger than 50 bytes/);
  });

  it('redacts the key from every message, wherever the provider echoes it', async () => {
    const t = byteByByte(400, { 'content-type': 'application/json' }, new TextEncoder().encode(json({ error: { message: `bad key ${KEY} (${KEY})` } })));
    await assert.rejects(rerecordFixture(chatStreamFixture(), { baseUrl: 'https://provider.invalid', apiKey: KEY, transport: t, timeoutMs: 5000 }), (e: unknown) => e instanceof RerecordError && e.message === 'HTTP 400 from https://provider.invalid/v1/chat/completions: bad key [redacted] ([redacted])');
  });
});
