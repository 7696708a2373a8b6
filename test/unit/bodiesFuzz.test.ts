// Property tests of the bodies layer with fast-check: whatever the bytes or the text (random, or real
// encodings cut and scrambled), decodeBody and splitStream never throw, and every span they give lies
// in the file text, in text order. The decoders agree with Node's own (base64, CRC-32, JSON validity).
// Seeded: a failure prints the seed and path to replay it.
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { decodeBase64, decodeHex } from '../../src/core/bodies/base64';
import { crc32 } from '../../src/core/bodies/crc32';
import { decodeBody } from '../../src/core/bodies/decodeBody';
import { jsonSyntaxError } from '../../src/core/bodies/jsonPayload';
import { splitStream } from '../../src/core/bodies/splitStream';
import type { BodyProblem, DecodedBody, StreamBody } from '../../src/core/bodies/types';
import type { Header, StoredBody, TextSource } from '../../src/core/containers/types';
import type { Span } from '../../src/core/diagnostic';

const SEED = process.env['FUZZ_SEED'] === undefined ? 20260301 : Number(process.env['FUZZ_SEED']);
const SCALE = process.env['FUZZ_SCALE'] === undefined ? 1 : Number(process.env['FUZZ_SCALE']);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));

function check<T>(offset: number, numRuns: number, arb: fc.Arbitrary<T>, predicate: (v: T) => void): void {
  fc.assert(fc.property(arb, predicate), { seed: SEED + offset, numRuns: runs(numRuns), endOnFailure: true });
}

const CONTENT_TYPES = [null, 'text/event-stream', 'application/x-ndjson', 'application/vnd.amazon.eventstream', 'application/json', 'image/png'] as const;
const URLS = ['https://api.example.com/v1/chat/completions', 'https://example.com/v1beta/models/m:streamGenerateContent', 'https://bedrock/model/m/converse-stream'] as const;
const CODINGS = [undefined, 'gzip', 'deflate', 'br', 'zstd', 'gzip, br'] as const;

const contentType = fc.constantFrom(...CONTENT_TYPES);
const url = fc.constantFrom(...URLS);
const coding = fc.constantFrom(...CODINGS);

function headersOf(type: string | null, enc: string | undefined): Header[] {
  const src: TextSource = { span: { start: 0, end: 0 }, path: [] };
  const hs: Header[] = [];
  if (type !== null) hs.push({ name: 'Content-Type', value: type, source: src });
  if (enc !== undefined) hs.push({ name: 'content-encoding', value: enc, source: src });
  return hs;
}

function assertSpan(span: Span, fileLength: number, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer offsets`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= fileLength, `${what}: ${span.start}-${span.end} outside 0-${fileLength}`);
}

function assertProblems(problems: readonly BodyProblem[], fileLength: number, events: number | undefined): void {
  for (const p of problems) {
    assertSpan(p.span, fileLength, `problem "${p.message}"`);
    assert.ok(p.message.length > 0);
    if (p.event !== undefined) assert.ok(events !== undefined && p.event >= 0 && p.event < events, `problem event ${p.event} of ${events}`);
  }
}

function assertStream(stream: StreamBody | undefined, fileLength: number): void {
  if (!stream) return;
  let previous = -1;
  stream.events.forEach((e, i) => {
    assertSpan(e.span, fileLength, `event ${i}`);
    assert.ok(e.span.start >= previous, `event ${i} starts before the one before it`);
    previous = e.span.start;
    assert.equal(typeof e.data, 'string');
  });
  assertProblems(stream.problems, fileLength, stream.events.length);
}

/** Decodes and splits a stored body of a file of `fileLength` characters, and checks every span. */
function roundTrip(stored: StoredBody, fileLength: number, type: string | null, enc: string | undefined, requestUrl: string): { body: DecodedBody; stream: StreamBody | undefined } {
  const decoded = decodeBody(stored, headersOf(type, enc), { maxDecompressedBytes: 1 << 20 });
  assertProblems(decoded.problems, fileLength, undefined);
  const stream = splitStream(decoded.body, { contentType: type, requestUrl, source: stored.kind === 'none' ? undefined : stored.source });
  assertStream(stream, fileLength);
  return { body: decoded.body, stream };
}

/** A body that is the whole file, mapped character by character. */
function wholeFileText(text: string): StoredBody {
  return { kind: 'text', text, source: { span: { start: 0, end: text.length }, path: [], offsetAt: (i) => i } };
}

// Pieces of the framings, so random texts often look like streams and reach the splitters' corners.
const FRAGMENTS = ['data:', 'data: ', 'event: ', 'id: ', 'retry: 10', ': ping', '\n', '\r\n', '\r', '\n\n', '{', '}', '[', ']', '"', '\\', ',', ':', '[DONE]', ' ', '{"a":1}', '{"a":', '"x\\"y"', '1e5', 'null', '\u00e9', '\ud83d\ude00', '\ud800', '\u0000', '\ufeff'];
const streamish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), streamish);

function crcBitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A well-formed eventstream frame carrying `payload` (then scrambled by the property). */
function frameOf(eventType: string, payload: Uint8Array): Buffer {
  const name = Buffer.from(':event-type');
  const value = Buffer.from(eventType);
  const hs = Buffer.concat([Buffer.from([name.length]), name, Buffer.from([7, value.length >> 8, value.length & 0xff]), value]);
  const total = 12 + hs.length + payload.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(hs.length, 4);
  prelude.writeUInt32BE(crcBitwise(prelude.subarray(0, 8)), 8);
  const message = Buffer.concat([prelude, hs, payload]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crcBitwise(message));
  return Buffer.concat([message, crc]);
}

/** Flips some bytes and cuts the end off, as a damaged recording would. */
const damage = fc.record({ flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }), keep: fc.double({ min: 0, max: 1, noNaN: true }) });

function damaged(bytes: Uint8Array, d: { flips: readonly (readonly [number, number])[]; keep: number }): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (const [at, mask] of d.flips) if (out.length > 0) out[at % out.length] = (out[at % out.length] as number) ^ mask;
  return d.keep > 0.5 ? out : out.subarray(0, Math.floor(out.length * d.keep * 2));
}

describe('bodies fuzz: never throws, spans stay in the text', () => {
  it('any bytes, stored raw, as base64, hex or chunks, under any header', () => {
    check(1, 3000, fc.record({ bytes: fc.uint8Array({ maxLength: 300 }), type: contentType, enc: coding, url, pad: fc.nat(50) }), ({ bytes, type, enc, url: u, pad }) => {
      const span = { start: pad, end: pad + 10 };
      const fileLength = pad + 10;
      const src: TextSource = { span, path: ['body'] };
      roundTrip({ kind: 'bytes', bytes, source: src }, fileLength, type, enc, u);
      const b64 = Buffer.from(bytes).toString('base64');
      const viaBase64 = roundTrip({ kind: 'base64', text: b64, source: src }, fileLength, type, enc, u);
      if (viaBase64.body.kind === 'binary') assert.deepEqual(viaBase64.body.steps.slice(0, 1), ['base64']);
      roundTrip({ kind: 'hex', text: Buffer.from(bytes).toString('hex'), source: src }, fileLength, type, enc, u);
      roundTrip({ kind: 'base64-chunks', chunks: [b64.slice(0, 8), b64.slice(8)], source: src }, fileLength, type, enc, u);
    });
  });

  it('any text, stored as a string of the file, as base64 text or as hex text', () => {
    check(2, 3000, fc.record({ text: anyText, type: contentType, enc: coding, url }), ({ text, type, enc, url: u }) => {
      roundTrip(wholeFileText(text), text.length, type, enc, u);
      const src: TextSource = { span: { start: 0, end: text.length }, path: [], offsetAt: (i) => Math.min(i, text.length - 1) };
      roundTrip({ kind: 'base64', text, source: src }, text.length, type, enc, u);
      roundTrip({ kind: 'hex', text, source: src }, text.length, type, enc, u);
    });
  });

  it('stream-like texts: every event and problem inside the text, events in order', () => {
    check(3, 5000, fc.record({ text: streamish, type: contentType, url }), ({ text, type, url: u }) => {
      const { body, stream } = roundTrip(wholeFileText(text), text.length, type, undefined, u);
      if (body.kind === 'text' && body.json !== undefined && !Array.isArray(body.json)) assert.equal(stream, undefined);
    });
  });

  it("Azure's lines, any strings, each line its own stretch of the file", () => {
    check(4, 2000, fc.record({ lines: fc.array(streamish, { maxLength: 12 }), type: contentType }), ({ lines, type }) => {
      let at = 1;
      const sources = lines.map((line) => {
        const start = at;
        at += line.length + 3;
        return { span: { start, end: start + line.length + 2 }, path: [], offsetAt: (k: number) => start + 1 + k } satisfies TextSource;
      });
      roundTrip({ kind: 'lines', lines, sources, source: { span: { start: 0, end: at }, path: [] } }, at, type, undefined, URLS[0]);
    });
  });

  it('gzip, zlib and brotli bodies cut short or with bytes flipped', () => {
    check(5, 1500, fc.record({ text: anyText, d: damage, enc: coding, type: contentType }), ({ text, d, enc, type }) => {
      const src: TextSource = { span: { start: 0, end: 4 }, path: [] };
      for (const packed of [zlib.gzipSync(text), zlib.deflateSync(text), zlib.deflateRawSync(text), zlib.brotliCompressSync(text)]) {
        roundTrip({ kind: 'bytes', bytes: damaged(packed, d), source: src }, 4, type, enc, URLS[0]);
      }
      // Undamaged, what went in comes out (as UTF-8 has it: a lone surrogate is U+FFFD).
      const whole = decodeBody({ kind: 'bytes', bytes: zlib.gzipSync(text), source: src }, []);
      assert.deepEqual(whole.problems, []);
      if (whole.body.kind === 'text') assert.equal(whole.body.text, Buffer.from(text).toString('utf8'));
      else assert.ok(text === '' || text.includes('\0'), `${JSON.stringify(text)} came out as ${whole.body.kind}`);
    });
  });

  it('eventstream frames, valid then damaged: never throws, the events before the damage are kept', () => {
    const payload = fc.oneof(fc.uint8Array({ maxLength: 40 }), anyText.map((t) => new Uint8Array(Buffer.from(t))));
    check(6, 2000, fc.record({ payloads: fc.array(payload, { minLength: 1, maxLength: 5 }), d: damage, type: contentType }), ({ payloads, d, type }) => {
      const frames = Buffer.concat(payloads.map((p, i) => frameOf(`e${i}`, p)));
      const src: TextSource = { span: { start: 3, end: 9 }, path: [] };
      const intact = roundTrip({ kind: 'bytes', bytes: frames, source: src }, 9, type, undefined, URLS[2]).stream;
      assert.deepEqual(intact?.events.map((e) => e.name), payloads.map((_, i) => `e${i}`));
      for (const e of intact?.events ?? []) assert.deepEqual(e.span, { start: 3, end: 9 });
      roundTrip({ kind: 'bytes', bytes: damaged(frames, d), source: src }, 9, type, undefined, URLS[2]);
    });
  });
});

describe('bodies fuzz: the decoders agree with Node', () => {
  it('base64 (both alphabets, line-wrapped, padding dropped) and hex give back the bytes', () => {
    check(7, 3000, fc.record({ bytes: fc.uint8Array({ maxLength: 200 }), wrap: fc.integer({ min: 1, max: 80 }) }), ({ bytes, wrap }) => {
      const std = Buffer.from(bytes).toString('base64');
      const urlSafe = Buffer.from(bytes).toString('base64url');
      const wrapped = std.replace(new RegExp(`(.{${wrap}})`, 'g'), '$1\r\n');
      for (const text of [std, urlSafe, wrapped, std.replace(/=+$/, '')]) {
        const r = decodeBase64(text);
        assert.ok(r.ok, text);
        assert.deepEqual([...r.bytes], [...bytes]);
      }
      const hex = decodeHex(Buffer.from(bytes).toString('hex').toUpperCase());
      assert.ok(hex.ok);
      assert.deepEqual([...hex.bytes], [...bytes]);
    });
  });

  it('CRC-32 equals zlib’s', () => {
    check(8, 2000, fc.uint8Array({ maxLength: 500 }), (bytes) => {
      assert.equal(crc32(bytes), zlib.crc32(bytes));
    });
  });

  it('jsonSyntaxError says nothing exactly when JSON.parse accepts the text', () => {
    const JSONISH = ['{', '}', '[', ']', ':', ',', '"a"', '"', '\\', '\\u00', '1', '-', '0', '.', 'e', '+', 'true', 'fals', 'null', ' ', '\n', '\t', 'x', '\u0001', '"\\n"', '"\\q"'];
    const jsonish = fc.oneof(fc.array(fc.constantFrom(...JSONISH), { maxLength: 20 }).map((p) => p.join('')), fc.json(), fc.string({ maxLength: 30 }));
    check(9, 10000, jsonish, (text) => {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      const error = jsonSyntaxError(text);
      assert.equal(error === undefined, parses, `${JSON.stringify(text)}: ${error ?? 'valid'}`);
    });
  });
});
