// Reads the JSON a provider sent into the recorder's value model (ogx/pythonJsonValue.ts), strictly:
// JSON.parse decides validity (Python's json.loads would also take NaN and Infinity), nesting is
// bounded so that no later step recurses without limit, and a number that no 64-bit float holds is
// refused, because the recorder would write it as Infinity, which no JSON reader (ours included) reads.
import { PyParser } from '../ogx/pythonJsonParse';
import { holdsNonFinite, type PyJson } from '../ogx/pythonJsonValue';
import { RerecordError } from './errors';

/** Deeper than any provider answer; bounds the recursion of the readers and the writer. */
export const MAX_DEPTH = 256;

export type ProviderJson =
  | { readonly ok: true; readonly value: PyJson }
  /** Not JSON: JSON.parse's words. */
  | { readonly ok: false; readonly problem: 'syntax'; readonly detail: string }
  /** Nested deeper than MAX_DEPTH. */
  | { readonly ok: false; readonly problem: 'depth' }
  /** A number too large for a float, as written (cut when long). */
  | { readonly ok: false; readonly problem: 'non-finite'; readonly literal: string | undefined };

export function readProviderJson(text: string): ProviderJson {
  try {
    JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'syntax', detail: e instanceof Error ? e.message : String(e) };
  }
  if (nestsDeeperThan(text, MAX_DEPTH)) return { ok: false, problem: 'depth' };
  const value = new PyParser(text).value();
  if (holdsNonFinite(value)) return { ok: false, problem: 'non-finite', literal: firstNonFiniteLiteral(text) };
  return { ok: true, value };
}

/** "holds the number 1e400, which is …": what is wrong with a text that holds a number no float holds. */
export function nonFiniteMessage(literal: string | undefined): string {
  const sign = literal?.startsWith('-') ? '-' : '';
  return `holds ${literal === undefined ? 'a number' : `the number ${literal}`}, which is too large for a 64-bit float (it would be written as ${sign}Infinity)`;
}

/** readProviderJson for callers that want the value or a RerecordError ('malformed'). */
export function parseStrictJson(text: string): PyJson {
  const read = readProviderJson(text);
  if (read.ok) return read.value;
  if (read.problem === 'syntax') throw new RerecordError('malformed', `not valid JSON (${read.detail})`);
  if (read.problem === 'depth') throw new RerecordError('malformed', `values are nested deeper than ${MAX_DEPTH} levels`);
  throw new RerecordError('malformed', `the text ${nonFiniteMessage(read.literal)}`);
}

/** Whether brackets outside strings nest deeper than `max`, in one pass over valid JSON text. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = closingQuote(text, i);
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The first number literal of valid JSON text whose value is not finite (looked for once one was found). */
function firstNonFiniteLiteral(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuote(text, i);
      continue;
    }
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue;
    let j = i + 1;
    while (j < text.length && /[0-9.eE+-]/.test(text.charAt(j))) j++;
    const literal = text.slice(i, j);
    if (!Number.isFinite(Number(literal))) return literal.length > 40 ? `${literal.slice(0, 40)}…` : literal;
    i = j - 1;
  }
  return undefined;
}

/** The offset of the quote closing the string that opens at `open` (the text's length if none does). */
function closingQuote(text: string, open: number): number {
  let j = text.indexOf('"', open + 1);
  while (j !== -1) {
    let k = j - 1;
    while (text.charCodeAt(k) === 0x5c) k--;
    if ((j - 1 - k) % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length;
}
