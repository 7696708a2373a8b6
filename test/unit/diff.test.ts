// The semantic diff of fixtures (src/core/diff): hand-made pairs in fixtures/diff, the value and word diffs,
// exchange and file pairing, the reports, and hostile input, all with exact values.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { analyzeFixture, type ExchangeAnalysis, type FixtureAnalysis } from '../../src/core';
import {
  diffFixtures,
  diffValues,
  jsonReport,
  diffWords,
  escapeMarkdownInline,
  exitCodeOf,
  formatPath,
  isNoiseKey,
  markdownReport,
  pairExchanges,
  pairFixtureFiles,
  readFixtureSide,
  textReport,
  whatChanged,
  type DiffPair,
  type FixtureDiff,
} from '../../src/core/diff';

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

const text = (name: string): string => readFileSync(join(root(), 'fixtures', 'diff', name), 'utf8');
const analysis = (name: string): FixtureAnalysis => analyzeFixture(text(name));
const diffPair = (name: string): FixtureDiff => diffFixtures(analysis(`${name}.old.json`), analysis(`${name}.new.json`));
const asPair = (diff: FixtureDiff, status: DiffPair['status'] = 'modified', old = 'a.json', young = 'b.json'): DiffPair => ({ old, new: young, status, diff });

const PLANET_TEST = 'tests/integration/inference/test_openai_completion.py::test_planet_with_rings[txt=openai/gpt-4o]';

describe('diffFixtures on hand-made OGX pairs', () => {
  it('an answer that changed: the word diff, usage and chunk count; no request change, no noise', () => {
    const d = diffPair('answer-changed');
    assert.equal(d.status, 'modified');
    assert.equal(d.answerChanged, true);
    assert.equal(d.requestChanged, false);
    assert.equal(d.changed, true);
    assert.equal(d.noise, 0);
    assert.equal(d.testId, PLANET_TEST);
    assert.equal(d.exchanges.length, 1);
    const e = d.exchanges[0];
    assert.ok(e);
    assert.deepEqual(e.request.changes, []);
    assert.deepEqual(e.noise, { count: 0, rechunked: false, examples: [] });
    assert.deepEqual(e.response, {
      dialect: 'openai-chat-stream',
      answerChanged: true,
      choices: [
        {
          index: 0,
          presence: 'both',
          content: {
            old: 'The planet Jupiter has rings.',
            new: 'The planet Saturn has many rings!',
            words: {
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
          },
        },
      ],
      usage: { old: { promptTokens: 20, completionTokens: 6, totalTokens: 26 }, new: { promptTokens: 20, completionTokens: 7, totalTokens: 27 } },
      chunkCount: { old: 9, new: 10 },
    });
    assert.equal(whatChanged(asPair(d)), 'answer changed: +2 −1 words');
    assert.equal(exitCodeOf([asPair(d)]), 1);
  });

  it('the same answer re-chunked with new ids, created, fingerprints and obfuscation is noise only', () => {
    const d = diffPair('rechunked');
    assert.equal(d.status, 'modified');
    assert.equal(d.answerChanged, false);
    assert.equal(d.requestChanged, false);
    assert.equal(d.changed, false);
    // One id, one created, one fingerprint (each repeated on every chunk), 8 obfuscation values against 6, and the chunking.
    assert.equal(d.noise, 12);
    const e = d.exchanges[0];
    assert.ok(e);
    assert.deepEqual(e.response, { dialect: 'openai-chat-stream', answerChanged: false, choices: [], chunkCount: { old: 9, new: 7 } });
    assert.equal(e.noise.rechunked, true);
    assert.equal(e.noise.examples.length, 11);
    assert.deepEqual(e.noise.examples.slice(0, 4), [
      { path: ['response', 'body', 0, '__data__', 'id'], old: 'chatcmpl-CEJ4YgXaankbE48HnjQRbK12f0asD', new: 'chatcmpl-CGq81XbQz0LmPdW7uVnYtRkS2a9Ef' },
      { path: ['response', 'body', 0, '__data__', 'created'], old: 1757525942, new: 1758120031 },
      { path: ['response', 'body', 0, '__data__', 'system_fingerprint'], old: 'fp_f33640a400', new: 'fp_cbf1785567' },
      { path: ['response', 'body', 0, '__data__', 'obfuscation'], old: 'wDu2pSk0', new: 'Zk3QpX0' },
    ]);
    // The old stream's two extra obfuscation values have no counterpart: the old side's place is shown.
    assert.deepEqual(e.noise.examples[10], { path: ['response', 'body', 7, '__data__', 'obfuscation'], old: 'wDu2pSkf', new: undefined });
    assert.equal(whatChanged(asPair(d)), 'noise only');
    assert.equal(exitCodeOf([asPair(d)]), 0);
  });

  it('tool-call arguments re-spaced, with new response and tool-call ids, are not a change', () => {
    const d = diffPair('tool-arguments');
    assert.equal(d.answerChanged, false);
    assert.equal(d.changed, false);
    assert.deepEqual(d.exchanges[0]?.response, { dialect: 'openai-chat', answerChanged: false, choices: [] });
    assert.deepEqual(d.exchanges[0]?.noise, {
      count: 3,
      rechunked: false,
      examples: [
        { path: ['response', 'body', '__data__', 'id'], old: 'chatcmpl-BxR1', new: 'chatcmpl-BzT7' },
        { path: ['response', 'body', '__data__', 'choices', 0, 'message', 'tool_calls', 0, 'id'], old: 'call_8fQm2', new: 'call_Lw0p9' },
        { path: ['response', 'body', '__data__', 'created'], old: 1757525942, new: 1758120031 },
      ],
    });
    assert.equal(exitCodeOf([asPair(d)]), 0);
  });

  it('a changed request lists the deepest paths that differ (messages by turn, tools by name); the answer is the same', () => {
    const d = diffPair('request-changed');
    assert.equal(d.answerChanged, false);
    assert.equal(d.requestChanged, true);
    assert.equal(d.changed, true);
    assert.deepEqual(d.exchanges[0]?.request.changes, [
      { path: ['body', 'messages', 0, 'content'], old: 'You are a helpful assistant. Answer in one sentence.', new: 'You are a helpful assistant. Answer in one short sentence.' },
      { path: ['body', 'tools', 1, 'function', 'description'], old: 'Get the local time', new: 'Get the local time in a city' },
    ]);
    // The response id is the recorder's rec-<hash>, and the hash changed with the request.
    assert.deepEqual(d.exchanges[0]?.noise.examples, [{ path: ['response', 'body', '__data__', 'id'], old: 'rec-954653ec7399', new: 'rec-022393d4bebb' }]);
    assert.equal(whatChanged(asPair(d, 'renamed')), 'renamed: body.messages[0].content changed and 1 more');
    assert.equal(whatChanged(asPair(d, 'modified')), 'request changed: body.messages[0].content and 1 more');
  });

  it('a URL that changed host is listed with the credentials in its query redacted', () => {
    const at = (url: string) =>
      analyzeFixture(JSON.stringify({ request: { method: 'POST', url, endpoint: '/v1beta/models/gemini-2.0-flash:generateContent', body: { contents: [] } }, response: { body: null } }));
    const key = `AIza${'x1Y2'.repeat(8)}abc`;
    const d = diffFixtures(at(`https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=${key}`), at(`https://proxy.example.com/v1beta/models/gemini-2.0-flash:generateContent?key=${key}`));
    assert.deepEqual(d.exchanges[0]?.request.changes, [
      { path: ['url'], old: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=REDACTED', new: 'https://proxy.example.com/v1beta/models/gemini-2.0-flash:generateContent?key=REDACTED' },
    ]);
    assert.equal(JSON.stringify(d).includes(key), false);
  });

  it('the same file on both sides is unchanged; one side missing is added or removed', () => {
    const a = analysis('answer-changed.old.json');
    const same = diffFixtures(a, analysis('answer-changed.old.json'));
    assert.deepEqual([same.status, same.exchanges.length, same.changed, same.noise], ['unchanged', 0, false, 0]);
    const added = diffFixtures(undefined, a);
    assert.equal(added.status, 'added');
    assert.equal(added.changed, true);
    assert.equal(added.exchanges[0]?.presence, 'new');
    assert.deepEqual(added.exchanges[0]?.response.choices[0]?.content?.words.parts, [{ op: 'insert', text: 'The planet Jupiter has rings.' }]);
    const removed = diffFixtures(a, undefined);
    assert.equal(removed.status, 'removed');
    assert.deepEqual(removed.exchanges[0]?.request.changes.map((c) => c.path), [[]]);
    assert.equal(whatChanged(asPair(removed, 'removed')), 'removed');
  });

  it('a recorded exception that changed is reported as an error change, not as an answer change', () => {
    const exception = (message: string) =>
      analyzeFixture(JSON.stringify({ request: { method: 'POST', url: 'u', endpoint: '/v1/chat/completions', body: {} }, response: { body: null, is_exception: true, exception_data: { type: 'BadRequestError', message, status_code: 400 } } }));
    const d = diffFixtures(exception('bad model'), exception('model not found'));
    assert.equal(d.answerChanged, false);
    assert.equal(d.changed, true);
    assert.deepEqual(d.exchanges[0]?.response.error, {
      old: { type: 'BadRequestError', message: 'bad model', statusCode: 400 },
      new: { type: 'BadRequestError', message: 'model not found', statusCode: 400 },
    });
    assert.equal(whatChanged(asPair(d)), 'error changed');
  });

  it('an answer without text (embeddings) is compared by its body, ids left out', () => {
    const embedding = (id: string, vector: number[]) =>
      analyzeFixture(
        JSON.stringify({
          request: { method: 'POST', url: 'u', endpoint: '/v1/embeddings', body: { model: 'm', input: 'x' } },
          response: { body: { __type__: 'openai.types.create_embedding_response.CreateEmbeddingResponse', __data__: { id, data: [{ embedding: vector, index: 0, object: 'embedding' }], model: 'm', object: 'list' } }, is_streaming: false },
        }),
      );
    const d = diffFixtures(embedding('e1', [0.1, 0.2, 0.3]), embedding('e2', [0.1, 0.25, 0.3]));
    assert.equal(d.exchanges[0]?.response.dialect, 'openai-embeddings');
    assert.deepEqual(d.exchanges[0]?.response.bodyChanges, [{ path: ['__data__', 'data', 0, 'embedding', 1], old: 0.2, new: 0.25 }]);
    assert.equal(d.exchanges[0]?.noise.count, 1);
    assert.equal(d.changed, true);
    assert.equal(whatChanged(asPair(d)), 'body changed: __data__.data[0].embedding[1]');
  });
});

describe('diffFixtures on a hand-made cassette pair', () => {
  it('a vcrpy cassette with one exchange added: the first exchange is paired (noise only), the second is added', () => {
    const d = diffFixtures(analysis('cassette-exchange-added.old.yaml'), analysis('cassette-exchange-added.new.yaml'));
    assert.equal(d.status, 'modified');
    assert.equal(d.testId, null);
    assert.equal(d.changed, true);
    assert.deepEqual(
      d.exchanges.map((e) => [e.index, e.oldIndex, e.newIndex, e.presence, e.method, e.url, e.noise.count, e.changed]),
      [
        [0, 0, 0, 'both', 'POST', 'https://api.openai.com/v1/chat/completions', 2, false],
        [1, null, 1, 'new', 'POST', 'https://api.openai.com/v1/chat/completions', 0, true],
      ],
    );
    assert.deepEqual(d.exchanges[0]?.noise.examples, [
      { path: ['interactions', 0, 'response', 'body', 'string', 'id'], old: 'chatcmpl-A1b2C3', new: 'chatcmpl-X9y8Z7' },
      { path: ['interactions', 0, 'response', 'body', 'string', 'created'], old: 1700000000, new: 1700100000 },
    ]);
    const added = d.exchanges[1];
    assert.deepEqual(added?.request.changes, [
      {
        path: [],
        old: undefined,
        new: {
          method: 'POST',
          url: 'https://api.openai.com/v1/chat/completions',
          body: {
            messages: [
              { role: 'user', content: 'What is the capital of France?' },
              { role: 'assistant', content: 'The capital of France is Paris.' },
              { role: 'user', content: 'And of Italy?' },
            ],
            model: 'gpt-4o-mini',
          },
        },
      },
    ]);
    assert.deepEqual(added?.response.choices.map((c) => [c.presence, c.content?.new, c.finishReason]), [['new', 'The capital of Italy is Rome.', { old: null, new: 'stop' }]]);
    assert.equal(whatChanged(asPair(d)), '1 exchange added');
    assert.equal(exitCodeOf([asPair(d)]), 1);
  });
});

describe('diffValues', () => {
  it('a list that grew: the list path and the new items; the equal head is not listed', () => {
    const m = (content: string) => ({ role: 'user', content });
    const r = diffValues({ messages: [m('a'), m('b')] }, { messages: [m('a'), m('b'), m('c')] }, ['body']);
    assert.deepEqual(r, { changes: [{ path: ['body', 'messages'], old: [], new: [m('c')] }], omitted: 0 });
  });

  it('an item inserted in the middle is one change of the list; the items after it are still paired with themselves', () => {
    const r = diffValues([1, 2, 3, 4], [1, 2, 9, 3, 4], []);
    assert.deepEqual(r.changes, [{ path: [], old: [], new: [9] }]);
  });

  it('tools are matched by name: a new order is one change, a changed tool is compared with its namesake', () => {
    const tool = (name: string, description: string) => ({ type: 'function', function: { name, description } });
    const itemName = (path: readonly (string | number)[]) => (path[path.length - 1] === 'tools' ? (t: unknown) => (t as { function: { name: string } }).function.name : undefined);
    const r = diffValues({ tools: [tool('a', 'x'), tool('b', 'y')] }, { tools: [tool('b', 'y2'), tool('a', 'x')] }, ['body'], { itemName });
    assert.deepEqual(r.changes, [
      { path: ['body', 'tools', 0, 'function', 'description'], old: 'y', new: 'y2' },
      { path: ['body', 'tools'], old: ['a', 'b'], new: ['b', 'a'] },
    ]);
  });

  it('noise keys are counted, not listed: a tool_call_id in an earlier turn', () => {
    const noise: unknown[] = [];
    const r = diffValues({ messages: [{ role: 'tool', tool_call_id: 'call_1', content: 'ok' }] }, { messages: [{ role: 'tool', tool_call_id: 'call_2', content: 'ok' }] }, ['body'], {
      isNoiseKey,
      onNoise: (c) => noise.push(c),
    });
    assert.deepEqual(r.changes, []);
    assert.deepEqual(noise, [{ path: ['body', 'messages', 0, 'tool_call_id'], old: 'call_1', new: 'call_2' }]);
  });

  it('a key added or removed is a change with the missing side undefined', () => {
    assert.deepEqual(diffValues({ a: 1 }, { b: 2 }, []).changes, [
      { path: ['a'], old: 1, new: undefined },
      { path: ['b'], old: undefined, new: 2 },
    ]);
  });

  it('a value nested 5,000 levels deep is one change at depth 256, shown as a note; nothing throws', () => {
    const nest = (leaf: string): unknown => {
      let v: unknown = leaf;
      for (let i = 0; i < 5000; i++) v = [v];
      return v;
    };
    const r = diffValues({ x: nest('a') }, { x: nest('b') }, ['body']);
    const note = '(a value nested more than 200 levels deep)';
    assert.deepEqual(r.changes, [{ path: ['body', 'x', ...new Array<number>(255).fill(0)], old: note, new: note }]);
    assert.doesNotThrow(() => JSON.stringify(r));
  });
});

describe('diffWords', () => {
  it('keeps white space and punctuation as tokens and counts only words (tokens with a letter or digit)', () => {
    assert.deepEqual(diffWords('Hello, world.', 'Hello, brave new world!'), {
      parts: [
        { op: 'equal', text: 'Hello, ' },
        { op: 'insert', text: 'brave new ' },
        { op: 'equal', text: 'world' },
        { op: 'delete', text: '.' },
        { op: 'insert', text: '!' },
      ],
      added: 2,
      removed: 0,
    });
  });

  it('reads CJK characters as words of their own and never cuts a surrogate pair', () => {
    assert.deepEqual(diffWords('東京は晴れ 😀', '東京は雨 😀'), {
      parts: [
        { op: 'equal', text: '東京は' },
        { op: 'delete', text: '晴れ' },
        { op: 'insert', text: '雨' },
        { op: 'equal', text: ' 😀' },
      ],
      added: 1,
      removed: 2,
    });
  });

  it('a rewritten answer (few word pairs in common) is shown replaced whole, not as a confetti of small changes', () => {
    const d = diffWords('The capital of France is Paris, a city on the Seine known for its museums and cafes.', 'Paris is the French capital; it lies on the river Seine and is famous for art and food.');
    assert.deepEqual(d.parts, [
      { op: 'delete', text: 'The capital of France is Paris, a city on the Seine known for its museums and cafes' },
      { op: 'insert', text: 'Paris is the French capital; it lies on the river Seine and is famous for art and food' },
      { op: 'equal', text: '.' },
    ]);
    assert.deepEqual([d.added, d.removed], [18, 17]);
  });

  it('the parts always rebuild both texts, with no two neighbours of one kind (fast-check)', () => {
    const piece = fc.constantFrom('a', 'b', 'the', 'Hello', ' ', '  ', '\n', ',', '.', '東', '京', '😀', 'é', '12', '_');
    const text = fc.array(piece, { maxLength: 40 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = diffWords(a, b);
        assert.equal(d.parts.filter((p) => p.op !== 'insert').map((p) => p.text).join(''), a);
        assert.equal(d.parts.filter((p) => p.op !== 'delete').map((p) => p.text).join(''), b);
        for (let i = 1; i < d.parts.length; i++) assert.notEqual(d.parts[i]?.op, d.parts[i - 1]?.op);
      }),
      { seed: 20251202, numRuns: 3000 },
    );
  });

  it('texts too different to align within the budget are replaced whole, in linear time', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 100_000 }, (_, i) => `b${i}`).join(' ');
    const d = diffWords(a, b);
    assert.deepEqual(d.parts.map((p) => p.op), ['delete', 'insert']);
    assert.deepEqual([d.added, d.removed], [100_000, 100_000]);
  });
});

describe('pairing', () => {
  const exchange = (method: string, url: string): ExchangeAnalysis => ({ method, url }) as unknown as ExchangeAnalysis;

  it('pairs exchanges by order and URL; an exchange added in the middle is added', () => {
    const a = exchange('POST', 'https://api.openai.com/v1/chat/completions');
    const t = exchange('POST', 'https://oauth2.googleapis.com/token');
    assert.deepEqual(pairExchanges([a, a], [a, t, a]), [
      { old: 0, new: 0 },
      { old: null, new: 1 },
      { old: 1, new: 2 },
    ]);
  });

  it('pairs by position what lies between anchors (a request sent to another host is the same step)', () => {
    const a = exchange('POST', 'https://api.openai.com/v1/chat/completions');
    const b = exchange('POST', 'https://proxy.example/v1/chat/completions');
    const end = exchange('GET', 'https://api.openai.com/v1/models');
    assert.deepEqual(pairExchanges([a, end], [b, end]), [
      { old: 0, new: 0 },
      { old: 1, new: 1 },
    ]);
  });

  it('pairs renamed recordings by test_id and endpoint, the most similar request first; the rest added or removed', () => {
    const recording = (testId: string | null, content: string, endpoint = '/v1/chat/completions') =>
      analyzeFixture(JSON.stringify({ test_id: testId, request: { method: 'POST', url: 'u', endpoint, body: { model: 'm', messages: [{ role: 'user', content }], temperature: 0 } }, response: { body: null } }));
    const file = (path: string, a: FixtureAnalysis) => ({ path, analysis: a });
    const pairs = pairFixtureFiles({
      modified: [],
      removed: [file('r/old-1.json', recording('t::a', 'one')), file('r/old-2.json', recording('t::a', 'two')), file('r/old-3.json', recording('t::b', 'x')), file('r/old-4.json', recording(null, 'y'))],
      added: [file('r/new-2.json', recording('t::a', 'two!')), file('r/new-1.json', recording('t::a', 'one')), file('r/new-3.json', recording('t::b', 'x', '/v1/embeddings')), file('r/new-4.json', recording(null, 'y'))],
      gitRenames: [{ oldPath: 'r/old-4.json', newPath: 'r/new-4.json' }, { oldPath: 'r/old-3.json', newPath: 'r/new-3.json' }],
    });
    assert.deepEqual(
      pairs.map((p) => [p.old?.path ?? null, p.new?.path ?? null, p.status]),
      [
        ['r/old-1.json', 'r/new-1.json', 'renamed'],
        ['r/old-2.json', 'r/new-2.json', 'renamed'],
        // Another endpoint: not the same recording; and git's content rename is not taken for files that name a test.
        [null, 'r/new-3.json', 'added'],
        ['r/old-4.json', 'r/new-4.json', 'renamed'],
        ['r/old-3.json', null, 'removed'],
      ],
    );
  });
});

describe('reports', () => {
  it('formats paths as a reader writes them', () => {
    assert.equal(formatPath(['body', 'messages', 2, 'content']), 'body.messages[2].content');
    assert.equal(formatPath(['body', 'a-b', 'c d']), 'body["a-b"]["c d"]');
    assert.equal(formatPath([]), '(the whole request)');
  });

  it('the text report marks words as git does and ends with the summary line', () => {
    const d = diffPair('answer-changed');
    assert.equal(
      textReport([asPair(d, 'modified', 'rec/a.json', 'rec/a.json')]),
      [
        `modified  rec/a.json  (${PLANET_TEST})`,
        '  answer changed: +2 −1 words',
        '  content: The planet [-Jupiter-]{+Saturn+} has {+many +}rings[-.-]{+!+}',
        '  usage: 20 prompt + 6 completion = 26 tokens → 20 prompt + 7 completion = 27 tokens',
        '  chunks: 9 → 10',
        '1 fixture compared: 1 modified, 0 renamed, 0 added, 0 removed, 0 unchanged; 1 answer changed, 0 requests changed',
        '',
      ].join('\n'),
    );
  });

  it('the Markdown report of a small case, exactly', () => {
    const changed = asPair(diffPair('answer-changed'), 'modified', 'recordings/planet.json', 'recordings/planet.json');
    const quiet = asPair(diffPair('rechunked'), 'modified', 'recordings/rings.json', 'recordings/rings.json');
    const renamed = asPair(diffPair('request-changed'), 'renamed', 'recordings/954653ec.json', 'recordings/022393d4.json');
    assert.equal(
      markdownReport([changed, renamed, quiet]),
      [
        '### Fixture changes',
        '',
        '3 fixtures compared: 2 modified (1 noise only), 1 renamed, 0 added, 0 removed, 0 unchanged; 1 answer changed, 1 request changed.',
        '',
        '| Status | Fixture | Test | What changed |',
        '| --- | --- | --- | --- |',
        '| modified | <code>recordings/planet\\.json</code> | <code>tests/integration/inference/test\\_openai\\_completion\\.py\\:\\:test\\_planet\\_with\\_rings\\[txt\\=openai/gpt\\-4o\\]</code> | answer changed\\: \\+2 −1 words |',
        '| renamed | <code>recordings/954653ec\\.json</code> → <code>recordings/022393d4\\.json</code> | <code>tests/integration/agents/test\\_agents\\.py\\:\\:test\\_capital\\_question\\[txt\\=openai/gpt\\-4o\\]</code> | renamed\\: body\\.messages\\[0\\]\\.content changed and 1 more |',
        '',
        '<details><summary>1 fixture with no change but noise (ids, timestamps, chunk boundaries)</summary>',
        '',
        '- <code>recordings/rings\\.json</code>: noise only',
        '',
        '</details>',
        '',
        '#### modified <code>recordings/planet\\.json</code>',
        '',
        'content:',
        '',
        '<pre>',
        'The planet <del>Jupiter</del><ins>Saturn</ins> has <ins>many </ins>rings<del>.</del><ins>!</ins>',
        '</pre>',
        '',
        '- usage\\: 20 prompt \\+ 6 completion \\= 26 tokens → 20 prompt \\+ 7 completion \\= 27 tokens',
        '- chunks\\: 9 → 10',
        '',
        '#### renamed <code>recordings/954653ec\\.json</code> → <code>recordings/022393d4\\.json</code>',
        '',
        '- request <code>body\\.messages\\[0\\]\\.content</code>: <code>&quot;You are a helpful assistant\\. Answer in one sentence\\.&quot;</code> → <code>&quot;You are a helpful assistant\\. Answer in one short sentence\\.&quot;</code>',
        '- request <code>body\\.tools\\[1\\]\\.function\\.description</code>: <code>&quot;Get the local time&quot;</code> → <code>&quot;Get the local time in a city&quot;</code>',
        '- noise\\: 1',
        '',
      ].join('\n'),
    );
  });

  it('inline escapes: every ASCII punctuation mark but /, entities for HTML, a word joiner after @ and # before a name or number', () => {
    assert.equal(escapeMarkdownInline('@octocat fixed #12 | a*b* <u>\n[x](y)'), '\\@\u2060octocat fixed \\#\u206012 \\| a\\*b\\* &lt;u&gt; \\[x\\]\\(y\\)');
    assert.equal(escapeMarkdownInline('a/b @ #'), 'a/b \\@ \\#');
  });

  it('hostile fixture text cannot inject HTML, Markdown, table cells, mentions or an end to the <pre> block', () => {
    const hostile = '<script>alert(1)</script> | `code` </pre> <img src=x onerror=alert(1)> [x](javascript:alert(1)) @octocat *b* &amp;';
    const make = (content: string, testId: string) =>
      analyzeFixture(
        JSON.stringify({
          test_id: testId,
          request: { method: 'POST', url: 'u', endpoint: '/v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } },
          response: { body: { __type__: 'openai.types.chat.chat_completion.ChatCompletion', __data__: { id: 'x', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }], model: 'm', object: 'chat.completion' } } },
        }),
      );
    const testId = 'tests/x.py::t[<b>|`]';
    const md = markdownReport([asPair(diffFixtures(make('safe', testId), make(hostile, testId)), 'modified', 'r/<i>.json', 'r/<i>.json')]);
    const lines = md.split('\n');
    assert.equal(lines[6], '| modified | <code>r/&lt;i&gt;\\.json</code> | <code>tests/x\\.py\\:\\:t\\[&lt;b&gt;\\|\\`\\]</code> | answer changed\\: \\+19 −1 words |');
    const pre = lines.indexOf('<pre>');
    assert.equal(
      lines[pre + 1],
      '<del>safe</del><ins>&lt;script&gt;alert(1)&lt;/script&gt; | `code` &lt;/pre&gt; &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1)) @octocat *b* &amp;amp;</ins>',
    );
    assert.equal(lines[pre + 2], '</pre>');
    // Only the report's own tags are raw HTML.
    assert.deepEqual([...md.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]).filter((t) => !['code', 'pre', 'del', 'ins', 'details', 'summary'].includes(t as string)), []);
  });
});

/** Changes in path order (then by value): a key only on one side is listed after the other side's keys, so the two directions list them in another order. */
const byPath = <T extends { path: readonly unknown[]; old: unknown; new: unknown }>(cs: T[]): T[] => {
  const key = (c: T) => JSON.stringify([c.path, c.old ?? null, c.new ?? null]);
  return cs.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
};

/** The diff seen from the other side: every change with its old and new swapped. */
function mirrored(d: FixtureDiff): unknown {
  return d.exchanges.map((e) => ({
    presence: e.presence === 'both' ? 'both' : e.presence === 'old' ? 'new' : 'old',
    request: byPath(e.request.changes.map((c) => ({ path: c.path, old: c.new, new: c.old }))),
    answerChanged: e.response.answerChanged,
    choices: e.response.choices.map((c) => ({ index: c.index, content: c.content ? [c.content.new, c.content.old] : null, reasoning: c.reasoning ? [c.reasoning.new, c.reasoning.old] : null, finish: c.finishReason ? [c.finishReason.new, c.finishReason.old] : null })),
    noise: e.noise.count,
  }));
}

function view(d: FixtureDiff): unknown {
  return d.exchanges.map((e) => ({
    presence: e.presence,
    request: byPath(e.request.changes.map((c) => ({ path: c.path, old: c.old, new: c.new }))),
    answerChanged: e.response.answerChanged,
    choices: e.response.choices.map((c) => ({ index: c.index, content: c.content ? [c.content.old, c.content.new] : null, reasoning: c.reasoning ? [c.reasoning.old, c.reasoning.new] : null, finish: c.finishReason ? [c.finishReason.old, c.finishReason.new] : null })),
    noise: e.noise.count,
  }));
}

describe('diffFixtures on real recordings (../shared/corpus)', () => {
  const shared = resolve(root(), '../shared');
  const corpus = join(shared, 'corpus');
  const names = existsSync(corpus) ? readdirSync(corpus).filter((n) => n.endsWith('.json')).sort() : [];
  before(function () {
    if (names.length === 0) {
      console.log(`      (skipped: ${corpus} is absent)`);
      this.skip();
    }
  });

  it('every recording against itself is unchanged', () => {
    const statuses = names.map((n) => diffFixtures(analyzeFixture(readFileSync(join(corpus, n), 'utf8')), analyzeFixture(readFileSync(join(corpus, n), 'utf8'))).status);
    assert.deepEqual(statuses, names.map(() => 'unchanged'));
    assert.equal(names.length, 87);
  });

  it('each recording against the next: the diff one way is the mirror of the other way, and every report renders', () => {
    const analyses = names.map((n) => analyzeFixture(readFileSync(join(corpus, n), 'utf8')));
    for (let i = 0; i < analyses.length; i++) {
      const a = analyses[i] as FixtureAnalysis;
      const b = analyses[(i + 1) % analyses.length] as FixtureAnalysis;
      const forward = diffFixtures(a, b);
      const backward = diffFixtures(b, a);
      assert.deepEqual(view(backward), mirrored(forward), names[i]);
      const pair = asPair(forward);
      assert.doesNotThrow(() => JSON.parse(jsonReport([pair])), names[i]);
      assert.doesNotThrow(() => markdownReport([pair]) + textReport([pair]), names[i]);
    }
  });
});

describe('diffFixtures on real cassettes (../shared/cassettes)', () => {
  const dir = join(resolve(root(), '../shared'), 'cassettes');
  const files = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => readdirSync(join(dir, e.name)).map((n) => join(dir, e.name, n))) : [];

  it('every cassette against itself is unchanged; without its last exchange, or its first (when its request is unique), that one is removed', function () {
    if (files.length === 0) {
      console.log(`      (skipped: ${dir} is absent)`);
      this.skip();
    }
    let cut = 0;
    const key = (e: ExchangeAnalysis) => `${e.method} ${e.url} ${JSON.stringify(e.request?.['body'] ?? null)}`;
    for (const file of files) {
      const all = readFixtureSide(readFileSync(file)).analysis;
      assert.equal(diffFixtures(all, readFixtureSide(readFileSync(file)).analysis).status, 'unchanged', file);
      const n = all.exchanges.length;
      if (n < 2) continue;
      // The same analysis less one exchange: that exchange is removed, the rest are paired with themselves.
      const withoutLast = diffFixtures(all, { ...all, exchanges: all.exchanges.slice(0, -1) } as FixtureAnalysis);
      assert.deepEqual(withoutLast.exchanges.map((e) => [e.presence, e.oldIndex]), [['old', n - 1]], file);
      const first = all.exchanges[0] as ExchangeAnalysis;
      if (all.exchanges.filter((e) => key(e) === key(first)).length === 1) {
        const withoutFirst = diffFixtures(all, { ...all, exchanges: all.exchanges.slice(1) } as FixtureAnalysis);
        assert.deepEqual(withoutFirst.exchanges.map((e) => [e.presence, e.oldIndex]), [['old', 0]], file);
      }
      cut++;
    }
    assert.equal(files.length, 114);
    // MANIFEST.tsv counts 37 files of two interactions or more.
    assert.equal(cut, 37);
  });
});

describe('diffFixtures on random input (fast-check)', () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  const envelope = fc.record({
    test_id: fc.option(fc.string(), { nil: undefined }),
    request: fc.record({ method: fc.constant('POST'), url: fc.webUrl(), endpoint: fc.constantFrom('/v1/chat/completions', '/v1/embeddings', '/api/chat'), body: json }),
    response: fc.record({ body: fc.oneof(json, fc.array(json, { maxLength: 6 })), is_streaming: fc.boolean() }),
  });

  it('never throws; a file against itself is unchanged; the two directions mirror each other', () => {
    fc.assert(
      fc.property(envelope, envelope, (x, y) => {
        const a = analyzeFixture(JSON.stringify(x));
        const b = analyzeFixture(JSON.stringify(y));
        assert.equal(diffFixtures(a, analyzeFixture(JSON.stringify(x))).status, 'unchanged');
        const forward = diffFixtures(a, b);
        assert.deepEqual(view(diffFixtures(b, a)), mirrored(forward));
        JSON.parse(jsonReport([asPair(forward)]));
        markdownReport([asPair(forward)]);
      }),
      { seed: 20251201, numRuns: 400 },
    );
  });
});
