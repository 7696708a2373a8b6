// Word diff of two reassembled texts (answers, reasoning): words, runs of white space and single punctuation
// marks are the tokens; the equal head and tail are set aside in linear time and the rest goes to jsdiff's
// Myers diff (words only, each carrying the white space after it) with a bounded edit length, so a long text that changed throughout costs no more than a budget
// and is then shown as replaced whole.
import { diffArrays } from 'diff/lib/diff/array.js';
import type { WordDiff, WordOp } from './types';

/** What a character is to the tokenizer: white space and words run on; CJK characters (those scripts do not separate words by spaces) and anything else stand alone. */
const SPACE = 0;
const WORD = 1;
const CJK = 2;
const OTHER = 3;

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const SPACE_CHAR = /\s/u;

const ASCII = new Uint8Array(128).map((_, c) =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) ? SPACE : (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f ? WORD : OTHER,
);
/** Classes of the non-ASCII code points met so far (a text uses few distinct ones). */
const classes = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 0x80) return ASCII[cp] as number;
  let k = classes.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = SPACE_CHAR.test(ch) ? SPACE : CJK_CHAR.test(ch) ? CJK : WORD_CHAR.test(ch) ? WORD : OTHER;
    classes.set(cp, k);
  }
  return k;
}

/** Words (letters, digits, marks, underscore), runs of white space, and single other characters (a surrogate pair is one). */
export function tokenizeWords(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let start = 0;
  let run = -1;
  for (let i = 0; i < n; ) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const k = cp < 0x80 ? (ASCII[cp] as number) : classOf(cp);
    if (k !== run || k >= CJK) {
      if (i > start) out.push(text.slice(start, i));
      start = i;
      run = k;
    }
    i += width;
  }
  if (n > start) out.push(text.slice(start));
  return out;
}

/** A word is a token of letters, digits and marks, or a CJK character; white space and punctuation are not counted. */
function isWord(token: string): boolean {
  const k = classOf(token.codePointAt(0) ?? 0x20);
  return k === WORD || k === CJK;
}

/** Work allowed for the Myers part, in token comparisons (its cost is about (n + m) × edits, and edits²). */
const BUDGET = 1_000_000;

export function diffWords(oldText: string, newText: string): WordDiff {
  if (oldText === newText) return { parts: oldText === '' ? [] : [{ op: 'equal', text: oldText }], added: 0, removed: 0 };
  // The equal head and tail are found on characters (tokenizing a long answer costs more than the diff),
  // then moved back to a token boundary that both texts share: the end of white space inside them.
  const start = sharedHead(oldText, newText);
  const end = sharedTail(oldText, newText, start);
  const a = tokenizeWords(oldText.slice(start, oldText.length - end));
  const b = tokenizeWords(newText.slice(start, newText.length - end));
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const oldMid = a.slice(head, a.length - tail);
  const newMid = b.slice(head, b.length - tail);
  const out = new PartsBuilder();
  out.addText('equal', oldText.slice(0, start));
  out.add('equal', a.slice(0, head));
  alignMiddle(spaced(oldMid), spaced(newMid), out);
  out.add('equal', a.slice(a.length - tail));
  out.addText('equal', oldText.slice(oldText.length - end));
  return out.result();
}

/** A run of tokens as words (anything but white space) with the white space after each, so the diff aligns half as many tokens. */
interface Spaced {
  readonly lead: string;
  readonly words: string[];
  readonly gaps: string[];
}

function spaced(tokens: readonly string[]): Spaced {
  let lead = '';
  const words: string[] = [];
  const gaps: string[] = [];
  for (const t of tokens) {
    if (classOf(t.codePointAt(0) ?? 0) === SPACE) {
      if (words.length === 0) lead += t;
      else gaps[gaps.length - 1] += t;
    } else {
      words.push(t);
      gaps.push('');
    }
  }
  return { lead, words, gaps };
}

/**
 * The words aligned by jsdiff within the budget; white space follows its word (equal words whose spacing
 * changed show the spacing deleted and inserted). Beyond the budget, or with nothing in common, replaced whole.
 */
function alignMiddle(a: Spaced, b: Spaced, out: PartsBuilder): void {
  const n = a.words.length + b.words.length;
  const maxEditLength = Math.max(1, Math.min(Math.floor(BUDGET / Math.max(n, 1)), Math.floor(Math.sqrt(BUDGET))));
  const changes = a.words.length > 0 && b.words.length > 0 && alike(a.words, b.words) ? diffArrays(a.words, b.words, { maxEditLength }) : undefined;
  const space = (x: string, y: string): void => {
    if (x === y) out.addText('equal', x);
    else {
      out.addText('delete', x);
      out.addText('insert', y);
    }
  };
  /** Words with the white space after each; the last one's white space left out when `keepLast` is false. */
  const run = (op: 'delete' | 'insert', side: Spaced, from: number, count: number, keepLast = true): void => {
    for (let k = from; k < from + count; k++) {
      out.add(op, [side.words[k] as string]);
      if (keepLast || k < from + count - 1) out.addText(op, side.gaps[k] as string);
    }
  };
  if (!changes) {
    out.addText('delete', a.lead);
    run('delete', a, 0, a.words.length);
    out.addText('insert', b.lead);
    run('insert', b, 0, b.words.length);
    return;
  }
  space(a.lead, b.lead);
  let i = 0;
  let j = 0;
  for (let c = 0; c < changes.length; c++) {
    const change = changes[c] as (typeof changes)[number];
    const next = changes[c + 1];
    if (change.removed && next?.added) {
      // A replaced run: when both end in the same white space, it is shown once, unchanged, after them ("[-Jupiter-]{+Saturn+} has").
      const oldGap = a.gaps[i + change.count - 1] as string;
      const sameGap = oldGap === b.gaps[j + next.count - 1];
      run('delete', a, i, change.count, !sameGap);
      run('insert', b, j, next.count, !sameGap);
      if (sameGap) out.addText('equal', oldGap);
      i += change.count;
      j += next.count;
      c++;
    } else if (change.removed) {
      run('delete', a, i, change.count);
      i += change.count;
    } else if (change.added) {
      run('insert', b, j, change.count);
      j += change.count;
    } else {
      for (let k = 0; k < change.count; k++, i++, j++) {
        out.addText('equal', a.words[i] as string);
        space(a.gaps[i] as string, b.gaps[j] as string);
      }
    }
  }
}

/** Texts this short are always aligned; longer ones only when they share this share of their word pairs. */
const ALWAYS_ALIGNED = 12;
const MIN_SHARED_PAIRS = 0.25;

/**
 * Whether two runs of words are alike enough for a word diff to help: a rewritten answer shares its common
 * words with the old one but few of its word pairs, and aligning it word by word costs the most (the Myers
 * diff's cost grows with the square of the edits) to show a confetti of small changes. Linear.
 */
function alike(a: readonly string[], b: readonly string[]): boolean {
  if (Math.min(a.length, b.length) < ALWAYS_ALIGNED) return true;
  const pairs = new Map<string, number>();
  for (let i = 1; i < a.length; i++) {
    const p = `${a[i - 1] as string}\u0000${a[i] as string}`;
    pairs.set(p, (pairs.get(p) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 1; i < b.length; i++) {
    const p = `${b[i - 1] as string}\u0000${b[i] as string}`;
    const k = pairs.get(p);
    if (k) {
      shared++;
      pairs.set(p, k - 1);
    }
  }
  return shared >= MIN_SHARED_PAIRS * (Math.max(a.length, b.length) - 1);
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b;

/** Length of the shared head, cut back to just after a white-space run inside it (a boundary of both texts' tokens). */
function sharedHead(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p === max && a.length === b.length) return p;
  // q is a boundary when a[q - 1] is white space and a[q] (still shared) is not.
  for (let q = p - 1; q > 0; q--) if (isSpace(a.charCodeAt(q - 1)) && !isSpace(a.charCodeAt(q))) return q;
  return 0;
}

/** Length of the shared tail after `start`, cut back to just before a white-space run inside it. */
function sharedTail(a: string, b: string, start: number): number {
  const max = Math.min(a.length, b.length) - start;
  let s = 0;
  while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  // The tail starts at e = a.length - k: a boundary when a[e] is white space and a[e - 1] (still shared) is not.
  for (let k = s - 1; k > 0; k--) {
    const e = a.length - k;
    if (isSpace(a.charCodeAt(e)) && !isSpace(a.charCodeAt(e - 1))) return k;
  }
  return 0;
}

/** Joins runs of tokens into parts, merging neighbours of the same kind, deletions before insertions, and counts words. */
class PartsBuilder {
  private readonly parts: { op: WordOp; text: string }[] = [];
  private added = 0;
  private removed = 0;

  add(op: WordOp, tokens: readonly string[]): void {
    if (tokens.length === 0) return;
    if (op !== 'equal') {
      const words = tokens.reduce((k, t) => (isWord(t) ? k + 1 : k), 0);
      if (op === 'insert') this.added += words;
      else this.removed += words;
    }
    this.addText(op, tokens.join(''));
  }

  /** Text whose words are not counted (equal parts only). */
  addText(op: WordOp, text: string): void {
    if (text === '') return;
    const last = this.parts[this.parts.length - 1];
    if (last && last.op === op) last.text += text;
    else if (op === 'delete' && last && last.op === 'insert') {
      // Keep "delete, insert" order for a replaced run, whatever order the diff reported the two in.
      const before = this.parts[this.parts.length - 2];
      if (before && before.op === 'delete') before.text += text;
      else this.parts.splice(this.parts.length - 1, 0, { op, text });
    } else this.parts.push({ op, text });
  }

  result(): WordDiff {
    return { parts: this.parts, added: this.added, removed: this.removed };
  }
}
