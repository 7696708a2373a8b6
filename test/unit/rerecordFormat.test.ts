// The pure parts of re-recording: the Python-style writer against every real recording (each
// response must come out byte for byte as the recorder wrote it), layout detection, the decoders with
// the stream split at every byte, the endpoint guard and the test-run command's argument vector.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import { PYTHON_INDENT_2, pyEncodeString, writePythonJson } from '../../src/core/ogx/pythonJsonDump';
import { pyJsonFromNode, toPlain, type PyJson } from '../../src/core/ogx/pythonJsonValue';
import {
  MAX_DEPTH,
  NdjsonDecoder,
  RerecordError,
  SseDecoder,
  detectLayout,
  indentationOfLine,
  matchProvider,
  parseProviderSettings,
  parseStrictJson,
  planRerecord,
  requestUrl,
  testRunCommand,
  type PayloadDecoder,
} from '../../src/core/rerecord';

const repoRoot = resolve(__dirname, '..', '..', '..');
const shared = resolve(repoRoot, '../shared');
const corpus = join(shared, 'corpus');
const seeds = join(shared, 'seeds');

function files(dir: string, suffix: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)).sort().map((f) => join(dir, f)) : [];
}

describe('rerecord: Python-style JSON writer', () => {
  it('writes json.dump(indent=2) exactly: separators, empty containers, ints vs floats, ASCII escapes', () => {
    const v = parseStrictJson('{"a": [], "b": {}, "c": [1, 1.0, -0.0, 1e-05, 2.5e+20, 12345678901234567890], "d": "caf\\u00e9 \\ud83d\\ude00 \\u007f \\"q\\" \\\\", "e": null, "f": true}');
    assert.equal(
      writePythonJson(v, PYTHON_INDENT_2),
      '{\n  "a": [],\n  "b": {},\n  "c": [\n    1,\n    1.0,\n    -0.0,\n    1e-05,\n    2.5e+20,\n    12345678901234567890\n  ],\n  "d": "caf\\u00e9 \\ud83d\\ude00 \\u007f \\"q\\" \\\\",\n  "e": null,\n  "f": true\n}',
    );
  });

  it('keeps key order, later duplicate values in the first position, and keys like __proto__ and "1"', () => {
    const v = parseStrictJson('{"z": 1, "__proto__": 2, "1": 3, "z": 4}');
    assert.equal(writePythonJson(v, { ...PYTHON_INDENT_2, kind: 'compact', itemSeparator: ', ' }), '{"z": 4, "__proto__": 2, "1": 3}');
  });

  it('writes raw characters when ensure_ascii is off, escaping only quotes, backslashes, controls and lone surrogates', () => {
    assert.equal(pyEncodeString('é😀\u007f\n"\ud800', false), '"é😀\u007f\\n\\"\\ud800"');
  });

  it('reproduces every corpus response byte for byte from its parsed value, at its own indentation', function () {
    const all = files(corpus, '.json');
    if (all.length === 0) this.skip();
    for (const file of all) {
      const text = readFileSync(file, 'utf8');
      const root = parseTree(text);
      const node = root && findNodeAtLocation(root, ['response']);
      assert.ok(node, file);
      const keyStart = node.parent?.children?.[0]?.offset ?? 0;
      const value = pyJsonFromNode(node, text, MAX_DEPTH);
      assert.ok(value, file);
      const written = writePythonJson(value, detectLayout(text), { baseIndent: indentationOfLine(text, keyStart) });
      assert.equal(written, text.slice(node.offset, node.offset + node.length), file);
    }
  });

  it('reproduces the seeds (indentation collapsed onto one line) byte for byte', function () {
    const all = files(seeds, '.txt');
    if (all.length === 0) this.skip();
    for (const file of all) {
      const text = readFileSync(file, 'utf8');
      const layout = detectLayout(text);
      assert.equal(layout.kind, 'flat', file);
      const root = parseTree(text);
      assert.ok(root);
      const value = pyJsonFromNode(root, text, MAX_DEPTH);
      assert.ok(value, file);
      assert.equal(writePythonJson(value, layout), text, file);
    }
  });

  it('agrees with CPython on floats when python3 is available', function () {
    let python: string;
    const literals = ['0.1', '1e-05', '0.0001', '1e16', '1e15', '123456789.125', '-2.5e-300', '5e-324', '0.30000000000000004', '1.7976931348623157e308', '100.0', '9.999999999999999e-05', '9999999999999998.0', '123456789012345.6', '-0.012345678901234567', '1e-4', '-7.0'];
    try {
      python = execFileSync('python3', ['-c', 'import json,sys; print(json.dumps(json.loads(sys.argv[1]), indent=2))', `[${literals.join(',')}]`], { encoding: 'utf8' });
    } catch {
      this.skip();
    }
    assert.equal(writePythonJson(parseStrictJson(`[${literals.join(',')}]`), PYTHON_INDENT_2), python.trimEnd());
  });
});

describe('rerecord: layout detection', () => {
  it('tells indented (unit, CRLF), flat and compact layouts apart', () => {
    assert.deepEqual(pick(detectLayout('{\r\n    "a": 1\r\n}')), { kind: 'indented', unit: '    ', eol: '\r\n', keySeparator: ': ', ensureAscii: true });
    assert.deepEqual(pick(detectLayout('{ "a": 1, "b": "é" }')), { kind: 'flat', unit: '', eol: '', keySeparator: ': ', ensureAscii: false });
    assert.deepEqual(pick(detectLayout('{"a":1,"b":2}')), { kind: 'compact', unit: '', eol: '', keySeparator: ':', ensureAscii: true });
    assert.equal(detectLayout('{"a": 1, "b": 2}').itemSeparator, ', ');
  });
});

function pick(l: ReturnType<typeof detectLayout>): object {
  return { kind: l.kind, unit: l.unit, eol: l.eol, keySeparator: l.keySeparator, ensureAscii: l.ensureAscii };
}

/** Feeds `text` cut at `cut` into a new decoder and returns the payloads as plain values. */
function decodeSplit(make: () => PayloadDecoder, text: string, cut: number): unknown[] {
  const d = make();
  const out: PyJson[] = [...d.feed(text.slice(0, cut)), ...d.feed(text.slice(cut)), ...d.end()];
  return out.map(toPlain);
}

describe('rerecord: stream decoders', () => {
  it('SSE: the same payloads wherever the bytes are split; comments, keep-alives and [DONE] are not items', () => {
    const text = ': keep-alive\n\ndata: {"a": 1}\n\ndata:{"b": "x\\ny"}\r\n\r\ndata: \n\ndata: [DONE]\n\n';
    for (let cut = 0; cut <= text.length; cut++) assert.deepEqual(decodeSplit(() => new SseDecoder(), text, cut), [{ a: 1 }, { b: 'x\ny' }], `cut at ${cut}`);
  });

  it('SSE: refuses a broken payload, an error payload, an error event, a stray line and a missing [DONE]', () => {
    const fails = (text: string, kind: string, pattern: RegExp): void => {
      assert.throws(() => decodeSplit(() => new SseDecoder(), text, 0), (e: unknown) => e instanceof RerecordError && e.kind === kind && pattern.test(e.message), text);
    };
    fails('data: {"a": \n\ndata: [DONE]\n\n', 'malformed', /event 1 is not valid JSON/);
    fails('data: {"error": {"message": "overloaded"}}\n\n', 'provider-error', /overloaded/);
    fails('event: error\ndata: {"error": {"message": "quota"}}\n\n', 'provider-error', /quota/);
    fails('{"not": "sse"}\n\n', 'malformed', /not an event field/);
    fails('data: {"a": 1}\n\n', 'incomplete', /before \[DONE\]/);
  });

  it('NDJSON: the same payloads wherever split; requires the final done line and nothing after it', () => {
    const text = '{"response": "a", "done": false}\r\n\n{"response": "", "done": true}\n';
    for (let cut = 0; cut <= text.length; cut++) assert.deepEqual(decodeSplit(() => new NdjsonDecoder(), text, cut), [{ response: 'a', done: false }, { response: '', done: true }]);
    assert.throws(() => decodeSplit(() => new NdjsonDecoder(), '{"done": false}\n', 0), /before its final line/);
    assert.throws(() => decodeSplit(() => new NdjsonDecoder(), '{"done": true}\n{"done": true}\n', 0), /after the final/);
    assert.throws(() => decodeSplit(() => new NdjsonDecoder(), '{"error": "model not found"}\n', 0), /model not found/);
  });
});

describe('rerecord: where the request goes', () => {
  it('appends the endpoint to the base URL without its trailing slashes', () => {
    assert.equal(requestUrl('http://127.0.0.1:8080/', '/v1/chat/completions').href, 'http://127.0.0.1:8080/v1/chat/completions');
    assert.equal(requestUrl('https://api.example.com/openai//', '/v1/x').href, 'https://api.example.com/openai/v1/x');
  });

  it('never lets the recorded endpoint move the request to another host', () => {
    for (const endpoint of ['@evil.example/v1', 'evil.example/v1', '/v1?x=@evil.example', '/v1#x', '/v1 x', '\\\\evil.example/v1']) {
      assert.throws(() => requestUrl('https://api.example.com', endpoint), RerecordError, endpoint);
    }
    assert.throws(() => requestUrl('ftp://x', '/v1'), /http/);
    assert.throws(() => requestUrl('https://x/?key=1', '/v1'), /query/);
  });
});

describe('rerecord: test id in the test-run command', () => {
  it('becomes one argument of the command, whatever quotes the template puts around the placeholder', () => {
    const id = `tests/a.py::test_x[it's "q" $HOME \`id\` \\]`;
    assert.deepEqual(testRunCommand('pytest "${testId}" -x', id), { command: 'pytest', args: [id, '-x'] });
    assert.deepEqual(testRunCommand("pytest '${testId}'", "a'b"), { command: 'pytest', args: ["a'b"] });
    assert.deepEqual(testRunCommand('pytest ${testId}', 'a b;rm -rf x'), { command: 'pytest', args: ['a b;rm -rf x'] });
    assert.throws(() => testRunCommand('pytest "${testId}"', 'a\nrm -rf x'), /control characters/);
    assert.throws(() => testRunCommand('pytest', 'a'), /placeholder/);
  });

  it('reaches a real program as exactly that one argument, with no shell in between', () => {
    const id = `tests/a.py::t[it's "q" $(echo pwned) \`x\` \\ * & calc & %PATH%]`;
    // Inside "…" a backslash escapes a backslash (a Windows path); inside '…' nothing is special.
    const node = process.execPath.replace(/\\/g, '\\\\');
    for (const template of [`"${node}" -e "process.stdout.write(process.argv[1])" "\${testId}"`, `'${process.execPath}' -e 'process.stdout.write(process.argv[1])' '\${testId}'`, `"${node}" -e "process.stdout.write(process.argv[1])" \${testId}`]) {
      const { command, args } = testRunCommand(template, id);
      assert.equal(execFileSync(command, [...args], { encoding: 'utf8' }), id, template);
    }
  });
});

describe('rerecord: plan', () => {
  it('refuses dialects it cannot re-record, with the dialect named', () => {
    const text = JSON.stringify({ request: { endpoint: '/v1/chat/completions', body: {} }, response: { body: null, is_exception: true, exception_data: { message: 'x' } } });
    assert.throws(() => planRerecord(text), (e: unknown) => e instanceof RerecordError && e.kind === 'unsupported' && e.message === 're-recording is not supported for exception fixtures');
    assert.throws(() => planRerecord('{"a": 1}'), (e: unknown) => e instanceof RerecordError && e.kind === 'not-fixture');
    assert.throws(() => planRerecord('not json'), (e: unknown) => e instanceof RerecordError && e.kind === 'not-fixture');
  });
});

describe('rerecord: which configured provider a fixture uses', () => {
  const entries = parseProviderSettings([
    { match: 'https://api.openai.com', baseUrl: 'https://proxy.example/openai', secret: 'openai' },
    { match: 'http://0.0.0.0:11434/v1', baseUrl: 'http://localhost:11434', apiKeyEnv: 'NONE' },
    { match: 'http://0.0.0.0:11434', baseUrl: 'http://localhost:11434' },
    { match: 'no base url' },
    'not an object',
  ]);

  it('keeps well-formed entries and says which were skipped', () => {
    assert.equal(entries.entries.length, 3);
    assert.deepEqual(entries.problems, ['entry 4 needs both "match" and "baseUrl"', 'entry 5 needs both "match" and "baseUrl"']);
  });

  it('matches an origin exactly and a path prefix at a path boundary; the most specific entry wins', () => {
    const pick = (url: string | undefined): string | undefined => matchProvider(entries.entries, url)?.match;
    assert.equal(pick('https://api.openai.com/v1/v1/chat/completions'), 'https://api.openai.com');
    assert.equal(pick('https://API.OpenAI.com:443/v1/chat/completions'), 'https://api.openai.com');
    assert.equal(pick('https://api.openai.com.evil.example/v1/chat/completions'), undefined);
    assert.equal(pick('http://0.0.0.0:11434/v1/v1/chat/completions'), 'http://0.0.0.0:11434/v1');
    assert.equal(pick('http://0.0.0.0:11434/v10/x'), 'http://0.0.0.0:11434');
    assert.equal(pick('http://0.0.0.0:11434/api/generate'), 'http://0.0.0.0:11434');
    assert.equal(pick(undefined), undefined);
  });
});
