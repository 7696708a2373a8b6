// `fixture-lens diff` as CLI-CONTRACT.md specifies it: OLD NEW on the hand-made pairs of fixtures/diff, and
// --git on a temporary repository made here (commits, a renamed recording, an untracked one, a deleted one),
// with exact JSON, text and exit codes. Run in process through diffCommand, and once through the built CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { diffCommand } from '../../src/cli/diffCommand';

/** The repository: FIXTURE_LENS_ROOT, else up from this file to the package named fixture-lens. */
function root(): string {
  const env = process.env['FIXTURE_LENS_ROOT'];
  if (env) return env;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'fixture-lens') return dir;
    if (dirname(dir) === dir) throw new Error('repository root not found');
  }
}

const fixture = (name: string): string => join(root(), 'fixtures', 'diff', name);
const fixtureText = (name: string): string => readFileSync(fixture(name), 'utf8');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function diff(args: string[], cwd = root()): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await diffCommand(args, { write: (s) => (stdout += s), writeError: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Fixture Lens', '-c', 'user.email=tests@fixture-lens.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const PLANET_TEST = 'tests/integration/inference/test_openai_completion.py::test_planet_with_rings[txt=openai/gpt-4o]';
const CAPITAL_TEST = 'tests/integration/agents/test_agents.py::test_capital_question[txt=openai/gpt-4o]';
const URL = 'https://api.openai.com/v1/v1/chat/completions';
const OLD_HASH = '954653ec739920496694319b23758de4c686c5bd10502858a7fcd801fafb5ced';
const NEW_HASH = '022393d4bebb8afdda068a6349bb6c89705fa7586c9f640367b489ac22d55e35';

const answerChangedExchange = {
  index: 0,
  method: 'POST',
  url: URL,
  noise: 0,
  request: { changes: [] },
  response: {
    dialect: 'openai-chat-stream',
    answerChanged: true,
    choices: [
      {
        index: 0,
        content: {
          old: 'The planet Jupiter has rings.',
          new: 'The planet Saturn has many rings!',
          words: { added: 2, removed: 1 },
          diff: [
            { op: 'equal', text: 'The planet ' },
            { op: 'delete', text: 'Jupiter' },
            { op: 'insert', text: 'Saturn' },
            { op: 'equal', text: ' has ' },
            { op: 'insert', text: 'many ' },
            { op: 'equal', text: 'rings' },
            { op: 'delete', text: '.' },
            { op: 'insert', text: '!' },
          ],
        },
      },
    ],
    usage: { old: { promptTokens: 20, completionTokens: 6, totalTokens: 26 }, new: { promptTokens: 20, completionTokens: 7, totalTokens: 27 } },
    chunkCount: { old: 9, new: 10 },
  },
};

const noiseOnlyExchange = {
  index: 0,
  method: 'POST',
  url: URL,
  noise: 12,
  request: { changes: [] },
  response: { dialect: 'openai-chat-stream', answerChanged: false, choices: [], chunkCount: { old: 9, new: 7 } },
};

const requestChangedExchange = {
  index: 0,
  method: 'POST',
  url: URL,
  noise: 1,
  request: {
    changes: [
      { path: ['body', 'messages', 0, 'content'], old: 'You are a helpful assistant. Answer in one sentence.', new: 'You are a helpful assistant. Answer in one short sentence.' },
      { path: ['body', 'tools', 1, 'function', 'description'], old: 'Get the local time', new: 'Get the local time in a city' },
    ],
  },
  response: { dialect: 'openai-chat', answerChanged: false, choices: [] },
};

describe('fixture-lens diff OLD NEW', () => {
  it('an answer that changed: exit 1, the exact JSON document', async () => {
    const r = await diff(['--format', 'json', fixture('answer-changed.old.json'), fixture('answer-changed.new.json')]);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), {
      pairs: [
        {
          old: fixture('answer-changed.old.json'),
          new: fixture('answer-changed.new.json'),
          status: 'modified',
          test: PLANET_TEST,
          summary: 'answer changed: +2 −1 words',
          answerChanged: true,
          noise: 0,
          exchanges: [answerChangedExchange],
        },
      ],
      summary: { pairs: 1, modified: 1, renamed: 0, added: 0, removed: 0, unchanged: 0, noiseOnly: 0, answersChanged: 1, requestsChanged: 0 },
    });
  });

  it('the same answer re-chunked with new ids and created: modified, noise only, answerChanged false, exit 0', async () => {
    const r = await diff(['rechunked.old.json', 'rechunked.new.json', '--format=json'], join(root(), 'fixtures', 'diff'));
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      pairs: [{ old: 'rechunked.old.json', new: 'rechunked.new.json', status: 'modified', test: PLANET_TEST, summary: 'noise only', answerChanged: false, noise: 12, exchanges: [noiseOnlyExchange] }],
      summary: { pairs: 1, modified: 1, renamed: 0, added: 0, removed: 0, unchanged: 0, noiseOnly: 1, answersChanged: 0, requestsChanged: 0 },
    });
  });

  it('tool-call arguments re-spaced are not a change: exit 0', async () => {
    const r = await diff(['--format', 'json', fixture('tool-arguments.old.json'), fixture('tool-arguments.new.json')]);
    assert.equal(r.code, 0);
    const doc = JSON.parse(r.stdout) as { pairs: { summary: string; answerChanged: boolean; noise: number; exchanges: unknown[] }[] };
    assert.deepEqual(
      doc.pairs.map((p) => [p.summary, p.answerChanged, p.noise, p.exchanges]),
      [['noise only', false, 3, [{ index: 0, method: 'POST', url: URL, noise: 3, request: { changes: [] }, response: { dialect: 'openai-chat', answerChanged: false, choices: [] } }]]],
    );
  });

  it('two names are a modified pair, not a renamed one; the request changes are listed', async () => {
    const r = await diff(['--format', 'json', fixture('request-changed.old.json'), fixture('request-changed.new.json')]);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as { pairs: { status: string; summary: string; exchanges: unknown[] }[] };
    assert.deepEqual(
      doc.pairs.map((p) => [p.status, p.summary, p.exchanges]),
      [['modified', 'request changed: body.messages[0].content and 1 more', [requestChangedExchange]]],
    );
  });

  it('the same file twice is unchanged, exit 0; the text format says so', async () => {
    const r = await diff([fixture('rechunked.old.json'), fixture('rechunked.old.json')]);
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      `unchanged ${fixture('rechunked.old.json')}  (${PLANET_TEST})\n  no change\n1 fixture compared: 0 modified, 0 renamed, 0 added, 0 removed, 1 unchanged; 0 answers changed, 0 requests changed\n`,
    );
  });

  it('the text format: word diff as git marks it, control characters from the fixture escaped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-diff-text-'));
    try {
      const old = fixtureText('answer-changed.old.json');
      writeFileSync(join(dir, 'old.json'), old);
      writeFileSync(join(dir, 'new.json'), old.replace('" Jupiter"', '" \\u001b]0;pwned\\u0007Saturn"'));
      const r = await diff(['old.json', 'new.json'], dir);
      assert.equal(r.code, 1);
      assert.equal(
        r.stdout,
        [
          `modified  old.json → new.json  (${PLANET_TEST})`,
          // "0" counts as a word: it holds a digit.
          '  answer changed: +3 −1 words',
          '  content: The planet [-Jupiter-]{+\\e]0;pwned\\u{07}Saturn+} has rings.',
          '1 fixture compared: 1 modified, 0 renamed, 0 added, 0 removed, 0 unchanged; 1 answer changed, 0 requests changed',
          '',
        ].join('\n'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('usage errors, a missing file and a file that is no fixture: exit 2 and one line on stderr', async () => {
    const cases: [string[], string][] = [
      [[], 'fixture-lens: diff needs OLD and NEW (or --git [BASE [HEAD]])\n'],
      [['only.json'], 'fixture-lens: diff needs OLD and NEW (or --git [BASE [HEAD]])\n'],
      [['--format', 'xml', 'a', 'b'], 'fixture-lens: --format must be text, json or markdown, not xml\n'],
      [['a', 'b', '--format'], 'fixture-lens: --format needs a value\n'],
      [['--colour', 'a', 'b'], 'fixture-lens: unknown option --colour\n'],
      [['a', 'b', '--', 'c'], 'fixture-lens: -- PATH... goes with diff --git\n'],
      [['--git', 'a', 'b', 'c'], 'fixture-lens: diff --git takes at most BASE and HEAD before -- PATH...\n'],
      [['fixtures/diff/nope.json', 'fixtures/diff/rechunked.old.json'], 'fixture-lens: fixtures/diff/nope.json: no such file or directory\n'],
      [['package.json', 'fixtures/diff/rechunked.old.json'], 'fixture-lens: package.json: not a fixture (neither an OGX recording nor a cassette of a known recorder)\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await diff(args);
      assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', stderr], args.join(' '));
    }
  });

  it('a vcrpy cassette with one exchange added: exit 1, the first exchange noise only, the second added', async () => {
    const r = await diff(['--format', 'json', 'cassette-exchange-added.old.yaml', 'cassette-exchange-added.new.yaml'], join(root(), 'fixtures', 'diff'));
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as { pairs: { status: string; test: null; summary: string; noise: number; exchanges: { index: number; change?: string; noise: number; request: { changes: unknown[] }; response: { answerChanged: boolean } }[] }[] };
    assert.deepEqual(
      doc.pairs.map((p) => [p.status, p.test, p.summary, p.noise, p.exchanges.map((e) => [e.index, e.change ?? 'both', e.noise, e.request.changes.length, e.response.answerChanged])]),
      [['modified', null, '1 exchange added', 2, [[0, 'both', 2, 0, false], [1, 'added', 0, 1, true]]]],
    );
  });

  it('the built CLI runs diff with the same exit codes', function () {
    const cli = process.env['FIXTURE_LENS_CLI'] ?? join(root(), 'dist', 'cli.js');
    if (!existsSync(cli)) {
      console.log(`      (skipped: ${cli} is not built)`);
      this.skip();
    }
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'diff', ...args], { cwd: root(), encoding: 'utf8' });
    assert.equal(run('fixtures/diff/rechunked.old.json', 'fixtures/diff/rechunked.new.json').status, 0);
    assert.equal(run('fixtures/diff/answer-changed.old.json', 'fixtures/diff/answer-changed.new.json').status, 1);
    const bad = run('--format', 'yaml', 'a', 'b');
    assert.deepEqual([bad.status, bad.stderr], [2, 'fixture-lens: --format must be text, json or markdown, not yaml\n']);
  });
});

describe('fixture-lens diff --git', () => {
  let repo: string;
  const recordings = 'tests/integration/recordings';
  const at = (path: string) => join(repo, path);
  const put = (path: string, text: string) => {
    mkdirSync(dirname(at(path)), { recursive: true });
    writeFileSync(at(path), text);
  };
  // The tool-call recording under another test: a new recording, not a renamed one.
  const freshText = () => fixtureText('tool-arguments.new.json').replace('::test_weather_tool[', '::test_weather_tool_fresh[');

  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'fl-diff-git-'));
    git(repo, 'init', '-q');
    put('package.json', '{"name": "suite", "version": "1.0.0"}\n');
    put(`${recordings}/answer.json`, fixtureText('answer-changed.old.json'));
    put(`${recordings}/noise.json`, fixtureText('rechunked.old.json'));
    put(`${recordings}/${OLD_HASH}.json`, fixtureText('request-changed.old.json'));
    put(`${recordings}/gone.json`, fixtureText('tool-arguments.old.json'));
    put(`${recordings}/same.json`, fixtureText('tool-arguments.old.json'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'recordings');
    // The re-record, in the working tree.
    put('package.json', '{"name": "suite", "version": "1.0.1"}\n');
    put('config.json', '{"retries": 3}\n');
    put(`${recordings}/answer.json`, fixtureText('answer-changed.new.json'));
    put(`${recordings}/noise.json`, fixtureText('rechunked.new.json'));
    unlinkSync(at(`${recordings}/${OLD_HASH}.json`));
    put(`${recordings}/${NEW_HASH}.json`, fixtureText('request-changed.new.json'));
    unlinkSync(at(`${recordings}/gone.json`));
    put(`${recordings}/fresh.json`, freshText());
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  const freshRequest = () => {
    const f = JSON.parse(freshText()) as { test_id: string; request: Record<string, unknown> };
    return { test_id: f.test_id, method: 'POST', url: URL, endpoint: '/v1/chat/completions', body: f.request['body'] };
  };
  const goneRequest = () => {
    const f = JSON.parse(fixtureText('tool-arguments.old.json')) as { test_id: string; request: Record<string, unknown> };
    return { test_id: f.test_id, method: 'POST', url: URL, endpoint: '/v1/chat/completions', body: f.request['body'] };
  };
  const toolAnswer = { dialect: 'openai-chat', answerChanged: true };
  const toolChoice = (presence: 'added' | 'removed', args: string, id: string) => ({
    index: 0,
    change: presence,
    toolCalls: {
      old: presence === 'removed' ? [{ index: 0, id, type: 'function', name: 'get_weather', arguments: args }] : [],
      new: presence === 'added' ? [{ index: 0, id, type: 'function', name: 'get_weather', arguments: args }] : [],
      changes: [{ path: [0], old: presence === 'removed' ? { type: 'function', name: 'get_weather', arguments: { location: 'Tokyo', unit: 'celsius' } } : null, new: presence === 'added' ? { type: 'function', name: 'get_weather', arguments: { location: 'Tokyo', unit: 'celsius' } } : null }],
    },
    finishReason: { old: presence === 'removed' ? 'tool_calls' : null, new: presence === 'added' ? 'tool_calls' : null },
  });

  const expectedPairs = () => [
    {
      old: `${recordings}/${OLD_HASH}.json`,
      new: `${recordings}/${NEW_HASH}.json`,
      status: 'renamed',
      test: CAPITAL_TEST,
      summary: 'renamed: body.messages[0].content changed and 1 more',
      answerChanged: false,
      noise: 1,
      exchanges: [requestChangedExchange],
    },
    { old: `${recordings}/answer.json`, new: `${recordings}/answer.json`, status: 'modified', test: PLANET_TEST, summary: 'answer changed: +2 −1 words', answerChanged: true, noise: 0, exchanges: [answerChangedExchange] },
    {
      old: null,
      new: `${recordings}/fresh.json`,
      status: 'added',
      test: 'tests/integration/inference/test_tools.py::test_weather_tool_fresh[txt=openai/gpt-4o]',
      summary: 'added',
      answerChanged: true,
      noise: 0,
      exchanges: [
        {
          index: 0,
          change: 'added',
          method: 'POST',
          url: URL,
          noise: 0,
          request: { changes: [{ path: [], old: null, new: freshRequest() }] },
          response: { ...toolAnswer, choices: [toolChoice('added', '{"location": "Tokyo", "unit": "celsius"}', 'call_Lw0p9')], usage: { old: null, new: { promptTokens: 61, completionTokens: 18, totalTokens: 79 } }, model: { old: null, new: 'gpt-4o-2024-08-06' }, chunkCount: { old: 0, new: 1 } },
        },
      ],
    },
    {
      old: `${recordings}/gone.json`,
      new: null,
      status: 'removed',
      test: 'tests/integration/inference/test_tools.py::test_weather_tool[txt=openai/gpt-4o]',
      summary: 'removed',
      answerChanged: true,
      noise: 0,
      exchanges: [
        {
          index: 0,
          change: 'removed',
          method: 'POST',
          url: URL,
          noise: 0,
          request: { changes: [{ path: [], old: goneRequest(), new: null }] },
          response: { ...toolAnswer, choices: [toolChoice('removed', '{"location":"Tokyo","unit":"celsius"}', 'call_8fQm2')], usage: { old: { promptTokens: 61, completionTokens: 18, totalTokens: 79 }, new: null }, model: { old: 'gpt-4o-2024-08-06', new: null }, chunkCount: { old: 1, new: 0 } },
        },
      ],
    },
    { old: `${recordings}/noise.json`, new: `${recordings}/noise.json`, status: 'modified', test: PLANET_TEST, summary: 'noise only', answerChanged: false, noise: 12, exchanges: [noiseOnlyExchange] },
  ];
  const expectedSummary = { pairs: 5, modified: 2, renamed: 1, added: 1, removed: 1, unchanged: 0, noiseOnly: 1, answersChanged: 3, requestsChanged: 3, skipped: 2 };

  it('HEAD against the working tree: modified, renamed by test_id, untracked added, deleted removed; paths from the root; exit 1', async () => {
    const r = await diff(['--git', '--format', 'json'], repo);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), { pairs: expectedPairs(), summary: expectedSummary });
  });

  it('from a subdirectory, with a path limit: only the noise-only recording, exit 0', async () => {
    const r = await diff(['--git', '--format', 'json', '--', 'noise.json'], at(recordings));
    assert.equal(r.code, 0);
    const doc = JSON.parse(r.stdout) as { pairs: unknown[]; summary: unknown };
    assert.deepEqual(doc.pairs, [expectedPairs()[4]]);
    assert.deepEqual(doc.summary, { pairs: 1, modified: 1, renamed: 0, added: 0, removed: 0, unchanged: 0, noiseOnly: 1, answersChanged: 0, requestsChanged: 0, skipped: 0 });
  });

  it('BASE HEAD as two commits gives the same pairs once the re-record is committed', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'fl-diff-clone-'));
    try {
      git(clone, 'clone', '-q', repo, '.');
      for (const p of ['package.json', 'config.json', `${recordings}/answer.json`, `${recordings}/noise.json`, `${recordings}/${NEW_HASH}.json`, `${recordings}/fresh.json`]) writeFileSync(join(clone, p), readFileSync(at(p)));
      git(clone, 'rm', '-q', `${recordings}/${OLD_HASH}.json`, `${recordings}/gone.json`);
      git(clone, 'add', '-A');
      git(clone, 'commit', '-q', '-m', 're-record');
      const r = await diff(['--git', 'HEAD~1', 'HEAD', '--format', 'json'], clone);
      assert.equal(r.code, 1);
      assert.deepEqual(JSON.parse(r.stdout), { pairs: expectedPairs(), summary: expectedSummary });
      // The working tree of the clone is clean: nothing differs from HEAD.
      const clean = await diff(['--git', '--format', 'json'], clone);
      assert.deepEqual([clean.code, JSON.parse(clean.stdout)], [0, { pairs: [], summary: { pairs: 0, modified: 0, renamed: 0, added: 0, removed: 0, unchanged: 0, noiseOnly: 0, answersChanged: 0, requestsChanged: 0, skipped: 0 } }]);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('Markdown for a pull request: one row per changed fixture, noise folded away', async () => {
    const r = await diff(['--git', '--format', 'markdown', '--', `${recordings}/answer.json`, `${recordings}/noise.json`], repo);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout.split('\n').slice(0, 13).join('\n'),
      [
        '### Fixture changes',
        '',
        '2 fixtures compared: 2 modified (1 noise only), 0 renamed, 0 added, 0 removed, 0 unchanged; 1 answer changed, 0 requests changed.',
        '',
        '| Status | Fixture | Test | What changed |',
        '| --- | --- | --- | --- |',
        '| modified | <code>tests/integration/recordings/answer\\.json</code> | <code>tests/integration/inference/test\\_openai\\_completion\\.py\\:\\:test\\_planet\\_with\\_rings\\[txt\\=openai/gpt\\-4o\\]</code> | answer changed\\: \\+2 −1 words |',
        '',
        '<details><summary>1 fixture with no change but noise (ids, timestamps, chunk boundaries)</summary>',
        '',
        '- <code>tests/integration/recordings/noise\\.json</code>: noise only',
        '',
        '</details>',
      ].join('\n'),
    );
  });

  it('a cassette moved and re-recorded (no test_id to pair it by): removed and added, as the contract pairs, exit 1', async () => {
    const cassettes = mkdtempSync(join(tmpdir(), 'fl-diff-cassette-'));
    try {
      git(cassettes, 'init', '-q');
      mkdirSync(join(cassettes, 'tests', 'cassettes'), { recursive: true });
      const old = fixtureText('cassette-exchange-added.old.yaml');
      writeFileSync(join(cassettes, 'tests', 'cassettes', 'test_capital.yaml'), old);
      git(cassettes, 'add', '-A');
      git(cassettes, 'commit', '-q', '-m', 'cassette');
      git(cassettes, 'mv', 'tests/cassettes/test_capital.yaml', 'tests/cassettes/test_capital_city.yaml');
      writeFileSync(join(cassettes, 'tests', 'cassettes', 'test_capital_city.yaml'), old.replace('chatcmpl-A1b2C3', 'chatcmpl-X9y8Z7'));
      const r = await diff(['--git', '--format', 'json'], cassettes);
      assert.equal(r.code, 1);
      const doc = JSON.parse(r.stdout) as { pairs: { old: string | null; new: string | null; status: string; summary: string; noise: number }[] };
      assert.deepEqual(
        doc.pairs.map((p) => [p.old, p.new, p.status, p.summary, p.noise]),
        [
          ['tests/cassettes/test_capital.yaml', null, 'removed', 'removed', 0],
          [null, 'tests/cassettes/test_capital_city.yaml', 'added', 'added', 0],
        ],
      );
      // git itself saw a rename: the contract's pairing does not take it.
      assert.match(git(cassettes, 'diff', '--name-status', '-M', 'HEAD'), /^R\d+\ttests\/cassettes\/test_capital\.yaml\ttests\/cassettes\/test_capital_city\.yaml\n$/);
    } finally {
      rmSync(cassettes, { recursive: true, force: true });
    }
  });

  it('an unknown revision, and a folder that is no repository: exit 2 and one line on stderr', async () => {
    const r = await diff(['--git', 'no-such-branch'], repo);
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', 'fixture-lens: no-such-branch: unknown revision (no such commit in this repository)\n']);
    const outside = mkdtempSync(join(tmpdir(), 'fl-diff-norepo-'));
    try {
      const n = await diff(['--git'], outside);
      assert.deepEqual([n.code, n.stderr], [2, `fixture-lens: ${outside}: not a git repository\n`]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
