// The bodies layer over hand-made bodies and real cassettes: every encoding undone (base64, hex, Polly
// chunks, gzip, deflate, brotli), the problems of broken ones with their exact spans, and every stream
// framing (SSE, NDJSON, JSON array, AWS eventstream) cut into events with exact data, values and spans.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { decodeBody } from '../../src/core/bodies/decodeBody';
import { readFrame } from '../../src/core/bodies/eventstreamFrames';
import { jsonSyntaxError } from '../../src/core/bodies/jsonPayload';
import { splitStream } from '../../src/core/bodies/splitStream';
import type { DecodedBody, StreamBody } from '../../src/core/bodies/types';
import type { Header, StoredBody, TextSource } from '../../src/core/containers/types';
import { sharedDir } from '../support/paths';

function source(start: number, end: number, offsetAt?: (i: number) => number): TextSource {
  return { span: { start, end }, path: ['body'], ...(offsetAt ? { offsetAt } : {}) };
}

function headers(pairs: Record<string, string>): Header[] {
  return Object.entries(pairs).map(([name, value]) => ({ name, value, source: source(0, 0) }));
}

function b64(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64');
}

function asText(body: DecodedBody): Extract<DecodedBody, { kind: 'text' }> {
  assert.equal(body.kind, 'text');
  return body as Extract<DecodedBody, { kind: 'text' }>;
}

function asBinary(body: DecodedBody): Extract<DecodedBody, { kind: 'binary' }> {
  assert.equal(body.kind, 'binary');
  return body as Extract<DecodedBody, { kind: 'binary' }>;
}

/** A text body as stored in a file, with a made-up map from text index to file offset. */
function storedText(text: string, offsetAt: (i: number) => number = (i) => 1000 + i): StoredBody {
  return { kind: 'text', text, source: source(Math.max(0, offsetAt(0) - 1), offsetAt(Math.max(0, text.length - 1)) + 2, offsetAt) };
}

function split(body: DecodedBody, contentType: string | null, requestUrl = 'https://api.example.com/v1/chat', src?: TextSource): StreamBody | undefined {
  return splitStream(body, { contentType, requestUrl, source: src });
}

function splitText(text: string, contentType: string | null, offsetAt?: (i: number) => number, requestUrl?: string): StreamBody {
  const stored = storedText(text, offsetAt);
  const s = split(decodeBody(stored, []).body, contentType, requestUrl, stored.kind === 'text' ? stored.source : undefined);
  assert.ok(s, 'a stream');
  return s;
}

describe('bodies: decodeBody undoes what the recorder did', () => {
  it('base64 of UTF-8 text → the text, not mapped into the base64', () => {
    const text = b64('héllo wörld');
    const r = decodeBody({ kind: 'base64', text, source: source(40, 40 + text.length + 2) }, []);
    assert.deepEqual(r.problems, []);
    const body = asText(r.body);
    assert.equal(body.text, 'héllo wörld');
    assert.deepEqual(body.steps, ['base64']);
    assert.equal(body.exactOffsets, false);
    assert.equal(body.offsetAt(5), 40);
    assert.deepEqual(body.span, { start: 40, end: 62 });
    assert.equal('json' in body, false);
  });

  it('base64: URL-safe alphabet, line breaks and missing padding', () => {
    const r = decodeBody({ kind: 'base64', text: '-__-\n +/8', source: source(0, 9) }, headers({ 'Content-Type': 'application/octet-stream' }));
    assert.deepEqual(r.problems, []);
    const body = asBinary(r.body);
    assert.deepEqual([...body.bytes], [0xfb, 0xff, 0xfe, 0xfb, 0xff]);
    assert.equal(body.mediaType, 'application/octet-stream');
    assert.deepEqual(body.steps, ['base64']);
  });

  it('base64 of JSON → json; padding "==" and "=" both read', () => {
    const one = decodeBody({ kind: 'base64', text: b64('{"a":1}'), source: source(0, 12) }, []);
    assert.equal(b64('{"a":1}'), 'eyJhIjoxfQ==');
    assert.deepEqual(asText(one.body).json, { a: 1 });
    const two = decodeBody({ kind: 'base64', text: b64('[12]'), source: source(0, 8) }, []);
    assert.equal(b64('[12]'), 'WzEyXQ==');
    assert.deepEqual(asText(two.body).json, [12]);
    const three = decodeBody({ kind: 'base64', text: b64('"ab"'), source: source(0, 8) }, []);
    assert.equal(asText(three.body).json, 'ab');
  });

  it('40 MB of line-wrapped base64 decodes in one pass, exactly', () => {
    const bytes = Buffer.alloc(30_000_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    const text = bytes.toString('base64').replace(/(.{76})/g, '$1\n');
    assert.equal(text.length, 40_526_315);
    const r = decodeBody({ kind: 'base64', text, source: source(0, 1) }, []);
    assert.deepEqual(r.problems, []);
    const body = asBinary(r.body);
    assert.equal(body.bytes.length, 30_000_000);
    assert.equal(Buffer.compare(body.bytes, bytes), 0);
  });

  it('hex → bytes → text', () => {
    const r = decodeBody({ kind: 'hex', text: Buffer.from('{"ok":true}').toString('hex'), source: source(5, 29) }, []);
    assert.deepEqual(r.problems, []);
    const body = asText(r.body);
    assert.deepEqual(body.json, { ok: true });
    assert.deepEqual(body.steps, ['hex']);
  });

  it("Polly's base64 chunks of a gzip body", () => {
    const gz = zlib.gzipSync(Buffer.from('{"id":"x","n":[1,2,3]}'));
    const chunks = [b64(gz.subarray(0, 15)), b64(gz.subarray(15))];
    assert.equal(chunks[0]?.length, 20);
    const r = decodeBody({ kind: 'base64-chunks', chunks, source: source(10, 90) }, headers({ 'content-encoding': 'gzip' }));
    assert.deepEqual(r.problems, []);
    const body = asText(r.body);
    assert.deepEqual(body.steps, ['base64-chunks', 'gzip']);
    assert.deepEqual(body.json, { id: 'x', n: [1, 2, 3] });
  });

  it('gzip is told by its magic bytes, whatever Content-Encoding says', () => {
    const gz = zlib.gzipSync(Buffer.from('data: {"a":1}\n\n'));
    const r = decodeBody({ kind: 'base64', text: b64(gz), source: source(0, 1) }, []);
    assert.deepEqual(r.problems, []);
    const body = asText(r.body);
    assert.equal(body.text, 'data: {"a":1}\n\n');
    assert.deepEqual(body.steps, ['base64', 'gzip']);
  });

  it('gzip with the optional header fields (name, comment, extra, header CRC)', () => {
    const deflated = zlib.deflateRawSync(Buffer.from('named'));
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(zlib.crc32('named'), 0);
    trailer.writeUInt32LE(5, 4);
    // FHCRC | FEXTRA | FNAME | FCOMMENT
    const head = Buffer.from([0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3, 2, 0, 0xaa, 0xbb, 0x66, 0x00, 0x63, 0x00, 0x12, 0x34]);
    const r = decodeBody({ kind: 'bytes', bytes: Buffer.concat([head, deflated, trailer]), source: source(0, 0) }, []);
    assert.deepEqual(r.problems, []);
    assert.equal(asText(r.body).text, 'named');
  });

  it('deflate (zlib header, and raw) when Content-Encoding says deflate', () => {
    const zlibbed = decodeBody({ kind: 'base64', text: b64(zlib.deflateSync('{"z":1}')), source: source(0, 1) }, headers({ 'Content-Encoding': 'deflate' }));
    assert.deepEqual(zlibbed.problems, []);
    assert.deepEqual(asText(zlibbed.body).json, { z: 1 });
    assert.deepEqual(asText(zlibbed.body).steps, ['base64', 'deflate']);
    const raw = decodeBody({ kind: 'base64', text: b64(zlib.deflateRawSync('{"r":2}')), source: source(0, 1) }, headers({ 'Content-Encoding': 'deflate' }));
    assert.deepEqual(raw.problems, []);
    assert.deepEqual(asText(raw.body).json, { r: 2 });
    // Without the header, zlib bytes are left as they are.
    const unsaid = decodeBody({ kind: 'base64', text: b64(zlib.deflateSync('{"z":1}')), source: source(0, 1) }, []);
    assert.deepEqual(asBinary(unsaid.body).steps, ['base64']);
  });

  it('brotli when Content-Encoding says br and the bytes are not text', () => {
    const br = zlib.brotliCompressSync(Buffer.from('{"type":"error","error":{"type":"authentication_error"}}'));
    const r = decodeBody({ kind: 'base64', text: b64(br), source: source(0, 1) }, headers({ 'Content-Type': 'application/json', 'Content-Encoding': 'br' }));
    assert.deepEqual(r.problems, []);
    const body = asText(r.body);
    assert.deepEqual(body.steps, ['base64', 'br']);
    assert.deepEqual(body.json, { type: 'error', error: { type: 'authentication_error' } });
  });

  it('a header that says gzip or br over a body that is already plain text → the text', () => {
    const stored = storedText('{"a":1}');
    const r = decodeBody(stored, headers({ 'Content-Encoding': 'gzip, br' }));
    assert.deepEqual(r.problems, []);
    const body = asText(r.body);
    assert.deepEqual(body.json, { a: 1 });
    assert.deepEqual(body.steps, []);
    assert.equal(body.exactOffsets, true);
    assert.equal(body.offsetAt(3), 1003);
    const fromBase64 = decodeBody({ kind: 'base64', text: b64('plain'), source: source(0, 10) }, headers({ 'Content-Encoding': 'br' }));
    assert.deepEqual(fromBase64.problems, []);
    assert.equal(asText(fromBase64.body).text, 'plain');
    assert.deepEqual(asText(fromBase64.body).steps, ['base64']);
  });

  it('PNG bytes → binary with their size and the media type', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01]);
    const r = decodeBody({ kind: 'base64', text: b64(png), source: source(100, 130) }, headers({ 'Content-Type': 'image/png; q=1' }));
    assert.deepEqual(r.problems, []);
    const body = asBinary(r.body);
    assert.equal(body.bytes.length, 20);
    assert.equal(body.mediaType, 'image/png');
    assert.deepEqual(body.steps, ['base64']);
    assert.equal(split(body, 'image/png'), undefined);
  });

  it('text with a NUL is binary even though it is UTF-8', () => {
    const r = decodeBody({ kind: 'bytes', bytes: Buffer.from('a\0b'), source: source(0, 3) }, []);
    assert.equal(asBinary(r.body).mediaType, null);
  });

  it('bad base64 → a problem at the bad character, and the raw text kept as bytes', () => {
    const r = decodeBody({ kind: 'base64', text: 'QUJD$EVG', source: source(99, 109, (i) => 100 + i) }, []);
    assert.deepEqual(r.problems, [{ kind: 'undecodable', message: "The body is not valid base64: '$' at index 4 is not a base64 character.", span: { start: 104, end: 105 } }]);
    assert.deepEqual([...asBinary(r.body).bytes], [...Buffer.from('QUJD$EVG')]);
    assert.deepEqual(asBinary(r.body).steps, []);
  });

  it('bad base64 with no map into the file → the stored value’s whole span', () => {
    const r = decodeBody({ kind: 'base64', text: 'QUJD\nRA=é', source: source(10, 30) }, []);
    assert.deepEqual(r.problems, [{ kind: 'undecodable', message: 'The body is not valid base64: U+00E9 at index 8 is not a base64 character.', span: { start: 10, end: 30 } }]);
  });

  it('base64 of a length no bytes have; data after padding; bad hex', () => {
    assert.deepEqual(decodeBody({ kind: 'base64', text: 'QUJDR', source: source(0, 7) }, []).problems, [
      { kind: 'undecodable', message: 'The body is not valid base64: the base64 ends with a lone character (its length is one more than a multiple of four).', span: { start: 0, end: 7 } },
    ]);
    assert.deepEqual(decodeBody({ kind: 'base64', text: 'QQ==QQ==', source: source(0, 8, (i) => i) }, []).problems, [
      { kind: 'undecodable', message: "The body is not valid base64: base64 continues after its '=' padding at index 4.", span: { start: 4, end: 5 } },
    ]);
    assert.deepEqual(decodeBody({ kind: 'hex', text: '7b7', source: source(0, 5) }, []).problems, [
      { kind: 'undecodable', message: 'The body is not valid hex: the hex has an odd number of digits.', span: { start: 0, end: 5 } },
    ]);
    assert.deepEqual(decodeBody({ kind: 'hex', text: '7b7g', source: source(0, 4) }, []).problems, [
      { kind: 'undecodable', message: "The body is not valid hex: 'g' at index 3 is not a hex digit.", span: { start: 3, end: 4 } },
    ]);
  });

  it('a cut-off gzip → a problem and the bytes as stored', () => {
    const gz = zlib.gzipSync(Buffer.from('x'.repeat(1000)));
    const cut = gz.subarray(0, 12);
    const r = decodeBody({ kind: 'base64', text: b64(cut), source: source(7, 30) }, []);
    assert.deepEqual(r.problems, [{ kind: 'undecodable', message: 'The gzip body cannot be decompressed: the gzip data is too short to hold a header and a trailer.', span: { start: 7, end: 30 } }]);
    assert.deepEqual([...asBinary(r.body).bytes], [...cut]);
    assert.deepEqual(asBinary(r.body).steps, ['base64']);
  });

  it('a gzip stream cut inside its data → what came out before the cut, and a problem', () => {
    const sse = Array.from({ length: 400 }, (_, i) => `data: {"i":${i},"pad":"${'p'.repeat(i % 97)}"}\n\n`).join('');
    const gz = zlib.gzipSync(Buffer.from(sse), { level: 1 });
    const r = decodeBody({ kind: 'bytes', bytes: gz.subarray(0, Math.floor(gz.length * 0.9)), source: source(0, 0) }, []);
    assert.deepEqual(r.problems, [{ kind: 'undecodable', message: 'The gzip body cannot be decompressed: the gzip stream is broken (unexpected EOF).', span: { start: 0, end: 0 } }]);
    const body = asText(r.body);
    assert.deepEqual(body.steps, ['gzip']);
    assert.ok(sse.startsWith(body.text));
    assert.ok(body.text.length > 1000 && body.text.length < sse.length);
  });

  it('a gzip whose checksum does not match → its contents and a problem', () => {
    const gz = Buffer.from(zlib.gzipSync(Buffer.from('{"a":1}')));
    gz[gz.length - 8] = (gz[gz.length - 8] as number) ^ 1;
    const r = decodeBody({ kind: 'bytes', bytes: gz, source: source(3, 9) }, []);
    assert.deepEqual(r.problems, [{ kind: 'undecodable', message: 'The gzip body cannot be decompressed: the gzip checksum does not match what decompresses: the body is corrupt or cut off.', span: { start: 3, end: 9 } }]);
    assert.deepEqual(asText(r.body).json, { a: 1 });
  });

  it('a zip bomb stops at the size bound', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(1_000_000));
    const r = decodeBody({ kind: 'base64', text: b64(bomb), source: source(0, 5) }, [], { maxDecompressedBytes: 1000 });
    assert.deepEqual(r.problems, [{ kind: 'undecodable', message: 'The gzip body cannot be decompressed: it decompresses to more than 1,000 bytes; not decompressed further.', span: { start: 0, end: 5 } }]);
    assert.equal(asBinary(r.body).bytes.length, bomb.length);
    const brBomb = zlib.brotliCompressSync(Buffer.alloc(1_000_000));
    const rb = decodeBody({ kind: 'base64', text: b64(brBomb), source: source(0, 5) }, headers({ 'Content-Encoding': 'br' }), { maxDecompressedBytes: 1000 });
    assert.deepEqual(rb.problems, [{ kind: 'undecodable', message: 'The br body cannot be decompressed: it decompresses to more than 1,000 bytes; not decompressed further.', span: { start: 0, end: 5 } }]);
  });

  it('broken brotli → a problem', () => {
    const r = decodeBody({ kind: 'bytes', bytes: Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x01]), source: source(0, 5) }, headers({ 'Content-Encoding': 'br' }));
    assert.deepEqual(r.problems, [{ kind: 'undecodable', message: 'The br body cannot be decompressed: the brotli data is broken.', span: { start: 0, end: 5 } }]);
    assert.equal(asBinary(r.body).bytes.length, 5);
  });

  it('zstd → an info-level problem, the bytes kept', () => {
    const zstd = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x05, 0x29, 0x00, 0x00]);
    const r = decodeBody({ kind: 'base64', text: b64(zstd), source: source(2, 20) }, headers({ 'Content-Encoding': 'zstd', 'Content-Type': 'application/json' }));
    assert.deepEqual(r.problems, [{ kind: 'undecodable', message: 'The body is zstd-compressed; a zstd-compressed body cannot be read here.', span: { start: 2, end: 20 }, severity: 'info' }]);
    assert.equal(asBinary(r.body).mediaType, 'application/json');
  });

  it('none, empty text and empty bytes → empty; a stored JSON value stays JSON', () => {
    assert.deepEqual(decodeBody({ kind: 'none' }, []).body, { kind: 'empty' });
    assert.deepEqual(decodeBody({ kind: 'text', text: '', source: source(0, 2) }, []).body, { kind: 'empty' });
    assert.deepEqual(decodeBody({ kind: 'base64', text: '', source: source(0, 2) }, []).body, { kind: 'empty' });
    const sourceOf = (): { start: number; end: number } => ({ start: 1, end: 2 });
    const json = decodeBody({ kind: 'json', value: { a: [1] }, source: source(4, 20), sourceOf }, []).body;
    assert.deepEqual(json, { kind: 'json', json: { a: [1] }, steps: [], sourceOf, span: { start: 4, end: 20 } });
  });

  it('text stored without a map: mapped only when written exactly as it reads', () => {
    const plain = asText(decodeBody({ kind: 'text', text: 'data: {}', source: source(50, 58) }, []).body);
    assert.equal(plain.exactOffsets, true);
    assert.equal(plain.offsetAt(6), 56);
    const quoted = asText(decodeBody({ kind: 'text', text: 'data: {}', source: source(50, 60) }, []).body);
    assert.equal(quoted.exactOffsets, false);
    assert.equal(quoted.offsetAt(6), 50);
  });

  it('raw bytes (httprr) that are text map into the file; gzip bytes do not', () => {
    const raw = asText(decodeBody({ kind: 'bytes', bytes: Buffer.from('{"a":"é"}'), source: source(200, 209) }, []).body);
    assert.equal(raw.exactOffsets, true);
    assert.equal(raw.offsetAt(6), 206);
    assert.deepEqual(raw.json, { a: 'é' });
    const gz = asText(decodeBody({ kind: 'bytes', bytes: zlib.gzipSync('{"a":1}'), source: source(200, 227) }, []).body);
    assert.equal(gz.exactOffsets, false);
    assert.deepEqual(gz.steps, ['gzip']);
  });

  it("Azure's lines join into SSE text whose offsets map into each line's own string", () => {
    // Each line written as a JSON string: its characters start one past the opening quote.
    const lines = ['event: response.created\n', 'data: {"type":"response.created"}\n\n', 'data: [DONE]\n\n'];
    const starts = [300, 340, 400];
    const sources = lines.map((line, i) => source(starts[i] as number, (starts[i] as number) + line.length + 3, (k) => (starts[i] as number) + 1 + k));
    const r = decodeBody({ kind: 'lines', lines, sources, source: source(290, 430) }, []);
    const body = asText(r.body);
    assert.equal(body.text, lines.join(''));
    assert.deepEqual(body.steps, ['lines']);
    assert.equal(body.offsetAt(0), 301);
    assert.equal(body.offsetAt(24), 341);
    const s = split(body, 'text/event-stream; charset=utf-8', undefined, source(290, 430));
    assert.deepEqual(s, {
      framing: 'sse',
      events: [{ value: { type: 'response.created' }, name: 'response.created', data: '{"type":"response.created"}', span: { start: 301, end: 374 } }],
      done: true,
      problems: [],
    });
  });

  it('lines written without their own "\\n" are joined with one', () => {
    const lines = ['data: {"a":1}', '', 'data: {"a":2}'];
    const sources = [source(10, 23), source(30, 30), source(40, 53)];
    const body = asText(decodeBody({ kind: 'lines', lines, sources, source: source(0, 60) }, []).body);
    assert.equal(body.text, 'data: {"a":1}\n\ndata: {"a":2}\n');
    const s = split(body, null);
    assert.deepEqual(s?.events.map((e) => [e.value, e.span]), [
      [{ a: 1 }, { start: 10, end: 23 }],
      [{ a: 2 }, { start: 40, end: 53 }],
    ]);
  });
});

describe('bodies: jsonSyntaxError says what is wrong in its own words', () => {
  it('names the place and the cause', () => {
    assert.equal(jsonSyntaxError('{"a":1}'), undefined);
    assert.equal(jsonSyntaxError('  '), 'it is empty');
    assert.equal(jsonSyntaxError('{"a":}'), "unexpected '}' at offset 5 where a value should be");
    assert.equal(jsonSyntaxError('{"a" 1}'), "unexpected '1' at offset 5 where ':' should be");
    assert.equal(jsonSyntaxError("{'a':1}"), "unexpected ''' at offset 1 where a property name in double quotes should be");
    assert.equal(jsonSyntaxError('[1 2]'), "unexpected '2' at offset 3 where ',' or ']' should be");
    assert.equal(jsonSyntaxError('{"a":[1}'), "unexpected '}' at offset 7 where ',' or ']' should be");
    assert.equal(jsonSyntaxError('{"a":1} x'), "unexpected 'x' at offset 8 after the end of the value");
    assert.equal(jsonSyntaxError('{"a":"b'), 'string starting at offset 5 is not closed');
    assert.equal(jsonSyntaxError('"\\x"'), 'bad escape \\x at offset 1');
    assert.equal(jsonSyntaxError('"\\u12g4"'), 'bad \\u escape at offset 1');
    assert.equal(jsonSyntaxError('"a\tb"'), 'control character U+0009 inside a string at offset 2');
    assert.equal(jsonSyntaxError('[01]'), "unexpected '1' at offset 2 where ',' or ']' should be");
    assert.equal(jsonSyntaxError('[1.]'), 'bad number at offset 1');
    assert.equal(jsonSyntaxError('[-]'), 'bad number at offset 1');
    assert.equal(jsonSyntaxError('[1e+]'), 'bad number at offset 1');
    assert.equal(jsonSyntaxError('{"a":[tru]}'), "unexpected 't' at offset 6 where a value should be");
    assert.equal(jsonSyntaxError('{"a":[1,'), 'it ends at offset 8 before the value is complete');
    assert.equal(jsonSyntaxError('[1,-2.5e3,true,false,null,"\\u00e9\\n",{}]'), undefined);
  });
});

describe('bodies: server-sent events', () => {
  // The offsets double, so a span shows both its first and its last character went through the map.
  const double = (i: number): number => 2 * i;

  it('CRLF, a comment, a padded name, multi-line data, id, retry and [DONE]', () => {
    const text =
      ': ping\r\n\r\n' +
      'event: message_start   \r\ndata: {"type":"message_start"}   \r\n\r\n' +
      'data: {"a":\r\ndata: 1}\r\n\r\n' +
      'id: 7\r\nretry: 3000\r\ndata: {"b":2}\r\n\r\n' +
      'data: [DONE]\r\n\r\n';
    const s = splitText(text, 'text/event-stream', double);
    assert.deepEqual(s, {
      framing: 'sse',
      events: [
        { value: { type: 'message_start' }, name: 'message_start', data: '{"type":"message_start"}   ', span: { start: 20, end: 135 } },
        { value: { a: 1 }, data: '{"a":\n1}', span: { start: 144, end: 185 } },
        { value: { b: 2 }, data: '{"b":2}', span: { start: 194, end: 259 }, id: '7', retry: 3000 },
      ],
      done: true,
      problems: [],
    });
    assert.equal(text.slice(10, 68), 'event: message_start   \r\ndata: {"type":"message_start"}   ');
  });

  it('CR line ends, no final blank line, and no Content-Type', () => {
    const text = 'data: {"n":1}\r\rdata: {"n":2}';
    const s = splitText(text, null);
    assert.deepEqual(s.events, [
      { value: { n: 1 }, data: '{"n":1}', span: { start: 1000, end: 1013 } },
      { value: { n: 2 }, data: '{"n":2}', span: { start: 1015, end: 1028 } },
    ]);
    assert.equal(s.done, false);
  });

  it('the id persists, a field without a colon is ignored, an empty event is none, "data" without a space', () => {
    const text = 'id: a\ndata:{"x":1}\n\nevent: ping\n\nfoo\ndata\n\n\n\ndata: {"y":2}\n\n';
    const s = splitText(text, 'text/event-stream', (i) => i + 1);
    assert.deepEqual(s.events, [
      { value: { x: 1 }, data: '{"x":1}', span: { start: 1, end: 19 }, id: 'a' },
      { value: undefined, data: '', span: { start: 34, end: 42 }, id: 'a' },
      { value: { y: 2 }, data: '{"y":2}', span: { start: 46, end: 59 }, id: 'a' },
    ]);
    assert.deepEqual(s.problems, []);
  });

  it('data that is not JSON, and data nested too deep, are problems with the event and its span', () => {
    const deep = '['.repeat(1001) + ']'.repeat(1001);
    const text = `data: {"a":1}\n\nevent: delta\ndata: {"a":}\n\ndata: ${deep}\n\ndata: ${'['.repeat(1000)}${']'.repeat(1000)}\n\n`;
    const s = splitText(text, 'text/event-stream', (i) => i);
    assert.equal(s.events.length, 4);
    assert.deepEqual(s.events[1], { value: undefined, name: 'delta', data: '{"a":}', span: { start: 15, end: 40 } });
    assert.equal(s.events[2]?.value, undefined);
    assert.ok(Array.isArray(s.events[3]?.value));
    assert.deepEqual(s.problems, [
      { kind: 'event-not-json', message: "event 2: data is not JSON (unexpected '}' at offset 5 where a value should be)", span: { start: 15, end: 40 }, event: 1 },
      { kind: 'event-too-deep', message: 'event 3: data is not JSON (it nests deeper than 1,000 levels)', span: { start: 42, end: 2050 }, event: 2 },
    ]);
  });

  it('SSE inside a body that came through base64 and gzip: every span is the stored value’s', () => {
    const gz = zlib.gzipSync('event: a\ndata: {"k":1}\n\ndata: {"k":2}\n\n');
    const stored: StoredBody = { kind: 'base64', text: b64(gz), source: source(10, 90) };
    const s = split(decodeBody(stored, headers({ 'Content-Type': 'application/json' })).body, 'application/json', undefined, stored.source);
    assert.deepEqual(s?.events, [
      { value: { k: 1 }, name: 'a', data: '{"k":1}', span: { start: 10, end: 90 } },
      { value: { k: 2 }, data: '{"k":2}', span: { start: 10, end: 90 } },
    ]);
  });

  it('a body that is one JSON object is not a stream, whatever the header says', () => {
    assert.equal(split(decodeBody(storedText('{"error":{"message":"no"}}'), []).body, 'text/event-stream'), undefined);
    assert.equal(split(decodeBody(storedText('[{"a":1}]'), []).body, 'text/event-stream'), undefined);
    assert.equal(split(decodeBody(storedText('plain words'), []).body, null), undefined);
    assert.equal(split({ kind: 'empty' }, 'text/event-stream'), undefined);
  });

  it('a header that says SSE over text with no fields → a stream of no events', () => {
    assert.deepEqual(splitText('hello\n\nworld', 'text/event-stream'), { framing: 'sse', events: [], done: false, problems: [] });
  });

  it('a million lines with no colon are read in linear time', () => {
    const text = 'data: {"first":true}\n\n' + 'x\n'.repeat(1_000_000) + '\ndata: {"last":true}\n\n';
    const s = splitText(text, 'text/event-stream', (i) => i);
    assert.deepEqual(
      s.events.map((e) => [e.value, e.span]),
      [
        [{ first: true }, { start: 0, end: 20 }],
        [{ last: true }, { start: 2_000_023, end: 2_000_042 }],
      ],
    );
  });
});

describe('bodies: NDJSON', () => {
  it('one event per line, blank lines skipped, CRLF, each line’s span', () => {
    const text = '{"n":1}\r\n\r\n  {"n":2}\n{"n":\n{"n":4}';
    const s = splitText(text, 'application/x-ndjson', (i) => 10 + i);
    assert.deepEqual(s, {
      framing: 'ndjson',
      events: [
        { value: { n: 1 }, data: '{"n":1}', span: { start: 10, end: 17 } },
        { value: { n: 2 }, data: '{"n":2}', span: { start: 23, end: 30 } },
        { value: undefined, data: '{"n":', span: { start: 31, end: 36 } },
        { value: { n: 4 }, data: '{"n":4}', span: { start: 37, end: 44 } },
      ],
      done: false,
      problems: [{ kind: 'event-not-json', message: 'event 3: the line is not JSON (it ends at offset 5 before the value is complete)', span: { start: 31, end: 36 }, event: 2 }],
    });
  });

  it('told from the body when the header is missing; one line is not a stream', () => {
    assert.equal(splitText('{"a":1}\n{"b":2}\n', null).framing, 'ndjson');
    assert.equal(split(decodeBody(storedText('{"a":1}\n'), []).body, null), undefined);
    assert.equal(split(decodeBody(storedText('{"a":1}\nnot json\n'), []).body, null), undefined);
  });

  it('a 20 MB line is read whole and exactly', () => {
    const big = 'a'.repeat(20_000_000);
    const text = `{"response":"${big}","done":false}\n{"response":"","done":true}\n`;
    const s = splitText(text, null, (i) => i);
    assert.equal(s.framing, 'ndjson');
    assert.equal(s.events.length, 2);
    assert.equal(s.events[0]?.data.length, 20_000_028);
    assert.deepEqual(s.events[0]?.span, { start: 0, end: 20_000_028 });
    assert.equal((s.events[0]?.value as { response: string }).response.length, 20_000_000);
    assert.deepEqual(s.events[1], { value: { response: '', done: true }, data: '{"response":"","done":true}', span: { start: 20_000_029, end: 20_000_056 } });
    assert.deepEqual(s.problems, []);
  });
});

describe('bodies: JSON-array streams (Gemini streamGenerateContent)', () => {
  const url = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent';

  it('elements with their spans; strings holding brackets and escapes do not cut', () => {
    const text = '[{"a":1}\n, {"b":"],[\\"}"}\r\n,{"c":[1,{"d":2}]}\n]';
    const s = splitText(text, 'application/json', (i) => 5 + i, url);
    assert.deepEqual(s, {
      framing: 'json-array',
      events: [
        { value: { a: 1 }, data: '{"a":1}', span: { start: 6, end: 13 } },
        { value: { b: '],["}' }, data: '{"b":"],[\\"}"}', span: { start: 16, end: 30 } },
        { value: { c: [1, { d: 2 }] }, data: '{"c":[1,{"d":2}]}', span: { start: 33, end: 50 } },
      ],
      done: false,
      problems: [],
    });
  });

  it('not a stream without streamGenerateContent in the URL', () => {
    assert.equal(split(decodeBody(storedText('[{"a":1},{"b":2}]'), []).body, 'application/json'), undefined);
  });

  it('a cut-off array keeps the elements before the cut', () => {
    const s = splitText('[{"a":1},{"b":[2', 'application/json', (i) => i, url);
    assert.deepEqual(s.events, [
      { value: { a: 1 }, data: '{"a":1}', span: { start: 1, end: 8 } },
      { value: undefined, data: '{"b":[2', span: { start: 9, end: 16 } },
    ]);
    assert.deepEqual(s.problems, [{ kind: 'event-not-json', message: 'event 2: the element is not JSON (it ends at offset 7 before the value is complete)', span: { start: 9, end: 16 }, event: 1 }]);
  });

  it('a JSON array stored as a value: spans from the container', () => {
    const s = split({ kind: 'json', json: [{ a: 1 }, { b: 2 }], steps: [], sourceOf: (p) => ({ start: 100 + Number(p[0]), end: 101 + Number(p[0]) }) }, 'application/json', url, source(90, 120));
    assert.deepEqual(s, {
      framing: 'json-array',
      events: [
        { value: { a: 1 }, data: '{"a":1}', span: { start: 100, end: 101 } },
        { value: { b: 2 }, data: '{"b":2}', span: { start: 101, end: 102 } },
      ],
      done: false,
      problems: [],
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// AWS eventstream frames, built here with a bit-by-bit CRC-32 (not the table the code uses).

function crcBitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

type HeaderSpec = readonly [name: string, type: number, value: Buffer];

function stringHeader(name: string, value: string): HeaderSpec {
  const v = Buffer.from(value);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(v.length);
  return [name, 7, Buffer.concat([len, v])];
}

function frame(headerList: readonly HeaderSpec[], payload: Buffer | string): Buffer {
  const hs = Buffer.concat(headerList.map(([name, type, value]) => Buffer.concat([Buffer.from([Buffer.byteLength(name)]), Buffer.from(name), Buffer.from([type]), value])));
  const body = Buffer.from(payload);
  const total = 12 + hs.length + body.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(hs.length, 4);
  prelude.writeUInt32BE(crcBitwise(prelude.subarray(0, 8)), 8);
  const message = Buffer.concat([prelude, hs, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crcBitwise(message));
  return Buffer.concat([message, crc]);
}

function eventFrame(type: string, payload: unknown): Buffer {
  return frame([stringHeader(':event-type', type), stringHeader(':content-type', 'application/json'), stringHeader(':message-type', 'event')], JSON.stringify(payload));
}

function splitBytes(bytes: Uint8Array, contentType: string | null = 'application/vnd.amazon.eventstream'): StreamBody | undefined {
  const stored: StoredBody = { kind: 'base64', text: b64(bytes), source: source(20, 80) };
  const decoded = decodeBody(stored, contentType ? headers({ 'Content-Type': contentType }) : []);
  return split(decoded.body, contentType, 'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse-stream', stored.source);
}

describe('bodies: AWS eventstream', () => {
  const whole = { start: 20, end: 80 };

  it('frames → events named by :event-type, payload JSON as value, told by the prelude without a header', () => {
    const bytes = Buffer.concat([eventFrame('messageStart', { role: 'assistant' }), eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }), eventFrame('messageStop', { stopReason: 'end_turn' })]);
    for (const contentType of ['application/vnd.amazon.eventstream', null]) {
      assert.deepEqual(splitBytes(bytes, contentType), {
        framing: 'eventstream',
        events: [
          { value: { role: 'assistant' }, data: '{"role":"assistant"}', span: whole, messageType: 'event', name: 'messageStart' },
          { value: { contentBlockIndex: 0, delta: { text: 'Hi' } }, data: '{"contentBlockIndex":0,"delta":{"text":"Hi"}}', span: whole, messageType: 'event', name: 'contentBlockDelta' },
          { value: { stopReason: 'end_turn' }, data: '{"stopReason":"end_turn"}', span: whole, messageType: 'event', name: 'messageStop' },
        ],
        done: false,
        problems: [],
      });
    }
  });

  it('invoke-with-response-stream: the base64 "bytes" decoded into the value, the outer kept', () => {
    const inner = { type: 'content_block_delta', delta: { text: 'é' } };
    const outer = { bytes: b64(JSON.stringify(inner)), p: 'abc' };
    const s = splitBytes(eventFrame('chunk', outer));
    assert.deepEqual(s?.events, [{ value: inner, payload: outer, data: JSON.stringify(outer), span: whole, messageType: 'event', name: 'chunk' }]);
    const bad = splitBytes(eventFrame('chunk', { bytes: '!!!' }));
    assert.deepEqual(bad?.problems, [{ kind: 'event-not-json', message: 'event 1: the payload\'s "bytes" is not base64 of UTF-8 text', span: whole, event: 0 }]);
    // Bedrock agents send their answer as plain text: a string value, no problem.
    const agentText = { bytes: b64('The weather is sunny.') };
    assert.deepEqual(splitBytes(eventFrame('chunk', agentText)), {
      framing: 'eventstream',
      events: [{ value: 'The weather is sunny.', payload: agentText, data: JSON.stringify(agentText), span: whole, messageType: 'event', name: 'chunk' }],
      done: false,
      problems: [],
    });
    const notJson = splitBytes(eventFrame('chunk', { bytes: b64('{"a":') }));
    assert.deepEqual(notJson?.problems, [{ kind: 'event-not-json', message: 'event 1: the payload\'s decoded "bytes" is not JSON (it ends at offset 5 before the value is complete)', span: whole, event: 0 }]);
  });

  it('an exception frame carries the error', () => {
    const f = frame([stringHeader(':exception-type', 'throttlingException'), stringHeader(':content-type', 'application/json'), stringHeader(':message-type', 'exception')], '{"message":"Too many requests"}');
    assert.deepEqual(splitBytes(f)?.events, [
      { value: { error: { type: 'throttlingException', message: 'Too many requests' } }, payload: { message: 'Too many requests' }, data: '{"message":"Too many requests"}', span: whole, messageType: 'exception', name: 'throttlingException' },
    ]);
    const e = frame([stringHeader(':message-type', 'error'), stringHeader(':error-code', 'InternalFailure'), stringHeader(':error-message', 'boom')], '');
    assert.deepEqual(splitBytes(e)?.events, [{ value: { error: { type: 'InternalFailure', message: 'boom' } }, payload: undefined, data: '', span: whole, messageType: 'error', name: 'InternalFailure' }]);
  });

  it('every header value type, 0 to 9', () => {
    const i8 = Buffer.from([0xfb]);
    const i16 = Buffer.alloc(2);
    i16.writeInt16BE(-300);
    const i32 = Buffer.alloc(4);
    i32.writeInt32BE(70000);
    const i64 = Buffer.alloc(8);
    i64.writeBigInt64BE(2n ** 40n);
    const time = Buffer.alloc(8);
    time.writeBigInt64BE(1700000000000n);
    const uuid = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    const f = frame(
      [
        ['t', 0, Buffer.alloc(0)],
        ['f', 1, Buffer.alloc(0)],
        ['b', 2, i8],
        ['s', 3, i16],
        ['i', 4, i32],
        ['l', 5, i64],
        ['y', 6, Buffer.from([0, 2, 0xde, 0xad])],
        stringHeader('str', 'hé'),
        ['ts', 8, time],
        ['u', 9, uuid],
      ],
      '{}',
    );
    const read = readFrame(f, 0);
    assert.ok(read.ok);
    assert.deepEqual(
      [...read.frame.headers],
      [
        ['t', true],
        ['f', false],
        ['b', -5],
        ['s', -300],
        ['i', 70000],
        ['l', 1099511627776],
        ['y', 'dead'],
        ['str', 'hé'],
        ['ts', 1700000000000],
        ['u', '01234567-89ab-cdef-0123-456789abcdef'],
      ],
    );
    assert.equal(read.next, f.length);
    const unknownType = frame([['x', 10, Buffer.alloc(0)]], '{}');
    assert.deepEqual(readFrame(unknownType, 0), { ok: false, message: 'frame at byte 0: header x has value type 10, which is not one of 0–9', next: unknownType.length });
  });

  it('a bad message checksum skips the frame; the frames around it are kept', () => {
    const good = eventFrame('messageStart', { a: 1 });
    const bad = Buffer.from(eventFrame('contentBlockDelta', { b: 2 }));
    bad[bad.length - 6] = 0x20;
    const s = splitBytes(Buffer.concat([good, bad, eventFrame('messageStop', { c: 3 })]));
    assert.deepEqual(
      s?.events.map((e) => [e.name, e.value]),
      [
        ['messageStart', { a: 1 }],
        ['messageStop', { c: 3 }],
      ],
    );
    assert.deepEqual(s?.problems, [{ kind: 'undecodable', message: `Eventstream frame at byte ${good.length}: the message checksum does not match; the frame is skipped.`, span: whole }]);
  });

  it('a truncated frame → a problem and the events before it', () => {
    const first = eventFrame('messageStart', { a: 1 });
    const second = eventFrame('contentBlockDelta', { b: 2 });
    const s = splitBytes(Buffer.concat([first, second.subarray(0, 30)]));
    assert.deepEqual(s?.events.map((e) => e.name), ['messageStart']);
    assert.deepEqual(s?.problems, [{ kind: 'undecodable', message: `Eventstream frame at byte ${first.length} is cut off: it says ${second.length} bytes, 30 are left; the frames after it cannot be found.`, span: whole }]);
    const tail = splitBytes(Buffer.concat([first, Buffer.from([0, 0, 0])]));
    assert.deepEqual(tail?.problems, [{ kind: 'undecodable', message: `Eventstream frame at byte ${first.length} is cut off: 3 bytes left, fewer than a frame's 16; the frames after it cannot be found.`, span: whole }]);
  });

  it('a bad prelude checksum stops the reading', () => {
    const first = eventFrame('messageStart', { a: 1 });
    const second = Buffer.from(eventFrame('messageStop', {}));
    second[9] = (second[9] as number) ^ 0xff;
    const s = splitBytes(Buffer.concat([first, second, first]));
    assert.deepEqual(s?.events.map((e) => e.name), ['messageStart']);
    assert.deepEqual(s?.problems, [{ kind: 'undecodable', message: `Eventstream frame at byte ${first.length}: the prelude checksum does not match; the frames after it cannot be found.`, span: whole }]);
    // Binary that is no eventstream, with no header saying so, is no stream.
    assert.equal(splitBytes(second.subarray(0, 40), null), undefined);
  });
});

describe('bodies: real Bedrock streams from the shared cassettes', () => {
  const shared = sharedDir();
  const cassettes = shared === undefined ? undefined : join(shared, 'cassettes');
  before(function () {
    if (cassettes === undefined) {
      console.log('      ../shared is absent: the real-cassette tests are skipped');
      this.skip();
    }
  });

  it('Datadog converse-stream (base64: prefix) → the exact event names', () => {
    const file = join(cassettes as string, 'datadog-vcr/DataDog+dd-trace-js__packages__dd-trace__test__llmobs__cassettes__bedrock-runtime__bedrock-runtime_model_anthropic.claude-3-haiku-20240307-v1_0_converse-stream_post_0143744a.json');
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('"base64:');
    const end = text.indexOf('"', start + 1) + 1;
    assert.deepEqual([start, end], [1722, 19019]);
    const stored: StoredBody = { kind: 'base64', text: text.slice(start + 8, end - 1), source: source(start, end) };
    const hs = headers({ 'Content-Type': 'application/vnd.amazon.eventstream' });
    const decoded = decodeBody(stored, hs);
    assert.deepEqual(decoded.problems, []);
    assert.equal(asBinary(decoded.body).bytes.length, 12966);
    const s = split(decoded.body, 'application/vnd.amazon.eventstream', 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1:0/converse-stream', stored.source);
    assert.ok(s);
    assert.deepEqual(s.problems, []);
    assert.deepEqual(
      s.events.map((e) => e.name),
      ['messageStart', ...Array<string>(63).fill('contentBlockDelta'), 'contentBlockStop', 'messageStop', 'metadata'],
    );
    const answer = s.events.map((e) => (e.value as { delta?: { text?: string } }).delta?.text ?? '').join('');
    assert.equal(answer.slice(0, 40), '\n\nDistributed tracing is a technique for');
    assert.equal(answer.length, 340);
    assert.deepEqual((s.events[66]?.value as { usage: unknown }).usage, { inputTokens: 435, outputTokens: 68, serverToolUsage: {}, totalTokens: 503 });
    assert.deepEqual(s.events[0]?.span, { start: 1722, end: 19019 });
  });

  it('go-vcr invoke-with-response-stream (!!binary) → the inner Anthropic events', () => {
    const file = join(cassettes as string, 'go-vcr/charmbracelet+fantasy__providertests__testdata__TestBedrockCommon__bedrock-anthropic-claude-opus-4-6__tool_streaming.yaml');
    const text = readFileSync(file, 'utf8');
    const tag = text.indexOf('body: !!binary |');
    const lines = text.slice(tag).split('\n').slice(1);
    const block: string[] = [];
    for (const line of lines) {
      if (!line.startsWith('      ')) break;
      block.push(line.trim());
    }
    const stored: StoredBody = { kind: 'base64', text: block.join('\n'), source: source(tag + 6, tag + 6 + 10) };
    const decoded = decodeBody(stored, headers({ 'Content-Type': 'application/vnd.amazon.eventstream' }));
    assert.equal(asBinary(decoded.body).bytes.length, 3298);
    const s = split(decoded.body, null, 'https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-opus-4-6-v1/invoke-with-response-stream', stored.source);
    assert.ok(s);
    assert.deepEqual(s.problems, []);
    assert.deepEqual(
      s.events.map((e) => e.name),
      Array<string>(10).fill('chunk'),
    );
    assert.deepEqual(
      s.events.map((e) => (e.value as { type: string }).type),
      ['message_start', 'content_block_start', ...Array<string>(5).fill('content_block_delta'), 'content_block_stop', 'message_delta', 'message_stop'],
    );
  });

  it('Datadog Anthropic error body: base64 of brotli under Content-Encoding br', () => {
    const file = join(cassettes as string, 'datadog-vcr/DataDog+dd-trace-js__packages__dd-trace__test__llmobs__cassettes__claude-agent-sdk__claude-agent-sdk_v1_messages_beta_true_post_3f7425c4.json');
    const record = JSON.parse(readFileSync(file, 'utf8')) as { response: { headers: Record<string, string>; body: string } };
    const hs = Object.entries(record.response.headers).map(([name, value]) => ({ name, value, source: source(0, 0) }));
    const r = decodeBody({ kind: 'base64', text: record.response.body.slice('base64:'.length), source: source(0, 1) }, hs);
    assert.deepEqual(r.problems, []);
    const body = asText(r.body);
    assert.deepEqual(body.steps, ['base64', 'br']);
    assert.deepEqual(body.json, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' }, request_id: 'req_011CeEEt722rfCAcdwH1yUGv' });
  });

  it("Polly HAR: gzip stored as a JSON array of base64 chunks", () => {
    const file = join(cassettes as string, 'har/traceloop+openllmetry-js__packages__instrumentation-together__recordings__Test-Together-instrumentation_114631371__should-set-attributes-in-span-for-chat_1427850401__recording.har');
    const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: { response: { content: { text: string }; headers: { name: string; value: string }[] } }[] } };
    const response = har.log.entries[0]?.response;
    assert.ok(response);
    const chunks = JSON.parse(response.content.text) as string[];
    assert.deepEqual(chunks.map((c) => c.length), [20, 588]);
    const hs = response.headers.map((h) => ({ ...h, source: source(0, 0) }));
    const r = decodeBody({ kind: 'base64-chunks', chunks, source: source(0, 1) }, hs);
    assert.deepEqual(r.problems, []);
    const body = asText(r.body);
    assert.deepEqual(body.steps, ['base64-chunks', 'gzip']);
    const json = body.json as { id: string; usage: unknown };
    assert.equal(json.id, '914b2c0f688115b4');
    assert.deepEqual(json.usage, { prompt_tokens: 37, completion_tokens: 53, total_tokens: 90 });
    assert.equal(split(body, 'application/json; charset=utf-8'), undefined);
  });

  it('nock converse-stream (responseIsBinary hex) → the exact event names', () => {
    const file = join(cassettes as string, 'nock/Arize-ai+openinference__js__packages__openinference-instrumentation-bedrock__test__recordings__should-propagate-context-attributes-in-streaming.json');
    const records = JSON.parse(readFileSync(file, 'utf8')) as { response: unknown; responseIsBinary?: boolean }[];
    const record = records.find((r) => r.responseIsBinary === true);
    assert.ok(record && typeof record.response === 'string');
    const decoded = decodeBody({ kind: 'hex', text: record.response, source: source(0, 1) }, []);
    const s = split(decoded.body, null, 'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse-stream');
    assert.deepEqual(s?.problems, []);
    assert.deepEqual(
      s?.events.map((e) => e.name),
      ['messageStart', ...Array<string>(8).fill('contentBlockDelta'), 'contentBlockStop', 'messageStop', 'metadata'],
    );
  });
});
