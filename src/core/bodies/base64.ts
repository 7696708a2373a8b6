// Base64 and hex text → bytes in one pass: both base64 alphabets (standard and URL-safe), white space
// and line breaks skipped, missing padding tolerated; anything else is reported with its index.

export type ByteTextResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  /** `at` is the index of the offending character, undefined when the text as a whole is at fault (its length). */
  | { readonly ok: false; readonly at: number | undefined; readonly message: string };

const SKIP = -2;
const PAD = -3;
const BAD = -1;

const BASE64_VALUES = ((): Int8Array => {
  const t = new Int8Array(128).fill(BAD);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  t[43] = 62; // +
  t[45] = 62; // - (URL-safe)
  t[47] = 63; // /
  t[95] = 63; // _ (URL-safe)
  for (const c of [9, 10, 11, 12, 13, 32]) t[c] = SKIP;
  t[61] = PAD;
  return t;
})();

const HEX_VALUES = ((): Int8Array => {
  const t = new Int8Array(128).fill(BAD);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[65 + i] = 10 + i;
    t[97 + i] = 10 + i;
  }
  for (const c of [9, 10, 11, 12, 13, 32]) t[c] = SKIP;
  return t;
})();

/** How a character is named in a message: itself when printable, else its code point. */
export function describeChar(text: string, at: number): string {
  const code = text.codePointAt(at) ?? 0;
  if (code >= 0x21 && code <= 0x7e) return `'${String.fromCharCode(code)}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function decodeBase64(text: string): ByteTextResult {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let n = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (BASE64_VALUES[c] as number) : BAD;
    if (v >= 0) {
      if (pads > 0) return { ok: false, at: i, message: `base64 continues after its '=' padding at index ${i}` };
      acc = (acc << 6) | v;
      if (++n === 4) {
        out[o++] = (acc >> 16) & 0xff;
        out[o++] = (acc >> 8) & 0xff;
        out[o++] = acc & 0xff;
        acc = 0;
        n = 0;
      }
    } else if (v === PAD) {
      if (n === 1 || ++pads > 2) return { ok: false, at: i, message: `misplaced '=' padding at index ${i} of the base64` };
    } else if (v !== SKIP) {
      return { ok: false, at: i, message: `${describeChar(text, i)} at index ${i} is not a base64 character` };
    }
  }
  if (n === 1) return { ok: false, at: undefined, message: 'the base64 ends with a lone character (its length is one more than a multiple of four)' };
  if (n === 2) out[o++] = (acc >> 4) & 0xff;
  else if (n === 3) {
    out[o++] = (acc >> 10) & 0xff;
    out[o++] = (acc >> 2) & 0xff;
  }
  return { ok: true, bytes: out.subarray(0, o) };
}

export function decodeHex(text: string): ByteTextResult {
  const out = new Uint8Array(Math.ceil(text.length / 2));
  let o = 0;
  let high = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (HEX_VALUES[c] as number) : BAD;
    if (v >= 0) {
      if (high < 0) high = v;
      else {
        out[o++] = (high << 4) | v;
        high = -1;
      }
    } else if (v !== SKIP) {
      return { ok: false, at: i, message: `${describeChar(text, i)} at index ${i} is not a hex digit` };
    }
  }
  if (high >= 0) return { ok: false, at: undefined, message: 'the hex has an odd number of digits' };
  return { ok: true, bytes: out.subarray(0, o) };
}
