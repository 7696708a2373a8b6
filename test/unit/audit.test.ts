// auditSuite on a suite made here: each finding kind, with and without a collected test list, and the pieces
// it is made of (test ids, pytest's collected list, Python test sources, pytest-recording's cassette names).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditSuite, resolveRelative, rootFromLocation, type AuditInput, type SuiteFiles } from '../../src/core/audit/auditSuite';
import { cassetteTest } from '../../src/core/audit/cassetteConvention';
import { parseCollectedTests } from '../../src/core/audit/collectedTests';
import { findTestDef, indexPythonTests, testPresence } from '../../src/core/audit/pythonTestSource';
import { readRecordingFacts } from '../../src/core/audit/recordingFacts';
import { DEFAULT_RERECORD_COMMAND, rerecordArgv } from '../../src/core/audit/rerecordCommandLine';
import { parseTestId, sameTestFile, testFunctionId } from '../../src/core/audit/testIds';
import { hashRuleSet } from '../../src/core/ogx/hashRules';
import { RuleHashes } from '../../src/core/ogx/recordingName';
import { readRequest } from '../../src/core/ogx/requestMembers';
import { repoRoot } from '../support/paths';

interface HashVector {
  name: string;
  testId: string | null;
  requestText: string;
  hashes: Record<string, string>;
}

const VECTORS = (JSON.parse(readFileSync(join(process.env['FIXTURE_LENS_ROOT'] ?? repoRoot(), 'test', 'unit', 'hash-vectors', 'vectors.json'), 'utf8')) as { vectors: HashVector[] }).vectors;
const vector = (name: string): HashVector => VECTORS.find((v) => v.name === name)!;

const TEST = 'tests/integration/responses/test_file_search.py::test_response_file_search[openai_client-txt=openai/gpt-4o]';
const RESPONSE = '{"body": {"__type__": "openai.types.chat.chat_completion.ChatCompletion", "__data__": {"id": "rec-1", "choices": [], "model": "gpt-4o"}}, "is_streaming": false}';

/** A recording as the recorder writes it, the request's text kept exactly. */
function recording(requestText: string, testId: string | null): string {
  return `{\n  "test_id": ${JSON.stringify(testId)},\n  "request": ${requestText},\n  "response": ${RESPONSE},\n  "id_normalization_mapping": {}\n}\n`;
}

/** Today's hash of a vector's request under another test. */
function currentHash(requestText: string, testId: string | null): string {
  return new RuleHashes(readRequest(requestText, 0, true), testId).hash(hashRuleSet('file-search')!)!;
}

const TEST_SOURCE = `import pytest

from .fixtures import shared_test


@pytest.mark.parametrize("x", [1, 2])
def test_response_file_search(openai_client, x):
    pass


class TestSearch:
    async def test_async_search(self):
        pass


class TestInherited(BaseSearchTests):
    pass
`;

const WEATHER_SOURCE = 'def test_forecast(vcr):\n    assert True\n';
const CASSETTE = 'interactions:\n- request:\n    method: POST\n    uri: https://api.openai.com/v1/chat/completions\n  response:\n    status: {code: 200, message: OK}\nversion: 1\n';

function suite() {
  const fs = vector('chat-file-search');
  const plain = vector('chat-plain');
  const floats = vector('chat-floats');
  const models = vector('models');
  const goneFunction = 'tests/integration/responses/test_file_search.py::test_removed_search';
  const goneFile = 'tests/integration/responses/test_deleted.py::test_x';
  const edited = plain.requestText.replace('Which planet has rings?', 'Which planet has rings, really?');
  const names = {
    current: `tests/integration/responses/recordings/${fs.hashes['file-search']}.json`,
    older: `tests/integration/responses/recordings/${fs.hashes['numbers']}.json`,
    edited: `tests/integration/responses/recordings/${plain.hashes['legacy']}.json`,
    legacy: `tests/integration/responses/recordings/${floats.hashes['legacy']!.slice(0, 12)}.json`,
    goneFunction: `tests/integration/responses/recordings/${currentHash(plain.requestText, goneFunction)}.json`,
    goneFile: `tests/integration/responses/recordings/${currentHash(plain.requestText, goneFile)}.json`,
    duplicateA: `tests/integration/responses/recordings/${plain.hashes['file-search']}.json`,
    duplicateB: `tests/integration/common/recordings/${plain.hashes['file-search']}.json`,
    session: `tests/integration/common/recordings/models-${models.hashes['file-search']}-4a65eed3.json`,
    cassetteKept: 'tests/unit/cassettes/test_weather/test_forecast.yaml',
    cassetteGoneTest: 'tests/unit/cassettes/test_weather/test_storm[gpt-4o].yaml',
    cassetteGoneModule: 'tests/unit/cassettes/test_removed/test_a.yaml',
  };
  const inputs: AuditInput[] = [
    { path: names.current, text: recording(fs.requestText, TEST) },
    { path: names.older, text: recording(fs.requestText, TEST) },
    { path: names.edited, text: recording(edited, TEST) },
    { path: names.legacy, text: recording(floats.requestText, TEST) },
    { path: names.goneFunction, text: recording(plain.requestText, goneFunction) },
    { path: names.goneFile, text: recording(plain.requestText, goneFile) },
    { path: names.duplicateA, text: recording(plain.requestText, TEST) },
    { path: names.duplicateB, text: recording(plain.requestText, TEST) },
    { path: names.session, text: recording(models.requestText, null) },
    { path: names.cassetteKept, text: CASSETTE },
    { path: names.cassetteGoneTest, text: CASSETTE },
    { path: names.cassetteGoneModule, text: CASSETTE },
    { path: 'package.json', text: '{"name": "not-a-fixture", "version": "1.0.0"}' },
    { path: 'tests/integration/responses/recordings/broken.json', text: '{"request": {"method": "POST", "body": ' },
  ];
  const sources: Record<string, string> = {
    'tests/integration/responses/test_file_search.py': TEST_SOURCE,
    'tests/unit/test_weather.py': WEATHER_SOURCE,
  };
  const read: string[] = [];
  const files: SuiteFiles = {
    readText: (path) => {
      read.push(path);
      return sources[path];
    },
  };
  return { inputs, files, names };
}

describe('auditSuite', () => {
  it('finds each kind on a suite, one finding per file, in path order', () => {
    const { inputs, files, names } = suite();
    const report = auditSuite(inputs, { files });
    assert.deepEqual(report.summary, { files: 12, unreachable: 3, duplicate: 1, orphan: 4 });
    assert.deepEqual(report.findings.map((f) => [f.kind, f.file, f.rules ?? null, f.related]), [
      ['duplicate', names.duplicateB, null, [names.duplicateA]],
      ['unreachable', names.edited, 'edited', []],
      ['orphan', names.goneFunction, null, []],
      ['unreachable', names.legacy, 'legacy', []],
      ['unreachable', names.older, 'numbers', [names.current]],
      ['orphan', names.goneFile, null, []],
      ['orphan', names.cassetteGoneModule, null, []],
      ['orphan', names.cassetteGoneTest, null, []],
    ].sort((a, b) => ((a[1] as string) < (b[1] as string) ? -1 : 1)));
    assert.deepEqual(report.notes, []);
  });

  it('says which rules named an unreachable file, since when the recorder computes otherwise, and where today\'s recording is', () => {
    const { inputs, files, names } = suite();
    const byFile = new Map(auditSuite(inputs, { files }).findings.map((f) => [f.file, f]));
    const fs = vector('chat-file-search');
    assert.equal(byFile.get(names.older)!.message,
      `The file name is the request's hash under the recorder's rules "floats and long decimals rounded to 5 places" (numbers, since 2025-10); since 2026-04 the recorder computes ${fs.hashes['file-search']} instead, so replay will not find this file. The request is recorded under today's name in ${names.current}.`);
    assert.equal(byFile.get(names.edited)!.message,
      `The file name says request hash ${vector('chat-plain').hashes['legacy']}, but the recorded request hashes to ${currentHash(inputs[2]!.text.slice(inputs[2]!.text.indexOf('"request": ') + 11, inputs[2]!.text.indexOf(',\n  "response"')), TEST)}: the request was edited after recording, so replay will not find this file.`);
    assert.deepEqual(byFile.get(names.older)!.span, { start: 139, end: 140 });
    assert.equal(inputs[1]!.text.slice(128, 140), '"request": {');
    assert.equal(byFile.get(names.goneFunction)!.message, 'tests/integration/responses/test_file_search.py no longer defines test_removed_search (test_id tests/integration/responses/test_file_search.py::test_removed_search).');
    assert.deepEqual(byFile.get(names.goneFunction)!.span, { start: 15, end: 85 });
    assert.equal(inputs[4]!.text.slice(15, 85), '"tests/integration/responses/test_file_search.py::test_removed_search"');
    assert.equal(byFile.get(names.goneFile)!.message, 'Its test file tests/integration/responses/test_deleted.py no longer exists (test_id tests/integration/responses/test_deleted.py::test_x).');
    assert.equal(byFile.get(names.cassetteGoneTest)!.message, 'tests/unit/test_weather.py no longer defines test_storm, the test pytest-recording names this cassette for.');
    assert.equal(byFile.get(names.cassetteGoneModule)!.message, 'Its test module tests/unit/test_removed.py no longer exists (pytest-recording names this cassette for test_a).');
    assert.equal(byFile.get(names.duplicateB)!.message, `Another recording of the same request for the same test (today's recorder hashes both to ${vector('chat-plain').hashes['file-search']}): replay reads ${names.duplicateA}, which the recorder looks in first, and never this copy.`);
    assert.equal(byFile.has(names.duplicateA), false);
  });

  it('with a collected list, calls orphan exactly the recordings of tests it does not list', () => {
    const { inputs, names } = suite();
    const collected = parseCollectedTests([
      TEST,
      'tests/integration/responses/test_file_search.py::test_response_file_search[openai_client-txt=openai/gpt-4o-mini]',
      'tests/unit/test_weather.py::test_forecast',
      'tests/unit/test_weather.py::test_storm[gpt-4o]',
      '',
      '3 tests collected in 0.12s',
    ].join('\n'));
    const report = auditSuite(inputs, { collected });
    const orphans = report.findings.filter((f) => f.kind === 'orphan').map((f) => [f.file, f.message]);
    assert.deepEqual(orphans, [
      [names.goneFunction, 'Its test tests/integration/responses/test_file_search.py::test_removed_search is not among the collected tests.'],
      [names.goneFile, 'Its test tests/integration/responses/test_deleted.py::test_x is not among the collected tests.'],
      [names.cassetteGoneModule, 'No collected test is test_a in tests/unit/test_removed.py, the test pytest-recording names this cassette for.'],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    assert.deepEqual(report.summary, { files: 12, unreachable: 3, duplicate: 1, orphan: 3 });
  });

  it('reports nothing on a suite named by today\'s rules, and skips the orphan check where no test file is found', () => {
    const fs = vector('chat-file-search');
    const inputs = [{ path: `flat/${fs.hashes['file-search']}.json`, text: recording(fs.requestText, TEST) }];
    const report = auditSuite(inputs, { files: { readText: () => undefined } });
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.summary, { files: 1, unreachable: 0, duplicate: 0, orphan: 0 });
    assert.deepEqual(report.notes, ["orphan check skipped for 1 recording whose test file was found nowhere the suite's layout points to"]);
    assert.deepEqual(auditSuite(inputs).notes, ['orphan check skipped: neither a collected test list nor the test sources were given']);
  });

  it('an unreachable file whose test is gone says both, and stays one finding', () => {
    const plain = vector('chat-plain');
    const gone = 'tests/integration/responses/test_file_search.py::test_removed_search';
    const path = `tests/integration/responses/recordings/${'f'.repeat(64)}.json`;
    const report = auditSuite([{ path, text: recording(plain.requestText, gone) }], { files: suite().files });
    assert.equal(report.findings.length, 1);
    assert.equal(report.findings[0]!.kind, 'unreachable');
    assert.match(report.findings[0]!.message, /: the request was edited after recording, so replay will not find this file\. tests\/integration\/responses\/test_file_search\.py no longer defines test_removed_search \(test_id .*\)\.$/);
    assert.deepEqual(report.summary, { files: 1, unreachable: 1, duplicate: 0, orphan: 0 });
  });

  it('never throws on hostile inputs', () => {
    const deep = `{"request": ${'['.repeat(100000)}`;
    const hostile = ['', '{', deep, '{"request": null}', '{"request": {"method": 1, "body": {}}}', 'interactions: [', '\u0000\u0001'];
    const report = auditSuite(hostile.map((text, i) => ({ path: `tests/cassettes/test_x/t${i}.yaml`, text })), { files: { readText: () => '\u0000def' } });
    assert.equal(report.summary.unreachable, 0);
  });

  it('stays linear when one request is recorded 3,000 times: related lists stop at 100', () => {
    const plain = vector('chat-plain');
    const text = recording(plain.requestText, TEST);
    const inputs = Array.from({ length: 3000 }, (_, i) => ({ path: `tests/integration/responses/recordings/${i.toString(16).padStart(64, '0')}.json`, text }));
    inputs.push({ path: `tests/integration/responses/recordings/${plain.hashes['file-search']}.json`, text });
    inputs.push({ path: `tests/integration/common/recordings/${plain.hashes['file-search']}.json`, text });
    const t = performance.now();
    const report = auditSuite(inputs, { files: suite().files });
    const elapsed = performance.now() - t;
    assert.deepEqual(report.summary, { files: 3002, unreachable: 3000, duplicate: 1, orphan: 0 });
    assert.equal(report.findings[0]!.related.length, 100);
    const duplicate = report.findings.find((f) => f.kind === 'duplicate')!;
    assert.equal(duplicate.file, `tests/integration/common/recordings/${plain.hashes['file-search']}.json`);
    assert.equal(duplicate.related.length, 100);
    assert.equal(duplicate.related[0], `tests/integration/responses/recordings/${plain.hashes['file-search']}.json`);
    assert.match(duplicate.message, /: replay reads tests\/integration\/responses\/recordings\/[0-9a-f]{64}\.json, which the recorder looks in first, and never this copy\.$/);
    assert.equal(auditSuite(inputs.slice(0, 3), { files: suite().files }).findings.find((f) => f.kind === 'duplicate'), undefined);
    assert.ok(elapsed < 5000, `${elapsed} ms`);
  });
});

describe('audit pieces', () => {
  it('parseTestId takes a node id apart, parametrization stripped', () => {
    assert.deepEqual(parseTestId('tests/a/test_b.py::TestC::test_d[x::y-[1]]'), { id: 'tests/a/test_b.py::TestC::test_d[x::y-[1]]', file: 'tests/a/test_b.py', classes: ['TestC'], name: 'test_d', params: 'x::y-[1]' });
    assert.deepEqual(parseTestId('test_b.py::test_e'), { id: 'test_b.py::test_e', file: 'test_b.py', classes: [], name: 'test_e', params: null });
    assert.equal(parseTestId('no-separator'), undefined);
    assert.equal(parseTestId('tests/x.txt::test'), undefined);
    assert.equal(parseTestId('tests/x.py::bad name'), undefined);
    assert.equal(testFunctionId(parseTestId('a/test_b.py::C::t[1]')!), 'a/test_b.py::C::t');
    assert.equal(sameTestFile('integration/test_a.py', 'tests/integration/test_a.py'), true);
    assert.equal(sameTestFile('ntegration/test_a.py', 'tests/integration/test_a.py'), false);
  });

  it('parseCollectedTests reads -q and -qq output, ignoring summary and warning lines', () => {
    const c = parseCollectedTests('tests/a/test_b.py::test_c[1]\r\ntests/a/test_b.py::TestD::test_e\n\n===== warnings summary =====\n  /x/y.py:3: DeprecationWarning: z\n-- Docs: https://docs.pytest.org\n2 tests collected in 0.01s\n');
    assert.deepEqual([...c.ids], ['tests/a/test_b.py::test_c[1]', 'tests/a/test_b.py::TestD::test_e']);
    assert.equal(c.has('tests/a/test_b.py::test_c[1]'), true);
    assert.equal(c.has('tests/a/test_b.py::test_c[2]'), false);
    assert.equal(c.hasFunction('a/test_b.py', ['TestD'], 'test_e'), true);
    assert.equal(c.hasFunction('a/test_b.py', [], 'test_e'), false);
    const qq = parseCollectedTests('tests/a/test_b.py: 4\ntests/a/test_f.py: 1\n');
    assert.deepEqual([...qq.files], ['tests/a/test_b.py', 'tests/a/test_f.py']);
    assert.equal(qq.has('tests/a/test_f.py::anything[x]'), true);
    assert.equal(qq.has('tests/a/test_g.py::anything'), false);
  });

  it('indexPythonTests finds defs, classes, imports and assignments; testPresence is unsure where tests may come from elsewhere', () => {
    const index = indexPythonTests(TEST_SOURCE);
    assert.deepEqual(findTestDef(index, [], 'test_response_file_search'), { name: 'test_response_file_search', line: 6, offset: 93, className: null });
    assert.equal(TEST_SOURCE.slice(93, 93 + 'test_response_file_search'.length), 'test_response_file_search');
    assert.deepEqual(findTestDef(index, ['TestSearch'], 'test_async_search'), { name: 'test_async_search', line: 11, offset: 181, className: 'TestSearch' });
    assert.equal(TEST_SOURCE.slice(181, 198), 'test_async_search');
    assert.equal(testPresence(index, [], 'test_response_file_search'), 'defined');
    assert.equal(testPresence(index, [], 'test_async_search'), 'missing');
    assert.equal(testPresence(index, ['TestSearch'], 'test_async_search'), 'defined');
    assert.equal(testPresence(index, ['TestSearch'], 'test_gone'), 'missing');
    assert.equal(testPresence(index, ['TestInherited'], 'test_from_base'), 'unknown');
    assert.equal(testPresence(index, ['TestMissing'], 'test_x'), 'missing');
    assert.equal(testPresence(index, [], 'shared_test'), 'unknown');
  });

  it('cassetteTest reads pytest-recording names; other cassette folders are not its', () => {
    assert.deepEqual(cassetteTest('tests/unit/cassettes/test_weather/TestRain.test_storm[gpt-4o].yaml'), { moduleFile: 'tests/unit/test_weather.py', classes: ['TestRain'], name: 'test_storm', params: 'gpt-4o' });
    assert.deepEqual(cassetteTest('cassettes/test_a/test_b.yml'), { moduleFile: 'test_a.py', classes: [], name: 'test_b', params: null });
    assert.equal(cassetteTest('tests/cassettes/test_b.yaml'), undefined);
    assert.equal(cassetteTest('spec/cassettes/weather/forecast.yaml'), undefined);
  });

  it('rootFromLocation finds the suite root from where the recorder put a recording', () => {
    assert.equal(rootFromLocation('tests/integration/inference/recordings/h.json', 'tests/integration/inference/test_a.py'), '');
    assert.equal(rootFromLocation('repo/tests/x/recordings/h.json', 'tests/x/test_a.py'), 'repo/');
    assert.equal(rootFromLocation('x/recordings/h.json', 'tests/x/test_a.py'), '../');
    assert.equal(rootFromLocation('recordings/h.json', 'tests/x/test_a.py'), '../../');
    assert.equal(rootFromLocation('tests/common/recordings/h.json', 'tests/x/test_a.py'), undefined);
    assert.equal(rootFromLocation('tests/x/h.json', 'tests/x/test_a.py'), undefined);
    assert.equal(resolveRelative('../../tests/x/./a/../test_a.py'), '../../tests/x/test_a.py');
  });

  it('readRecordingFacts reads test, request and verdict without analysing the file', () => {
    const fs = vector('chat-file-search');
    const text = recording(fs.requestText, TEST);
    const facts = readRecordingFacts(`r/${fs.hashes['file-search']}.json`, text)!;
    assert.deepEqual([facts.testId, facts.kind, facts.method, facts.url, facts.endpoint, facts.model, facts.tool, facts.verdict.status, facts.currentHash, facts.modelDigest],
      [TEST, 'inference', 'POST', 'https://api.openai.com/v1/v1/chat/completions', '/v1/chat/completions', 'gpt-4o', undefined, 'current', fs.hashes['file-search'], undefined]);
    assert.deepEqual(facts.testIdSpan, { start: 15, end: 15 + JSON.stringify(TEST).length });
    assert.equal(readRecordingFacts('x.json', 'interactions: []'), undefined);
    assert.equal(readRecordingFacts('x.json', '{"a": 1}'), undefined);
    assert.equal(readRecordingFacts('x.json', '{"request": {'), undefined);
  });

  it('rerecordArgv fills the suite\'s command for one test, one argument a word', () => {
    assert.deepEqual(rerecordArgv(DEFAULT_RERECORD_COMMAND, 'tests/a/test_b.py::test_c[x y; rm -rf /]'), ['./scripts/integration-tests.sh', '--inference-mode', 'record-if-missing', '--pattern', 'test_c']);
    assert.deepEqual(rerecordArgv('  uv run pytest <testid>   --record-mode=once -k <test> <file> ', 'tests/a/test_b.py::test_c[x]'), ['uv', 'run', 'pytest', 'tests/a/test_b.py::test_c[x]', '--record-mode=once', '-k', 'test_c', 'tests/a/test_b.py']);
  });
});
