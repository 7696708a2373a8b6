import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pyUrlParse } from '../../src/core/ogx/pyUrlParse';
import { pythonJsonDumps } from '../../src/core/ogx/pythonJsonDump';
import { parsePythonJson, rawJsonValue } from '../../src/core/ogx/pythonJsonParse';
import { checkFileNameHash, modelListDigests, recomputeRequestHashes, recordedFileName } from '../../src/core/ogx/requestHash';
import { pyFormatFixed, pyRound } from '../../src/core/ogx/requestNormalize';

// Every expected string below was produced by CPython 3 with
// json.dumps(json.loads(src), sort_keys=True).
const dumps = (src: string): string => pythonJsonDumps(parsePythonJson(src), { sortKeys: true });

describe('pythonJsonDumps', () => {
  it('keeps the int/float distinction of the source literal', () => {
    assert.equal(dumps('[1, 1.0, -0, -0.0, 1e5, 1E5, 2.50, 0.1]'), '[1, 1.0, 0, -0.0, 100000.0, 100000.0, 2.5, 0.1]');
  });

  it('prints floats like Python repr: shortest digits, scientific below 1e-4 and from 1e16', () => {
    assert.equal(dumps('[0.0001, 0.00001, 1e-05, 1e16, 1e15, 123456789012345678.0, 1.5e300, 5e-324, 1.7976931348623157e308]'),
      '[0.0001, 1e-05, 1e-05, 1e+16, 1000000000000000.0, 1.2345678901234568e+17, 1.5e+300, 5e-324, 1.7976931348623157e+308]');
    assert.equal(dumps('[0.30000000000000004, 100.0, 1e22, 1.0e-7, 12345.678]'), '[0.30000000000000004, 100.0, 1e+22, 1e-07, 12345.678]');
  });

  it('prints big ints exactly and overflowing floats as Infinity', () => {
    assert.equal(dumps('[123456789012345678901234567890, -9007199254740993]'), '[123456789012345678901234567890, -9007199254740993]');
    assert.equal(dumps('[1e400, -1e400, NaN, Infinity, -Infinity]'), '[Infinity, -Infinity, NaN, Infinity, -Infinity]');
  });

  it('escapes to ASCII: lower-case \\u, surrogate pairs for astral chars, DEL, controls', () => {
    assert.equal(dumps('"caf\u00e9 \u20ac \ud83d\ude00"'), '"caf\\u00e9 \\u20ac \\ud83d\\ude00"');
    assert.equal(dumps('"a\\"b\\\\c\\/d\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f"'), '"a\\"b\\\\c/d\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f"');
    assert.equal(dumps('"\\ud800 lone"'), '"\\ud800 lone"');
    assert.equal(dumps('"<>&\'"'), '"<>&\'"');
  });

  it('sorts keys by code point at every level, with separators ", " and ": "', () => {
    const src = '{"b": {"z": 1, "\u00e9": 2, "a": [{"y": null, "x": true}]}, "a": false, "\ud83d\ude00": 1, "\uffff": 2, "B": 3}';
    assert.equal(dumps(src), '{"B": 3, "a": false, "b": {"a": [{"x": true, "y": null}], "z": 1, "\\u00e9": 2}, "\\uffff": 2, "\\ud83d\\ude00": 1}');
    assert.equal(dumps('{"a": [], "b": {}}'), '{"a": [], "b": {}}');
  });

  it('keeps insertion order without sortKeys, and the last of duplicate keys', () => {
    assert.equal(pythonJsonDumps(parsePythonJson('{"b": 1, "a": 2, "b": 3}')), '{"b": 3, "a": 2}');
  });

  it('rejects what json.loads rejects', () => {
    for (const bad of ['{"a": 1,}', '[1 2]', '01', '{a: 1}', '"\u0001"', '1 2', '', '// c\n1']) {
      assert.throws(() => parsePythonJson(bad), SyntaxError, bad);
    }
  });
});

describe('Python numeric helpers', () => {
  it('round(x, 5) and f"{x:.5f}" round the exact binary value half to even', () => {
    assert.equal(pyRound(0.015625, 5), 0.01562); // an exact tie: toFixed would give 0.01563
    assert.equal(pyRound(0.123456789, 5), 0.12346);
    assert.ok(Object.is(pyRound(-0.000001, 5), -0));
    assert.equal(pyRound(2.675, 2), 2.67);
    assert.equal(pyFormatFixed(-0.000001, 5), '-0.00000');
    assert.equal(pyFormatFixed(12345678901234567890.12345, 5), '12345678901234567168.00000');
    assert.equal(pyFormatFixed(Infinity, 5), 'inf');
  });

  it('urlparse keeps the doubled /v1 and handles the vertexai:// form', () => {
    assert.equal(pyUrlParse('https://api.openai.com/v1/v1/chat/completions').path, '/v1/v1/chat/completions');
    assert.deepEqual(pyUrlParse('vertexai:///generate_content'), { scheme: 'vertexai', netloc: '', path: '/generate_content' });
    assert.equal(pyUrlParse('__databricks__/serving-endpoints/chat/completions').path, '__databricks__/serving-endpoints/chat/completions');
    assert.equal(pyUrlParse('http://h:1/a;p/b;q?x#y').path, '/a;p/b');
  });
});

describe('recomputeRequestHashes', () => {
  const req = JSON.stringify({ method: 'POST', url: 'http://localhost:11434/v1/v1/chat/completions', headers: {}, body: { model: 'm', temperature: 0.1234567, messages: [{ role: 'user', content: 'score: 0.912345 hi' }] }, endpoint: '/v1/chat/completions', model: 'm' });

  it('labels every scheme and differs between raw and normalized bodies', () => {
    const hashes = recomputeRequestHashes(req, 'tests/x.py::t');
    const schemes = hashes.map((h) => h.scheme);
    assert.deepEqual(schemes, ['legacy', 'legacy+test_id', 'legacy+test_id=null', 'normalized', 'normalized+test_id', 'normalized+test_id=null', 'normalized-v2', 'normalized-v2+test_id', 'normalized-v2+test_id=null']);
    assert.equal(new Set(hashes.map((h) => h.hash)).size, hashes.length);
    for (const h of hashes) assert.match(h.hash, /^[0-9a-f]{64}$/);
  });

  it('reproduces a hash computed by CPython', () => {
    // hashlib.sha256(json.dumps({"method": "POST", "endpoint": "/v1/v1/chat/completions", "body": {...}}, sort_keys=True).encode())
    const legacy = recomputeRequestHashes(req).find((h) => h.scheme === 'legacy');
    assert.equal(legacy?.hash, '604055f50619e7c9493221544f18dfa5c9baa9292065ab0050755291dcfc38bf');
  });
});

describe('file names', () => {
  it('strips a corpus prefix only in front of a recorder file name', () => {
    assert.equal(recordedFileName('/x/v1__0b3f2e4754ff.json'), '0b3f2e4754ff.json');
    assert.equal(recordedFileName('a__b__models-4a3a4447b16b-3057338f.json'), 'models-4a3a4447b16b-3057338f.json');
    assert.equal(recordedFileName('C:\\r\\my__notes.json'), 'my__notes.json');
    assert.equal(checkFileNameHash('000_79cd4ae94dc9bfc3.txt', '{}').status, 'not-hash-named');
  });
});

// ---------------------------------------------------------------------------
// The real recordings.

function findShared(): string | undefined {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, '..', 'shared');
    if (existsSync(join(candidate, 'corpus'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

interface Fixture {
  name: string;
  requestText: string;
  testId: string | null | undefined;
  responseBodyText: string | undefined;
}

// The request's exact text, sliced from the file: the hash depends on literals.
function loadFixture(path: string): Fixture {
  const text = readFileSync(path, 'utf8');
  const testIdText = rawJsonValue(text, ['test_id']); // absent in older recordings
  const testId = testIdText === undefined ? undefined : parsePythonJson(testIdText);
  return {
    name: recordedFileName(path),
    requestText: rawJsonValue(text, ['request'])!,
    testId: testId === undefined ? undefined : testId.kind === 'str' ? testId.value : null,
    responseBodyText: rawJsonValue(text, ['response', 'body']),
  };
}

// Files whose name cannot be recomputed from what they contain, and why.
const KNOWN_UNMATCHED: Record<string, string> = {
  // The chunks inside carry id "rec-6fa373f65715": the recorder writes
  // rec-<first 12 hex of the request hash>, so this response was recorded
  // under another hash than the file's name and neither 6fa373f65715… nor
  // 4094a6c77e0e… is reproduced by the request now in the file: the file was
  // renamed and its request edited after recording (seen in the real repo,
  // skamenan7/llama-stack@a1599de7 tests/integration/responses/recordings/).
  '4094a6c77e0e1866a71914bf7fc94c272b71fadb1a6be6c88d4a9a809e6cdcc4.json': 'mismatch',
  // File-processor recordings ({test_id, provider: "pypdf", api: "file_processors", file_id}):
  // the recorder version that wrote them is not in any stored history, and later
  // versions stopped recording file processors. No dict built from the stored
  // fields reproduces the name, so the hash covered something the file lacks.
  '268e65efffed6ba43c3c66d97dddf134f48456bf3a9ac1ba5ecf38fe50c39044.json': 'unverifiable',
  'a2af3b8ac57ba3af00bf2685bd6f7df3a16d888201a99ea7910ff37f1cf25ca0.json': 'unverifiable',
};

describe('corpus file names', function () {
  const shared = findShared();
  const corpus = shared ? join(shared, 'corpus') : '';
  const files = shared ? readdirSync(corpus).filter((f) => f.endsWith('.json')).sort() : [];

  before(function () {
    if (!shared) {
      console.log('      ../shared/corpus not found: skipping the corpus checks');
      this.skip();
    }
  });

  it('matches every hash-named recording under some scheme (or a documented exception)', function () {
    const report: string[] = [];
    let matched = 0;
    for (const f of files) {
      const fx = loadFixture(join(corpus, f));
      const check = checkFileNameHash(fx.name, fx.requestText, fx.testId, { responseBodyJsonText: fx.responseBodyText });
      report.push(`${check.status.padEnd(14)} ${check.scheme ?? ''} ${f}`);
      if (check.status === 'match') matched++;
      const known = KNOWN_UNMATCHED[fx.name];
      assert.equal(check.status, known ?? 'match', `${f}: ${JSON.stringify(check).slice(0, 300)}`);
      if (check.digest) assert.ok(check.digest.matches, `${f}: model digest ${JSON.stringify(check.digest)}`);
    }
    console.log(report.map((l) => `      ${l}`).join('\n'));
    console.log(`      ${matched}/${files.length} corpus file names match their request`);
    assert.equal(matched, files.length - Object.keys(KNOWN_UNMATCHED).length);
  });

  it('checks the model-list digest in models-<hash>-<digest> names (sha1 in old, sha256 in new)', function () {
    const models = files.filter((f) => f.includes('models-'));
    assert.equal(models.length, 3);
    for (const f of models) {
      const fx = loadFixture(join(corpus, f));
      const endpoint = (parsePythonJson(fx.requestText) as { entries: Map<string, { value: string }> }).entries.get('endpoint')!.value;
      const digest = /-([0-9a-f]{8})\.json$/.exec(f)![1]!;
      const d = modelListDigests(endpoint, fx.responseBodyText!)!;
      assert.ok(d.sha1 === digest || d.sha256 === digest, f);
    }
  });

  it('reports an edited request (one changed character) as a mismatch', function () {
    const fx = loadFixture(join(corpus, 'v1__0b3f2e4754ff.json'));
    assert.equal(checkFileNameHash(fx.name, fx.requestText, fx.testId).status, 'match');
    const edited = fx.requestText.replace('capital of France', 'capital of Frances');
    assert.notEqual(edited, fx.requestText);
    const check = checkFileNameHash(fx.name, edited, fx.testId);
    assert.equal(check.status, 'mismatch');
    assert.equal(check.found, '0b3f2e4754ff');
    assert.ok(check.expected!.every((h) => h.length === 12 && h !== '0b3f2e4754ff'));

    const full = loadFixture(join(corpus, 'inference__a1e4350b0157d85e74c9f661b2d0510434212d7f36fbc1eddacdaf5a62520dd3.json'));
    assert.equal(checkFileNameHash(full.name, full.requestText, full.testId).status, 'match');
    const i = full.requestText.indexOf('"content": "') + 12;
    const flipped = full.requestText.slice(0, i) + (full.requestText[i] === 'X' ? 'Y' : 'X') + full.requestText.slice(i + 1);
    assert.equal(checkFileNameHash(full.name, flipped, full.testId).status, 'mismatch');
  });

  it('stops at the first match without changing the answer, and lists a mismatch in the usual order', function () {
    for (const f of files) {
      const fx = loadFixture(join(corpus, f));
      const all = checkFileNameHash(fx.name, fx.requestText, fx.testId, { responseBodyJsonText: fx.responseBodyText });
      const first = checkFileNameHash(fx.name, fx.requestText, fx.testId, { responseBodyJsonText: fx.responseBodyText, firstMatch: true });
      assert.equal(first.status, all.status, f);
      assert.equal(first.scheme, all.scheme, f);
      assert.deepEqual(first.digest, all.digest, f);
    }
    const full = loadFixture(join(corpus, 'inference__a1e4350b0157d85e74c9f661b2d0510434212d7f36fbc1eddacdaf5a62520dd3.json'));
    const i = full.requestText.indexOf('"content": "') + 12;
    const flipped = full.requestText.slice(0, i) + (full.requestText[i] === 'X' ? 'Y' : 'X') + full.requestText.slice(i + 1);
    const first = checkFileNameHash(full.name, flipped, full.testId, { firstMatch: true });
    assert.equal(first.status, 'mismatch');
    assert.deepEqual(first, checkFileNameHash(full.name, flipped, full.testId));
  });
});

describe('rawJsonValue', () => {
  it('returns the exact source text at a path, last duplicate winning', () => {
    const text = '{ "a": 1, "request" : { "x" : 1.0,\n "y": [1e5] }, "r": {"body": "s"}, "a": 2.50 }';
    assert.equal(rawJsonValue(text, ['request']), '{ "x" : 1.0,\n "y": [1e5] }');
    assert.equal(rawJsonValue(text, ['r', 'body']), '"s"');
    assert.equal(rawJsonValue(text, ['a']), '2.50');
    assert.equal(rawJsonValue(text, ['missing']), undefined);
  });
});
