// Defined behaviour for every bad input: each case asserts the exact diagnostics (code, severity,
// line:column range) and that the analysis still yields what it can (dialect, reassembled text).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFixture, decodeFixtureBytes, LineIndex, type FixtureAnalysis } from '../../src/core';
import { repoRoot } from '../support/paths';

type Seen = [code: string, severity: string, range: string];

/** Diagnostics as `[code, severity, "line:col-line:col"]`, 1-based as the CLI prints them. */
function seen(text: string, analysis: FixtureAnalysis): Seen[] {
  const lines = new LineIndex(text);
  return analysis.diagnostics.map((d) => {
    const s = lines.positionAt(d.span.start);
    const e = lines.positionAt(d.span.end);
    return [d.code, d.severity, `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`];
  });
}

function contentOf(a: FixtureAnalysis): string | undefined {
  return a.reassembly.choices[0]?.content;
}

const compact = readFileSync(join(repoRoot(), 'fixtures', 'seed-planet.txt'), 'utf8');
/** The seed as the recorder writes files: indent 2, a final newline. */
const pretty = `${JSON.stringify(JSON.parse(compact), null, 2)}\n`;
const ANSWER = 'The planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.';
/** The seed with chunk 2's content a number: one chunk-schema error on line 85 (the `42`, columns 28-30). */
const wrongType = pretty.replace('"content": " planet"', '"content": 42');
const WRONG_TYPE: Seen = ['chunk-schema', 'error', '85:28-85:30'];

describe('defined behaviour for bad input', () => {
  before(() => {
    assert.equal(contentOf(analyzeFixture(pretty)), ANSWER);
    assert.notEqual(wrongType, pretty);
  });

  describe('empty and blank files', () => {
    it('an empty file: empty-file at 1:1, nothing else', () => {
      const a = analyzeFixture('');
      assert.deepEqual(seen('', a), [['empty-file', 'error', '1:1-1:1']]);
      assert.equal(a.value, undefined);
      assert.equal(a.dialect, 'unknown');
      assert.deepEqual(a.reassembly.choices, []);
    });

    it('white space only: empty-file over the whole text', () => {
      const text = '  \n\t ';
      assert.deepEqual(seen(text, analyzeFixture(text)), [['empty-file', 'error', '1:1-2:3']]);
    });

    it('a byte order mark and nothing else: empty-file, not a BOM error', () => {
      assert.deepEqual(seen('\uFEFF', analyzeFixture('\uFEFF')), [['empty-file', 'error', '1:1-1:2']]);
    });
  });

  describe('a UTF-8 byte order mark', () => {
    it('before a valid fixture: byte-order-mark at 1:1-1:2, the rest analysed normally', () => {
      const text = `\uFEFF${pretty}`;
      const a = analyzeFixture(text);
      assert.deepEqual(seen(text, a), [['byte-order-mark', 'error', '1:1-1:2']]);
      assert.equal(a.dialect, 'openai-chat-stream');
      assert.deepEqual(a.reassembly, analyzeFixture(pretty).reassembly);
    });

    it('before a fixture with an error: both, the error where it is without the BOM', () => {
      const text = `\uFEFF${wrongType}`;
      assert.deepEqual(seen(text, analyzeFixture(text)), [['byte-order-mark', 'error', '1:1-1:2'], WRONG_TYPE]);
    });

    it('read from bytes: decodeFixtureBytes keeps the BOM for the analysis to report', () => {
      const decoded = decodeFixtureBytes(Buffer.from(`\uFEFF${pretty}`, 'utf8'));
      assert.equal(decoded.text.charCodeAt(0), 0xfeff);
      assert.deepEqual(decoded.diagnostics, []);
    });
  });

  describe('CRLF line ends', () => {
    it('a wrong field type: the same line and columns as with LF', () => {
      const text = wrongType.replace(/\n/g, '\r\n');
      const a = analyzeFixture(text);
      assert.deepEqual(seen(text, a), [WRONG_TYPE]);
      const d = a.diagnostics[0];
      assert.equal(text.slice(d?.span.start, d?.span.end), '42');
    });

    it('a range over many lines (the last chunk): ends after its closing brace, not inside the CRLF', () => {
      const lf = pretty.replace('"finish_reason": "stop"', '"finish_reason": null');
      const crlf = lf.replace(/\n/g, '\r\n');
      const expected: Seen[] = [['missing-finish-reason', 'warning', '834:7-860:8']];
      assert.deepEqual(seen(lf, analyzeFixture(lf)), expected);
      const a = analyzeFixture(crlf);
      assert.deepEqual(seen(crlf, a), expected);
      const d = a.diagnostics[0];
      assert.equal(crlf.slice((d?.span.end ?? 0) - 1, (d?.span.end ?? 0) + 2), '}\r\n');
    });

    it('reassembles the same text', () => {
      assert.equal(contentOf(analyzeFixture(pretty.replace(/\n/g, '\r\n'))), ANSWER);
    });
  });

  describe('comments and trailing commas (JSONC)', () => {
    const jsonc = pretty.replace('"headers": {},', '"headers": {}, // recorded without headers\n    /* block */').replace('"stream": true\n', '"stream": true,\n');

    it('json-syntax at each comment and at the comma, once each', () => {
      const a = analyzeFixture(jsonc);
      assert.deepEqual(seen(jsonc, a), [
        ['json-syntax', 'error', '5:20-5:47'],
        ['json-syntax', 'error', '6:5-6:16'],
        ['json-syntax', 'error', '18:21-18:22'],
      ]);
      assert.deepEqual(a.diagnostics.map((d) => d.message), ['Comments are not allowed in JSON', 'Comments are not allowed in JSON', 'Trailing comma is not allowed in JSON']);
      assert.equal(jsonc.slice(a.diagnostics[2]?.span.start, a.diagnostics[2]?.span.end), ',');
    });

    it('the value is complete and the transcript still reassembles', () => {
      const a = analyzeFixture(jsonc);
      assert.equal(a.complete, true);
      assert.equal(a.dialect, 'openai-chat-stream');
      assert.equal(contentOf(a), ANSWER);
    });
  });

  describe('bytes that are not UTF-8 text', () => {
    // " planet" becomes " pl\xFF\xA9net": the é's lead byte replaced by a byte that never occurs in UTF-8.
    const bytes = Buffer.from(pretty.replace('" planet"', '" pl\u00e9net"'), 'utf8');
    const bad = bytes.indexOf(Buffer.from('pl\u00e9net')) + 2;
    bytes[bad] = 0xff;

    it('invalid UTF-8: not-text with the byte offset, at the replacement character; the rest analysed', () => {
      assert.equal(bad, 2433);
      const decoded = decodeFixtureBytes(bytes);
      const a = analyzeFixture(decoded.text, { prior: decoded.diagnostics });
      assert.deepEqual(seen(decoded.text, a), [['not-text', 'error', '85:32-85:33']]);
      assert.equal(a.diagnostics[0]?.message, 'The file is not valid UTF-8 (first bad byte at byte offset 2433); it may be binary or in another encoding.');
      assert.equal(a.dialect, 'openai-chat-stream');
      assert.equal(contentOf(a), ANSWER.replace('planet', 'pl\uFFFD\uFFFDnet'));
    });

    it('a UTF-16 surrogate encoded in UTF-8 (ED A0 80) is not UTF-8 either', () => {
      const b = Buffer.from(pretty, 'utf8');
      const at = b.indexOf(Buffer.from(' planet has')) + 1;
      b[at] = 0xed;
      b[at + 1] = 0xa0;
      b[at + 2] = 0x80;
      const decoded = decodeFixtureBytes(b);
      const a = analyzeFixture(decoded.text, { prior: decoded.diagnostics });
      assert.deepEqual(seen(decoded.text, a), [['not-text', 'error', '11:29-11:30']]);
      assert.ok(a.diagnostics[0]?.message.includes(`byte offset ${at})`));
      assert.equal(contentOf(a), ANSWER);
    });

    it('a NUL byte: not-text over the whole file, no other analysis', () => {
      const b = Buffer.from(pretty, 'utf8');
      b[241] = 0;
      const decoded = decodeFixtureBytes(b);
      const a = analyzeFixture(decoded.text, { prior: decoded.diagnostics });
      assert.deepEqual(seen(decoded.text, a), [['not-text', 'error', '1:1-865:1']]);
      assert.equal(a.diagnostics[0]?.message, 'The file holds a NUL byte at offset 241: it is binary, not JSON.');
      assert.equal(a.value, undefined);
    });
  });

  describe('lone UTF-16 surrogates', () => {
    for (const [name, written] of [['as a \\ud800 escape', '\\ud800'], ['raw in the JavaScript string', '\uD800']] as const) {
      it(`${name}: no diagnostic, kept in the transcript, written out as an escape by JSON output`, () => {
        const text = pretty.replace('" planet"', `"${written} planet"`);
        const a = analyzeFixture(text);
        assert.deepEqual(seen(text, a), []);
        assert.equal(contentOf(a), ANSWER.replace(' planet', '\uD800 planet'));
        assert.ok(JSON.stringify(a.reassembly).includes('\\ud800 planet'));
      });
    }
  });

  describe('a 10 MB single-line string value', () => {
    it('is read whole, and a later error is placed 10 MB further along the line', () => {
      const big = 'x'.repeat(10 * 1024 * 1024);
      const small = compact.replace('"content": " rings"', '"content": 7');
      const text = small.replace('"content": " planet"', `"content": " ${big}"`);
      const before = seen(small, analyzeFixture(small));
      const a = analyzeFixture(text);
      const after = seen(text, a);
      assert.equal(before.length, 1);
      assert.equal(before[0]?.[0], 'chunk-schema');
      // Same line (the seed is one line), column shifted by exactly what was inserted.
      const col = (s: Seen): number => Number(s[2].split(':')[1]?.split('-')[0]);
      assert.equal(after.length, 1);
      assert.equal(col(after[0] as Seen), col(before[0] as Seen) + 1 + big.length - ' planet'.length);
      assert.ok(contentOf(a) === ANSWER.replace(' planet with rings', ` ${big} with`), 'the whole 10 MB in the transcript');
    });
  });

  describe('100,000 levels of nesting', function () {
    this.timeout(60_000);
    const deepObject = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

    it('a deep array as the whole file: the envelope error and nesting-too-deep at the 1001st bracket', () => {
      const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      assert.deepEqual(seen(text, analyzeFixture(text)), [['envelope-schema', 'error', '1:1-1:200001'], ['nesting-too-deep', 'error', '1:1001-1:1002']]);
    });

    it('never closed: nesting-too-deep, no syntax error cascade', () => {
      const text = '['.repeat(100_000);
      const a = analyzeFixture(text);
      assert.deepEqual(seen(text, a), [['nesting-too-deep', 'error', '1:1001-1:1002']]);
      // What is still open runs to the end of the text; below the scanner's three levels, too deep to parse, the path stops.
      assert.deepEqual(a.locator.pathAt(50_000), [0, 0, 0]);
    });

    it('in the request of a hash-named file: the hash check, the locator and hovers survive', () => {
      const text = `{"request": {"method": "POST", "url": "https://api.openai.com/v1/v1/chat/completions", "headers": {}, "body": ${deepObject(100_000)}, "endpoint": "/v1/chat/completions", "model": "gpt-4o"}, "response": {"body": null, "is_streaming": false}}`;
      const a = analyzeFixture(text, { fileName: '0123456789ab.json' });
      assert.deepEqual(seen(text, a), [['nesting-too-deep', 'error', '1:5101-1:5102']]);
      assert.deepEqual(a.locator.locate(['request', 'body'])?.span, { start: 110, end: 600_111 });
      assert.deepEqual(a.locator.keySpan(['request', 'body']), { start: 102, end: 108 });
      assert.deepEqual(a.locator.pathAt(300_000)?.slice(0, 2), ['request', 'body']);
      // Deeper than the scanner records and too deep to parse: located at the smallest recorded value, request.body.a.
      assert.deepEqual(a.locator.locate(['request', 'body', 'a', 'a', 'a']), { span: { start: 115, end: 600_110 }, depth: 3 });
    });

    it('in Ollama tool-call arguments (turned into text with JSON.stringify): the other chunks still reassemble', () => {
      const chunk = (message: string, done: string): string => `{"__type__": "ollama._types.ChatResponse", "__data__": {"model": "m", "created_at": "1970-01-01T00:00:00.000000Z", ${done}"message": ${message}}}`;
      const deepCall = `{"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "f", "arguments": ${deepObject(100_000)}}}]}`;
      const text = `{"request": {"method": "POST", "url": "http://localhost:11434/api/chat", "headers": {}, "body": {"stream": true}, "endpoint": "/api/chat", "model": "m"}, "response": {"body": [${chunk('{"role": "assistant", "content": "hello"}', '"done": false, ')}, ${chunk(deepCall, '"done": true, "done_reason": "stop", ')}], "is_streaming": true}}`;
      const a = analyzeFixture(text);
      assert.equal(a.dialect, 'ollama-chat-stream');
      assert.deepEqual(seen(text, a).map((d) => d.slice(0, 2)), [['missing-finish-reason', 'warning'], ['nesting-too-deep', 'error']]);
      assert.equal(contentOf(a), 'hello', 'the deep chunk contributes nothing, the first one its text');
    });

    it('inside a server-sent-event string (no file-level depth to see): a chunk-schema error on that line', () => {
      const event = JSON.stringify(`data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"f","input":${deepObject(100_000)}}}`);
      const text = `{"request": {"method": "POST", "url": "https://api.anthropic.com/v1/messages", "headers": {}, "payload": {}}, "response": {"body": ["event: message_start", "data: {\\"type\\":\\"message_start\\",\\"message\\":{\\"role\\":\\"assistant\\"}}", "", "event: content_block_start", ${event}, "", "event: message_delta", "data: {\\"type\\":\\"message_delta\\",\\"delta\\":{\\"stop_reason\\":\\"end_turn\\"}}", ""], "is_streaming": true}}`;
      const a = analyzeFixture(text);
      assert.equal(a.dialect, 'anthropic-messages-sse');
      assert.deepEqual(a.diagnostics.map((d) => [d.code, d.message, d.item]), [['chunk-schema', 'data: the event payload nests too deep to read', 4]]);
      assert.equal(a.reassembly.choices[0]?.finishReason, 'end_turn');
    });
  });

  describe('a 200 MB file through the CLI', function () {
    this.timeout(120_000);
    let dir: string;

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'fl-200mb-'));
    });
    after(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('validates a 290,000-chunk stream: exit 0, one summary line', () => {
      // Written from repeated chunk strings: the seed's chunk 2, a thousand at a time.
      const seed = JSON.parse(compact) as { request: unknown; response: { body: unknown[] } };
      const body = seed.response.body;
      const file = join(dir, 'huge.json');
      const fd = openSync(file, 'w');
      let size = writeSync(fd, `{"request": ${JSON.stringify(seed.request)}, "response": {"body": [${JSON.stringify(body[0])}`);
      const block = `, ${JSON.stringify(body[2])}`.repeat(1000);
      while (size < 200 * 1024 * 1024) size += writeSync(fd, block);
      size += writeSync(fd, `, ${JSON.stringify(body[body.length - 1])}], "is_streaming": true}}\n`);
      closeSync(fd);
      assert.ok(size > 200 * 1024 * 1024);
      const started = Date.now();
      const run = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), 'validate', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
      console.log(`      ${(size / 1024 / 1024).toFixed(0)} MB validated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      assert.equal(run.stderr, '');
      assert.equal(run.stdout, '1 file checked: 0 errors, 0 warnings, 0 infos\n');
      assert.equal(run.status, 0);
    });
  });

  describe('right-to-left and zero-width characters in content', () => {
    const odd = '\u202Eplanet\u202C\u200B\u200D\uFEFF\u2028\u200F';

    it('are kept as they are, and columns after them count UTF-16 units (U+2028 is not a line end)', () => {
      const small = compact.replace('"content": " rings"', '"content": 5');
      const text = small.replace('"content": " planet"', `"content": " ${odd}"`);
      const before = seen(small, analyzeFixture(small));
      const a = analyzeFixture(text);
      assert.equal(contentOf(a), ANSWER.replace(' planet with rings', ` ${odd} with`));
      const after = seen(text, a);
      assert.equal(after.length, 1);
      const col = (s: Seen): number => Number(s[2].split(':')[1]?.split('-')[0]);
      assert.equal(after[0]?.[2].split(':')[0], '1');
      assert.equal(col(after[0] as Seen), col(before[0] as Seen) + odd.length - 'planet'.length);
    });
  });

  describe('an emoji split across chunks', () => {
    for (const [name, high, low] of [['as escapes', '\\ud83e', '\\ude90'], ['as raw halves', '\uD83E', '\uDE90']] as const) {
      it(`${name}: the reassembled text holds the joined emoji, each row its half`, () => {
        const text = pretty.replace('"content": " planet"', `"content": "${high}"`).replace('"content": " with"', `"content": "${low} with"`);
        const a = analyzeFixture(text);
        assert.deepEqual(seen(text, a), []);
        assert.equal(contentOf(a), ANSWER.replace(' planet with', '\u{1FA90} with'));
        assert.equal(a.rows[2]?.content, '\uD83E');
        assert.equal(a.rows[3]?.content, '\uDE90 with');
      });
    }
  });

  describe('a file cut off anywhere', function () {
    this.timeout(300_000);
    for (const [name, text, stride] of [['the seed as recorded (one line)', compact, 5], ['the seed indented', pretty, 13]] as const) {
      it(`${name}: every cut gives one json-syntax error inside the text (or empty-file), never an exception`, () => {
        let cuts = 0;
        for (let at = 0; at <= text.length; at += stride) {
          const cut = text.slice(0, at);
          const a = analyzeFixture(cut);
          cuts++;
          for (const d of a.diagnostics) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= cut.length, `cut at ${at}: ${d.code} out of the text`);
          let whole = true;
          try {
            JSON.parse(cut);
          } catch {
            whole = false;
          }
          const codes = a.diagnostics.map((d) => d.code);
          if (cut.trim() === '') assert.deepEqual(codes, ['empty-file'], `cut at ${at}`);
          else if (!whole) assert.deepEqual(codes, ['json-syntax'], `cut at ${at}`);
          else assert.ok(!codes.includes('json-syntax'), `cut at ${at}`);
        }
        assert.ok(cuts > 1000);
      });
    }

    it('a cut names where the file ends', () => {
      const cut = compact.slice(0, compact.indexOf('"choices"', 4000));
      const a = analyzeFixture(cut);
      assert.deepEqual(seen(cut, a), [['json-syntax', 'error', `1:${cut.length + 1}-1:${cut.length + 1}`]]);
      assert.equal(a.diagnostics[0]?.message, 'Property name expected (the file ends here: it may have been cut off)');
    });
  });
});
