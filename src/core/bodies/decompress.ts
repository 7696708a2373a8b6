// gzip, zlib and raw deflate undone with fflate (Node and browsers alike), with the decompressed size
// bounded so a zip bomb is reported instead of filling memory, and the trailers' checksums verified
// (fflate's own gzip and zlib readers do not check them, so a cut-off body would pass for a whole one).
import { Inflate } from 'fflate';
import { adler32, crc32 } from './crc32';

/** Past this many decompressed bytes a body is not decompressed further (a zip bomb, or nothing a fixture needs). */
export const MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024;

export interface Decompressed {
  /** Everything that could be decompressed, the whole body when `problem` is undefined. */
  readonly bytes: Uint8Array;
  readonly problem?: string | undefined;
  /** True when decompression stopped at the size bound. */
  readonly tooLarge?: boolean | undefined;
}

const PUSH_BYTES = 1 << 16;

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Raw deflate data (RFC 1951), fed in slices so no single step can expand past the bound by much. */
export function inflateRaw(data: Uint8Array, limit = MAX_DECOMPRESSED_BYTES): Decompressed {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const stream = new Inflate((chunk) => {
    if (over) return;
    if (total + chunk.length > limit) {
      over = true;
      return;
    }
    total += chunk.length;
    chunks.push(chunk);
  });
  try {
    // Every slice is pushed as not the last, so what a cut-off stream held comes out before the end is found missing.
    for (let at = 0; at < data.length && !over; at += PUSH_BYTES) stream.push(data.subarray(at, at + PUSH_BYTES), false);
    if (!over) stream.push(new Uint8Array(0), true);
  } catch (e) {
    return { bytes: concat(chunks, total), problem: `the deflate data is broken (${errorText(e)})` };
  }
  if (over) return { bytes: concat(chunks, total), problem: `it decompresses to more than ${limit.toLocaleString('en-US')} bytes; not decompressed further`, tooLarge: true };
  return { bytes: concat(chunks, total) };
}

function readU32LE(b: Uint8Array, at: number): number {
  return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;
}

export function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** The length of a gzip member's header (RFC 1952), or a reason it cannot be read. */
function gzipHeaderLength(b: Uint8Array): number | string {
  if (b.length < 18) return 'the gzip data is too short to hold a header and a trailer';
  if (b[2] !== 8) return `the gzip data uses compression method ${b[2]}, not deflate`;
  const flags = b[3] as number;
  let at = 10;
  if (flags & 4) at += 2 + ((b[10] as number) | ((b[11] as number) << 8));
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const zero = b.indexOf(0, at);
      if (zero < 0) return 'the gzip header is cut off';
      at = zero + 1;
    }
  }
  if (flags & 2) at += 2;
  return at > b.length - 8 ? 'the gzip header is cut off' : at;
}

/** One gzip member; its CRC-32 and length trailer are checked against what came out. */
export function gunzip(data: Uint8Array, limit = MAX_DECOMPRESSED_BYTES): Decompressed {
  const header = gzipHeaderLength(data);
  if (typeof header === 'string') return { bytes: new Uint8Array(0), problem: header };
  const out = inflateRaw(data.subarray(header, data.length - 8), limit);
  if (out.problem !== undefined) return { ...out, problem: out.tooLarge ? out.problem : out.problem.replace('the deflate data', 'the gzip stream') };
  const crc = readU32LE(data, data.length - 8);
  const size = readU32LE(data, data.length - 4);
  if (crc !== crc32(out.bytes) || size !== out.bytes.length % 2 ** 32) {
    return { bytes: out.bytes, problem: 'the gzip checksum does not match what decompresses: the body is corrupt or cut off' };
  }
  return out;
}

/** A zlib header (RFC 1950): deflate, a window size that exists, and the header check that divides by 31. */
export function isZlib(b: Uint8Array): boolean {
  if (b.length < 2) return false;
  const cmf = b[0] as number;
  const flg = b[1] as number;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

export function unzlib(data: Uint8Array, limit = MAX_DECOMPRESSED_BYTES): Decompressed {
  if (data.length < 6) return { bytes: new Uint8Array(0), problem: 'the zlib data is too short' };
  if ((data[1] as number) & 0x20) return { bytes: new Uint8Array(0), problem: 'the zlib data needs a preset dictionary' };
  const out = inflateRaw(data.subarray(2, data.length - 4), limit);
  if (out.problem !== undefined) return out;
  const at = data.length - 4;
  const expected = (((data[at] as number) << 24) | ((data[at + 1] as number) << 16) | ((data[at + 2] as number) << 8) | (data[at + 3] as number)) >>> 0;
  if (expected !== adler32(out.bytes)) return { bytes: out.bytes, problem: 'the zlib checksum does not match what decompresses: the body is corrupt or cut off' };
  return out;
}
