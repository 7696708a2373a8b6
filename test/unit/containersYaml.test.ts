// The YAML cassette readers (vcrpy and its JSON serializer, langchain, Ruby and R VCR, go-vcr): exact
// exchanges, headers, stored bodies and spans on the hand-made samples, exact offset maps for every scalar
// style (CRLF included), exact diagnostics on the broken samples, the YAML edge cases recorders write or
// a hostile file holds, the real cassettes of ../shared, and a property: any text reads without an exception.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { parseYaml } from '../../src/core/containers/yaml/parseYaml';
import { scalarOffsetMap } from '../../src/core/containers/yaml/scalarOffsets';
import { readYamlContainer } from '../../src/core/containers/yamlContainers';
import type { Fixture, StoredBody, TextSource } from '../../src/core/containers/types';
import { DIAGNOSTIC_CODES, type Span } from '../../src/core/diagnostic';
import { LineIndex } from '../../src/core/lineIndex';
import { repoRoot } from '../support/paths';

/** FIXTURE_LENS_ROOT when the test runs from a bundle outside the repository. */
const ROOT = process.env['FIXTURE_LENS_ROOT'] ?? repoRoot();
const SAMPLES = join(ROOT, 'fixtures', 'cassettes');
const SHARED = resolve(ROOT, '../shared');

function sampleText(name: string): string {
  const bytes = readFileSync(join(SAMPLES, name));
  return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

function read(text: string): Fixture {
  const fixture = readYamlContainer(text);
  assert.ok(fixture, 'the text reads as a cassette');
  return fixture;
}

function readSample(name: string): { text: string; fixture: Fixture } {
  const text = sampleText(name);
  return { text, fixture: read(text) };
}

/** A span as `line:character-line:character` (0-based, as VS Code counts). */
function at(text: string, span: Span | undefined): string {
  assert.ok(span, 'a span');
  const lines = new LineIndex(text);
  const a = lines.positionAt(span.start);
  const b = lines.positionAt(span.end);
  return `${a.line}:${a.character}-${b.line}:${b.character}`;
}

function body<K extends StoredBody['kind']>(b: StoredBody | undefined, kind: K): Extract<StoredBody, { kind: K }> {
  assert.equal(b?.kind, kind);
  return b as Extract<StoredBody, { kind: K }>;
}

function offsets(source: TextSource, indexes: readonly number[]): number[] {
  const map = source.offsetAt;
  assert.ok(map, 'the source maps indexes to offsets');
  return indexes.map((i) => map(i));
}

/** Offsets of a fixed number of indexes, as a tuple. */
function offsetsOf<const T extends readonly number[]>(source: TextSource, indexes: T): { [K in keyof T]: number } {
  return offsets(source, indexes) as { [K in keyof T]: number };
}

function headerList(headers: readonly { name: string; value: string }[]): string[] {
  return headers.map((h) => `${h.name}: ${h.value}`);
}

/** A one-exchange vcrpy cassette whose request body is the given YAML scalar, and where the scalar starts. */
const PREFIX = 'interactions:\n- request:\n    body: ';
const SUFFIX = '\n    method: POST\n    uri: https://x.test/\n  response:\n    status: {code: 200, message: OK}\nversion: 1\n';
function bodyScalar(scalar: string, eol = '\n'): { text: string; body: Extract<StoredBody, { kind: 'text' }>; base: number } {
  const text = (PREFIX + scalar + SUFFIX).replace(/\n/g, eol);
  const fixture = read(text);
  assert.deepEqual(fixture.diagnostics, []);
  return { text, body: body(fixture.exchanges[0]?.request.body, 'text'), base: PREFIX.replace(/\n/g, eol).length };
}

describe('YAML cassette containers', () => {
  describe('vcrpy sample: a streamed OpenAI chat and a gzip !!binary answer', () => {
    const { text, fixture } = readSample('vcrpy/openai-chat-stream-and-gzip.yaml');
    const [stream, gzip] = fixture.exchanges;

    it('reads two exchanges without problems', () => {
      assert.equal(fixture.format, 'vcrpy');
      assert.equal(fixture.exchanges.length, 2);
      assert.deepEqual(fixture.diagnostics, []);
      assert.deepEqual(fixture.exchanges.map((e) => [e.index, e.request.method, e.request.url, e.response?.status, e.response?.statusMessage]), [
        [0, 'POST', 'https://api.openai.com/v1/chat/completions', 200, 'OK'],
        [1, 'POST', 'https://api.openai.com/v1/chat/completions', 200, 'OK'],
      ]);
      assert.deepEqual(stream?.path, ['interactions', 0]);
      assert.equal(at(text, stream?.span), '1:2-46:17');
      assert.equal(at(text, stream?.request.span), '2:4-14:51');
      assert.equal(at(text, stream?.response?.span), '16:4-46:17');
      assert.equal(at(text, gzip?.span), '47:2-73:17');
      assert.equal(at(text, stream?.request.urlSource?.span), '14:9-14:51');
      assert.deepEqual(stream?.request.urlSource?.path, ['interactions', 0, 'request', 'uri']);
    });

    it('gives one header per listed value, each at its scalar', () => {
      assert.deepEqual(headerList(stream?.request.headers ?? []), ['accept: application/json', 'authorization: Bearer <OPENAI_API_KEY>', 'content-type: application/json', 'host: api.openai.com']);
      assert.deepEqual(headerList(stream?.response?.headers ?? []), ['Content-Type: text/event-stream; charset=utf-8', 'Set-Cookie: a=1; path=/', 'Set-Cookie: b=2; path=/']);
      const cookies = (stream?.response?.headers ?? []).filter((h) => h.name === 'Set-Cookie');
      assert.deepEqual(cookies.map((h) => at(text, h.source.span)), ['42:8-42:19', '43:8-43:19']);
      assert.deepEqual(cookies.map((h) => h.source.path), [['interactions', 0, 'response', 'headers', 'Set-Cookie', 0], ['interactions', 0, 'response', 'headers', 'Set-Cookie', 1]]);
      assert.equal(at(text, gzip?.response?.headers[0]?.source.span), '68:8-68:12');
    });

    it('unfolds the single-quoted request body and the SSE stream', () => {
      const request = body(stream?.request.body, 'text');
      assert.equal(request.text, '{"messages": [{"role": "user", "content": "Say hello"}], "model": "gpt-4o-mini", "stream": true}');
      assert.equal(at(text, request.source.span), '2:10-3:22');
      assert.deepEqual(request.source.path, ['interactions', 0, 'request', 'body']);
      // The folded line break reads as the space before "stream": it maps to the break, then "stream" to the next line.
      const space = request.text.indexOf(' "stream"');
      assert.deepEqual(offsets(request.source, [0, space, space + 1, request.text.length]), [36, 116, 123, 138]);
      assert.equal(text.slice(116, 131), '\n      "stream"');
      const sse = body(stream?.response?.body, 'text');
      assert.equal(sse.text.length, 1042);
      assert.ok(sse.text.startsWith('data: {"id":"chatcmpl-Fx01","object":"chat.completion.chunk","created":1760000000,'));
      assert.ok(sse.text.endsWith('"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'));
      assert.equal(sse.text.split('\n\n').length, 7);
      assert.equal(at(text, sse.source.span), '17:14-37:9');
      assert.deepEqual(sse.source.path, ['interactions', 0, 'response', 'body', 'string']);
      // `it''s`: the apostrophe maps to the first of the doubled quotes; each blank line's break to itself.
      const apostrophe = sse.text.indexOf("it's") + 2;
      const secondEvent = sse.text.indexOf('data:', 1);
      const [q, blank, event, end] = offsetsOf(sse.source, [apostrophe, secondEvent - 1, secondEvent, sse.text.length] as const);
      assert.equal(text.slice(q, q + 2), "''");
      assert.equal(at(text, { start: q, end: q + 2 }), '24:10-24:12');
      assert.equal(at(text, { start: blank, end: event }), '19:0-20:8');
      assert.equal(end, sse.source.span.end - 1);
    });

    it('keeps a !!binary body as the base64 text with its line breaks', () => {
      const answer = body(gzip?.response?.body, 'base64');
      assert.equal(answer.text.split('\n').length, 5);
      assert.ok(answer.text.startsWith('H4sIAAAAAAAC/0WOTWrDQAyF7/LWnjA2JilzgKy7LyVMxmo8jT0ylgoB47tHDkmqjUDvR9+C3CEg\n9VHTOA3uePMNKvD5l5I'));
      assert.ok(answer.text.endsWith('\ns9HqSflKxf7VzVb04n+f7aqscfj3tet6B8vNFVINAQAA\n'));
      assert.equal(Buffer.from(answer.text, 'base64').subarray(0, 2).toString('hex'), '1f8b');
      assert.equal(at(text, answer.source.span), '61:23-66:0');
      // Literal block: the second line's first character is on the second content line, after its indentation.
      const secondLine = answer.text.indexOf('\n') + 1;
      assert.deepEqual(offsets(answer.source, [0, secondLine - 1, secondLine]).map((o) => at(text, { start: o, end: o })), ['62:8-62:8', '62:84-62:84', '63:8-63:8']);
    });

    it('locates paths and finds the path at an offset', () => {
      assert.equal(at(text, fixture.locate(['interactions', 1, 'response', 'status', 'code'])), '72:12-72:15');
      assert.equal(fixture.locate(['interactions', 1, 'response', 'nothing']), undefined);
      assert.equal(fixture.locate(['interactions', 5]), undefined);
      assert.deepEqual(fixture.locate(stream?.path ?? []), stream?.span);
      const lines = new LineIndex(text);
      assert.deepEqual(fixture.pathAt?.(lines.offsetAt({ line: 42, character: 12 })), ['interactions', 0, 'response', 'headers', 'Set-Cookie', 0]);
      assert.deepEqual(fixture.pathAt?.(lines.offsetAt({ line: 41, character: 8 })), ['interactions', 0, 'response', 'headers', 'Set-Cookie']);
      assert.deepEqual(fixture.pathAt?.(lines.offsetAt({ line: 74, character: 3 })), ['version']);
      assert.equal(fixture.pathAt?.(text.length), undefined);
    });

    it('gives the plain value tree', () => {
      const value = fixture.value as { version: number; interactions: { response: { status: { code: number } } }[] };
      assert.equal(value.version, 1);
      assert.equal(value.interactions.length, 2);
      assert.equal(value.interactions[1]?.response.status.code, 200);
    });
  });

  describe('vcrpy sample: pydantic-ai parsed_body', () => {
    const { text, fixture } = readSample('vcrpy/pydantic-ai-parsed-body.yaml');
    const [exchange] = fixture.exchanges;

    it('reads parsed_body on both sides as JSON values located on demand', () => {
      assert.equal(fixture.format, 'vcrpy');
      assert.deepEqual(fixture.diagnostics, []);
      const request = body(exchange?.request.body, 'json');
      assert.deepEqual(request.value, { max_tokens: 1024, messages: [{ content: [{ text: 'Write a haiku', type: 'text' }], role: 'user' }], model: 'claude-sonnet-4-5', stream: false });
      assert.deepEqual(request.source.path, ['interactions', 0, 'request', 'parsed_body']);
      assert.equal(at(text, request.source.span), '9:6-16:19');
      assert.equal(at(text, request.sourceOf?.(['messages', 0, 'content', 0, 'text'])), '12:16-12:29');
      assert.equal(request.sourceOf?.(['messages', 3]), undefined);
      const response = body(exchange?.response?.body, 'json');
      const haiku = (response.value as { content: { text: string }[] }).content[0]?.text;
      assert.equal(haiku, 'Autumn moonlight—\na worm digs silently\ninto the chestnut.');
      assert.equal(at(text, response.sourceOf?.(['content', 0, 'text'])), '24:14-27:28');
      assert.equal(at(text, response.sourceOf?.(['usage', 'output_tokens'])), '36:23-36:25');
      assert.equal(exchange?.response?.status, 200);
      assert.deepEqual(headerList(exchange?.response?.headers ?? []), ['content-type: application/json']);
    });
  });

  describe('vcrpy samples: aiohttp istr keys, old httpx, the JSON serializer', () => {
    it('reads !!python/object/apply and /new istr header keys as their plain string', () => {
      const { text, fixture } = readSample('vcrpy/aiohttp-istr-headers.yaml');
      const [exchange] = fixture.exchanges;
      assert.deepEqual(fixture.diagnostics, []);
      assert.deepEqual(headerList(exchange?.request.headers ?? []), ['Accept: */*', 'User-Agent: Python/3.12 aiohttp/3.9.5']);
      assert.deepEqual(headerList(exchange?.response?.headers ?? []), ['Content-Type: application/json']);
      assert.deepEqual(exchange?.request.headers[1]?.source.path, ['interactions', 0, 'request', 'headers', 'User-Agent', 0]);
      assert.equal(at(text, exchange?.request.headers[1]?.source.span), '9:10-9:35');
      assert.deepEqual(exchange?.request.body, { kind: 'none' });
      assert.equal(body(exchange?.response?.body, 'text').text, '{"object":"list","data":[]}');
      const value = fixture.value as { interactions: { request: { headers: Record<string, string[]> } }[] };
      assert.deepEqual(value.interactions[0]?.request.headers, { Accept: ['*/*'], 'User-Agent': ['Python/3.12 aiohttp/3.9.5'] });
    });

    it("reads old httpx cassettes' status_code and content", () => {
      const { text, fixture } = readSample('vcrpy/httpx-old-content.yaml');
      const [exchange] = fixture.exchanges;
      assert.deepEqual(fixture.diagnostics, []);
      assert.equal(exchange?.response?.status, 200);
      assert.equal(exchange?.response?.statusMessage, undefined);
      const content = body(exchange?.response?.body, 'text');
      assert.ok(content.text.startsWith('{"id":"chatcmpl-H01","object":"chat.completion"'));
      assert.deepEqual(content.source.path, ['interactions', 0, 'response', 'content']);
      assert.equal(at(text, content.source.span), '11:13-11:160');
    });

    it("reads vcrpy's JSON serializer, escapes mapped to their backslash", () => {
      const { text, fixture } = readSample('vcrpy/json-serializer.json');
      const [exchange] = fixture.exchanges;
      assert.equal(fixture.format, 'vcrpy');
      assert.deepEqual(fixture.diagnostics, []);
      assert.equal(exchange?.request.url, 'https://api.openai.com/v1/chat/completions');
      assert.deepEqual(headerList(exchange?.request.headers ?? []), ['Content-Type: application/json', 'Authorization: **REDACTED**']);
      const answer = body(exchange?.response?.body, 'text');
      assert.equal(answer.text, '{"id":"chatcmpl-J01","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Salut, \u00e7a va\u2009?"},"finish_reason":"stop"}]}');
      assert.equal(at(text, answer.source.span), '18:30-18:221');
      const cedilla = answer.text.indexOf('\u00e7');
      const [quote, escape, after] = offsetsOf(answer.source, [1, cedilla, cedilla + 1] as const);
      assert.equal(text.slice(quote, quote + 2), '\\"');
      assert.equal(text.slice(escape, escape + 6), '\\u00e7');
      assert.equal(after, escape + 6);
      assert.equal((fixture.value as { version: number }).version, 1);
    });
  });

  describe('langchain sample (.yaml.gz)', () => {
    const { text, fixture } = readSample('vcrpy-langchain/bedrock-converse.yaml.gz');
    const [exchange] = fixture.exchanges;

    it('pairs requests[i] with responses[i]', () => {
      assert.equal(fixture.format, 'vcrpy-langchain');
      assert.deepEqual(fixture.diagnostics, []);
      assert.equal(fixture.exchanges.length, 1);
      assert.deepEqual(exchange?.path, ['requests', 0]);
      assert.deepEqual(exchange?.response?.path, ['responses', 0]);
      assert.equal(at(text, exchange?.span), '1:2-10:98');
      assert.equal(at(text, exchange?.response?.span), '12:2-22:15');
      assert.equal(exchange?.request.url, 'https://bedrock-runtime.us-west-2.amazonaws.com/model/us.anthropic.claude-sonnet-4/converse');
      assert.equal(Buffer.from(body(exchange?.request.body, 'base64').text, 'base64').toString(), '{"messages": [{"role": "user", "content": [{"text": "Hi"}]}]}');
      const answer = body(exchange?.response?.body, 'base64');
      assert.deepEqual(answer.source.path, ['responses', 0, 'body', 'string']);
      assert.ok(Buffer.from(answer.text, 'base64').toString().startsWith('{"output":{"message":{"content":[{"text":"Hello!"}]'));
      assert.deepEqual(headerList(exchange?.response?.headers ?? []), ['Content-Type: **REDACTED**', 'x-amzn-RequestId: **REDACTED**']);
      assert.equal(exchange?.response?.status, 200);
    });
  });

  describe('Ruby VCR sample', () => {
    const { text, fixture } = readSample('vcr-ruby/anthropic-binary-and-stream.yml');
    const [binary, stream] = fixture.exchanges;

    it('reads !binary, recorded_at and lower-case methods as written', () => {
      assert.equal(fixture.format, 'vcr-ruby');
      assert.deepEqual(fixture.diagnostics, []);
      assert.deepEqual(fixture.exchanges.map((e) => [e.request.method, e.request.url, e.response?.status, e.recordedAt]), [
        ['post', 'https://api.anthropic.com/v1/messages', 200, 'Fri, 14 Nov 2025 06:05:16 GMT'],
        ['post', 'https://api.anthropic.com/v1/messages', 200, 'Fri, 14 Nov 2025 06:05:18 GMT'],
      ]);
      assert.deepEqual(binary?.path, ['http_interactions', 0]);
      assert.equal(at(text, binary?.span), '2:2-30:44');
      assert.deepEqual(headerList(binary?.request.headers ?? []), ['Content-Type: application/json', 'X-Api-Key: <ANTHROPIC_API_KEY>', 'Anthropic-Version: 2023-06-01']);
      assert.equal(at(text, binary?.request.headers[1]?.source.span), '12:8-12:29');
      const request = body(binary?.request.body, 'text');
      assert.equal(request.text, '{"model":"claude-3-5-haiku-20241022","messages":[{"content":"Say hello","role":"user"}],"max_tokens":64}');
      assert.deepEqual(request.source.path, ['http_interactions', 0, 'request', 'body', 'string']);
      const answer = body(binary?.response?.body, 'base64');
      assert.equal(at(text, answer.source.span), '26:22-29:80');
      assert.equal(Buffer.from(answer.text, 'base64').subarray(0, 2).toString('hex'), '1f8b');
    });

    it('maps a double-quoted stream: escapes to their backslash, the folded break to itself', () => {
      const sse = body(stream?.response?.body, 'text');
      assert.equal(sse.text, 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"One, two\u2026"}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n');
      assert.equal(at(text, sse.source.span), '51:14-52:84');
      const newline = sse.text.indexOf('\n');
      const fold = sse.text.indexOf(', two');
      const ellipsis = sse.text.indexOf('\u2026');
      const mapped = offsets(sse.source, [0, newline, fold, fold + 1, fold + 2, ellipsis, sse.text.length]);
      assert.deepEqual(mapped.map((o) => at(text, { start: o, end: o })), ['51:15-51:15', '51:41-51:41', '51:144-51:144', '51:145-51:145', '52:8-52:8', '52:11-52:11', '52:83-52:83']);
    });
  });

  describe('R vcr sample', () => {
    const { text, fixture } = readSample('vcr-r/openai-flat-headers.yml');
    const [exchange] = fixture.exchanges;

    it('reads an integer status, flat headers and a list header', () => {
      assert.equal(fixture.format, 'vcr-r');
      assert.deepEqual(fixture.diagnostics, []);
      assert.equal(exchange?.request.method, 'POST');
      assert.equal(exchange?.response?.status, 200);
      assert.equal(exchange?.response?.statusMessage, undefined);
      assert.equal(exchange?.recordedAt, '2026-07-09 10:31:28');
      assert.deepEqual(exchange?.request.headers, []);
      assert.deepEqual(headerList(exchange?.response?.headers ?? []), ['content-type: application/json', 'content-length: 201', 'vary: Origin', 'vary: X-Origin', 'x-request-id: req_R01']);
      assert.deepEqual((exchange?.response?.headers ?? []).map((h) => h.source.path.slice(4)), [['content-type'], ['content-length'], ['vary', 0], ['vary', 1], ['x-request-id']]);
      assert.equal(at(text, exchange?.response?.headers[1]?.source.span), '11:22-11:27');
      assert.equal(exchange?.response?.headers[1]?.source.offsetAt?.(0), new LineIndex(text).offsetAt({ line: 11, character: 23 }));
    });

    it("unfolds `What''s` across lines and keeps the literal body's final newline", () => {
      const request = body(exchange?.request.body, 'text');
      assert.equal(request.text, '{"model":"gpt-4.1-nano","messages":[{"role":"user","content":"What\'s 1+1?"}]}');
      const fold = request.text.indexOf(' 1+1');
      assert.deepEqual(offsets(request.source, [fold - 1, fold, fold + 1]).map((o) => at(text, { start: o, end: o })), ['5:83-5:83', '5:84-5:84', '6:8-6:8']);
      const answer = body(exchange?.response?.body, 'text');
      assert.ok(answer.text.startsWith('{\n  "id": "chatcmpl-R01",\n'));
      assert.ok(answer.text.endsWith('"finish_reason": "stop"}]\n}\n'));
      assert.equal(at(text, answer.source.span), '17:14-24:0');
      assert.deepEqual(offsets(answer.source, [0, 2, answer.text.length - 1, answer.text.length]).map((o) => at(text, { start: o, end: o })), ['18:8-18:8', '19:8-19:8', '23:9-23:9', '24:0-24:0']);
    });
  });

  describe('go-vcr sample (version 2)', () => {
    const { text, fixture } = readSample('go-vcr/openai-stream-v2.yaml');
    const [stream, model] = fixture.exchanges;

    it('reads url, code, the status line and a keep-chomped stream', () => {
      assert.equal(fixture.format, 'go-vcr');
      assert.deepEqual(fixture.diagnostics, []);
      assert.deepEqual(fixture.exchanges.map((e) => [e.request.method, e.request.url, e.response?.status, e.response?.statusMessage]), [
        ['POST', 'https://api.openai.com/v1/chat/completions', 200, 'OK'],
        ['GET', 'https://api.openai.com/v1/models/gpt-4o-mini', 200, 'OK'],
      ]);
      assert.equal(at(text, stream?.request.urlSource?.span), '17:9-17:51');
      assert.deepEqual(headerList(stream?.request.headers ?? []), ['Authorization: Bearer <OPENAI_API_KEY>', 'Content-Type: application/json']);
      assert.equal(body(stream?.request.body, 'text').text, '{"messages":[{"role":"user","content":"Hi"}],"model":"gpt-4o-mini","stream":true}');
      const sse = body(stream?.response?.body, 'text');
      assert.ok(sse.text.endsWith('"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'));
      assert.equal(sse.text.length, 421);
      assert.equal(at(text, sse.source.span), '24:10-33:0');
      assert.deepEqual(offsets(sse.source, [0, sse.text.length - 2, sse.text.length - 1, sse.text.length]).map((o) => at(text, { start: o, end: o })), ['25:6-25:6', '31:18-31:18', '32:0-32:0', '33:0-33:0']);
      assert.deepEqual(model?.request.body, { kind: 'none' });
      assert.equal(body(model?.response?.body, 'text').text, '{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}');
    });
  });

  describe('offset maps of every scalar style', () => {
    it('single-quoted: doubled quote, folded break, blank line', () => {
      const { body: b, base } = bodyScalar("'a''b\n      c\n\n      d'");
      assert.equal(b.text, "a'b c\nd");
      assert.deepEqual(b.source.span, { start: base, end: base + 23 });
      assert.deepEqual(offsets(b.source, [0, 1, 2, 3, 4, 5, 6, 7]), [1, 2, 4, 5, 12, 14, 21, 22].map((o) => base + o));
    });

    it('single-quoted with CRLF line ends: a break maps to its CR', () => {
      const { text, body: b, base } = bodyScalar("'a''b\n      c\n\n      d'", '\r\n');
      assert.equal(b.text, "a'b c\nd");
      assert.deepEqual(b.source.span, { start: base, end: base + 26 });
      assert.deepEqual(offsets(b.source, [0, 1, 2, 3, 4, 5, 6, 7]), [1, 2, 4, 5, 13, 16, 24, 25].map((o) => base + o));
      assert.equal(text.charAt(base + 5), '\r');
      assert.equal(at(text, b.source.span), '2:10-5:8');
    });

    it('double-quoted: \\", \\u, \\x, \\U (two UTF-16 units), escaped line break, folding', () => {
      const { body: b, base } = bodyScalar(['"a\\"b\\u00e9\\x41\\U0001F600c \\', '      d', '      e"'].join('\n'));
      assert.equal(b.text, 'a"b\u00e9A\u{1F600}c d e');
      assert.deepEqual(b.source.span, { start: base, end: base + 45 });
      assert.deepEqual(offsets(b.source, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), [1, 2, 4, 5, 11, 15, 15, 25, 26, 35, 36, 43, 44].map((o) => base + o));
    });

    it('double-quoted with CRLF: the escaped break joins, the folded one maps to its CR', () => {
      const { body: b, base } = bodyScalar(['"x \\', '      y', '      z"'].join('\n'), '\r\n');
      assert.equal(b.text, 'x y z');
      assert.deepEqual(offsets(b.source, [0, 1, 2, 3, 4, 5]), [1, 2, 12, 13, 21, 22].map((o) => base + o));
    });

    it('plain: lines fold to a space, a blank line to a newline', () => {
      const { body: b, base } = bodyScalar('abc def\n      ghi\n\n      jkl');
      assert.equal(b.text, 'abc def ghi\njkl');
      assert.deepEqual(b.source.span, { start: base, end: base + 28 });
      assert.deepEqual(offsets(b.source, [0, 6, 7, 8, 10, 11, 12, 15]), [0, 6, 7, 14, 16, 18, 25, 28].map((o) => base + o));
    });

    it('plain with CRLF line ends', () => {
      const { body: b, base } = bodyScalar('abc def\n      ghi\n\n      jkl', '\r\n');
      assert.equal(b.text, 'abc def ghi\njkl');
      assert.deepEqual(b.source.span, { start: base, end: base + 31 });
      assert.deepEqual(offsets(b.source, [0, 6, 7, 8, 10, 11, 12, 15]), [0, 6, 7, 15, 17, 20, 28, 31].map((o) => base + o));
    });

    it('literal |: indentation dropped, more-indented lines kept, clip keeps the last break', () => {
      const { body: b, base } = bodyScalar('|\n      one\n        two\n\n      three');
      assert.equal(b.text, 'one\n  two\n\nthree\n');
      assert.deepEqual(b.source.span, { start: base, end: base + 37 });
      assert.deepEqual(offsets(b.source, [0, 3, 4, 6, 9, 10, 11, 16, 17]), [8, 11, 18, 20, 23, 24, 31, 36, 37].map((o) => base + o));
    });

    it('literal |- with CRLF: strip drops the last break, each break maps to its CR', () => {
      const { text, body: b, base } = bodyScalar('|-\n      one\n      two', '\r\n');
      assert.equal(b.text, 'one\ntwo');
      assert.deepEqual(b.source.span, { start: base, end: base + 24 });
      assert.deepEqual(offsets(b.source, [0, 3, 4, 7]), [10, 13, 21, 24].map((o) => base + o));
      assert.equal(text.slice(base + 13, base + 15), '\r\n');
    });

    it('folded >2-: an explicit indentation, lines joined, a blank line and a more-indented line kept', () => {
      const { body: b, base } = bodyScalar('>2-\n      folded\n      text\n\n      para\n        more');
      assert.equal(b.text, 'folded text\npara\n  more');
      assert.deepEqual(b.source.span, { start: base, end: base + 52 });
      assert.deepEqual(offsets(b.source, [0, 6, 7, 11, 12, 16, 17, 19, 23]), [10, 16, 23, 28, 35, 39, 46, 48, 52].map((o) => base + o));
    });

    it('a map that does not reproduce the decoded value is left out', () => {
      const text = "a: 'x''y\n  z'\n";
      const doc = parseYaml(text);
      const node = doc.root?.kind === 'map' ? doc.root.pairs[0]?.value : undefined;
      assert.ok(node?.kind === 'scalar');
      assert.equal(node.value, "x'y z");
      assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => scalarOffsetMap(text, node)?.(i)), [4, 5, 7, 8, 11, 12]);
      assert.equal(scalarOffsetMap(text, { ...node, value: "x'y  z" }), undefined);
      assert.equal(scalarOffsetMap(text, { ...node, value: 'x"y z' }), undefined);
      assert.equal(scalarOffsetMap(text, { ...node, value: "x'y" }), undefined);
    });

    it('keep |+: trailing blank lines are the value and the span', () => {
      const { body: b, base } = bodyScalar('|+\n      a\n');
      assert.equal(b.text, 'a\n\n');
      assert.deepEqual(b.source.span, { start: base, end: base + 12 });
      assert.deepEqual(offsets(b.source, [0, 1, 2, 3]), [9, 10, 11, 12].map((o) => base + o));
    });
  });

  describe('broken samples', () => {
    it('yaml-syntax.yaml: the parser position, and the exchange after the error is still read', () => {
      const { text, fixture } = readSample('broken/yaml-syntax.yaml');
      assert.equal(fixture.format, 'vcrpy');
      assert.deepEqual(
        fixture.diagnostics.map((d) => [d.code, d.severity, at(text, d.span), d.message, d.path, d.exchange]),
        [['yaml-syntax', 'error', '14:57-14:58', 'Mapping values are not allowed here.', ['interactions', 0, 'request'], 0]],
      );
      assert.equal(fixture.exchanges.length, 2);
      assert.equal(fixture.exchanges[0]?.request.method, 'POST');
      assert.equal(fixture.exchanges[0]?.response, undefined);
      assert.equal(fixture.exchanges[1]?.response?.status, 200);
      assert.equal(at(text, fixture.exchanges[1]?.span), '47:2-73:17');
      assert.equal((fixture.value as { version: number }).version, 1);
    });

    it('container-schema-missing-response.yaml: an error at the exchange, response undefined', () => {
      const { text, fixture } = readSample('broken/container-schema-missing-response.yaml');
      assert.deepEqual(
        fixture.diagnostics.map((d) => [d.code, d.severity, at(text, d.span), d.message, d.path, d.exchange]),
        [['container-schema', 'error', '47:2-58:51', 'Exchange 2 has no response: replay cannot answer this request.', ['interactions', 1], 1]],
      );
      assert.equal(fixture.exchanges.length, 2);
      assert.equal(fixture.exchanges[1]?.response, undefined);
      assert.equal(fixture.exchanges[1]?.request.url, 'https://api.openai.com/v1/chat/completions');
    });

    it('container-schema-status-not-number.yaml: an error at the value, status null', () => {
      const { text, fixture } = readSample('broken/container-schema-status-not-number.yaml');
      assert.deepEqual(
        fixture.diagnostics.map((d) => [d.code, d.severity, at(text, d.span), d.message, d.path, d.exchange]),
        [['container-schema', 'error', '15:12-15:15', "The status code is the string 'abc', not a number: replay cannot build the response.", ['interactions', 0, 'response', 'status', 'code'], 0]],
      );
      assert.equal(fixture.exchanges[0]?.response?.status, null);
      assert.equal(fixture.exchanges[0]?.response?.statusMessage, 'OK');
    });
  });

  describe('YAML as recorders write it and hostile texts', () => {
    it('is not a cassette: a CI workflow, a docker-compose file, a Kubernetes manifest, plain text', () => {
      assert.equal(readYamlContainer('name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n'), undefined);
      assert.equal(readYamlContainer("services:\n  web:\n    image: 'nginx:latest'\n    ports:\n      - '80:80'\n"), undefined);
      assert.equal(readYamlContainer('spec:\n  containers:\n  - resources:\n      requests:\n        cpu: 100m\n'), undefined);
      assert.equal(readYamlContainer('interactions: the word, in a sentence\n'), undefined);
      assert.equal(readYamlContainer(''), undefined);
      assert.equal(readYamlContainer('{"interactions": 3}'), undefined);
    });

    it('an empty cassette has no exchanges and no problem', () => {
      const fixture = read('interactions: []\nversion: 1\n');
      assert.equal(fixture.format, 'vcrpy');
      assert.deepEqual(fixture.exchanges, []);
      assert.deepEqual(fixture.diagnostics, []);
    });

    it('a cassette cut off inside a quoted string: the error at the end, what was read before it', () => {
      const text = sampleText('vcrpy/openai-chat-stream-and-gzip.yaml').slice(0, 1000);
      const fixture = read(text);
      assert.deepEqual(fixture.diagnostics.map((d) => [d.code, d.span, d.message, d.path, d.exchange]), [
        ['yaml-syntax', { start: 1000, end: 1000 }, 'Found unexpected end of stream while scanning a quoted scalar (in the value that starts on line 18).', ['interactions', 0, 'response', 'body', 'string'], 0],
      ]);
      assert.equal(fixture.exchanges.length, 1);
      assert.equal(fixture.exchanges[0]?.request.url, 'https://api.openai.com/v1/chat/completions');
      assert.equal(fixture.exchanges[0]?.request.headers.length, 4);
      assert.equal(fixture.exchanges[0]?.response?.status, null);
      assert.deepEqual(fixture.exchanges[0]?.response?.body, { kind: 'none' });
    });

    it('a cassette cut off where the YAML still parses: schema problems, not syntax', () => {
      const fixture = read(sampleText('vcrpy/openai-chat-stream-and-gzip.yaml').slice(0, 2000));
      assert.deepEqual(fixture.diagnostics.map((d) => [d.code, d.span, d.message]), [
        ['container-schema', { start: 1726, end: 2000 }, 'Exchange 2 has no response: replay cannot answer this request.'],
        ['container-schema', { start: 1739, end: 2000 }, 'The request of exchange 2 has no method.'],
        ['container-schema', { start: 1739, end: 2000 }, 'The request of exchange 2 has no uri.'],
      ]);
    });

    it('an unclosed quote in the first exchange: reading goes on from the next entry', () => {
      const text = sampleText('vcrpy/openai-chat-stream-and-gzip.yaml').replace("\"stream\": true}'", '"stream": true}');
      const fixture = read(text);
      // The string runs on to the next quote (the stream's), and the parser stops after it.
      assert.deepEqual(fixture.diagnostics.map((d) => [d.code, at(text, d.span), d.message]), [['yaml-syntax', '17:15-17:16', "While parsing a block mapping, expected another key or the end of the mapping, but found the value 'data'."]]);
      assert.equal(fixture.exchanges.length, 2);
      assert.equal(fixture.exchanges[1]?.response?.status, 200);
    });

    it('tags: unknown ones read as their plain value, Python objects as the string inside, !!str forces a string', () => {
      const fixture = read(
        [
          'interactions:',
          '- request:',
          '    body: !!python/unicode \'{"a": 1}\'',
          '    headers:',
          '      X-Custom: !unknown/tag [one, two]',
          '      ? !!python/object/new:multidict._multidict.istr',
          '        args: [Host]',
          '      : - x.test',
          '    method: !ruby/sym POST',
          '    uri: !!str https://x.test/',
          '  response:',
          '    status: {code: !!int "201", message: Created}',
          '    body: {string: !!binary "aGk="}',
          'version: 1',
        ].join('\n'),
      );
      assert.deepEqual(fixture.diagnostics, []);
      const [exchange] = fixture.exchanges;
      assert.equal(body(exchange?.request.body, 'text').text, '{"a": 1}');
      assert.deepEqual(headerList(exchange?.request.headers ?? []), ['X-Custom: one', 'X-Custom: two', 'Host: x.test']);
      assert.equal(exchange?.request.method, 'POST');
      assert.equal(exchange?.response?.status, 201);
      assert.equal(body(exchange?.response?.body, 'base64').text, 'aGk=');
    });

    it('YAML 1.1 values where PyYAML reads them so; duplicate keys keep the last; merge keys', () => {
      const fixture = read(
        [
          'interactions:',
          '- request: &req',
          '    method: GET',
          '    uri: https://x.test/',
          '    method: POST',
          '    flags: [yes, no, on, off, 0777, 0x1F, 1_000, 190:20:30, 1e3, 1.5e+3, .inf, ~, null]',
          '  response:',
          '    status: {code: 0310, message: Octal}',
          '- request:',
          '    <<: *req',
          '    uri: https://y.test/',
          '  response: {status: {code: 200}}',
          'version: 1',
        ].join('\n'),
      );
      assert.deepEqual(fixture.diagnostics, []);
      const [first, second] = fixture.exchanges;
      assert.equal(first?.request.method, 'POST');
      assert.equal(first?.response?.status, 200);
      const value = fixture.value as { interactions: { request: Record<string, unknown> }[] };
      assert.deepEqual(value.interactions[0]?.request['flags'], [true, false, true, false, 511, 31, 1000, 685230, '1e3', 1500, Infinity, null, null]);
      assert.deepEqual(value.interactions[1]?.request, { method: 'POST', uri: 'https://y.test/', flags: value.interactions[0]?.request['flags'] });
      assert.equal(second?.response?.status, 200);
    });

    it('an alias bomb is cut, not expanded', () => {
      const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let k = 1; k < 12; k++) lines.push(`${String.fromCharCode(97 + k)}: &${String.fromCharCode(97 + k)} [${Array(9).fill(`*${String.fromCharCode(96 + k)}`).join(',')}]`);
      lines.push('interactions: []', 'version: 1');
      const started = Date.now();
      const fixture = read(lines.join('\n'));
      assert.ok(Date.now() - started < 2000);
      assert.deepEqual(fixture.diagnostics.map((d) => [d.code, d.message]), [
        ['yaml-syntax', 'Aliases here stand for more values than any cassette holds (an alias bomb?); they read as null.'],
      ]);
      assert.equal(fixture.exchanges.length, 0);
    });

    it('nesting deeper than any cassette: nesting-too-deep, no stack overflow', () => {
      const depth = 100_000;
      const fixture = read(`interactions: []\nversion: 1\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
      assert.deepEqual(fixture.diagnostics.map((d) => [d.code, d.severity, d.span]), [['nesting-too-deep', 'error', { start: 542, end: 543 }]]);
    });

    it('the trap: quoted continuation lines and flow collections indented less than YAML 1.2 wants open, as in libyaml', () => {
      const fixture = read(
        [
          'interactions:',
          '- request:',
          '    body: \'{"model": "gpt-4o",',
          '"stream": false}\'',
          '    headers: {accept: [application/json,',
          '  text/plain]}',
          '    method: POST',
          '    uri: "https://x.test/\\',
          '  v1"',
          '  response:',
          '    status: {code: 200, message: OK}',
          'version: 1',
        ].join('\n'),
      );
      assert.deepEqual(fixture.diagnostics, []);
      const [exchange] = fixture.exchanges;
      assert.equal(body(exchange?.request.body, 'text').text, '{"model": "gpt-4o", "stream": false}');
      assert.deepEqual(headerList(exchange?.request.headers ?? []), ['accept: application/json', 'accept: text/plain']);
      assert.equal(exchange?.request.url, 'https://x.test/v1');
    });

    it('a second document, a tab indentation and a bad escape are errors, as PyYAML says', () => {
      const second = read('interactions: []\nversion: 1\n---\nmore: 1\n');
      assert.deepEqual(second.diagnostics.map((d) => [d.code, d.span, d.message]), [['yaml-syntax', { start: 28, end: 29 }, 'Expected a single document, but found another document.']]);
      const tab = read('interactions:\n- request:\n\tmethod: GET\n');
      assert.deepEqual(tab.diagnostics.map((d) => [d.code, d.span]), [['yaml-syntax', { start: 25, end: 26 }]]);
      const escape = read('interactions:\n- request: {method: "G\\qT"}\nversion: 1\n');
      assert.deepEqual(escape.diagnostics.map((d) => [d.code, d.span, d.message]), [['yaml-syntax', { start: 37, end: 38 }, "Found unknown escape character 'q' (in the value that starts on line 2)."]]);
    });

    it('Ruby without recorded_with and R with the old status_code record', () => {
      const ruby = read('http_interactions:\n- request: {method: get, uri: "https://x.test/"}\n  response:\n    status: {code: 204, message: No Content}\n    headers: {Date: [today]}\n');
      assert.equal(ruby.format, 'vcr-ruby');
      assert.equal(ruby.exchanges[0]?.response?.status, 204);
      const r = read("http_interactions:\n- request: {method: get, uri: 'https://x.test/'}\n  response:\n    status: {status_code: '404', message: Not Found, explanation: Nothing matches}\n    headers: {date: today}\nrecorded_with: vcr/0.6.0, webmockr/0.8.0\n");
      assert.equal(r.format, 'vcr-r');
      assert.equal(r.exchanges[0]?.response?.status, 404);
      assert.equal(r.exchanges[0]?.response?.statusMessage, 'Not Found');
      assert.deepEqual(r.diagnostics, []);
    });

    it('a status code written as a string is a problem (but R\'s old quoted status_code is what R wrote)', () => {
      const fixture = read("interactions:\n- request: {method: GET, uri: 'https://x.test/'}\n  response:\n    status: {code: '200', message: OK}\n- request: {method: GET, uri: 'https://x.test/'}\n  response:\n    status: {code: [200]}\nversion: 1\n");
      assert.deepEqual(fixture.diagnostics.map((d) => [d.message, d.span, d.path]), [
        ["The status code is the string '200', not a number: replay cannot build the response.", { start: 94, end: 99 }, ['interactions', 0, 'response', 'status', 'code']],
        ['The status code is a list, not a number: replay cannot build the response.', { start: 194, end: 199 }, ['interactions', 1, 'response', 'status', 'code']],
      ]);
      assert.deepEqual(fixture.exchanges.map((e) => e.response?.status), [null, null]);
    });

    it('go-vcr version 1 is told from vcrpy by its url and code', () => {
      const fixture = read('version: 1\ninteractions:\n- request:\n    body: ""\n    form: {}\n    headers: {}\n    url: https://x.test/\n    method: GET\n  response:\n    body: ok\n    headers: {}\n    status: 200 OK\n    code: 200\n    duration: ""\n');
      assert.equal(fixture.format, 'go-vcr');
      assert.equal(fixture.exchanges[0]?.response?.status, 200);
      assert.equal(fixture.exchanges[0]?.response?.statusMessage, 'OK');
      assert.deepEqual(fixture.diagnostics, []);
    });
  });

  describe('real cassettes of ../shared/cassettes', () => {
    const folders = ['vcrpy', 'vcrpy-langchain', 'vcr-ruby', 'vcr-r', 'go-vcr'] as const;
    const manifestPath = join(SHARED, 'cassettes', 'MANIFEST.tsv');
    if (!existsSync(manifestPath)) {
      it('skips: ../shared/cassettes is absent', () => console.log(`      (no ${manifestPath}; the real cassettes are not checked)`));
      return;
    }
    const manifest = new Map<string, number>();
    const [header, ...rows] = readFileSync(manifestPath, 'utf8').split('\n');
    const column = (header ?? '').split('\t').indexOf('interactions');
    for (const row of rows) {
      const cells = row.split('\t');
      if (cells[0]) manifest.set(cells[0], Number(cells[column]));
    }
    for (const folder of folders) {
      it(`reads every ${folder} cassette with its format, no syntax or schema problem, the exchanges MANIFEST.tsv counts`, () => {
        const dir = join(SHARED, 'cassettes', folder);
        const files = readdirSync(dir).sort();
        assert.ok(files.length > 0);
        for (const file of files) {
          const bytes = readFileSync(join(dir, file));
          const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
          const fixture = readYamlContainer(text);
          assert.ok(fixture, `${file} reads`);
          assert.equal(fixture.format, folder, file);
          assert.deepEqual(fixture.diagnostics.filter((d) => d.code === 'yaml-syntax' || d.code === 'container-schema'), [], file);
          assert.equal(fixture.exchanges.length, manifest.get(`${folder}/${file}`), file);
          for (const e of fixture.exchanges) {
            assert.ok(e.request.url.length > 0 && e.request.method.length > 0, `${file} #${e.index}`);
            assert.ok(e.response && typeof e.response.status === 'number', `${file} #${e.index}`);
          }
        }
      });
    }
  });

  describe('property: any text', () => {
    const samples = [
      'vcrpy/openai-chat-stream-and-gzip.yaml',
      'vcrpy/pydantic-ai-parsed-body.yaml',
      'vcrpy/json-serializer.json',
      'vcr-ruby/anthropic-binary-and-stream.yml',
      'vcr-r/openai-flat-headers.yml',
      'go-vcr/openai-stream-v2.yaml',
    ].map(sampleText);

    function assertWellFormed(text: string, fixture: Fixture | undefined): void {
      if (!fixture) return;
      const inText = (s: Span, what: string): void => assert.ok(Number.isInteger(s.start) && s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what}: ${s.start}-${s.end}`);
      for (const d of fixture.diagnostics) {
        inText(d.span, d.code);
        assert.equal(d.severity, DIAGNOSTIC_CODES[d.code].severity);
        assert.ok(['yaml-syntax', 'container-schema', 'nesting-too-deep'].includes(d.code), d.code);
      }
      fixture.exchanges.forEach((e, i) => {
        assert.equal(e.index, i);
        inText(e.span, 'exchange');
        inText(e.request.span, 'request');
        if (e.response) inText(e.response.span, 'response');
        for (const h of [...e.request.headers, ...(e.response?.headers ?? [])]) {
          inText(h.source.span, 'header');
          const map = h.source.offsetAt;
          if (map) for (const k of [0, h.value.length >> 1, h.value.length]) {
            const o = map(k);
            assert.ok(o >= h.source.span.start && o <= h.source.span.end, `header offset ${o}`);
          }
        }
        for (const b of [e.request.body, e.response?.body]) {
          if (b && 'source' in b) inText(b.source.span, 'body');
        }
      });
      JSON.stringify(fixture.value);
    }

    it('never throws and gives undefined or a well-formed Fixture', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (s) => assertWellFormed(`interactions:\n${s}`, readYamlContainer(`interactions:\n${s}`))),
        { seed: 20260301, numRuns: 2000 },
      );
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => assertWellFormed(s, readYamlContainer(s))),
        { seed: 20260302, numRuns: 1000 },
      );
    });

    it('samples with random edits never throw and stay well-formed', () => {
      const edit = fc.record({
        sample: fc.nat({ max: samples.length - 1 }),
        edits: fc.array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 6 }), insert: fc.constantFrom('', ' ', '\n', ':', '- ', '"', "'", '\t', '#', '[', '{', '}', '|', '>', '&a ', '*a ', '!!binary ', '? ', '\\', '---\n', '\r\n') }), { minLength: 1, maxLength: 4 }),
      });
      fc.assert(
        fc.property(edit, ({ sample, edits }) => {
          let text = samples[sample] ?? '';
          for (const e of edits) {
            const p = e.at % (text.length + 1);
            text = text.slice(0, p) + e.insert + text.slice(p + e.cut);
          }
          assertWellFormed(text, readYamlContainer(text));
        }),
        { seed: 20260303, numRuns: 1500 },
      );
    });
  });
});
