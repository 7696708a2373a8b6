// Every hand-made broken fixture in fixtures/broken through the core, read the way the CLI reads a file:
// the exact code, severity, 1-based line/column range, message and path of each diagnostic. And the two
// seeds (the user's own recordings) with none at all.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { toCliDiagnostic, type CliDiagnostic } from '../../src/cli/validateCommand';
import { analyzeFixture, decodeFixtureBytes, LineIndex, type FixtureAnalysis } from '../../src/core';
import { rawJsonValue } from '../../src/core/ogx/pythonJsonParse';
import { checkFileNameHash } from '../../src/core/ogx/requestHash';

// Built to dist/test/unit/diagnostics.test.js: three levels below the repository.
const ROOT = resolve(__dirname, '..', '..', '..');
const BROKEN = join(ROOT, 'fixtures', 'broken');
const SHARED_SEEDS = resolve(ROOT, '..', 'shared', 'seeds');
const HASH_NAMED = 'request-hash-mismatch/330ca9cc980b32049b9f44ad02393236eb156daccf2a69ebb5b8568279ccf02d.json';

/** [code, severity, line, column, endLine, endColumn, message, path]: the CLI's fields, compact. */
type Row = [string, string, number, number, number, number, string, (string | number)[]];

const EXPECTED: Record<string, Row[]> = {
  'byte-order-mark.json': [['byte-order-mark', 'error', 1, 1, 1, 2, "The file starts with a UTF-8 byte order mark, which JSON readers such as Python's json.load reject.", []]],
  'chunk-schema-content-number.json': [
    ['chunk-schema', 'error', 112, 28, 112, 30, 'choices[0].delta.content: expected string or null, got number', ['response', 'body', 3, '__data__', 'choices', 0, 'delta', 'content']],
  ],
  'content-after-finish.json': [
    ['content-after-finish', 'warning', 841, 28, 841, 31, 'response.body[30] adds content to choice 0 after its finish reason was set.', ['response', 'body', 30, '__data__', 'choices', 0, 'delta', 'content']],
  ],
  'duplicate-key.json': [
    [
      'duplicate-key', 'warning', 167, 13, 167, 22,
      'response.body[5].__data__.choices[0].delta.content: the key "content" appears more than once in this object; only the last value is kept.',
      ['response', 'body', 5, '__data__', 'choices', 0, 'delta', 'content'],
    ],
  ],
  'empty-file.json': [['empty-file', 'error', 1, 1, 1, 1, 'The file is empty: a fixture is a JSON object with "request" and "response".', []]],
  'envelope-schema-missing-response.json': [['envelope-schema', 'error', 1, 1, 22, 2, 'response: missing (expected object)', ['response']]],
  'inconsistent-id.json': [
    [
      'inconsistent-id', 'warning', 216, 17, 216, 57,
      'response.body[7] has id "chatcmpl-CEJ4ZkQm3bWvYp7TnRcXa2LdF9sEe" but the rest of the stream has "chatcmpl-CEJ4YgXaankbE48HnjQRbK12f0asD".',
      ['response', 'body', 7, '__data__', 'id'],
    ],
  ],
  'inconsistent-model.json': [
    ['inconsistent-model', 'warning', 286, 20, 286, 44, 'response.body[9] has model "gpt-4o-mini-2024-07-18" but the rest of the stream has "gpt-4o-2024-08-06".', ['response', 'body', 9, '__data__', 'model']],
  ],
  'json-syntax-truncated.json': [['json-syntax', 'error', 517, 28, 517, 33, 'Unterminated string (the file ends here: it may have been cut off)', []]],
  'missing-finish-reason.json': [
    ['missing-finish-reason', 'warning', 807, 7, 833, 8, 'The stream never gives a finish reason for choice 0; it may have been cut off.', ['response', 'body', 29]],
  ],
  'mixed-dialect.json': [
    ['mixed-dialect', 'error', 295, 21, 295, 49, 'response.body[10] is __type__ "ollama._types.ChatResponse", which does not belong in this openai-chat-stream body.', ['response', 'body', 10, '__type__']],
  ],
  'not-text-latin1.json': [
    ['not-text', 'error', 11, 102, 11, 103, 'The file is not valid UTF-8 (first bad byte at byte offset 314); it may be binary or in another encoding.', []],
  ],
  [HASH_NAMED]: [
    [
      'request-hash-mismatch', 'info', 2, 14, 21, 4,
      'The file name says request hash 330ca9cc980b32049b9f44ad02393236eb156daccf2a69ebb5b8568279ccf02d, but the recorded request hashes to 9f4cfb827058847b238ba7f4e59fbe140d559f916ffa2114eee536c2b1586ece: the request was edited after recording, so replay will not find this file.',
      ['request'],
    ],
  ],
  'secret-in-fixture.json': [
    [
      'secret-in-fixture', 'warning', 4, 72, 4, 113,
      'request.url: looks like a credential in the URL\'s access_token parameter ("ya29.F…0000"): redact it and rotate the key',
      ['request', 'url'],
    ],
    [
      'secret-in-fixture', 'warning', 6, 32, 6, 76,
      'request.headers.Authorization: looks like an OpenAI API key ("sk-pro…4f2a"): redact it and rotate the key',
      ['request', 'headers', 'Authorization'],
    ],
  ],
  'request-stream-mismatch.json': [['request-stream-mismatch', 'error', 17, 17, 17, 22, 'request.body.stream is false but response.is_streaming is true.', ['request', 'body', 'stream']]],
  'streaming-mismatch.json': [['streaming-mismatch', 'error', 64, 21, 64, 25, 'is_streaming is true but response.body is a single object, not a list of chunks.', ['response', 'is_streaming']]],
  'tool-arguments-invalid.json': [
    [
      'tool-arguments-invalid', 'warning', 95, 36, 95, 51,
      'Tool call 0 (get_weather) of choice 0: the joined arguments are not valid JSON (closing brace expected at the end).',
      ['response', 'body', 1, '__data__', 'choices', 0, 'delta', 'tool_calls', 0, 'function', 'arguments'],
    ],
  ],
  'unknown-dialect.json': [['unknown-dialect', 'info', 18, 13, 31, 6, 'The response has a shape Fixture Lens does not recognise; it is shown as JSON.', ['response', 'body']]],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

/** As `fixture-lens validate` reads a file: bytes decoded by the core, the base name checked against the request hash. */
function analyzeFile(file: string): { text: string; analysis: FixtureAnalysis; diagnostics: CliDiagnostic[] } {
  const decoded = decodeFixtureBytes(readFileSync(file));
  const analysis = analyzeFixture(decoded.text, { fileName: basename(file), prior: decoded.diagnostics });
  const lines = new LineIndex(decoded.text);
  return { text: decoded.text, analysis, diagnostics: analysis.diagnostics.map((d) => toCliDiagnostic(d, lines)) };
}

function rowsOf(diagnostics: readonly CliDiagnostic[]): Row[] {
  return diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.endLine, d.endColumn, d.message, [...d.path]]);
}

describe('broken fixtures: diagnostics', () => {
  const files = filesUnder(BROKEN)
    .filter((f) => f.endsWith('.json'))
    .map((f) => relative(BROKEN, f).split('\\').join('/'));

  it('has an expectation for every file in fixtures/broken, and a file for every expectation', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: ${expected.map((r) => `${r[1]} ${r[0]}`).join(', ')}`, () => {
      assert.deepEqual(rowsOf(analyzeFile(join(BROKEN, name)).diagnostics), expected);
    });
  }

  it('each file shows one defect class and is named after it', () => {
    for (const [name, expected] of Object.entries(EXPECTED)) {
      const codes = [...new Set(expected.map((r) => r[0]))];
      assert.equal(codes.length, 1, `${name} mixes ${codes.join(', ')}`);
      assert.ok(name.startsWith(codes[0] as string), `${name} is not named after ${codes[0]}`);
    }
  });

  it('the hash-named fixture was named after its request before the request was edited', () => {
    const text = readFileSync(join(BROKEN, HASH_NAMED), 'utf8');
    const edited = rawJsonValue(text, ['request']);
    assert.ok(edited !== undefined && edited.includes('starting with letter J?'));
    const original = edited.replace('starting with letter J?', 'starting with letter S?');
    const name = basename(HASH_NAMED);
    assert.equal(checkFileNameHash(name, original).status, 'match');
    assert.equal(checkFileNameHash(name, edited).status, 'mismatch');
  });

  it('the derived fixtures are laid out as the recorder writes them: 2-space indentation and a final newline', () => {
    // Files whose defect is in the bytes or the syntax cannot round-trip through JSON.parse.
    const notRoundTripping = new Set(['byte-order-mark.json', 'duplicate-key.json', 'empty-file.json', 'json-syntax-truncated.json', 'not-text-latin1.json']);
    for (const name of files.filter((f) => !notRoundTripping.has(f))) {
      const text = readFileSync(join(BROKEN, name), 'utf8');
      assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`, name);
    }
  });
});

describe('seeds: no diagnostics', () => {
  const seeds = [
    { file: 'seed-planet.txt', shared: '000_79cd4ae94dc9bfc3.txt', chunks: 31, content: 'The planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.' },
    { file: 'seed-image.txt', shared: '002_e65ddcd7b7ec4378.txt', chunks: 28, content: 'THE TEAMS PLAYING IN THE IMAGE ARE THE CLEVELAND CAVALIERS AND THE BROOKLYN NETS.' },
  ];
  for (const seed of seeds) {
    it(`${seed.file} is a ${seed.chunks}-chunk openai-chat-stream with no diagnostic at all`, () => {
      const { analysis, diagnostics } = analyzeFile(join(ROOT, 'fixtures', seed.file));
      assert.deepEqual(diagnostics, []);
      assert.equal(analysis.dialect, 'openai-chat-stream');
      assert.equal(analysis.items.length, seed.chunks);
      assert.deepEqual(
        analysis.reassembly.choices.map((c) => [c.content, c.finishReason]),
        [[seed.content, 'stop']],
      );
    });
    it(`${seed.file} is a byte-for-byte copy of shared/seeds/${seed.shared}`, function () {
      const shared = join(SHARED_SEEDS, seed.shared);
      if (!existsSync(shared)) this.skip();
      assert.ok(readFileSync(join(ROOT, 'fixtures', seed.file)).equals(readFileSync(shared)));
    });
  }
});
