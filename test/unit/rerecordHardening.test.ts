// Hostile providers and hostile fixtures against re-recording: keys cut in half (in messages and in
// the answer), streams too large to hold, lines too long to rescan, endpoints that climb out of the
// base URL, keep-alives that never end, timers that overflow, numbers no float holds, and a test id
// that tries to be a command. Every bound is checked by counting work or with a bounded input.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  DEFAULT_PAYLOAD_LIMITS,
  MAX_TIMER_MS,
  NdjsonDecoder,
  PayloadBudget,
  Redactor,
  RerecordError,
  approvalScope,
  requestUrl,
  rerecordFixture,
  testRunCommand,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type RerecordOptions,
} from '../../src/core/rerecord';
import { rerecordCommand } from '../../src/cli/rerecordCommand';
import { UsageError } from '../../src/cli/walk';
import { CHAT_TYPE, chatChunk, chatStreamFixture, completionFixture, ollamaGenerateStreamFixture } from '../servers/fixtureTexts';

/** A 32-character key, as in the issue. */
const KEY32 = 'sk-test-NOT-A-REAL-KEY-123456789';
const PROJECT_KEY = 'sk-proj-FAKEfake0000FAKEfake0000FAKEfake0000FAKEfake';
const BASE = 'https://provider.invalid';
const json = (v: unknown): string => JSON.stringify(v);

interface Scripted extends HttpTransport {
  /** Requests that were sent. */
  readonly sent: HttpRequest[];
  /** Body chunks the client pulled. */
  pulled: number;
}

/** A transport answering every request with `status`, `headers` and the chunks `body()` yields. */
function scripted(status: number, headers: Record<string, string>, body: () => AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Scripted {
  const t: Scripted = {
    sent: [],
    pulled: 0,
    send: async (request: HttpRequest, signal: AbortSignal): Promise<HttpResponse> => {
      t.sent.push(request);
      const encoder = new TextEncoder();
      return {
        status,
        headers,
        body: (async function* () {
          for await (const chunk of body()) {
            if (signal.aborted) throw new Error('aborted');
            t.pulled++;
            yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
          }
        })(),
      };
    },
  };
  return t;
}

const sse = { 'content-type': 'text/event-stream' };
const event = (payload: unknown): string => `data: ${typeof payload === 'string' ? payload : json(payload)}\n\n`;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function run(text: string, transport: HttpTransport, extra: Partial<RerecordOptions> = {}): Promise<unknown> {
  return rerecordFixture(text, { baseUrl: BASE, transport, timeoutMs: 5000, ...extra });
}

/** Asserts a RerecordError of this kind with exactly this message. */
async function failsWith(promise: Promise<unknown>, kind: string, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof RerecordError, String(e));
    assert.equal(e.kind, kind, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

describe('rerecord hardening: the key in messages (item 2)', () => {
  it('redacts any run of 8 or more characters of the key, and leaves shorter ones', () => {
    const r = new Redactor(KEY32);
    assert.equal(r.redact(`a ${KEY32.slice(0, 31)}`), 'a [redacted]');
    assert.equal(r.redact(`${KEY32.slice(5, 13)}|${KEY32.slice(20)}|${KEY32.slice(0, 7)}`), '[redacted]|[redacted]|sk-test');
    assert.equal(r.redact(`x${KEY32}${KEY32}y`), 'x[redacted]y');
    assert.equal(new Redactor('short').redact('a short key'), 'a [redacted] key');
    assert.equal(new Redactor(undefined).redact(KEY32), KEY32);
  });

  it('a plain-text error body cut at 200 characters: 31 of the 32 characters used to show', async () => {
    const body = `${'x'.repeat(169)}${KEY32} rest`;
    const t = scripted(401, { 'content-type': 'text/plain' }, () => [body]);
    await failsWith(run(chatStreamFixture(), t, { apiKey: KEY32 }), 'http', `HTTP 401 from ${BASE}/v1/chat/completions: ${'x'.repeat(169)}[redacted] rest`);
  });

  it('an event preview cut at 60 characters: 20 characters of an sk-proj- key used to show', async () => {
    const broken = `{"a": "${'y'.repeat(33)}${PROJECT_KEY}"`;
    const t = scripted(200, sse, () => [event(broken)]);
    await failsWith(run(chatStreamFixture(), t, { apiKey: PROJECT_KEY }), 'malformed', `event 1 is not valid JSON: {"a": "${'y'.repeat(33)}[redacted]"`);
  });
});

describe('rerecord hardening: memory bounds (item 3)', () => {
  const chunks = function* (n: number, content = 'a'): Generator<string> {
    for (let i = 0; i < n; i++) yield event(chatChunk(content, null));
    yield 'data: [DONE]\n\n';
  };

  it('by default, past 100,000 items or 32 Mi characters', () => {
    assert.deepEqual(DEFAULT_PAYLOAD_LIMITS, { maxItems: 100_000, maxTextChars: 32 * 1024 * 1024 });
    const budget = new PayloadBudget();
    for (let i = 0; i < 100_000; i++) budget.admit(1);
    assert.throws(() => budget.admit(1), /more than 100000 items/);
    assert.throws(() => new PayloadBudget().admit(32 * 1024 * 1024 + 1), /hold more than 33554432 characters/);
  });

  it('stops at the item bound, reading no further', async () => {
    const t = scripted(200, sse, () => chunks(1000));
    await failsWith(run(chatStreamFixture(), t, { maxItems: 100 }), 'too-large', 'the answer has more than 100 items, more than re-recording holds');
    assert.equal(t.pulled, 101);
  });

  it('stops at the text bound (characters of the items), reading no further', async () => {
    const one = event(chatChunk('0123456789', null)).length - 'data: \n\n'.length;
    const t = scripted(200, sse, () => chunks(1000, '0123456789'));
    await failsWith(run(chatStreamFixture(), t, { maxTextChars: one * 10 }), 'too-large', `the answer's items hold more than ${one * 10} characters, more than re-recording holds`);
    assert.equal(t.pulled, 11);
  });

  it('stops an event that never ends at the text bound, before holding more of it', async () => {
    const t = scripted(200, sse, function* () {
      for (let i = 0; i < 1000; i++) yield `data: ${'x'.repeat(99)}\n`;
    });
    await failsWith(run(chatStreamFixture(), t, { maxTextChars: 1000 }), 'too-large', "the answer's items hold more than 1000 characters, more than re-recording holds");
    assert.equal(t.pulled, 11);
  });

  it('stops an NDJSON line that never ends at the text bound', async () => {
    const t = scripted(200, { 'content-type': 'application/x-ndjson' }, function* () {
      yield '{"response": "';
      for (let i = 0; i < 1000; i++) yield 'y'.repeat(100);
    });
    await failsWith(run(ollamaGenerateStreamFixture(), t, { maxTextChars: 1000 }), 'too-large', "the answer's items hold more than 1000 characters, more than re-recording holds");
    assert.equal(t.pulled, 11);
  });

  it('takes an answer exactly at both bounds', async () => {
    const one = event(chatChunk('a', null)).length - 'data: \n\n'.length;
    const outcome = (await run(chatStreamFixture(), scripted(200, sse, () => chunks(100)), { maxItems: 100, maxTextChars: 100 * one })) as { items: number };
    assert.equal(outcome.items, 100);
  });
});

describe('rerecord hardening: NDJSON in linear time (item 4)', () => {
  it('scans each character once, however the line is cut: a 40 MB line in 64 KiB pieces', () => {
    const text = `{"response": "${'a'.repeat(40 * 1024 * 1024)}", "done": true}\n`;
    // Past the default text limit (32 Mi characters): this is about the scanning, not the limit.
    const d = new NdjsonDecoder({ budget: new PayloadBudget({ maxItems: 10, maxTextChars: 64 * 1024 * 1024 }) });
    const out = [];
    for (let at = 0; at < text.length; at += 65536) out.push(...d.feed(text.slice(at, at + 65536)));
    out.push(...d.end());
    assert.equal(out.length, 1);
    const response = out[0]?.kind === 'dict' ? out[0].entries.get('response') : undefined;
    assert.equal(response?.kind === 'str' ? response.value.length : -1, 40 * 1024 * 1024);
    assert.equal(d.charsScanned, text.length);
  });

  it('many lines in one piece and one line in many pieces: still each character once', () => {
    const lines = `${'{"response": "x", "done": false}\n'.repeat(1000)}{"response": "", "done": true}\n`;
    const whole = new NdjsonDecoder();
    assert.equal(whole.feed(lines).length, 1001);
    assert.equal(whole.charsScanned, lines.length);
    const split = new NdjsonDecoder();
    let n = 0;
    for (const c of lines) n += split.feed(c).length;
    assert.equal(n + split.end().length, 1001);
    assert.equal(split.charsScanned, lines.length);
  });
});

describe('rerecord hardening: the endpoint stays under the base URL (item 5)', () => {
  const base = 'http://127.0.0.1:18080/prefix/v1';

  it('refuses . and .. segments, written or percent-encoded in any case', () => {
    for (const endpoint of ['/../../escape/v1/chat/completions', '/%2e%2e/%2E%2E/escape/v1/chat/completions', '/%2e%2E/x', '/.%2e/x', '/v1/./x', '/v1/%2e/x', '/v1/..', '/v1/..%2fx', '/v1/%2e%2e%2fescape']) {
      assert.throws(
        () => requestUrl(base, endpoint),
        (e: unknown) => e instanceof RerecordError && e.kind === 'unsupported' && e.message === `the recorded endpoint ${JSON.stringify(endpoint)} has a . or .. segment, which would leave the base URL's path`,
        endpoint,
      );
    }
    assert.equal(requestUrl(base, '/chat/completions').href, 'http://127.0.0.1:18080/prefix/v1/chat/completions');
    assert.equal(requestUrl(base, '/v1/files/..x/a.b').href, 'http://127.0.0.1:18080/prefix/v1/v1/files/..x/a.b');
  });

  it('refuses an endpoint that is not valid percent-encoding', () => {
    assert.throws(() => requestUrl(base, '/v1/%zz'), (e: unknown) => e instanceof RerecordError && e.message === 'the recorded endpoint "/v1/%zz" is not a plain path');
  });

  it('sends nothing for such a fixture', async () => {
    const t = scripted(200, sse, () => []);
    const text = chatStreamFixture().replace('"endpoint": "/v1/chat/completions"', '"endpoint": "/../../escape/v1/chat/completions"');
    await failsWith(rerecordFixture(text, { baseUrl: base, apiKey: KEY32, transport: t, timeoutMs: 5000 }), 'unsupported', /has a \. or \.\. segment/);
    assert.equal(t.sent.length, 0);
  });

  it('an approval covers the base URL and the path, nothing else', () => {
    assert.equal(approvalScope(requestUrl('http://u:p@127.0.0.1:18080/prefix/v1/', '/chat/completions')), 'http://127.0.0.1:18080/prefix/v1/chat/completions');
    assert.notEqual(approvalScope(requestUrl(base, '/chat/completions')), approvalScope(requestUrl(base, '/embeddings')));
  });
});

describe('rerecord hardening: keep-alives and the overall deadline (item 10)', () => {
  it('comments do not reset the idle timer', async () => {
    let pings = 0;
    const t = scripted(200, sse, async function* () {
      yield event(chatChunk('', null));
      // Far longer than the idle timeout in all, if the pings kept it alive; bounded, so a regression ends.
      for (let i = 0; i < 300; i++) {
        pings++;
        yield ': ping\n\n';
        await pause(10);
      }
    });
    await failsWith(run(chatStreamFixture(), t, { timeoutMs: 200 }), 'timeout', `timed out: ${BASE}/v1/chat/completions sent nothing but keep-alives for 200 ms`);
    assert.ok(pings < 300, `${pings} pings were read`);
  });

  it('a stream that keeps sending items ends at the deadline', async () => {
    let sent = 0;
    const t = scripted(200, sse, async function* () {
      for (let i = 0; i < 3000; i++) {
        sent++;
        yield event(chatChunk('a', null));
        await pause(5);
      }
      yield 'data: [DONE]\n\n';
    });
    await failsWith(run(chatStreamFixture(), t, { timeoutMs: 10_000, deadlineMs: 300 }), 'timeout', `timed out: ${BASE}/v1/chat/completions did not finish within 300 ms`);
    assert.ok(sent < 3000, `${sent} items were read`);
  });
});

describe('rerecord hardening: timer ranges (item 11)', () => {
  it('the core refuses timeouts a timer cannot hold, before sending anything', async () => {
    const t = scripted(200, sse, () => []);
    assert.equal(MAX_TIMER_MS, 2_147_483_647);
    await failsWith(run(chatStreamFixture(), t, { timeoutMs: 2 ** 31 }), 'usage', 'the timeout must be a whole number of milliseconds from 1 to 2147483647, not 2147483648');
    await failsWith(run(chatStreamFixture(), t, { deadlineMs: 0 }), 'usage', 'the deadline must be a whole number of milliseconds from 1 to 2147483647, not 0');
    await failsWith(run(chatStreamFixture(), t, { timeoutMs: 1.5 }), 'usage', 'the timeout must be a whole number of milliseconds from 1 to 2147483647, not 1.5');
    assert.equal(t.sent.length, 0);
  });
});

describe('rerecord hardening: numbers no float holds (item 12)', () => {
  it('refuses "created": 1e400 instead of writing Infinity', async () => {
    const answer = `{"id": "cmpl-1", "object": "text_completion", "created": 1e400, "model": "m", "choices": [{"text": "hi", "index": 0, "logprobs": null, "finish_reason": "stop"}]}`;
    const t = scripted(200, { 'content-type': 'application/json' }, () => [answer]);
    await failsWith(run(completionFixture(false), t), 'malformed', 'the answer holds the number 1e400, which is too large for a 64-bit float (it would be written as Infinity)');
  });

  it('refuses it in a stream too, naming the event', async () => {
    const t = scripted(200, sse, () => [event(chatChunk('a', null)), event(json(chatChunk('b', null)).replace('1800000000', '-1E999')), 'data: [DONE]\n\n']);
    await failsWith(run(chatStreamFixture(), t), 'malformed', 'event 2 holds the number -1E999, which is too large for a 64-bit float (it would be written as -Infinity)');
  });
});

describe('rerecord hardening: a key split across chunks (item 13)', () => {
  it('is found in the joined content', async () => {
    const t = scripted(200, sse, () => [event(chatChunk('', null)), event(chatChunk(`my key is ${KEY32.slice(0, 12)}`, null)), event(chatChunk(`${KEY32.slice(12)}, keep it`, null)), 'data: [DONE]\n\n']);
    await failsWith(run(chatStreamFixture(), t, { apiKey: KEY32 }), 'key-in-response', "the provider's answer contains the API key, so it was not written");
  });

  it('is found in joined tool-call arguments', async () => {
    const tool = (args: string): Record<string, unknown> => ({ ...chatChunk(null, null), choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args } }] }, finish_reason: null }] });
    const t = scripted(200, sse, () => [event(tool('{"k": "')), event(tool(KEY32.slice(0, 3))), event(tool(KEY32.slice(3, 20))), event(tool(`${KEY32.slice(20)}"}`)), 'data: [DONE]\n\n']);
    await failsWith(run(chatStreamFixture(), t, { apiKey: KEY32 }), 'key-in-response', "the provider's answer contains the API key, so it was not written");
  });

  it('is found in an Ollama stream\'s joined response', async () => {
    const lines = [json({ model: 'm', response: KEY32.slice(0, 16), done: false }), json({ model: 'm', response: KEY32.slice(16), done: false }), json({ model: 'm', response: '', done: true })];
    const t = scripted(200, { 'content-type': 'application/x-ndjson' }, () => [`${lines.join('\n')}\n`]);
    await failsWith(run(ollamaGenerateStreamFixture(), t, { apiKey: KEY32 }), 'key-in-response', "the provider's answer contains the API key, so it was not written");
  });

  it('pieces of the key that never join into the whole key are not refused', async () => {
    const t = scripted(200, sse, () => [event(chatChunk(KEY32.slice(0, 12), null)), event(chatChunk(' and ', null)), event(chatChunk(KEY32.slice(12), null)), 'data: [DONE]\n\n']);
    const outcome = (await run(chatStreamFixture(), t, { apiKey: KEY32 })) as { items: number };
    assert.equal(outcome.items, 3);
  });
});

describe('rerecord hardening: messages say what is wrong (item 16)', () => {
  it('an event nested 300 deep is too deep, not invalid JSON', async () => {
    const deep = `${'['.repeat(300)}${']'.repeat(300)}`;
    const t = scripted(200, sse, () => [event(chatChunk('a', null)), event(`{"x": ${deep}}`), 'data: [DONE]\n\n']);
    await failsWith(run(chatStreamFixture(), t), 'malformed', 'event 2 is nested deeper than 256 levels, more than re-recording reads');
  });

  it('a non-streamed answer nested too deep says so as well', async () => {
    const t = scripted(200, { 'content-type': 'application/json' }, () => [`{"choices": ${'['.repeat(400)}${']'.repeat(400)}}`]);
    await failsWith(run(completionFixture(false), t), 'malformed', 'the answer is nested deeper than 256 levels, more than re-recording reads');
  });
});

describe('rerecord hardening: the test-run command is an argument vector (item 1)', () => {
  const hostile = ['$(calc)', 'x" & calc & "', '`calc`', 'a;calc', 'a `$(calc)` b', '$env:USERPROFILE', "it's \"q\" $HOME", 'x\' ; calc ; \'', '%PATH%', 'a|b>c<d^e&f'];

  it('puts the test id, whatever it holds, into exactly one argument', () => {
    for (const id of hostile) {
      assert.deepEqual(testRunCommand('pytest "${testId}" --inference-mode=record', id), { command: 'pytest', args: [id, '--inference-mode=record'] }, id);
      assert.deepEqual(testRunCommand("pytest '${testId}'", id), { command: 'pytest', args: [id] }, id);
      assert.deepEqual(testRunCommand('pytest ${testId} -x', id), { command: 'pytest', args: [id, '-x'] }, id);
    }
  });

  it('splits the template once: quotes group, backslash escapes only quotes, backslashes and spaces', () => {
    assert.deepEqual(testRunCommand('"C:\\\\Program Files\\\\py.exe" -m pytest "${testId}"', 't'), { command: 'C:\\Program Files\\py.exe', args: ['-m', 'pytest', 't'] });
    assert.deepEqual(testRunCommand('C:\\venv\\Scripts\\pytest.exe --id=${testId} \'a "b"\' a\\ b', 't[1]'), { command: 'C:\\venv\\Scripts\\pytest.exe', args: ['--id=t[1]', 'a "b"', 'a b'] });
    assert.deepEqual(testRunCommand('  node   -e  ""  ${testId}  ', 'x'), { command: 'node', args: ['-e', '', 'x'] });
  });

  it('refuses what cannot be made safe: no placeholder, the id as the command, an id that reads as an option, a batch file, an unclosed quote', () => {
    const refused = (template: string, id: string, message: string): void => {
      assert.throws(() => testRunCommand(template, id), (e: unknown) => e instanceof RerecordError && e.message === message, `${template} / ${id}`);
    };
    refused('pytest', 'a', 'the re-record command has no ${testId} placeholder');
    refused('${testId} --x', 'a', 'the re-record command must not start with ${testId}');
    refused('pytest "${testId}"', '--help', "the fixture's test_id starts with -, so the command would read it as an option");
    refused('pytest "${testId}"', '', "the fixture's test_id is empty");
    refused('pytest "${testId}"', 'a\nrm -rf x', "the fixture's test_id holds control characters");
    refused('run.cmd "${testId}"', 'a', 'the re-record command is a batch file, which cmd.exe would run with the test id re-parsed; name an executable');
    refused('pytest "${testId}', 'a', 'the re-record command has an unclosed quote');
  });
});

describe('rerecord hardening: the CLI (items 3, 11, 12)', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-hardening-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  function fixtureFile(text: string): string {
    const dir = mkdtempSync(join(scratch, 'case-'));
    const file = join(dir, 'fixture.json');
    writeFileSync(file, text);
    return file;
  }

  async function cli(file: string, transport: HttpTransport, extra: { timeoutMs?: string; deadlineMs?: string; maxItems?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await rerecordCommand(
      { files: [file], baseUrl: BASE, apiKeyEnv: undefined, timeoutMs: extra.timeoutMs, deadlineMs: extra.deadlineMs },
      { OPENAI_API_KEY: KEY32 },
      (s) => (stdout += s),
      (s) => (stderr += s),
      { transport, limits: extra.maxItems === undefined ? {} : { maxItems: extra.maxItems } },
    );
    return { code, stdout, stderr };
  }

  function assertUnchanged(file: string, original: string): void {
    assert.equal(readFileSync(file, 'utf8'), original);
    assert.deepEqual(readdirSync(join(file, '..')), [basename(file)]);
  }

  it('--timeout-ms and --deadline-ms out of range are usage errors (exit 2), naming the range', async () => {
    const file = fixtureFile(chatStreamFixture());
    const t = scripted(200, sse, () => []);
    for (const [option, value] of [['timeoutMs', '2147483648'], ['timeoutMs', '0'], ['deadlineMs', '99999999999'], ['deadlineMs', 'soon']] as const) {
      const name = option === 'timeoutMs' ? '--timeout-ms' : '--deadline-ms';
      await assert.rejects(cli(file, t, option === 'timeoutMs' ? { timeoutMs: value } : { deadlineMs: value }), (e: unknown) => e instanceof UsageError && e.message === `${name} must be a whole number of milliseconds from 1 to 2147483647, not ${value}`);
    }
    assert.equal(t.sent.length, 0);
  });

  it('too many items: exit 1, one line, the file untouched', async () => {
    const original = chatStreamFixture();
    const file = fixtureFile(original);
    const t = scripted(200, sse, function* () {
      for (let i = 0; i < 50; i++) yield event(chatChunk('a', null));
      yield 'data: [DONE]\n\n';
    });
    const result = await cli(file, t, { maxItems: 10 });
    assert.deepEqual(result, { code: 1, stdout: '', stderr: `fixture-lens: ${file}: re-recording failed, file unchanged: the answer has more than 10 items, more than re-recording holds\n` });
    assertUnchanged(file, original);
  });

  it('1e400 from the server: exit 1, the file untouched (it used to get Infinity and exit 0)', async () => {
    const original = completionFixture(false);
    const file = fixtureFile(original);
    const answer = `{"id": "c", "object": "text_completion", "created": 1e400, "model": "m", "choices": []}`;
    const result = await cli(file, scripted(200, { 'content-type': 'application/json' }, () => [answer]));
    assert.deepEqual(result, { code: 1, stdout: '', stderr: `fixture-lens: ${file}: re-recording failed, file unchanged: the answer holds the number 1e400, which is too large for a 64-bit float (it would be written as Infinity)\n` });
    assertUnchanged(file, original);
  });

  it('the deadline through the CLI: exit 1 with the deadline named', async () => {
    const original = chatStreamFixture();
    const file = fixtureFile(original);
    const t = scripted(200, sse, async function* () {
      for (let i = 0; i < 3000; i++) {
        yield event(chatChunk('a', null));
        await pause(5);
      }
    });
    const result = await cli(file, t, { deadlineMs: '200' });
    assert.deepEqual(result, { code: 1, stdout: '', stderr: `fixture-lens: ${file}: re-recording failed, file unchanged: timed out: ${BASE}/v1/chat/completions did not finish within 200 ms\n` });
    assertUnchanged(file, original);
  });

  it('an answer within the bounds is written', async () => {
    const original = completionFixture(false);
    const file = fixtureFile(original);
    const answer = json({ id: 'c', object: 'text_completion', created: 1, model: 'm', choices: [{ text: 'hi', index: 0, logprobs: null, finish_reason: 'stop' }] });
    const result = await cli(file, scripted(200, { 'content-type': 'application/json' }, () => [answer]), { maxItems: 1 });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(readFileSync(file, 'utf8').includes(`"__type__": "openai.types.completion.Completion"`));
    assert.ok(!readFileSync(file, 'utf8').includes(CHAT_TYPE));
  });
});
