import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pyUrlParse } from '../../src/core/ogx/pyUrlParse';
import { pythonJsonDumps } from '../../src/core/ogx/pythonJsonDump';
import { memberOffset, parsePythonJson, rawJsonValue } from '../../src/core/ogx/pythonJsonParse';
import { checkFileNameHash, modelListDigests, recomputeRequestHashes, recordedFileName } from '../../src/core/ogx/requestHash';
import { pyFormatFixed, pyRound } from '../../src/core/ogx/requestNormalize';
import { CURRENT_HASH_RULES, HASH_RULE_SETS, hashRuleSet } from '../../src/core/ogx/hashRules';
import { describeNameVerdict, explainRecordingName, RuleHashes } from '../../src/core/ogx/recordingName';
import { readRequest } from '../../src/core/ogx/requestMembers';
import { repoRoot } from '../support/paths';

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

  it("names every 64-hex file by today's rules but the edited one and the file processors, every 12-hex one by the first recorder's", function () {
    const tally: Record<string, number> = {};
    for (const f of files) {
      const text = readFileSync(join(corpus, f), 'utf8');
      const fx = loadFixture(join(corpus, f));
      const verdict = explainRecordingName(fx.name, new RuleHashes(readRequest(text, memberOffset(text, ['request'])!), fx.testId));
      const key = verdict.status === 'older' ? `older:${verdict.rules.id}` : verdict.status;
      tally[key] = (tally[key] ?? 0) + 1;
      if (/^(models-)?[0-9a-f]{12}[-.]/.test(fx.name)) assert.equal(key, 'older:legacy', f);
    }
    assert.deepEqual(tally, { current: 49, 'older:legacy': 35, 'older:file-processors': 2, edited: 1 });
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

// ---------------------------------------------------------------------------
// The recorder's rule sets, against hashes Python computed (hash-vectors/make_vectors.py writes vectors.json).

interface HashVector {
  name: string;
  testId: string | null;
  requestText: string;
  hashes: Record<string, string>;
}

const hashVectors = (): { vectors: HashVector[]; digests: { name: string; endpoint: string; ids: string[]; sha1: string; sha256: string }[] } =>
  JSON.parse(readFileSync(join(process.env['FIXTURE_LENS_ROOT'] ?? repoRoot(), 'test', 'unit', 'hash-vectors', 'vectors.json'), 'utf8')) as never;

const hashesOf = (v: HashVector): RuleHashes => new RuleHashes(readRequest(v.requestText, 0, true), v.testId);

describe('hash rule sets', () => {
  it('are listed newest first, each named and dated, today\'s first', () => {
    assert.deepEqual(HASH_RULE_SETS.map((s) => [s.id, s.since]), [
      ['file-search', '2026-04'], ['models-by-suffix', '2026-04'], ['file-processors', '2026-03'], ['numbers', '2025-10'], ['test-id', '2025-10-04'], ['legacy', '2025-07-29'],
    ]);
    assert.equal(CURRENT_HASH_RULES.id, 'file-search');
    for (const set of HASH_RULE_SETS) assert.ok(set.title.length > 10, set.id);
  });

  it('compute every hash Python computed, for every rule set and test-context variant', () => {
    const { vectors } = hashVectors();
    assert.equal(vectors.length, 13);
    let compared = 0;
    for (const v of vectors) {
      const hashes = hashesOf(v);
      for (const set of HASH_RULE_SETS) {
        const expected = v.hashes[set.id];
        assert.equal(hashes.hash(set), expected, `${v.name} under ${set.id}`);
        const nullExpected = v.hashes[`${set.id}/no-test-context`];
        if (nullExpected !== undefined) assert.equal(hashes.hash(set, true), nullExpected, `${v.name} under ${set.id} with no test context`);
        if (expected !== undefined) compared++;
      }
    }
    assert.equal(compared, 59);
  });

  it('tell apart the bodies each normalization changes', () => {
    const { vectors } = hashVectors();
    const byName = new Map(vectors.map((v) => [v.name, v]));
    const differ = (name: string, a: string, b: string): boolean => byName.get(name)!.hashes[a] !== byName.get(name)!.hashes[b];
    assert.equal(differ('chat-plain', 'file-search', 'test-id'), false);
    assert.equal(differ('chat-floats', 'numbers', 'test-id'), true);
    assert.equal(differ('chat-floats', 'file-search', 'numbers'), false);
    assert.equal(differ('chat-file-search', 'file-search', 'numbers'), true);
    assert.equal(differ('chat-bedrock', 'numbers', 'test-id'), true);
    assert.equal(differ('models-doubled-v1', 'file-search', 'models-by-suffix'), true);
    assert.equal(differ('models-with-test', 'file-search', 'models-by-suffix'), false);
    assert.equal(differ('http-rerank', 'file-search', 'numbers'), true);
  });

  it('reproduce the model-list digests', () => {
    for (const d of hashVectors().digests) {
      const body = JSON.stringify(d.endpoint === '/api/tags' ? { __type__: 'ollama._types.ListResponse', __data__: { models: d.ids.map((model) => ({ model })) } } : d.ids.map((id) => ({ __type__: 'openai.types.model.Model', __data__: { id } })));
      assert.deepEqual(modelListDigests(d.endpoint, body), { sha1: d.sha1, sha256: d.sha256 }, d.name);
    }
  });
});

describe('explainRecordingName', () => {
  const vector = (name: string): HashVector => hashVectors().vectors.find((v) => v.name === name)!;

  it('finds nothing to say about a file named by today\'s rules', () => {
    const v = vector('chat-file-search');
    const verdict = explainRecordingName(`${v.hashes['file-search']}.json`, hashesOf(v));
    assert.deepEqual(verdict, { status: 'current', found: v.hashes['file-search'], current: v.hashes['file-search'] });
    assert.equal(describeNameVerdict(verdict, v.testId), undefined);
  });

  it('names the older set that explains the name, and since when the recorder computes otherwise', () => {
    const v = vector('chat-file-search');
    const verdict = explainRecordingName(`${v.hashes['numbers']}.json`, hashesOf(v));
    assert.equal(verdict.status, 'older');
    assert.ok(verdict.status === 'older');
    assert.equal(verdict.rules.id, 'numbers');
    assert.equal(verdict.changedSince, '2026-04');
    assert.equal(describeNameVerdict(verdict, v.testId),
      `The file name is the request's hash under the recorder's rules "floats and long decimals rounded to 5 places" (numbers, since 2025-10); since 2026-04 the recorder computes ${v.hashes['file-search']} instead, so replay will not find this file.`);

    const floats = vector('chat-floats');
    const old = explainRecordingName(`${floats.hashes['test-id']}.json`, hashesOf(floats));
    assert.ok(old.status === 'older');
    assert.deepEqual([old.rules.id, old.changedSince, old.noTestContext], ['test-id', '2025-10', false]);

    const legacy = explainRecordingName(`${floats.hashes['legacy']!.slice(0, 12)}.json`, hashesOf(floats));
    assert.ok(legacy.status === 'older');
    assert.deepEqual([legacy.rules.id, legacy.changedSince], ['legacy', '2025-10-04']);
    assert.match(describeNameVerdict(legacy, floats.testId)!, /^The file name is the first 12 hex digits of the request's hash under the recorder's rules "first recorder: no test id, 12-hex file names" \(legacy, since 2025-07-29\); since 2025-10-04 the recorder computes [0-9a-f]{64} instead/);
  });

  it('tells a model list named by the suffix rule, and a hash made with no test context', () => {
    const v = vector('models-doubled-v1');
    const suffix = explainRecordingName(`models-${v.hashes['models-by-suffix']}-8e7053e4.json`, hashesOf(v));
    assert.ok(suffix.status === 'older');
    assert.deepEqual([suffix.rules.id, suffix.changedSince, suffix.current], ['models-by-suffix', '2026-04', v.hashes['file-search']]);
    const noContext = explainRecordingName(`${vector('chat-plain').hashes['file-search/no-test-context']}.json`, hashesOf(vector('chat-plain')));
    assert.ok(noContext.status === 'older');
    assert.deepEqual([noContext.rules.id, noContext.noTestContext, noContext.changedSince], ['file-search', true, undefined]);
    assert.equal(describeNameVerdict(noContext, vector('chat-plain').testId),
      `The file name is the request's hash with no test context (test_id hashed as null), but replay of ${vector('chat-plain').testId} computes ${vector('chat-plain').hashes['file-search']}, so replay will not find this file.`);
  });

  it('says "edited after recording" when no set explains the name, and knows tool and HTTP recordings', () => {
    const v = vector('chat-plain');
    const edited = explainRecordingName(`${'0'.repeat(64)}.json`, hashesOf(v));
    assert.deepEqual(edited, { status: 'edited', kind: 'inference', found: '0'.repeat(64), current: v.hashes['file-search'] });
    const tool = vector('tool');
    assert.equal(explainRecordingName(`${tool.hashes['file-search']}.json`, hashesOf(tool)).status, 'current');
    const http = vector('http-rerank');
    const httpOld = explainRecordingName(`${http.hashes['numbers']}.json`, hashesOf(http));
    assert.ok(httpOld.status === 'older');
    assert.equal(httpOld.rules.id, 'numbers');
    assert.equal(explainRecordingName('notes.json', hashesOf(v)).status, 'not-hash-named');
  });

  it('calls a file-processor recording one the recorder no longer reads', () => {
    const hashes = new RuleHashes(readRequest('{"test_id": "t.py::x", "provider": "pypdf", "api": "file_processors", "file_id": "file-1"}', 0, true), 't.py::x');
    const verdict = explainRecordingName(`${'a'.repeat(64)}.json`, hashes);
    assert.ok(verdict.status === 'older');
    assert.deepEqual([verdict.kind, verdict.rules.id, verdict.changedSince, verdict.current], ['file-processor', 'file-processors', '2026-04', undefined]);
    assert.equal(describeNameVerdict(verdict, 't.py::x'),
      'This file records a file-processor call, under the recorder\'s rules "file-processor calls recorded" (file-processors, since 2026-03); since 2026-04 the recorder runs file processors for real and never reads such a file.');
    assert.equal(hashRuleSet('nope'), undefined);
  });
});
