// The JSON cassette readers (Azure test proxy, Datadog, HAR, nock) and httprr: exact exchanges, headers,
// stored bodies and spans on the hand-made samples, exact diagnostics on the broken ones, the real cassettes
// of ../shared (format, exchange count as MANIFEST.tsv says, no container-schema), and properties: any input
// reads without an exception, and a JSON string's offsets map every decoded character back to its source.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { looksLikeHttprr, readHttprr } from '../../src/core/containers/httprr';
import { jsonStringOffsets } from '../../src/core/containers/json/stringOffsets';
import { detectJsonContainer, readJsonContainer, type JsonContainerFormat } from '../../src/core/containers/jsonContainers';
import type { Fixture, StoredBody, TextSource } from '../../src/core/containers/types';
import type { Span } from '../../src/core/diagnostic';
import { LineIndex } from '../../src/core/lineIndex';
import { repoRoot, sharedDir } from '../support/paths';

const SAMPLES = join(repoRoot(), 'fixtures', 'cassettes');

function sampleText(name: string): string {
  return readFileSync(join(SAMPLES, name), 'utf8');
}

function readSample(name: string): { text: string; fixture: Fixture } {
  const text = sampleText(name);
  if (looksLikeHttprr(text)) return { text, fixture: readHttprr(text) };
  const value: unknown = JSON.parse(text);
  const format = detectJsonContainer(value);
  assert.ok(format, `${name} is detected as a cassette`);
  return { text, fixture: readJsonContainer(text, value, format) };
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

function offset(source: TextSource, index: number): number {
  assert.ok(source.offsetAt, 'the source maps indexes to offsets');
  return source.offsetAt(index);
}

function headerList(headers: readonly { name: string; value: string }[]): string[] {
  return headers.map((h) => `${h.name}: ${h.value}`);
}

describe('JSON cassette containers and httprr', () => {
  describe('Azure SDK test proxy sample', () => {
    const { text, fixture } = readSample('azure-test-proxy/chat-stream-and-speech.json');
    const [chat, speech] = fixture.exchanges;

    it('reads two entries without problems', () => {
      assert.equal(fixture.format, 'azure-test-proxy');
      assert.equal(fixture.exchanges.length, 2);
      assert.deepEqual(fixture.diagnostics, []);
      assert.equal(chat?.request.method, 'POST');
      assert.equal(chat?.request.url, 'https://api.openai.com/v1/chat/completions');
      assert.equal(chat?.response?.status, 200);
      assert.equal(speech?.request.url, 'https://api.openai.com/v1/audio/speech');
      assert.equal(at(text, speech?.span), '40:4-59:5');
      assert.equal(at(text, speech?.request.urlSource?.span), '41:20-41:60');
    });

    it('keeps every header value, a list giving one header per value, each at its string', () => {
      assert.deepEqual(headerList(chat?.request.headers ?? []), ['Accept: application/json', 'Authorization: Sanitized', 'Content-Length: 103', 'Content-Type: application/json', 'User-Agent: OpenAI/2.8.0 (.NET 9.0.13)']);
      assert.deepEqual(headerList(chat?.response?.headers ?? []), ['Content-Type: text/event-stream; charset=utf-8', 'Date: Sanitized', 'Set-Cookie: __cf_bm=Sanitized', 'Set-Cookie: _cfuvid=Sanitized', 'Transfer-Encoding: chunked']);
      const cookies = (chat?.response?.headers ?? []).filter((h) => h.name === 'Set-Cookie');
      assert.deepEqual(cookies.map((h) => at(text, h.source.span)), ['27:10-27:29', '28:10-28:29']);
      assert.deepEqual(cookies.map((h) => h.source.path), [['Entries', 0, 'ResponseHeaders', 'Set-Cookie', 0], ['Entries', 0, 'ResponseHeaders', 'Set-Cookie', 1]]);
    });

    it('stores a JSON body as its value, inner values located on demand', () => {
      const request = body(chat?.request.body, 'json');
      assert.deepEqual(request.value, { messages: [{ role: 'user', content: 'Say "café" and smile.' }], model: 'gpt-4o-mini', stream: true });
      assert.equal(at(text, request.source.span), '12:21-21:7');
      assert.equal(at(text, request.sourceOf?.(['messages', 0, 'content'])), '16:23-16:48');
    });

    it('stores the stream as its list of lines, each line with its own source', () => {
      const stream = body(chat?.response?.body, 'lines');
      assert.equal(stream.lines.length, 5);
      assert.equal(stream.lines[1], 'data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1770950834,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"\\"café\\""},"finish_reason":null}]}\n\n');
      assert.equal(stream.lines[4], 'data: [DONE]\n\n');
      assert.equal(at(text, stream.source.span), '32:22-38:7');
      assert.deepEqual(stream.sources.map((s) => at(text, s.span)), ['33:8-33:232', '34:8-34:221', '35:8-35:222', '36:8-36:197', '37:8-37:26']);
      assert.deepEqual(stream.sources[2]?.path, ['Entries', 0, 'ResponseBody', 2]);
    });

    it('maps decoded characters of a line back through its escapes', () => {
      const stream = body(chat?.response?.body, 'lines');
      const line = stream.lines[1] as string;
      const source = stream.sources[1] as TextSource;
      const cafe = line.indexOf('café');
      assert.equal(cafe, 145);
      assert.equal(offset(source, cafe), 1302);
      assert.equal(text.slice(offset(source, cafe), offset(source, cafe) + 4), 'café');
      // The SSE payload's \" is stored as \\\": its backslash comes from `\\`, its quote from `\"`.
      assert.equal(text.slice(offset(source, cafe - 2), offset(source, cafe - 1)), '\\\\');
      assert.equal(text.slice(offset(source, cafe - 1), offset(source, cafe)), '\\"');
      // A surrogate pair written as two \u escapes: one escape per UTF-16 unit.
      const emojiLine = stream.lines[2] as string;
      const emojiSource = stream.sources[2] as TextSource;
      const emoji = emojiLine.indexOf('\ud83d');
      assert.equal(emoji, 144);
      assert.equal(text.slice(offset(emojiSource, emoji), offset(emojiSource, emoji + 1)), '\\ud83d');
      assert.equal(text.slice(offset(emojiSource, emoji + 1), offset(emojiSource, emoji + 2)), '\\ude00');
      // The decoded length maps to the closing quote.
      assert.equal(offset(emojiSource, emojiLine.length), 1567);
      assert.equal(text.charAt(1567), '"');
      assert.deepEqual(fixture.pathAt?.(1302), ['Entries', 0, 'ResponseBody', 1]);
    });

    it('stores a body that is not text by its Content-Type as base64', () => {
      const audio = body(speech?.response?.body, 'base64');
      assert.equal(audio.text, 'SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjYwLjE2LjEwMA==');
      assert.equal(at(text, audio.source.span), '58:22-58:72');
      assert.equal(text.slice(offset(audio.source, 0), offset(audio.source, 4)), 'SUQz');
      assert.equal(at(text, fixture.locate(['Entries', 1, 'StatusCode'])), '53:20-53:23');
    });
  });

  describe('Datadog test agent sample', () => {
    const { text, fixture } = readSample('datadog-vcr/openai_images_generations_post_5e1f0c2a.json');
    const exchange = fixture.exchanges[0];

    it('reads its one exchange', () => {
      assert.equal(fixture.format, 'datadog-vcr');
      assert.equal(fixture.exchanges.length, 1);
      assert.deepEqual(fixture.diagnostics, []);
      assert.equal(exchange?.request.method, 'POST');
      assert.equal(exchange?.request.url, 'https://api.openai.com/v1/images/generations');
      assert.equal(exchange?.response?.status, 200);
      assert.equal(exchange?.response?.statusMessage, 'OK');
      assert.equal(at(text, exchange?.span), '0:0-27:1');
      assert.equal(at(text, exchange?.response?.span), '15:14-26:3');
    });

    it('reads headers given as a string or a list', () => {
      assert.deepEqual(headerList(exchange?.request.headers ?? []), ['Accept: application/json', 'Content-Type: application/json', 'User-Agent: OpenAI/JS 6.18.0', 'Accept-Encoding: gzip', 'Accept-Encoding: deflate']);
      assert.deepEqual((exchange?.request.headers ?? []).slice(3).map((h) => at(text, h.source.span)), ['9:8-9:14', '10:8-10:17']);
    });

    it('maps a text body through its \\u escapes', () => {
      const request = body(exchange?.request.body, 'text');
      assert.equal(request.text, '{"model":"gpt-image-1","prompt":"A café at dawn","size":"1024x1024"}');
      assert.equal(at(text, request.source.span), '13:12-13:99');
      const e = request.text.indexOf('é');
      assert.equal(text.slice(offset(request.source, e), offset(request.source, e + 1)), '\\u00e9');
      assert.equal(text.slice(offset(request.source, e + 1), offset(request.source, e + 4)), ' at');
    });

    it('reads a "base64:" body as base64 without the prefix, its source on the base64 itself', () => {
      const png = body(exchange?.response?.body, 'base64');
      assert.equal(png.text, 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ');
      assert.equal(at(text, png.source.span), '25:20-25:64');
      assert.equal(text.slice(png.source.span.start, png.source.span.end), png.text);
      assert.equal(offset(png.source, 0), png.source.span.start);
      assert.equal(Buffer.from(png.text, 'base64').subarray(1, 4).toString('latin1'), 'PNG');
    });
  });

  describe('HAR sample recorded by Polly.JS', () => {
    const { text, fixture } = readSample('har/polly-gzip-chunks.har');
    const exchange = fixture.exchanges[0];

    it('reads the entry, its start time and its headers', () => {
      assert.equal(fixture.format, 'har');
      assert.equal(fixture.exchanges.length, 1);
      assert.deepEqual(fixture.diagnostics, []);
      assert.equal(exchange?.request.method, 'POST');
      assert.equal(exchange?.request.url, 'https://api.together.xyz/v1/chat/completions');
      assert.equal(exchange?.response?.status, 200);
      assert.equal(exchange?.response?.statusMessage, 'OK');
      assert.equal(exchange?.recordedAt, '2025-02-20T02:47:27.845Z');
      assert.equal(at(text, exchange?.span), '9:6-84:7');
      assert.deepEqual(headerList(exchange?.request.headers ?? []), ['content-type: application/json', 'authorization: Bearer REDACTED', 'host: api.together.xyz']);
      assert.deepEqual((exchange?.request.headers ?? []).map((h) => at(text, h.source.span)), ['20:23-20:41', '25:23-25:40', '30:23-30:41']);
      assert.deepEqual(headerList(exchange?.response?.headers ?? []), ['content-encoding: gzip', 'content-type: application/json; charset=utf-8', 'date: Thu, 20 Feb 2025 02:47:28 GMT']);
    });

    it('reads postData text, its offsets through \\n and \\" escapes', () => {
      const request = body(exchange?.request.body, 'text');
      assert.equal(request.text, '{\n  "model": "meta-llama/Llama-3-8b-chat-hf",\n  "messages": [\n    {\n      "role": "user",\n      "content": "Tell me a joke about tracing"\n    }\n  ]\n}');
      assert.equal(at(text, request.source.span), '39:20-39:193');
      assert.equal(at(text, { start: offset(request.source, 4), end: offset(request.source, 11) }), '39:26-39:35');
    });

    it("splits Polly's JSON list of base64 chunks, which gunzip to the answer", () => {
      const gz = body(exchange?.response?.body, 'base64-chunks');
      assert.equal(gz.chunks.length, 2);
      assert.equal(gz.chunks[0], 'H4sIAAAAAAACAw==');
      assert.equal(at(text, gz.source.span), '50:20-50:317');
      const bytes = Buffer.concat(gz.chunks.map((c) => Buffer.from(c, 'base64')));
      const answer = JSON.parse(gunzipSync(bytes).toString('utf8')) as { choices: { message: { content: string } }[] };
      assert.equal(answer.choices[0]?.message.content, 'Why did the span cross the road?');
    });
  });

  describe('nock sample', () => {
    const { text, fixture } = readSample('nock/openai-sse-and-bedrock-binary.json');
    const [sse, binary] = fixture.exchanges;

    it('reads both definitions, the URL as scope + path', () => {
      assert.equal(fixture.format, 'nock');
      assert.equal(fixture.exchanges.length, 2);
      assert.deepEqual(fixture.diagnostics, []);
      assert.equal(sse?.request.url, 'https://api.openai.com:443/v1/responses');
      assert.equal(binary?.request.url, 'https://bedrock-runtime.us-east-1.amazonaws.com:443/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream');
      assert.deepEqual([sse?.request.method, sse?.response?.status, binary?.response?.status], ['POST', 200, 200]);
      assert.equal(at(text, sse?.span), '1:2-26:3');
      const url = sse?.request.urlSource as TextSource;
      assert.equal(at(text, url.span), '4:12-4:27');
      assert.equal(text.slice(offset(url, 0), offset(url, 8)), 'https://');
      assert.equal(text.slice(offset(url, 26), offset(url, 30)), '/v1/');
    });

    it('reads reqheaders and the flat rawHeaders list', () => {
      assert.deepEqual(headerList(sse?.request.headers ?? []), ['content-type: application/json', 'authorization: Bearer REDACTED', 'content-length: 73']);
      assert.equal(at(text, sse?.request.headers[2]?.source.span), '23:24-23:26');
      assert.deepEqual(headerList(sse?.response?.headers ?? []), ['Content-Type: text/event-stream; charset=utf-8', 'Date: Thu, 17 Jul 2025 07:27:49 GMT', 'Set-Cookie: __cf_bm=REDACTED']);
      assert.deepEqual((sse?.response?.headers ?? []).map((h) => h.source.path), [[0, 'rawHeaders', 1], [0, 'rawHeaders', 3], [0, 'rawHeaders', 5]]);
      assert.equal(at(text, sse?.response?.headers[2]?.source.span), '18:6-18:24');
    });

    it('reads a JSON request body, an SSE string response and a hex binary response', () => {
      assert.deepEqual(body(sse?.request.body, 'json').value, { model: 'gpt-4o-mini', input: 'Which ocean? Answer in one word.', stream: true });
      const events = body(sse?.response?.body, 'text');
      assert.equal(events.text.length, 318);
      assert.ok(events.text.startsWith('event: response.created\ndata: {"type":"response.created","response":{"id":"resp_1","status":"in_progress"}}\n\n'));
      assert.equal(at(text, events.source.span), '11:16-11:381');
      const delta = events.text.indexOf('"Atlantic"');
      assert.equal(text.slice(offset(events.source, delta), offset(events.source, delta + 10)), '\\"Atlantic\\"');
      const hex = body(binary?.response?.body, 'hex');
      assert.equal(hex.text.length, 270);
      assert.equal(hex.text.slice(0, 16), '000000870000004b');
      // The eventstream prelude's total length is the frame's size.
      assert.equal(Buffer.from(hex.text, 'hex').readUInt32BE(0), 135);
      assert.equal(at(text, hex.source.span), '42:16-42:288');
    });
  });

  describe('httprr sample', () => {
    const { text, fixture } = readSample('httprr/two-exchanges-chunked.httprr');
    const [chat, ollama] = fixture.exchanges;

    it('reads both records by their UTF-8 byte counts', () => {
      assert.equal(fixture.format, 'httprr');
      assert.equal(fixture.exchanges.length, 2);
      assert.deepEqual(fixture.diagnostics, []);
      assert.equal(chat?.request.method, 'POST');
      assert.equal(chat?.request.url, 'https://api.openai.com/v1/chat/completions');
      assert.equal(chat?.response?.status, 200);
      assert.equal(chat?.response?.statusMessage, 'OK');
      assert.equal(ollama?.request.url, 'http://localhost:11434/api/chat');
      assert.deepEqual([at(text, chat?.span), at(text, chat?.request.span), at(text, chat?.response?.span)], ['1:0-14:146', '2:0-9:73', '9:73-14:146']);
      assert.deepEqual([at(text, ollama?.span), at(text, ollama?.response?.span)], ['14:146-35:0', '22:67-35:0']);
      assert.equal(at(text, chat?.request.urlSource?.span), '2:5-2:47');
    });

    it('reads header lines, each value at its place', () => {
      assert.deepEqual(headerList(chat?.request.headers ?? []), ['Host: api.openai.com', 'User-Agent: langchaingo-httprr', 'Content-Length: 74', 'Authorization: Bearer test-api-key', 'Content-Type: application/json']);
      assert.equal(at(text, chat?.request.headers[3]?.source.span), '6:15-6:34');
      const auth = chat?.request.headers[3]?.source as TextSource;
      assert.equal(text.slice(offset(auth, 7), offset(auth, 19)), 'test-api-key');
      assert.deepEqual(headerList(ollama?.response?.headers ?? []), ['Transfer-Encoding: chunked', 'Content-Type: application/x-ndjson', 'Date: Wed, 20 Aug 2025 13:48:26 GMT']);
    });

    it('reads bodies as text, offsets in UTF-16 units past multi-byte characters', () => {
      const request = body(chat?.request.body, 'text');
      assert.equal(request.text, '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say café"}]}');
      assert.equal(at(text, request.source.span), '9:0-9:73');
      const answer = body(chat?.response?.body, 'text');
      assert.ok(answer.text.includes('"content":"café ☕ 😀"'));
      const emoji = answer.text.indexOf('😀');
      assert.equal(emoji, 116);
      assert.equal(at(text, { start: offset(answer.source, emoji), end: offset(answer.source, emoji) + 2 }), '14:116-14:118');
      assert.equal(text.slice(offset(answer.source, emoji), offset(answer.source, emoji) + 2), '😀');
    });

    it('undoes chunked framing, offsets mapped per chunk', () => {
      const ndjson = body(ollama?.response?.body, 'text');
      assert.equal(
        ndjson.text,
        '{"model":"gemma3:1b","message":{"role":"assistant","content":"Quatre, voilà"},"done":false}\n{"model":"gemma3:1b","message":{"role":"assistant","content":""},"done_reason":"stop","done":true}\n',
      );
      assert.equal(at(text, ndjson.source.span), '27:0-35:0');
      const second = ndjson.text.indexOf('\n') + 1;
      assert.equal(at(text, { start: offset(ndjson.source, second), end: offset(ndjson.source, second) + 8 }), '31:0-31:8');
      const voila = ndjson.text.indexOf('voilà');
      assert.equal(text.slice(offset(ndjson.source, voila), offset(ndjson.source, voila) + 5), 'voilà');
    });

    it('locates paths of the trace and finds the path at an offset', () => {
      assert.equal(at(text, fixture.locate([1, 'response', 'status'])), '22:76-22:79');
      const te = fixture.locate([1, 'response', 'headers', 0, 'value']) as Span;
      assert.equal(at(text, te), '23:19-23:26');
      assert.deepEqual(fixture.pathAt?.(te.start), [1, 'response', 'headers', 0, 'value']);
      assert.deepEqual(fixture.pathAt?.(3), []);
      assert.deepEqual(fixture.pathAt?.(text.indexOf('Quatre')), [1, 'response', 'body']);
      const value = fixture.value as { response: { proto: string; status: number; headers: unknown[] } }[];
      assert.equal(value.length, 2);
      assert.deepEqual([value[1]?.response.proto, value[1]?.response.status, value[1]?.response.headers[0]], ['HTTP/1.1', 200, { name: 'Transfer-Encoding', value: 'chunked' }]);
    });
  });

  describe('broken cassettes', () => {
    const cases: { file: string; exchanges: number; message: string; range: string; path: readonly (string | number)[]; exchange: number | undefined }[] = [
      { file: 'azure-container-schema-status-string.json', exchanges: 2, message: 'Entry 2: "StatusCode" is the string "200", not a number (the HTTP status).', range: '53:20-53:25', path: ['Entries', 1, 'StatusCode'], exchange: 1 },
      { file: 'datadog-container-schema-no-method.json', exchanges: 1, message: 'The request has no "method".', range: '1:13-13:3', path: ['request', 'method'], exchange: 0 },
      { file: 'har-container-schema-no-response.har', exchanges: 1, message: 'Entry 1 has no "response": replay has nothing to answer with.', range: '9:6-55:7', path: ['log', 'entries', 0, 'response'], exchange: 0 },
      { file: 'nock-container-schema-status-string.json', exchanges: 2, message: 'Definition 2: "status" is the string "200", not a number (the HTTP status).', range: '41:14-41:19', path: [1, 'status'], exchange: 1 },
      { file: 'httprr-truncated.httprr', exchanges: 1, message: 'Record 2 says its response has 329 bytes, but only 269 remain: the trace was cut off or edited.', range: '14:146-14:153', path: [1], exchange: 1 },
      { file: 'httprr-bad-count.httprr', exchanges: 1, message: '"253 2x4" is not a record\'s "<request bytes> <response bytes>" line: httprr stops reading the trace here.', range: '14:146-14:153', path: [1], exchange: 1 },
      { file: 'httprr-content-length-mismatch.httprr', exchanges: 1, message: 'Record 1: Content-Length says 156 bytes, but the response body has 151: the response was cut off or its body edited.', range: '10:16-10:19', path: [0, 'response'], exchange: 0 },
      { file: 'httprr-trailing-newline.httprr', exchanges: 2, message: "The trace has 1 byte of white space after its last record (a final newline?): httprr's reader rejects the whole file.", range: '35:0-36:0', path: [], exchange: undefined },
    ];
    for (const c of cases) {
      it(c.file, () => {
        const { text, fixture } = readSample(`broken/${c.file}`);
        assert.equal(fixture.exchanges.length, c.exchanges);
        assert.equal(fixture.diagnostics.length, 1);
        const d = fixture.diagnostics[0];
        assert.deepEqual([d?.code, d?.severity, d?.message, at(text, d?.span), d?.path, d?.exchange], ['container-schema', 'error', c.message, c.range, c.path, c.exchange]);
      });
    }

    it('keeps the exchanges around the defect', () => {
      assert.equal(readSample('broken/azure-container-schema-status-string.json').fixture.exchanges[1]?.response?.status, null);
      assert.equal(readSample('broken/datadog-container-schema-no-method.json').fixture.exchanges[0]?.request.method, '');
      assert.equal(readSample('broken/har-container-schema-no-response.har').fixture.exchanges[0]?.response, undefined);
      assert.equal(readSample('broken/httprr-truncated.httprr').fixture.exchanges[0]?.response?.status, 200);
    });

    it('reads an empty stored body as no body', () => {
      const kinds = (text: string, format: JsonContainerFormat): string[] =>
        readJsonContainer(text, JSON.parse(text), format).exchanges.flatMap((e) => [e.request.body.kind, e.response?.body.kind ?? 'no response']);
      assert.deepEqual(kinds('{"Entries": [{"RequestUri": "https://x.test/", "RequestMethod": "GET", "RequestBody": null, "StatusCode": 200, "ResponseHeaders": {"Content-Type": "text/plain"}, "ResponseBody": []}]}', 'azure-test-proxy'), ['none', 'none']);
      assert.deepEqual(kinds('{"request": {"method": "GET", "url": "https://x.test/", "body": ""}, "response": {"status": {"code": 204, "message": "No Content"}, "headers": {}, "body": ""}}', 'datadog-vcr'), ['none', 'none']);
      assert.deepEqual(kinds('{"log": {"entries": [{"request": {"method": "GET", "url": "https://x.test/"}, "response": {"status": 204, "content": {"size": 0, "text": ""}}}]}}', 'har'), ['none', 'none']);
      assert.deepEqual(kinds('[{"scope": "https://x.test:443", "method": "GET", "path": "/", "body": "", "status": 204, "response": ""}]', 'nock'), ['none', 'none']);
    });

    it('reports a wrong container shape at the smallest value that shows it', () => {
      const problems = (text: string, format: JsonContainerFormat): string[] =>
        readJsonContainer(text, JSON.parse(text), format).diagnostics.map((d) => `${d.code} ${d.span.start}-${d.span.end} ${d.message}`);
      assert.deepEqual(problems('{"Entries": {}, "Variables": {}}', 'azure-test-proxy'), ['container-schema 12-14 "Entries" is an object: the test proxy expects the list of recorded requests there.']);
      assert.deepEqual(problems('{"Entries": [{"RequestUri": "https://x.test/", "RequestMethod": "GET"}]}', 'azure-test-proxy'), [
        'container-schema 13-70 Entry 1 records no response (no "StatusCode", "ResponseHeaders" or "ResponseBody"): replay has nothing to answer with.',
      ]);
      assert.deepEqual(problems('{"log": {"version": "1.2", "creator": {}}}', 'har'), ['container-schema 8-41 "log.entries" is undefined: a HAR file lists its requests there.']);
      assert.deepEqual(problems('[{"scope": "https://x.test:443", "method": "GET", "status": 200}, 7]', 'nock'), [
        'container-schema 1-64 Definition 1 has no "path".',
        'container-schema 66-67 Definition 2 is the number 7, not a recorded request and response.',
      ]);
      assert.deepEqual(problems('{"request": {"method": "GET", "url": 5}, "response": {"status": 200}}', 'datadog-vcr'), [
        'container-schema 37-38 The request: "url" is the number 5, not a string.',
        'container-schema 64-67 The response "status" is the number 200; the test agent reads it as {"code": …, "message": …}.',
      ]);
    });
  });

  describe('httprr records as Go writes and reads them', () => {
    /** A trace of (request, response) pairs, counted in UTF-8 bytes as httprr counts them. */
    const trace = (...records: [string, string][]): string => `httprr trace v1\n${records.map(([q, r]) => `${Buffer.byteLength(q)} ${Buffer.byteLength(r)}\n${q}${r}`).join('')}`;
    const problems = (text: string): string[] => readHttprr(text).diagnostics.map((d) => `${d.span.start}-${d.span.end} ${d.message}`);
    const GET = 'GET https://x.test/v1/models HTTP/1.1\r\nHost: x.test\r\n\r\n';

    it('takes the URL from the Host header when the request line has a path only', () => {
      const f = readHttprr(trace(['GET /v1/models?limit=2 HTTP/1.1\r\nHost: api.example.test\r\n\r\n', 'HTTP/1.1 204 No Content\r\n\r\n']));
      assert.deepEqual(f.diagnostics, []);
      const e = f.exchanges[0];
      assert.equal(e?.request.url, 'https://api.example.test/v1/models?limit=2');
      assert.deepEqual([e?.response?.status, e?.response?.statusMessage, e?.response?.body.kind], [204, 'No Content', 'none']);
      const url = e?.request.urlSource as TextSource;
      const text = trace(['GET /v1/models?limit=2 HTTP/1.1\r\nHost: api.example.test\r\n\r\n', 'HTTP/1.1 204 No Content\r\n\r\n']);
      // The URL's host comes from the Host header's value, its path from the request line.
      assert.equal(text.slice(offset(url, 8), offset(url, 8) + 16), 'api.example.test');
      assert.equal(text.slice(offset(url, 24), offset(url, 24) + 10), '/v1/models');
      assert.equal(offset(url, 24), url.span.start);
    });

    it('reads no body in the response to HEAD, whatever its Content-Length', () => {
      const f = readHttprr(trace(['HEAD https://x.test/file HTTP/1.1\r\nHost: x.test\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n']));
      assert.deepEqual([f.diagnostics.length, f.exchanges[0]?.response?.body.kind], [0, 'none']);
    });

    it('says where a record is wrong, keeping the records before it', () => {
      const cutHeaders = trace([GET, 'HTTP/1.1 200 OK\r\nContent-Type: text/plain']);
      assert.deepEqual(problems(cutHeaders), [`${cutHeaders.indexOf('Content-Type')}-${cutHeaders.length} Record 1: The response's headers do not end with an empty line: the response was cut off.`]);
      const badSize = trace([GET, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n']);
      assert.deepEqual(problems(badSize), [`${badSize.indexOf('zz')}-${badSize.indexOf('zz') + 2} Record 1: "zz" is not a chunk size (hexadecimal digits).`]);
      // A body is read within its own message: a Content-Length past the request does not reach into the response.
      const longRequest = trace(['POST https://x.test/v1 HTTP/1.1\r\nHost: x.test\r\nContent-Length: 3\r\n\r\nhi', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']);
      assert.deepEqual(problems(longRequest), [`${longRequest.indexOf('3\r\n')}-${longRequest.indexOf('3\r\n') + 1} Record 1: Content-Length says 3 bytes, but the request body has 2: the request was cut off or its body edited.`]);
      assert.equal(body(readHttprr(longRequest).exchanges[0]?.response?.body, 'text').text, 'ok');
      const noResponse = trace([GET, '']);
      assert.deepEqual(problems(noResponse), ['16-20 Record 1 has a request but no response (0 response bytes): replay has nothing to answer with.']);
      const badStatus = trace([GET, 'HTTP/1.1 2000 OK\r\n\r\n'], [GET, 'HTTP/1.1 200 OK\r\n\r\n']);
      const f = readHttprr(badStatus);
      assert.equal(f.exchanges.length, 2);
      assert.deepEqual([f.exchanges[0]?.response?.status, f.exchanges[1]?.response?.status], [null, 200]);
      assert.deepEqual(problems(badStatus), [`${badStatus.indexOf('2000')}-${badStatus.indexOf('2000') + 4} Record 1: The status line "HTTP/1.1 2000 OK" has no three-digit status code.`]);
      assert.deepEqual(problems('httprr trace v2\n0 0\n'), ['0-15 The file does not start with the line "httprr trace v1": httprr reads no other file.']);
    });
  });

  describe('what is no cassette', () => {
    it('an OGX recording, a vcrpy JSON cassette, a package.json, an empty list', () => {
      assert.equal(detectJsonContainer(JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'))), undefined);
      assert.equal(detectJsonContainer({ interactions: [], version: 1 }), undefined);
      assert.equal(detectJsonContainer({ Entries: [{ name: 'a config entry' }] }), undefined);
      assert.equal(detectJsonContainer({ Entries: [], Variables: {} }), 'azure-test-proxy');
      assert.equal(detectJsonContainer([]), undefined);
      // An OGX recording that lost its markers still has a body-only response, which the test agent never writes.
      assert.equal(detectJsonContainer({ request: { method: 'POST', url: 'http://localhost:8321/v1/chat/completions' }, response: { body: {} } }), undefined);
      assert.equal(detectJsonContainer({ request: { method: 'POST', url: 'https://x.test/' } }), 'datadog-vcr');
      assert.equal(detectJsonContainer([{ method: 'GET', path: '/', rawHeaders: [] }]), 'nock');
      assert.equal(detectJsonContainer({ request: { method: 'POST', url: 'http://localhost:8321/v1/chat/completions', endpoint: '/v1/chat/completions' }, response: { body: {}, is_streaming: false } }), undefined);
      assert.equal(looksLikeHttprr('httprr trace v2\n'), false);
      assert.equal(looksLikeHttprr('httprr trace v1\r\n'), true);
    });

    const shared = sharedDir();
    it('no OGX recording of ../shared/corpus is taken for a cassette', function () {
      if (!shared) {
        console.log('      ../shared is absent: skipping the OGX corpus check');
        this.skip();
      }
      const corpus = join(shared, 'corpus');
      const files = readdirSync(corpus).filter((f) => f.endsWith('.json'));
      assert.ok(files.length > 0);
      for (const f of files) {
        const text = readFileSync(join(corpus, f), 'utf8');
        assert.equal(detectJsonContainer(JSON.parse(text)), undefined, f);
        assert.equal(looksLikeHttprr(text), false, f);
      }
    });
  });

  describe('real cassettes of ../shared/cassettes', () => {
    const shared = sharedDir();
    const FORMATS = ['azure-test-proxy', 'datadog-vcr', 'har', 'nock', 'httprr'];
    it('each file: its folder is its format, no container-schema, MANIFEST.tsv\'s exchange count', function () {
      const dir = shared ? join(shared, 'cassettes') : undefined;
      if (!dir || !existsSync(join(dir, 'MANIFEST.tsv'))) {
        console.log('      ../shared/cassettes is absent: skipping the real cassettes');
        this.skip();
      }
      const rows = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
      const header = (rows[0] ?? '').split('\t');
      const fileColumn = header.indexOf('file');
      const countColumn = header.indexOf('interactions');
      const expected = new Map<string, number>();
      for (const row of rows.slice(1)) {
        const cells = row.split('\t');
        expected.set(cells[fileColumn] ?? '', Number(cells[countColumn]));
      }
      let checked = 0;
      for (const format of FORMATS) {
        for (const name of readdirSync(join(dir, format))) {
          const raw = readFileSync(join(dir, format, name));
          const text = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
          let fixture: Fixture;
          if (format === 'httprr') {
            assert.ok(looksLikeHttprr(text), name);
            fixture = readHttprr(text);
          } else {
            const value: unknown = JSON.parse(text);
            assert.equal(detectJsonContainer(value), format, name);
            fixture = readJsonContainer(text, value, format as JsonContainerFormat);
          }
          assert.equal(fixture.format, format, name);
          assert.deepEqual(fixture.diagnostics.filter((d) => d.code === 'container-schema').map((d) => d.message), [], name);
          assert.equal(fixture.exchanges.length, expected.get(`${format}/${name}`), name);
          for (const e of fixture.exchanges) assert.ok(e.request.method !== '' && e.request.url !== '' && e.response?.status !== null, `${name} exchange ${e.index}`);
          checked++;
        }
      }
      assert.equal(checked, [...expected.keys()].filter((k) => FORMATS.includes(k.split('/')[0] ?? '')).length);
    });
  });

  describe('JSON string offsets', () => {
    // Each character written raw, as a short escape or as \uXXXX, at random: every decoded unit must map to the source it came from.
    const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '/': '\\/' };
    const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('"', '\\', '\n', 'é', '/', 'a'));
    const encoded = fc.array(fc.tuple(unit, fc.integer({ min: 0, max: 2 })), { maxLength: 60 }).map((units) => {
      let literal = '';
      for (const [ch, how] of units) {
        const code = ch.charCodeAt(0);
        const mustEscape = ch === '"' || ch === '\\' || code < 0x20;
        if (how === 0 && !mustEscape) literal += ch;
        else if (how === 1 && SHORT[ch] !== undefined) literal += SHORT[ch];
        else literal += `\\u${code.toString(16).padStart(4, '0')}`;
      }
      return { decoded: units.map(([ch]) => ch).join(''), literal };
    });
    it('map every decoded unit to its source, and the end to the closing quote', () => {
      fc.assert(
        fc.property(encoded, ({ decoded, literal }) => {
          const text = `{"k": "${literal}"}`;
          const map = jsonStringOffsets(text, 6);
          for (let i = 0; i < decoded.length; i++) {
            assert.equal(JSON.parse(`"${text.slice(map(i), map(i + 1))}"`), decoded[i]);
          }
          assert.equal(map(decoded.length), text.length - 2);
        }),
        { seed: 20251201, numRuns: 500 },
      );
    });
  });

  describe('never an exception', () => {
    const FORMATS: JsonContainerFormat[] = ['azure-test-proxy', 'datadog-vcr', 'har', 'nock'];

    /** Reads every span and offset a consumer may ask for: all must be within the text. */
    function touch(text: string, fixture: Fixture): void {
      const inText = (s: Span | undefined): void => {
        if (s) assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${s.start}-${s.end} outside 0-${text.length}`);
      };
      const source = (s: TextSource): void => {
        inText(s.span);
        if (s.offsetAt) for (const i of [0, 1, 5]) assert.ok(Number.isInteger(s.offsetAt(i)));
      };
      const stored = (b: StoredBody): void => {
        if (b.kind === 'none') return;
        source(b.source);
        if (b.kind === 'lines') b.sources.forEach(source);
        if (b.kind === 'json') inText(b.sourceOf?.(['a', 0]));
      };
      for (const d of fixture.diagnostics) inText(d.span);
      for (const e of fixture.exchanges) {
        inText(e.span);
        inText(e.request.span);
        e.request.headers.forEach((h) => source(h.source));
        stored(e.request.body);
        if (e.request.urlSource) source(e.request.urlSource);
        if (e.response) {
          inText(e.response.span);
          e.response.headers.forEach((h) => source(h.source));
          stored(e.response.body);
        }
      }
      inText(fixture.locate([0, 'request', 'headers', 0, 'value']));
      fixture.pathAt?.(Math.floor(text.length / 2));
    }

    // Values shaped like each format, each member possibly of the wrong type, so the readers' branches are reached.
    const anyValue = fc.jsonValue({ maxDepth: 3 });
    const strings = fc.oneof(fc.string(), fc.constantFrom('', 'base64:AAAA', '["H4sI","AA=="]', '[1]', 'text/event-stream', 'gzip', 'application/json'));
    const member = fc.oneof(anyValue, strings, fc.integer(), fc.array(strings, { maxLength: 4 }), fc.dictionary(fc.constantFrom('Content-Type', 'content-encoding', 'x'), fc.oneof(strings, fc.array(strings, { maxLength: 2 }))));
    const shaped = (keys: string[]): fc.Arbitrary<Record<string, unknown>> => fc.record(Object.fromEntries(keys.map((k) => [k, member])), { requiredKeys: [] });
    const azure = fc.record({ Entries: fc.oneof(fc.array(shaped(['RequestUri', 'RequestMethod', 'RequestHeaders', 'RequestBody', 'StatusCode', 'ResponseHeaders', 'ResponseBody']), { maxLength: 3 }), anyValue), Variables: anyValue }, { requiredKeys: [] });
    const datadog = fc.record({ request: fc.oneof(shaped(['method', 'url', 'headers', 'body']), anyValue), response: fc.oneof(fc.record({ status: fc.oneof(shaped(['code', 'message']), anyValue), headers: member, body: member }, { requiredKeys: [] }), anyValue) }, { requiredKeys: [] });
    const harEntry = fc.record(
      {
        request: fc.oneof(fc.record({ method: member, url: member, headers: fc.array(shaped(['name', 'value']), { maxLength: 3 }), postData: shaped(['mimeType', 'text', 'encoding']) }, { requiredKeys: [] }), anyValue),
        response: fc.oneof(fc.record({ status: member, statusText: member, headers: member, content: fc.record({ text: strings, encoding: fc.constantFrom('base64', 'utf8') }, { requiredKeys: [] }) }, { requiredKeys: [] }), anyValue),
        startedDateTime: member,
      },
      { requiredKeys: [] },
    );
    const har = fc.record({ log: fc.oneof(fc.record({ entries: fc.oneof(fc.array(harEntry, { maxLength: 3 }), anyValue), version: member, creator: member }, { requiredKeys: [] }), anyValue) });
    const nock = fc.array(fc.oneof(shaped(['scope', 'method', 'path', 'body', 'status', 'reply', 'response', 'rawHeaders', 'headers', 'reqheaders', 'responseIsBinary']), anyValue), { maxLength: 4 });

    it('detectJsonContainer and readJsonContainer on any JSON value, in any format', () => {
      fc.assert(
        fc.property(fc.oneof(anyValue, azure, datadog, har, nock), fc.boolean(), (value, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
          const parsed: unknown = JSON.parse(text);
          const detected = detectJsonContainer(parsed);
          for (const format of detected ? [detected] : FORMATS) touch(text, readJsonContainer(text, parsed, format));
        }),
        { seed: 20251202, numRuns: 1500 },
      );
    });

    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('12 34\n', '0 0\n', '5 999999999999\n', 'POST https://x.test/v1 HTTP/1.1\r\n', 'GET / HTTP/1.1\r\n', 'HTTP/1.1 200 OK\r\n', 'HTTP/2.0 20 \r\n', 'Host: x.test\r\n', 'Content-Length: 5\r\n', 'Transfer-Encoding: chunked\r\n', ' folded\r\n', '\r\n', '\n', '5\r\nhello\r\n0\r\n\r\n', 'zz\r\n', 'é😀', '\ud800'),
    );
    it('readHttprr on any text, and on traces cut and recounted at random', () => {
      const sample = sampleText('httprr/two-exchanges-chunked.httprr');
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 12 }).map((p) => `httprr trace v1\n${p.join('')}`), fc.tuple(fc.nat(sample.length), fc.string()).map(([cut, tail]) => sample.slice(0, cut) + tail)), (text) => {
          touch(text, readHttprr(text));
          looksLikeHttprr(text);
        }),
        { seed: 20251203, numRuns: 1500 },
      );
    });
  });
});
