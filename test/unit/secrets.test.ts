// The `secret-in-fixture` warning: exact ranges and messages for every kind of credential, no false
// positive on real recordings or on look-alikes, the broken fixture, redaction, and a CLI that never
// prints a whole secret.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { toCliDiagnostic } from '../../src/cli/validateCommand';
import { analyzeFixture, LineIndex, type FixtureAnalysis } from '../../src/core';
import type { TextLocator } from '../../src/core/analysis';
import { findSecrets, previewSecret, REDACTION } from '../../src/core/secrets';
import { repoRoot, sharedDir } from '../support/paths';

type Found = [line: number, column: number, endLine: number, endColumn: number, message: string];

/** The secret warnings of a text as the CLI prints them (1-based line and column). */
function secretsIn(text: string, analysis: FixtureAnalysis = analyzeFixture(text)): Found[] {
  const lines = new LineIndex(text);
  return analysis.diagnostics
    .filter((d) => d.code === 'secret-in-fixture')
    .map((d) => {
      assert.equal(d.severity, 'warning');
      const c = toCliDiagnostic(d, lines);
      return [c.line, c.column, c.endLine, c.endColumn, c.message];
    });
}

/** A fixture whose user message (line 8, from column 38) is `content`, as raw JSON string content. */
function withContent(content: string): string {
  return `{
  "request": {
    "method": "POST",
    "url": "https://api.example.com/v1/chat/completions",
    "headers": {},
    "body": {
      "messages": [
        {"role": "user", "content": "${content}"}
      ]
    }
  },
  "response": {"body": null}
}
`;
}

const AT = 'request.body.messages[0].content:';
const ROTATE = 'redact it and rotate the key';

/** Replaces every secret span with REDACTION, last first. */
function redact(text: string, analysis: FixtureAnalysis): string {
  let out = text;
  const spans = analysis.diagnostics.filter((d) => d.code === 'secret-in-fixture').map((d) => d.span);
  for (const s of spans.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + REDACTION + out.slice(s.end);
  return out;
}

describe('secret-in-fixture', () => {
  describe('provider keys in string values: exact range (the key itself) and message', () => {
    const cases: [name: string, content: string, expected: Found][] = [
      ['OpenAI, legacy', 'my key sk-FAKEfake0000FAKEfake0000FAKEfake0000FAKEfake ok', [8, 45, 8, 92, `${AT} looks like an OpenAI API key ("sk-FAK…fake"): ${ROTATE}`]],
      ['OpenAI, project', 'sk-proj-FAKEFAKEFAKE_fake-0000FAKEfake4f2a', [8, 38, 8, 80, `${AT} looks like an OpenAI API key ("sk-pro…4f2a"): ${ROTATE}`]],
      ['Anthropic', 'key=sk-ant-api03-FAKEfake0000FAKEfake0000-FAKEfake0000AA', [8, 42, 8, 94, `${AT} looks like an Anthropic API key ("sk-ant…00AA"): ${ROTATE}`]],
      ['AWS access key id', 'aws AKIAFAKEFAKE0000FAKE.', [8, 42, 8, 62, `${AT} looks like an AWS access key ID ("AKIAFA…FAKE"): ${ROTATE}`]],
      ['Google API key', '(AIzaFAKEfake0000FAKEfake0000FAKEfake000)', [8, 39, 8, 78, `${AT} looks like a Google API key ("AIzaFA…e000"): ${ROTATE}`]],
      ['GitHub classic token', 'ghp_FAKEfake0000FAKEfake0000FAKEfake0000', [8, 38, 8, 78, `${AT} looks like a GitHub token ("ghp_FA…0000"): ${ROTATE}`]],
      ['GitHub fine-grained token', 'github_pat_11FAKEFAKE0_FAKEfake0000FAKEfake0000', [8, 38, 8, 85, `${AT} looks like a GitHub token ("github…0000"): ${ROTATE}`]],
      ['xAI', 'xai-FAKEfake0000FAKEfake0000FAKEfake0000', [8, 38, 8, 78, `${AT} looks like an xAI API key ("xai-FA…0000"): ${ROTATE}`]],
      ['Hugging Face', 'HF_TOKEN=hf_FAKEfakeFAKEfakeFAKEfakeFAKEfakeFA', [8, 47, 8, 84, `${AT} looks like a Hugging Face token ("hf_FAK…keFA"): ${ROTATE}`]],
      ['Groq', 'gsk_FAKEfake0000FAKEfake0000FAKEfake0000FAKEfake0000', [8, 38, 8, 90, `${AT} looks like a Groq API key ("gsk_FA…0000"): ${ROTATE}`]],
      ['Slack', 'xoxb-0000000000-0000000000000-FAKEfakeFAKEfakeFAKE', [8, 38, 8, 88, `${AT} looks like a Slack token ("xoxb-0…FAKE"): ${ROTATE}`]],
      ['a key in a URL (?key=)', 'see https://example.com/v1beta/models?key=FAKEfake0000FAKEfake0000', [8, 80, 8, 104, `${AT} looks like a credential in the URL's key parameter ("FAKEfa…0000"): ${ROTATE}`]],
      ['a Google key in a URL', 'https://x.example/v1?alt=sse&key=AIzaFAKEfake0000FAKEfake0000FAKEfake000', [8, 71, 8, 110, `${AT} looks like a Google API key ("AIzaFA…e000"): ${ROTATE}`]],
      ['an OAuth token in a URL fragment (#access_token=)', 'https://example.com/cb#access_token=ya29.FAKEfake0000-FAKE&state=x', [8, 74, 8, 96, `${AT} looks like a credential in the URL's access_token parameter ("ya29.F…FAKE"): ${ROTATE}`]],
      ['api_key= in a query', 'GET /v1/items?limit=5&api_key=FAKEfake0000FAKEfake HTTP/1.1', [8, 68, 8, 88, `${AT} looks like a credential in the URL's api_key parameter ("FAKEfa…fake"): ${ROTATE}`]],
      ['a Bearer token, the quotes around it escaped', 'curl -H \\"Authorization: Bearer FAKEfake0000FAKEfake0000\\" x', [8, 70, 8, 94, `${AT} looks like a bearer token ("FAKEfa…0000"): ${ROTATE}`]],
      ['a key right after an escaped newline', 'line one\\nsk-proj-FAKEFAKEFAKE_fake-0000FAKEfake4f2a', [8, 48, 8, 90, `${AT} looks like an OpenAI API key ("sk-pro…4f2a"): ${ROTATE}`]],
      ['a JSON Web Token outside Bearer', 'jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJGQUtFIn0.FAKEfake0000FAKEfake0000FAKEfake0000abcd; ok', [8, 42, 8, 123, `${AT} looks like a JSON Web Token ("eyJhbG…abcd"): ${ROTATE}`]],
      ['an AWS temporary key (ASIA)', 'aws ASIAFAKEFAKE0000FAKE.', [8, 42, 8, 62, `${AT} looks like an AWS temporary access key ID ("ASIAFA…FAKE"): ${ROTATE}`]],
      ['a lowercase bearer token', 'authorization: bearer FAKEfake0000FAKEfake0000', [8, 60, 8, 84, `${AT} looks like a bearer token ("FAKEfa…0000"): ${ROTATE}`]],
      ['a Stripe secret key', 'STRIPE=sk_live_FAKEfake0000FAKEfake0000FAKE', [8, 45, 8, 81, `${AT} looks like a Stripe secret key ("sk_liv…FAKE"): ${ROTATE}`]],
      ['a Stripe restricted key', 'rk_live_FAKEfake0000FAKEfake0000FAKE', [8, 38, 8, 74, `${AT} looks like a Stripe restricted key ("rk_liv…FAKE"): ${ROTATE}`]],
      ['a Replicate token', 'token r8_FAKEfake0000FAKEfake0000FAKEfake0000FAK', [8, 44, 8, 86, `${AT} looks like a Replicate API token ("r8_FAK…0FAK"): ${ROTATE}`]],
      ['a Perplexity key', 'pplx-FAKEfake0000FAKEfake0000FAKEfake0000FAKEfake0000', [8, 38, 8, 91, `${AT} looks like a Perplexity API key ("pplx-F…0000"): ${ROTATE}`]],
      ['a Fireworks key', '(fw_FAKEfake0000FAKEfake0000FAKE)', [8, 39, 8, 70, `${AT} looks like a Fireworks API key ("fw_FAK…FAKE"): ${ROTATE}`]],
      ['?Key= in another case', 'https://x.example/v1/models?Key=FAKEfake0000FAKEfake0000', [8, 70, 8, 94, `${AT} looks like a credential in the URL's Key parameter ("FAKEfa…0000"): ${ROTATE}`]],
      ['?token=', 'wss://x.example/stream?token=FAKEfake0000FAKEfake0000&v=1', [8, 67, 8, 91, `${AT} looks like a credential in the URL's token parameter ("FAKEfa…0000"): ${ROTATE}`]],
      ['?ACCESS_TOKEN= in upper case', 'https://x.example/cb?ACCESS_TOKEN=FAKEfake0000FAKEfake0000', [8, 72, 8, 96, `${AT} looks like a credential in the URL's ACCESS_TOKEN parameter ("FAKEfa…0000"): ${ROTATE}`]],
    ];
    for (const [name, content, expected] of cases) {
      it(name, () => {
        const text = withContent(content);
        const found = secretsIn(text);
        assert.deepEqual(found, [expected]);
        // The range is exactly the secret: what is under it never holds a quote, and the message never shows it whole.
        const d = analyzeFixture(text).diagnostics.find((x) => x.code === 'secret-in-fixture');
        assert.ok(d);
        const secret = text.slice(d.span.start, d.span.end);
        assert.ok(!d.message.includes(secret));
        assert.deepEqual(d.path, ['request', 'body', 'messages', 0, 'content']);
        // The Redact fix leaves valid JSON without the warning.
        const redacted = redact(text, analyzeFixture(text));
        assert.doesNotThrow(() => JSON.parse(redacted));
        assert.deepEqual(secretsIn(redacted), []);
      });
    }
  });

  describe('credential headers in request.headers', () => {
    const headers = (entries: string): string => `{
  "request": {
    "method": "POST",
    "url": "https://api.example.com/v1/chat/completions",
    "headers": {${entries}},
    "body": {}
  },
  "response": {"body": null}
}`;

    it('Authorization: the range is the credential after the scheme, named by its family', () => {
      const text = headers('"Authorization": "Bearer sk-proj-FAKEFAKEFAKEFAKEFAKEFAKE0000fake4f2a"');
      assert.deepEqual(secretsIn(text), [[5, 42, 5, 86, `request.headers.Authorization: looks like an OpenAI API key ("sk-pro…4f2a"): ${ROTATE}`]]);
    });

    it('x-api-key, api-key and X-Goog-Api-Key in any casing; a short value shows only its length', () => {
      const text = headers('"X-API-KEY": "FAKEfake0000FAKEfake", "api-key": "abc", "x-goog-api-key": "AIzaFAKEfake0000FAKEfake0000FAKEfake000"');
      assert.deepEqual(secretsIn(text), [
        [5, 31, 5, 51, `request.headers["X-API-KEY"]: looks like an API key ("FAKEfa…fake"): ${ROTATE}`],
        [5, 66, 5, 69, `request.headers["api-key"]: looks like an API key (a 3-character value): ${ROTATE}`],
        [5, 91, 5, 130, `request.headers["x-goog-api-key"]: looks like a Google API key ("AIzaFA…e000"): ${ROTATE}`],
      ]);
    });

    it("Azure's Ocp-Apim-Subscription-Key", () => {
      const text = headers('"Ocp-Apim-Subscription-Key": "0123456789abcdef0123456789abcdef"');
      assert.deepEqual(secretsIn(text), [[5, 47, 5, 79, `request.headers["Ocp-Apim-Subscription-Key"]: looks like an API key ("012345…cdef"): ${ROTATE}`]]);
    });

    it('a value with escapes: the range is its raw content, the preview its decoded text', () => {
      const text = headers('"authorization": "Basic \\u0046AKEfake0000FAKEfake0000"');
      assert.deepEqual(secretsIn(text), [[5, 41, 5, 70, `request.headers.authorization: looks like an API key ("FAKEfa…0000"): ${ROTATE}`]]);
    });

    it('empty values, bare schemes, placeholders, other headers and non-strings are not flagged', () => {
      for (const entries of [
        '"Authorization": ""', '"Authorization": "Bearer "', '"Authorization": "REDACTED"', '"Authorization": "Bearer REDACTED"',
        '"x-api-key": "<redacted>"', '"api-key": "***"', '"Authorization": "Bearer ${OPENAI_API_KEY}"', '"Content-Type": "application/json"',
        '"Authorization": null', '"Authorization": 42', '"Authorization": ["Bearer FAKEfake0000FAKEfake0000"]',
      ]) {
        // The last one is an array: only string values are read as headers, but the text scan still sees the bearer token.
        const found = secretsIn(headers(entries));
        if (entries.includes('[')) assert.equal(found.length, 1, entries);
        else assert.deepEqual(found, [], entries);
      }
    });
  });

  describe('where the secret is', () => {
    it('in an object key: reported at the object, so that the path does not print the key', () => {
      const text = '{"request": {"body": {"sk-FAKEfake0000FAKEfake0000FAKE": 1}}, "response": {"body": null}}';
      const a = analyzeFixture(text);
      const d = a.diagnostics.filter((x) => x.code === 'secret-in-fixture');
      assert.equal(d.length, 1);
      assert.deepEqual(d[0]?.path, ['request', 'body']);
      assert.deepEqual(secretsIn(text, a), [[1, 24, 1, 55, `request.body: a key looks like an OpenAI API key ("sk-FAK…FAKE"): ${ROTATE}`]]);
    });

    it('in a response chunk: the path and the item index name the chunk', () => {
      const seed = readFileSync(join(repoRoot(), 'fixtures', 'seed-planet.txt'), 'utf8');
      const text = seed.replace('"content": " planet"', '"content": " planet sk-proj-FAKEFAKEFAKE_fake-0000FAKEfake4f2a"');
      assert.notEqual(text, seed);
      const a = analyzeFixture(text);
      const d = a.diagnostics.filter((x) => x.code === 'secret-in-fixture');
      assert.equal(d.length, 1);
      assert.deepEqual(d[0]?.path, ['response', 'body', 2, '__data__', 'choices', 0, 'delta', 'content']);
      assert.equal(d[0]?.item, 2);
      assert.equal(text.slice(d[0]?.span.start, d[0]?.span.end), 'sk-proj-FAKEFAKEFAKE_fake-0000FAKEfake4f2a');
    });

    it('in a file cut off mid-way: still found, next to the syntax error', () => {
      const whole = withContent('sk-proj-FAKEFAKEFAKE_fake-0000FAKEfake4f2a and more');
      const text = whole.slice(0, whole.indexOf(' and more'));
      const a = analyzeFixture(text);
      assert.equal(a.complete, false);
      assert.deepEqual(secretsIn(text, a), [[8, 38, 8, 80, `${AT} looks like an OpenAI API key ("sk-pro…4f2a"): ${ROTATE}`]]);
      assert.ok(a.diagnostics.some((x) => x.code === 'json-syntax'));
    });

    it('in a JSONC comment: still found (a comment is committed too)', () => {
      const text = withContent('hi').replace('"headers": {},', '"headers": {}, // sk-proj-FAKEFAKEFAKE_fake-0000FAKEfake4f2a');
      assert.deepEqual(secretsIn(text).map((f) => f.slice(0, 4)), [[5, 23, 5, 65]]);
    });
  });

  describe('no false positives', () => {
    it('on look-alikes: words, short or single-case tokens, placeholders, glued prefixes, ids and hashes', () => {
      const lookAlikes = [
        'task-management-system-overview-document-for-the-team', 'sk-learn-pipeline-classifier-module-for-tests', 'sk-FAKEfake0000FAKEfak',
        'Bearer YOUR_API_KEY_GOES_RIGHT_HERE', 'Bearer <token>', 'Bearer REDACTED', 'Authorization: Bearer ${OPENAI_API_KEY}', 'bearer of bad news',
        'https://example.com/?key=value', 'https://example.com/?key=REDACTED', 'https://example.com/?monkey=FAKEfake0000FAKEfake0000',
        'https://example.com/?key=abcdefghijklmnopqrstu', 'AKIAFAKEFAKE0000FAK', 'AKIAFAKEFAKE0000FAKEX', 'xAKIAFAKEFAKE0000FAKE',
        'AIzaFAKEfake0000FAKEfake0000FAKEfake00', 'AIzaFAKEfake0000FAKEfake0000FAKEfake0000', 'ghp_short', 'hf_model_weights_and_config_files_v2',
        'gsk_FAKEfake', 'xoxb-short', 'chatcmpl-CEJ4YgXaankbE48HnjQRbK12f0asD', 'rec-0123456789ab', '0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9',
        'a2b5c1e6f0d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3', 'fp_f33640a400', 'risk-FAKEfake0000FAKEfake0000', 'my_sk-FAKEfake0000FAKEfake0000',
        REDACTION, `sk-${REDACTION}`, 'sk-********************4f2a', 'Incorrect API key provided: sk-proj-********************4f2a.',
        'eyJhbGciOiJIUzI1NiJ9', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJGQUtFIn0', 'ASIAFAKEFAKE0000FAK', 'xASIAFAKEFAKE0000FAKE', 'sk_live_short', 'rk_test_FAKEfake0000FAKEfake0000',
        'r8_short', 'pplx-api', 'fw_config_value_for_the_model', 'https://example.com/?token=abc', 'https://example.com/?Key=REDACTED', 'https://example.com/?tokens=FAKEfake0000FAKEfake0000',
      ];
      for (const content of lookAlikes) assert.deepEqual(secretsIn(withContent(content)), [], content);
    });

    // Words joined by - or _ (all lower case, or all upper case, digits at the end of a word) are names, not keys.
    for (const placeholder of ['sk-learn-contrib-imbalanced2', 'https://example.com/v1?key=YOUR_API_KEY_1234567', 'sk-proj-example-placeholder-1']) {
      it(`on the placeholder ${placeholder}`, () => {
        assert.deepEqual(secretsIn(withContent(placeholder)), []);
      });
    }

    it('on random base64 (an inline image): no key shapes by chance', () => {
      // A fixed pseudo-random sequence, so the test is the same every run.
      let x = 0x2545f491;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      let b64 = '';
      for (let i = 0; i < 400_000; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        b64 += alphabet[(x >>> 0) % 64];
      }
      assert.deepEqual(secretsIn(withContent(`data:image/png;base64,${b64}`)), []);
    });

    it('on all 89 real recordings (../shared corpus and seeds)', function () {
      const shared = sharedDir();
      if (!shared) {
        console.log('    ../shared is absent: skipped');
        this.skip();
      }
      let files = 0;
      const flagged: string[] = [];
      for (const dir of [join(shared as string, 'corpus'), join(shared as string, 'seeds')]) {
        for (const name of readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.txt'))) {
          files++;
          for (const f of secretsIn(readFileSync(join(dir, name), 'utf8'))) flagged.push(`${name}: ${f[4]}`);
        }
      }
      assert.equal(files, 89);
      assert.deepEqual(flagged, []);
    });

    it('on all 114 real cassettes of other recorders (../shared/cassettes), their text searched as it is', function () {
      const shared = sharedDir();
      if (!shared) {
        console.log('    ../shared is absent: skipped');
        this.skip();
      }
      // The text scan alone, with a locator that knows no paths: what any container's analysis would search.
      const nowhere: TextLocator = { locate: () => undefined, keySpan: () => undefined, pathAt: () => undefined };
      const root = join(shared as string, 'cassettes');
      let files = 0;
      const flagged: string[] = [];
      for (const format of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
        for (const name of readdirSync(join(root, format.name))) {
          const bytes = readFileSync(join(root, format.name, name));
          const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
          files++;
          for (const d of findSecrets(text, undefined, nowhere)) flagged.push(`${format.name}/${name}: ${d.message}`);
        }
      }
      assert.equal(files, 114);
      assert.deepEqual(flagged, []);
    });
  });

  describe('fixtures/broken/secret-in-fixture.json', () => {
    const file = join(repoRoot(), 'fixtures', 'broken', 'secret-in-fixture.json');
    const text = readFileSync(file, 'utf8');
    const header = 'sk-proj-FAKEFAKEFAKEFAKEFAKEFAKE0000fake4f2a';
    const token = 'ya29.FAKE-FAKE-FAKE-not-a-real-token-0000';
    const expected = [
      { code: 'secret-in-fixture', severity: 'warning', message: `request.url: looks like a credential in the URL's access_token parameter ("ya29.F…0000"): ${ROTATE}`, line: 4, column: 72, endLine: 4, endColumn: 113, path: ['request', 'url'] },
      { code: 'secret-in-fixture', severity: 'warning', message: `request.headers.Authorization: looks like an OpenAI API key ("sk-pro…4f2a"): ${ROTATE}`, line: 6, column: 32, endLine: 6, endColumn: 76, path: ['request', 'headers', 'Authorization'] },
    ];

    it('gives exactly the two secret warnings and nothing else', () => {
      const a = analyzeFixture(text, { fileName: 'secret-in-fixture.json' });
      const lines = new LineIndex(text);
      assert.deepEqual(a.diagnostics.map((d) => toCliDiagnostic(d, lines)), expected);
      assert.equal(a.dialect, 'openai-chat-stream');
    });

    it('redacted, it is clean and replays the same transcript as the seed it was made from', () => {
      const a = analyzeFixture(text);
      const redacted = redact(text, a);
      assert.ok(redacted.includes(`"Authorization": "Bearer ${REDACTION}"`));
      assert.ok(redacted.includes(`?access_token=${REDACTION}"`));
      const clean = analyzeFixture(redacted);
      assert.deepEqual(clean.diagnostics, []);
      const seed = analyzeFixture(readFileSync(join(repoRoot(), 'fixtures', 'seed-planet.txt'), 'utf8'));
      assert.deepEqual(clean.reassembly, seed.reassembly);
    });

    it('the CLI reports both as warnings (exit 0) and never prints either secret', () => {
      const cli = join(repoRoot(), 'dist', 'cli.js');
      const json = spawnSync(process.execPath, [cli, 'validate', '--format', 'json', file], { encoding: 'utf8' });
      assert.equal(json.status, 0, json.stderr);
      const doc = JSON.parse(json.stdout) as { files: { diagnostics: unknown[] }[]; summary: unknown };
      assert.deepEqual(doc.files[0]?.diagnostics, expected);
      assert.deepEqual(doc.summary, { files: 1, errors: 0, warnings: 2, infos: 0, skipped: 0 });
      const plain = spawnSync(process.execPath, [cli, 'validate', file], { encoding: 'utf8' });
      const reassembled = spawnSync(process.execPath, [cli, 'reassemble', '--json', file], { encoding: 'utf8' });
      for (const run of [json, plain, reassembled]) {
        for (const secret of [header, token]) {
          assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `${secret.slice(0, 6)}… printed`);
          // Not even most of it: no 12 characters in a row from its random part.
          const random = secret.slice(8);
          for (let i = 0; i + 12 <= random.length; i++) assert.ok(!run.stdout.includes(random.slice(i, i + 12)));
        }
      }
    });
  });

  describe('previews', () => {
    it('show 6 + 4 characters of a long secret, only the length of a short one, and never half a surrogate pair', () => {
      assert.equal(previewSecret('sk-proj-FAKEFAKEFAKEFAKEFAKEFAKE0000fake4f2a'), '"sk-pro…4f2a"');
      assert.equal(previewSecret('FAKEfake0000FAK'), 'a 15-character value');
      assert.equal(previewSecret('FAKEf\uD83D\uDE00ake0000FAKEfake'), '"FAKEf…fake"');
      assert.equal(previewSecret('\uD83D\uDE00FAKEfake0000FAKE\uD83D\uDE00abc'), '"\uD83D\uDE00FAKE…abc"');
    });
  });
});
