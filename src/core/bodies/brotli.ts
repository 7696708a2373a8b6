// Brotli undone with node:zlib (fflate has no brotli), bounded like the other decompressors; where
// node:zlib has no brotli (a browser shim), the body is reported as unreadable instead.
import * as zlib from 'node:zlib';
import type { Decompressed } from './decompress';

export function unbrotli(data: Uint8Array, limit: number): Decompressed {
  const decompress = (zlib as Partial<typeof zlib>).brotliDecompressSync;
  if (typeof decompress !== 'function') return { bytes: new Uint8Array(0), problem: 'brotli cannot be decompressed here' };
  try {
    const out = decompress(data, { maxOutputLength: limit });
    return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.length) };
  } catch (e) {
    if (e instanceof RangeError) return { bytes: new Uint8Array(0), problem: `it decompresses to more than ${limit.toLocaleString('en-US')} bytes; not decompressed further`, tooLarge: true };
    return { bytes: new Uint8Array(0), problem: 'the brotli data is broken' };
  }
}
