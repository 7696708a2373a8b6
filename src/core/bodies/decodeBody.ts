// A stored body → what it says: base64 / hex / Polly chunks → bytes; gzip (by its magic bytes), deflate
// and brotli (by Content-Encoding, when the bytes are not text already) undone; bytes → text when they
// are UTF-8, else binary; text → its JSON value when it is JSON. Problems are values, never exceptions.
import type { Header, StoredBody, TextSource } from '../containers/types';
import type { Span } from '../diagnostic';
import { decodeBase64, decodeHex, type ByteTextResult } from './base64';
import { unbrotli } from './brotli';
import { gunzip, inflateRaw, isGzip, isZlib, MAX_DECOMPRESSED_BYTES, unzlib, type Decompressed } from './decompress';
import { contentCodings, headerNamed, mediaTypeOf } from './headers';
import { jsonValueOf } from './jsonPayload';
import { joinLines, offsetsOfSource, type TextOffsets } from './textOffsets';
import type { BodyProblem, DecodedBody } from './types';
import { textOfBytes, utf8Bytes } from './utf8Text';

export interface DecodedBodyResult {
  readonly body: DecodedBody;
  readonly problems: readonly BodyProblem[];
}

export interface DecodeBodyOptions {
  /** Decompression stops (with a problem) past this many bytes; 512 MiB unless said. */
  readonly maxDecompressedBytes?: number | undefined;
}

const EMPTY: DecodedBody = { kind: 'empty' };

function textBody(text: string, steps: readonly string[], offsets: TextOffsets, span: Span): DecodedBody {
  if (text.length === 0) return EMPTY;
  // A byte order mark is kept in the text (offsets stay aligned) but is no reason for it not to be JSON.
  const parsed = jsonValueOf(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  // `exactOffsets` is asked for when a place is needed, not before (see offsetsOfSource).
  const body: DecodedBody = {
    kind: 'text',
    text,
    steps,
    offsetAt: offsets.offsetAt,
    get exactOffsets() {
      return offsets.exact;
    },
    span,
    ...(parsed ? { json: parsed.value } : {}),
  };
  return body;
}

function undecodable(message: string, span: Span, severity?: 'info'): BodyProblem {
  return severity ? { kind: 'undecodable', message, span, severity } : { kind: 'undecodable', message, span };
}

function isZstd(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd;
}

/** Where a bad character of an encoded text is, when the container can say; else the whole stored value. */
function badCharSpan(source: TextSource, length: number, at: number | undefined): Span {
  if (at === undefined) return source.span;
  const offsets = offsetsOfSource(source, length);
  if (!offsets.exact) return source.span;
  const start = offsets.offsetAt(at);
  return { start, end: start + 1 };
}

function fromEncodedText(result: ByteTextResult, text: string, step: string, source: TextSource, headers: readonly Header[], limit: number): DecodedBodyResult {
  if (!result.ok) {
    const problem = undecodable(`The body is not valid ${step}: ${result.message}.`, badCharSpan(source, text.length, result.at));
    return { body: binaryOf(utf8Bytes(text), [], headers, source.span), problems: [problem] };
  }
  return fromBytes(result.bytes, [step], headers, source, undefined, limit);
}

function binaryOf(bytes: Uint8Array, steps: readonly string[], headers: readonly Header[], span: Span): DecodedBody {
  if (bytes.length === 0) return EMPTY;
  return { kind: 'binary', bytes, mediaType: mediaTypeOf(headerNamed(headers, 'content-type')), steps, span };
}

/**
 * Undoes the compressions the bytes carry, then reads them as text when they are text. `rawOffsets`
 * maps the bytes' own text into the file (httprr's raw messages); it holds only while nothing was undone.
 */
function fromBytes(bytes: Uint8Array, steps: readonly string[], headers: readonly Header[], source: TextSource, rawOffsets: ((length: number) => TextOffsets) | undefined, limit: number): DecodedBodyResult {
  const span = source.span;
  const problems: BodyProblem[] = [];
  const codings = contentCodings(headers);
  const done = [...steps];
  let current = bytes;
  let text: string | undefined | null = null;
  const textNow = (): string | undefined => (text === null ? (text = textOfBytes(current)) : text);
  const took = (r: Decompressed, step: string): void => {
    current = r.bytes;
    text = null;
    done.push(step);
  };
  const fail = (r: Decompressed, what: string): DecodedBodyResult => {
    problems.push(undecodable(`The ${what} body cannot be decompressed: ${r.problem ?? 'it is broken'}.`, span));
    // What a cut-off stream gave is worth showing; a bomb's first half gigabyte is not.
    if (r.bytes.length > 0 && !r.tooLarge) {
      took(r, what);
      return finish();
    }
    return { body: binaryOf(current, done, headers, span), problems };
  };
  const finish = (): DecodedBodyResult => {
    const asText = textNow();
    if (asText === undefined) return { body: binaryOf(current, done, headers, span), problems };
    const offsets = rawOffsets && done.length === 0 ? rawOffsets(asText.length) : { offsetAt: () => span.start, exact: false };
    return { body: textBody(asText, done, offsets, span), problems };
  };
  let deflated = false;
  let unbrotlied = false;
  // A few rounds at most: a body is rarely compressed twice, never four times.
  for (let round = 0; round < 4; round++) {
    if (isGzip(current)) {
      const r = gunzip(current, limit);
      if (r.problem !== undefined) return fail(r, 'gzip');
      took(r, 'gzip');
      continue;
    }
    if (codings.includes('deflate') && !deflated) {
      deflated = true;
      const zlibHeader = isZlib(current);
      if (zlibHeader || textNow() === undefined) {
        const r = zlibHeader ? unzlib(current, limit) : inflateRaw(current, limit);
        if (r.problem === undefined) {
          took(r, 'deflate');
          continue;
        }
        // Text that merely starts like a zlib header is text.
        if (textNow() === undefined) return fail(r, 'deflate');
      }
    }
    if (codings.includes('br') && !unbrotlied && textNow() === undefined) {
      unbrotlied = true;
      const r = unbrotli(current, limit);
      if (r.problem !== undefined) return fail(r, 'br');
      took(r, 'br');
      continue;
    }
    if ((codings.includes('zstd') || isZstd(current)) && textNow() === undefined) {
      problems.push(undecodable('The body is zstd-compressed; a zstd-compressed body cannot be read here.', span, 'info'));
      return { body: binaryOf(current, done, headers, span), problems };
    }
    break;
  }
  return finish();
}

/** Undoes what the recorder did to a body's bytes and reads them as text, JSON or binary. Never throws. */
export function decodeBody(stored: StoredBody, headers: readonly Header[], options: DecodeBodyOptions = {}): DecodedBodyResult {
  const limit = options.maxDecompressedBytes ?? MAX_DECOMPRESSED_BYTES;
  switch (stored.kind) {
    case 'none':
      return { body: EMPTY, problems: [] };
    case 'json':
      return { body: { kind: 'json', json: stored.value, steps: [], sourceOf: stored.sourceOf, span: stored.source.span }, problems: [] };
    case 'text':
      return { body: textBody(stored.text, [], offsetsOfSource(stored.source, stored.text.length), stored.source.span), problems: [] };
    case 'lines': {
      const joined = joinLines(stored.lines, stored.sources, stored.source.span);
      return { body: textBody(joined.text, ['lines'], joined.offsets, stored.source.span), problems: [] };
    }
    case 'base64':
      return fromEncodedText(decodeBase64(stored.text), stored.text, 'base64', stored.source, headers, limit);
    case 'hex':
      return fromEncodedText(decodeHex(stored.text), stored.text, 'hex', stored.source, headers, limit);
    case 'base64-chunks': {
      const parts: Uint8Array[] = [];
      let total = 0;
      for (let k = 0; k < stored.chunks.length; k++) {
        const r = decodeBase64(stored.chunks[k] as string);
        if (!r.ok) {
          const problem = undecodable(`The body is not valid base64: chunk ${k + 1} of ${stored.chunks.length}: ${r.message}.`, stored.source.span);
          return { body: binaryOf(utf8Bytes(stored.chunks.join('')), [], headers, stored.source.span), problems: [problem] };
        }
        parts.push(r.bytes);
        total += r.bytes.length;
      }
      const bytes = new Uint8Array(total);
      let at = 0;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.length;
      }
      return fromBytes(bytes, ['base64-chunks'], headers, stored.source, undefined, limit);
    }
    case 'bytes': {
      const source = stored.source;
      return fromBytes(stored.bytes, [], headers, source, (length) => offsetsOfSource(source, length), limit);
    }
  }
}
