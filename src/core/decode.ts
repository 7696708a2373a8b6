// Bytes -> text for fixtures read from disk (CLI, large files): a gzipped file (`.yaml.gz`, `.httprr.gz`) is
// decompressed first, told by its magic bytes; invalid UTF-8 is reported with the offset of the first bad byte
// and decoded lossily, so the rest of the file can still be read.
import { gunzip, isGzip } from './bodies/decompress';
import { makeDiagnostic, type FixtureDiagnostic } from './diagnostic';

/** V8 cannot hold a longer string (0x1fffffe8 characters): a fixture file larger than this is refused before it is read. */
export const MAX_FIXTURE_BYTES = 512 * 1024 * 1024;

/** What the CLI and the editor say of a file over MAX_FIXTURE_BYTES. */
export function tooLargeReason(bytes: number): string {
  const mib = (n: number): string => `${Math.round(n / (1024 * 1024)).toLocaleString('en-US')} MiB`;
  return `too large to read (${mib(bytes)}; the limit is ${mib(MAX_FIXTURE_BYTES)})`;
}

export interface DecodedText {
  readonly text: string;
  readonly diagnostics: readonly FixtureDiagnostic[];
  /** True when the file was gzip: positions then refer to the decompressed text. */
  readonly gzipped?: boolean;
}

// Decoding without { stream: true } keeps no state between calls, so one decoder serves every file.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeFixtureBytes(bytes: Uint8Array): DecodedText {
  if (isGzip(bytes)) {
    const inflated = gunzip(bytes);
    const inner = decodeText(inflated.bytes);
    if (inflated.problem === undefined) return { ...inner, gzipped: true };
    const problem = makeDiagnostic('body-undecodable', `The file is gzip-compressed but cannot be decompressed whole: ${inflated.problem}.`, { start: 0, end: Math.min(1, inner.text.length) }, []);
    return { text: inner.text, diagnostics: [problem, ...inner.diagnostics], gzipped: true };
  }
  return decodeText(bytes);
}

function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: strictDecoder.decode(bytes), diagnostics: [] };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    const bad = firstInvalidUtf8(bytes);
    const at = Math.max(0, text.indexOf('\uFFFD'));
    return {
      text,
      diagnostics: [makeDiagnostic('not-text', `The file is not valid UTF-8 (first bad byte at byte offset ${bad}); it may be binary or in another encoding.`, { start: at, end: Math.min(text.length, at + 1) }, [])],
    };
  }
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
