// The diff panel's view model (src/extension/diff/diffViewModel.ts) over the hand-made pairs in fixtures/diff, with exact values.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeFixture, type FixtureAnalysis } from '../../src/core';
import { diffFixtures, pairStatus, type PairStatus } from '../../src/core/diff';
import { diffView, toolCallView, valueText, MAX_VALUE_TEXT } from '../../src/extension/diff/diffViewModel';
import { DiffViewSchema, parseDiffHostMessage, type DiffView } from '../../src/shared/protocol';

function root(): string {
  const env = process.env['FIXTURE_LENS_ROOT'];
  if (env) return env;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'fixture-lens') return dir;
    if (dirname(dir) === dir) throw new Error('repository root not found');
  }
}

const analysis = (name: string): FixtureAnalysis => analyzeFixture(readFileSync(join(root(), 'fixtures', 'diff', name), 'utf8'));

function view(name: string, ext = 'json', status: PairStatus = 'modified'): DiffView {
  const oldAnalysis = analysis(`${name}.old.${ext}`);
  const newAnalysis = analysis(`${name}.new.${ext}`);
  const diff = diffFixtures(oldAnalysis, newAnalysis);
  const oldPath = `${name}.old.${ext}`;
  const newPath = status === 'renamed' ? `${name}.new.${ext}` : oldPath;
  const pair = { old: oldPath, new: newPath, status: status === 'modified' ? pairStatus('modified', diff) : status, diff };
  const out = diffView({ pair, oldAnalysis, newAnalysis, title: name, oldLabel: 'HEAD', newLabel: 'Working Tree' });
  // Whatever the view model makes must be a message the webview accepts.
  assert.equal(DiffViewSchema.safeParse(out).success, true);
  return out;
}

const EXCHANGE = { number: 1, presence: 'both', method: 'POST', url: 'https://api.openai.com/v1/v1/chat/completions' } as const;
const NO_NOISE = { count: 0, rechunked: false, examples: [] };

describe('diff view model', () => {
  it('an answer that changed: its word diff, usage and chunk count, nothing in the request, no noise', () => {
    assert.deepEqual(view('answer-changed'), {
      title: 'answer-changed',
      oldLabel: 'HEAD',
      newLabel: 'Working Tree',
      oldPath: 'answer-changed.old.json',
      newPath: 'answer-changed.old.json',
      status: 'modified',
      summary: 'answer changed: +2 −1 words',
      noiseCount: 0,
      exchanges: [
        {
          ...EXCHANGE,
          changed: true,
          request: [],
          messages: [],
          choices: [
            {
              index: 0,
              presence: 'both',
              texts: [
                {
                  label: 'answer',
                  parts: [
                    { op: 'equal', text: 'The planet ' },
                    { op: 'delete', text: 'Jupiter' },
                    { op: 'insert', text: 'Saturn' },
                    { op: 'equal', text: ' has ' },
                    { op: 'insert', text: 'many ' },
                    { op: 'equal', text: 'rings' },
                    { op: 'delete', text: '.' },
                    { op: 'insert', text: '!' },
                  ],
                  added: 2,
                  removed: 1,
                },
              ],
              toolCalls: null,
            },
          ],
          facts: [
            { label: 'usage', old: '20 in, 6 out, 26 total', new: '20 in, 7 out, 27 total' },
            { label: 'chunks', old: '9', new: '10' },
          ],
          body: [],
          bodyOmitted: 0,
          noise: NO_NOISE,
        },
      ],
    });
  });

  it('the same answer re-chunked with new ids is noise only, its examples kept for the toggle', () => {
    const v = view('rechunked');
    assert.equal(v.summary, 'noise only');
    assert.equal(v.noiseCount, 12);
    const e = v.exchanges[0];
    assert.ok(e);
    assert.deepEqual([e.changed, e.request, e.messages, e.choices, e.facts], [false, [], [], [], [{ label: 'chunks', old: '9', new: '7' }]]);
    assert.equal(e.noise.count, 12);
    assert.equal(e.noise.rechunked, true);
    assert.equal(e.noise.examples.length, 11);
    assert.deepEqual(e.noise.examples[0], { path: 'response.body[0].__data__.id', old: '"chatcmpl-CEJ4YgXaankbE48HnjQRbK12f0asD"', new: '"chatcmpl-CGq81XbQz0LmPdW7uVnYtRkS2a9Ef"' });
    assert.deepEqual(e.noise.examples[1], { path: 'response.body[0].__data__.created', old: '1757525942', new: '1758120031' });
    assert.deepEqual(e.noise.examples[10], { path: 'response.body[7].__data__.obfuscation', old: '"wDu2pSkf"', new: null });
  });

  it('tool-call arguments re-spaced are no change: only the ids and created differ', () => {
    const v = view('tool-arguments');
    assert.equal(v.summary, 'noise only');
    assert.deepEqual(v.exchanges[0]?.choices, []);
    assert.deepEqual(
      v.exchanges[0]?.noise.examples.map((x) => x.path),
      ['response.body.__data__.id', 'response.body.__data__.choices[0].message.tool_calls[0].id', 'response.body.__data__.created'],
    );
  });

  it('a request changed in a renamed file: the changed paths old → new and the message that differs, word by word', () => {
    const v = view('request-changed', 'json', 'renamed');
    assert.deepEqual([v.status, v.oldPath, v.newPath, v.summary, v.noiseCount], ['renamed', 'request-changed.old.json', 'request-changed.new.json', 'renamed: body.messages[0].content changed and 1 more', 1]);
    const e = v.exchanges[0];
    assert.ok(e);
    assert.deepEqual(e.request, [
      { path: 'body.messages[0].content', old: '"You are a helpful assistant. Answer in one sentence."', new: '"You are a helpful assistant. Answer in one short sentence."' },
      { path: 'body.tools[1].function.description', old: '"Get the local time"', new: '"Get the local time in a city"' },
    ]);
    assert.deepEqual(e.messages, [
      {
        number: 1,
        role: 'system',
        presence: 'both',
        text: {
          label: 'content',
          parts: [
            { op: 'equal', text: 'You are a helpful assistant. Answer in one ' },
            { op: 'insert', text: 'short ' },
            { op: 'equal', text: 'sentence.' },
          ],
          added: 1,
          removed: 0,
        },
      },
    ]);
    assert.deepEqual(e.noise.examples, [{ path: 'response.body.__data__.id', old: '"rec-954653ec7399"', new: '"rec-022393d4bebb"' }]);
  });

  it('a cassette with one exchange added: the new exchange whole, the old one as noise', () => {
    const v = view('cassette-exchange-added', 'yaml');
    assert.equal(v.summary, '1 exchange added');
    assert.deepEqual(
      v.exchanges.map((e) => [e.number, e.presence, e.changed, e.noise.count]),
      [
        [1, 'both', false, 2],
        [2, 'new', true, 0],
      ],
    );
    const added = v.exchanges[1];
    assert.ok(added);
    assert.deepEqual(added.choices, [{ index: 0, presence: 'new', texts: [{ label: 'answer', parts: [{ op: 'insert', text: 'The capital of Italy is Rome.' }], added: 6, removed: 0 }], toolCalls: null }]);
    assert.deepEqual(added.facts, [
      { label: 'model', old: 'none', new: 'gpt-4o-mini-2024-07-18' },
      { label: 'usage', old: 'none', new: '36 in, 7 out, 43 total' },
      { label: 'finish reason (choice 0)', old: 'none', new: 'stop' },
      { label: 'chunks', old: '0', new: '1' },
    ]);
  });

  it('tool calls are shown pretty-printed when their arguments are JSON, as recorded otherwise', () => {
    assert.deepEqual(toolCallView({ index: 0, id: 'c', type: 'function', name: 'get_time', arguments: '{"city":"Rome"}' }), { name: 'get_time', arguments: '{\n  "city": "Rome"\n}' });
    assert.deepEqual(toolCallView({ index: 0, id: null, type: null, name: null, arguments: '{"city":' }), { name: null, arguments: '{"city":' });
  });

  it('values are short JSON text, absent is null, long ones are cut', () => {
    assert.equal(valueText(undefined), null);
    assert.equal(valueText(null), 'null');
    assert.equal(valueText('a"b'), '"a\\"b"');
    assert.equal(valueText({ a: [1] }), '{"a":[1]}');
    const long = valueText('x'.repeat(5000));
    assert.equal(long?.length, MAX_VALUE_TEXT + 1);
    assert.equal(long?.endsWith('xx…'), true);
  });

  it('a diff message the webview would receive parses; a malformed one does not', () => {
    const diff = view('answer-changed');
    assert.deepEqual(parseDiffHostMessage({ type: 'diff', generation: 1, diff }), { type: 'diff', generation: 1, diff });
    assert.equal(parseDiffHostMessage({ type: 'diff', generation: -1, diff }), undefined);
    assert.equal(parseDiffHostMessage({ type: 'diff', generation: 1, diff: { ...diff, status: 'moved' } }), undefined);
    assert.equal(parseDiffHostMessage('<script>'), undefined);
  });
});
