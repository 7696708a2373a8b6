// Decoded character → file offset for one YAML scalar, built the first time a position inside it is asked
// for by scanning the scalar again with the scanner that decoded it, and checked against the decoded value.
import { scanBlockScalar } from './blockScalar';
import { CharFinder } from './charFinder';
import { scanFlowScalar } from './flowScalar';
import { scanPlain } from './plainScalar';
import type { ScalarSink } from './scalarSink';
import { isBreak } from './yamlChars';
import type { YamlScalar } from './yamlNodes';

/**
 * Runs of the decoded value: run k starts at value index decoded[k] and ends where run k + 1 starts. A
 * source[k] >= 0 is a stretch copied from the text there; a negative one, -(offset + 1), a character the
 * scanner produced (an escape, a folded line break, a doubled quote) from the construct at that offset.
 */
class OffsetMapSink implements ScalarSink {
  decoded: Int32Array<ArrayBuffer> = new Int32Array(64);
  source: Int32Array<ArrayBuffer> = new Int32Array(64);
  runs = 0;
  at = 0;
  ok = true;

  constructor(
    private readonly text: string,
    private readonly value: string,
  ) {}

  copy(start: number, end: number): void {
    if (end <= start) return;
    if (this.ok && !this.sameText(start, end)) this.ok = false;
    this.push(start);
    this.at += end - start;
  }

  put(produced: string, at: number): void {
    if (this.ok && (!this.value.startsWith(produced, this.at) || !producesCharacters(this.text, at))) this.ok = false;
    this.push(-(at + 1));
    this.at += produced.length;
  }

  /** text[start, end) equals the value at the current index (short runs compared in place, long ones natively). */
  private sameText(start: number, end: number): boolean {
    const { text, value } = this;
    if (end - start > 32) return value.startsWith(text.slice(start, end), this.at);
    for (let i = start, j = this.at; i < end; i++, j++) if (text.charCodeAt(i) !== value.charCodeAt(j)) return false;
    return true;
  }

  private push(source: number): void {
    if (this.runs === this.decoded.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.decoded = grow(this.decoded);
      this.source = grow(this.source);
    }
    this.decoded[this.runs] = this.at;
    this.source[this.runs] = source;
    this.runs++;
  }
}

/** Only an escape, a quote or a line break stands for a character other than itself. */
function producesCharacters(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 0x5c || c === 0x27 || isBreak(c);
}

/** The offset map of a scalar, or undefined when it cannot be built or does not reproduce the value. */
export function scalarOffsetMap(text: string, node: YamlScalar): ((index: number) => number) | undefined {
  const scan = node.scan;
  const contentEnd = node.style === 'single' || node.style === 'double' ? node.end - 1 : node.end;
  if (!scan || node.style === 'empty') return node.value === '' ? () => node.start : undefined;
  // The scalar is scanned on its own: nothing of the scan reaches past it, nor does any search.
  const own = text.slice(node.start, node.end);
  const sink = new OffsetMapSink(own, node.value);
  try {
    if (scan.style === 'plain') scanPlain(own, 0, 0, scan.indent, scan.flow, sink);
    else if (scan.style === 'single' || scan.style === 'double') scanFlowScalar(own, 0, sink, new CharFinder(own));
    else scanBlockScalar(own, 0, scan.indent, sink, new CharFinder(own));
  } catch {
    return undefined;
  }
  if (!sink.ok || sink.at !== node.value.length) return undefined;
  const { decoded, source, runs } = sink;
  const base = node.start;
  const valueLength = node.value.length;
  return (index: number): number => {
    if (!(index < valueLength) || runs === 0) return contentEnd;
    const i = index > 0 ? Math.floor(index) : 0;
    let lo = 0;
    let hi = runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((decoded[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    const s = source[lo] as number;
    return s >= 0 ? base + s + i - (decoded[lo] as number) : base - s - 1;
  };
}
