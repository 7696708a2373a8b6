// `fixture-lens audit` as CLI-CONTRACT.md specifies it: exact text and JSON output over a suite written to a
// temporary folder, paths relative to the directory audited, exit codes 0/1/2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { auditCommand, type AuditArguments } from '../../src/cli/auditCommand';
import { UsageError } from '../../src/cli/walk';
import { hashRuleSet } from '../../src/core/ogx/hashRules';
import { RuleHashes } from '../../src/core/ogx/recordingName';
import { readRequest } from '../../src/core/ogx/requestMembers';
import { repoRoot } from '../support/paths';

interface HashVector {
  name: string;
  requestText: string;
  hashes: Record<string, string>;
}

const ROOT = process.env['FIXTURE_LENS_ROOT'] ?? repoRoot();
const VECTORS = (JSON.parse(readFileSync(join(ROOT, 'test', 'unit', 'hash-vectors', 'vectors.json'), 'utf8')) as { vectors: HashVector[] }).vectors;
const vector = (name: string): HashVector => VECTORS.find((v) => v.name === name)!;

const TEST = 'tests/integration/responses/test_file_search.py::test_response_file_search[openai_client-txt=openai/gpt-4o]';
const GONE = 'tests/integration/responses/test_file_search.py::test_removed';
const recording = (requestText: string, testId: string): string =>
  `{\n  "test_id": ${JSON.stringify(testId)},\n  "request": ${requestText},\n  "response": {"body": {"__type__": "openai.types.chat.chat_completion.ChatCompletion", "__data__": {"id": "rec-1", "choices": []}}, "is_streaming": false},\n  "id_normalization_mapping": {}\n}\n`;
const hashUnder = (requestText: string, testId: string): string => new RuleHashes(readRequest(requestText, 0, true), testId).hash(hashRuleSet('file-search')!)!;

function run(args: Partial<AuditArguments> & { paths: string[] }): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = auditCommand({ collected: undefined, format: 'text', ...args }, (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}

describe('fixture-lens audit', () => {
  let dir: string;
  let clean: string;
  const fs = vector('chat-file-search');
  const plain = vector('chat-plain');
  const names = {
    current: `tests/integration/responses/recordings/${fs.hashes['file-search']}.json`,
    older: `tests/integration/responses/recordings/${fs.hashes['numbers']}.json`,
    gone: `tests/integration/responses/recordings/${hashUnder(plain.requestText, GONE)}.json`,
    dupA: `tests/integration/common/recordings/${plain.hashes['file-search']}.json`,
    dupB: `tests/integration/responses/recordings/${plain.hashes['file-search']}.json`,
  };
  const put = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fl-audit-'));
    put('tests/integration/responses/test_file_search.py', 'import pytest\n\n\ndef test_response_file_search(openai_client):\n    pass\n');
    put(names.current, recording(fs.requestText, TEST));
    put(names.older, recording(fs.requestText, TEST));
    put(names.gone, recording(plain.requestText, GONE));
    put(names.dupA, recording(plain.requestText, TEST));
    put(names.dupB, recording(plain.requestText, TEST));
    put('package.json', '{"name": "suite", "version": "1.0.0"}\n');
    put('collected.txt', `${TEST}\n${GONE}\n\n2 tests collected in 0.05s\n`);
    clean = mkdtempSync(join(tmpdir(), 'fl-audit-clean-'));
    for (const [path, text] of [
      ['recordings/x.txt', 'not walked'],
      ['tests/integration/responses/test_file_search.py', 'def test_response_file_search():\n    pass\n'],
      [`tests/integration/responses/recordings/${fs.hashes['file-search']}.json`, recording(fs.requestText, TEST)],
    ] as const) {
      mkdirSync(dirname(join(clean, path)), { recursive: true });
      writeFileSync(join(clean, path), text);
    }
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(clean, { recursive: true, force: true });
  });

  it('text: one line a finding (file, kind, rules, message), then a summary; exit 1', () => {
    const r = run({ paths: [dir] });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const findings = [
      `${names.dupA}: duplicate: Another recording of the same request for the same test (today's recorder hashes both to ${plain.hashes['file-search']}): replay reads ${names.dupB}, which the recorder looks in first, and never this copy.`,
      `${names.older}: unreachable (numbers): The file name is the request's hash under the recorder's rules "floats and long decimals rounded to 5 places" (numbers, since 2025-10); since 2026-04 the recorder computes ${fs.hashes['file-search']} instead, so replay will not find this file. The request is recorded under today's name in ${names.current}.`,
      `${names.gone}: orphan: tests/integration/responses/test_file_search.py no longer defines test_removed (test_id ${GONE}).`,
    ].sort();
    assert.equal(r.stdout, `${findings.join('\n')}\n5 files audited: 1 unreachable, 1 duplicate, 1 orphan\n`);
  });

  it('json: findings with kind, file, message, related and rules, and the summary; --collected decides orphans exactly', () => {
    const r = run({ paths: [join(dir, 'tests')], format: 'json', collected: join(dir, 'collected.txt') });
    assert.equal(r.code, 1);
    const rel = (p: string): string => p.replace(/^tests\//, '');
    assert.deepEqual(JSON.parse(r.stdout), {
      findings: [
        { kind: 'duplicate', file: rel(names.dupA), message: `Another recording of the same request for the same test (today's recorder hashes both to ${plain.hashes['file-search']}): replay reads ${rel(names.dupB)}, which the recorder looks in first, and never this copy.`, related: [rel(names.dupB)], testId: TEST },
        {
          kind: 'unreachable',
          file: rel(names.older),
          message: `The file name is the request's hash under the recorder's rules "floats and long decimals rounded to 5 places" (numbers, since 2025-10); since 2026-04 the recorder computes ${fs.hashes['file-search']} instead, so replay will not find this file. The request is recorded under today's name in ${rel(names.current)}.`,
          related: [rel(names.current)],
          rules: 'numbers',
          testId: TEST,
        },
      ],
      summary: { files: 5, unreachable: 1, duplicate: 1, orphan: 0 },
      notes: [],
    });
  });

  it('exit 0 and a summary line when nothing is found', () => {
    const r = run({ paths: [clean] });
    assert.deepEqual(r, { code: 0, stdout: '1 file audited: 0 unreachable, 0 duplicate, 0 orphan\n', stderr: '' });
  });

  it('usage errors: no PATH, a PATH that is not there, an unreadable collected list', () => {
    assert.throws(() => run({ paths: [] }), (e: unknown) => e instanceof UsageError && e.message === 'audit needs at least one PATH');
    assert.throws(() => run({ paths: [join(dir, 'missing')] }), (e: unknown) => e instanceof UsageError && e.message === `${join(dir, 'missing')}: no such file or directory`);
    assert.throws(() => run({ paths: [dir], collected: join(dir, 'nope.txt') }), (e: unknown) => e instanceof UsageError && e.message === `${join(dir, 'nope.txt')}: cannot read the collected test list (no such file)`);
  });

  describe('the built command line', function () {
    // Each run starts a Node process.
    this.timeout(60_000);
    const cli = process.env['FIXTURE_LENS_CLI'] ?? join(ROOT, 'dist', 'cli.js');
    before(function () {
      if (!existsSync(cli)) {
        console.log(`      ${cli} not built: skipping the command-line runs`);
        this.skip();
      }
    });
    const spawn = (args: string[]): { code: number | null; stdout: string; stderr: string } => {
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    it('exits 0, 1 and 2, with one stderr line for trouble', () => {
      assert.equal(spawn(['audit', clean]).code, 0);
      assert.equal(spawn(['audit', '--format', 'json', dir]).code, 1);
      assert.deepEqual(spawn(['audit', join(dir, 'missing')]), { code: 2, stdout: '', stderr: `fixture-lens: ${join(dir, 'missing')}: no such file or directory\n` });
      assert.deepEqual(spawn(['audit', '--format', 'xml', dir]), { code: 2, stdout: '', stderr: 'fixture-lens: --format must be text or json, not xml\n' });
      assert.deepEqual(spawn(['audit', '--collected']), { code: 2, stdout: '', stderr: 'fixture-lens: --collected needs a value\n' });
      assert.deepEqual(spawn(['audit', '--verbose', dir]), { code: 2, stdout: '', stderr: 'fixture-lens: unknown option --verbose\n' });
    });

    it('the JSON document is the in-process one', () => {
      const r = spawn(['audit', '--format', 'json', '--collected', join(dir, 'collected.txt'), join(dir, 'tests')]);
      assert.equal(r.stdout, run({ paths: [join(dir, 'tests')], format: 'json', collected: join(dir, 'collected.txt') }).stdout);
    });
  });
});
