// A payload's text → its JSON value, or what is wrong with it in our own words (the engine's messages
// change between Node versions): a linear check of the nesting depth first, so a hostile payload never
// becomes a value deep enough to overflow a later recursive step, then JSON.parse, and only when that
// fails a linear walk of the grammar to say where and why.
import { MAX_NESTING } from '../jsonScan';
import { describeChar } from './base64';

export type PayloadParse =
  | { readonly ok: true; readonly value: unknown }
  /** `detail` completes "data is not JSON (…)"; when `tooDeep`, the payload nests deeper than MAX_NESTING. */
  | { readonly ok: false; readonly tooDeep: boolean; readonly detail: string };

const QUOTE = 34, BACKSLASH = 92, LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93;

/** Index of the bracket that opens level MAX_NESTING + 1, or -1; strings (and their escapes) are skipped. */
export function tooDeepAt(text: string, maxDepth = MAX_NESTING): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === LBRACE || c === LBRACKET) {
      if (++depth > maxDepth) return i;
    } else if (c === RBRACE || c === RBRACKET) {
      if (depth > 0) depth--;
    }
  }
  return -1;
}

export const TOO_DEEP_DETAIL = `it nests deeper than ${MAX_NESTING.toLocaleString('en-US')} levels`;

/** `describe: false` skips the walk that says what is wrong, for callers that only want a value. */
export function parsePayload(text: string, describe = true): PayloadParse {
  // Nesting past MAX_NESTING takes more brackets than a shorter text has: most payloads need no depth scan.
  if (text.length > MAX_NESTING && tooDeepAt(text) >= 0) return { ok: false, tooDeep: true, detail: TOO_DEEP_DETAIL };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, tooDeep: false, detail: (describe ? jsonSyntaxError(text) : undefined) ?? 'it is not valid JSON' };
  }
}

/** The whole text's JSON value when it has one (nesting within bounds), else undefined. */
export function jsonValueOf(text: string): { readonly value: unknown } | undefined {
  const first = firstNonSpace(text, 0);
  if (first < 0) return undefined;
  const c = text.charCodeAt(first);
  // Only what can start a JSON value is worth a JSON.parse attempt.
  if (!(c === LBRACE || c === LBRACKET || c === QUOTE || c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110)) return undefined;
  const parsed = parsePayload(text, false);
  return parsed.ok ? { value: parsed.value } : undefined;
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function firstNonSpace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (!isJsonSpace(text.charCodeAt(i))) return i;
  return -1;
}

enum Expect {
  Value,
  ValueOrClose,
  Key,
  KeyOrClose,
  Colon,
  After,
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where a string that starts at `i` ends (just past its quote), or what is wrong with it. */
function scanString(text: string, i: number): number | string {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH) {
      const e = text.charCodeAt(j + 1);
      if (e === 117) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return `bad \\u escape at offset ${j}`;
        j += 5;
      } else if (e === QUOTE || e === BACKSLASH || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) j++;
      else if (j + 1 >= text.length) break;
      else return `bad escape \\${text.charAt(j + 1)} at offset ${j}`;
    } else if (c < 0x20) return `control character ${describeChar(text, j)} inside a string at offset ${j}`;
  }
  return `string starting at offset ${i} is not closed`;
}

function scanNumber(text: string, i: number): number | string {
  let j = i;
  if (text.charCodeAt(j) === 45) j++;
  if (text.charCodeAt(j) === 48) j++;
  else if (isDigit(text.charCodeAt(j))) while (isDigit(text.charCodeAt(j))) j++;
  else return `bad number at offset ${i}`;
  if (text.charCodeAt(j) === 46) {
    j++;
    if (!isDigit(text.charCodeAt(j))) return `bad number at offset ${i}`;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 101 || e === 69) {
    j++;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (!isDigit(text.charCodeAt(j))) return `bad number at offset ${i}`;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/** What is wrong with a text as JSON, with the offset; undefined when it is valid. Linear, no recursion. */
export function jsonSyntaxError(text: string): string | undefined {
  const stack: number[] = [];
  let expect = Expect.Value;
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (expect === Expect.After && stack.length === 0) return undefined;
      return firstNonSpace(text, 0) < 0 ? 'it is empty' : `it ends at offset ${n} before the value is complete`;
    }
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    switch (expect) {
      case Expect.ValueOrClose:
      case Expect.Value: {
        if (expect === Expect.ValueOrClose && c === RBRACKET) {
          stack.pop();
          i++;
          expect = Expect.After;
        } else if (c === LBRACE || c === LBRACKET) {
          stack.push(c);
          i++;
          expect = c === LBRACE ? Expect.KeyOrClose : Expect.ValueOrClose;
        } else if (c === QUOTE) {
          const end = scanString(text, i);
          if (typeof end === 'string') return end;
          i = end;
          expect = Expect.After;
        } else if (c === 45 || isDigit(c)) {
          const end = scanNumber(text, i);
          if (typeof end === 'string') return end;
          i = end;
          expect = Expect.After;
        } else {
          const word = text.startsWith('true', i) ? 4 : text.startsWith('false', i) ? 5 : text.startsWith('null', i) ? 4 : 0;
          if (word === 0) return `unexpected ${describeChar(text, i)} at offset ${i} where a value should be`;
          i += word;
          expect = Expect.After;
        }
        break;
      }
      case Expect.KeyOrClose:
      case Expect.Key: {
        if (expect === Expect.KeyOrClose && c === RBRACE) {
          stack.pop();
          i++;
          expect = Expect.After;
        } else if (c === QUOTE) {
          const end = scanString(text, i);
          if (typeof end === 'string') return end;
          i = end;
          expect = Expect.Colon;
        } else return `unexpected ${describeChar(text, i)} at offset ${i} where a property name in double quotes should be`;
        break;
      }
      case Expect.Colon:
        if (c !== 58) return `unexpected ${describeChar(text, i)} at offset ${i} where ':' should be`;
        i++;
        expect = Expect.Value;
        break;
      case Expect.After:
        if (top === undefined) return `unexpected ${describeChar(text, i)} at offset ${i} after the end of the value`;
        if (c === 44) {
          i++;
          expect = top === LBRACE ? Expect.Key : Expect.Value;
        } else if ((c === RBRACE && top === LBRACE) || (c === RBRACKET && top === LBRACKET)) {
          stack.pop();
          i++;
        } else return `unexpected ${describeChar(text, i)} at offset ${i} where ',' or '${top === LBRACE ? '}' : ']'}' should be`;
        break;
    }
  }
}
