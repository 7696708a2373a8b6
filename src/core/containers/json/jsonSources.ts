// Where the values of a JSON cassette are in its text, found only when something asks: the value itself
// comes from JSON.parse; a span costs one structural scan of the file (made on the first question) and,
// below the shallow levels, one scan of the value the path goes into (scanLocator.ts).
import type { TextSource } from '../types';
import type { JsonPath, Span } from '../../diagnostic';
import { ScanLocator } from './scanLocator';
import { jsonStringOffsets } from './stringOffsets';

export class JsonSources {
  private readonly locator: ScanLocator;

  constructor(readonly text: string) {
    // A byte order mark is not part of the JSON; offsets stay the text's own.
    this.locator = new ScanLocator(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  }

  /** The span of the value at `path`, or of its nearest ancestor when the path is missing. */
  locate(path: JsonPath): Span | undefined {
    return this.locator.locate(path);
  }

  /** As `locate`, but always a span: the whole text when nothing better is known. */
  span(path: JsonPath): Span {
    return this.locate(path) ?? { start: 0, end: this.text.length };
  }

  pathAt(offset: number): JsonPath | undefined {
    return this.locator.pathAt(offset);
  }

  /** The source of any value; its span is located on first use. */
  source(path: JsonPath): TextSource {
    let span: Span | undefined;
    const spanOf = (): Span => (span ??= this.span(path));
    return {
      path,
      get span() {
        return spanOf();
      },
    };
  }

  /**
   * The source of a string value, its `offsetAt` mapping decoded indexes to file offsets. With `skip`, the
   * first `skip` decoded characters (Datadog's `base64:` prefix) are not part of the stored text: index 0 is
   * the character after them, and the span runs from there to the closing quote.
   */
  stringSource(path: JsonPath, skip = 0): TextSource {
    const text = this.text;
    let whole: Span | undefined;
    let map: ((index: number) => number) | undefined;
    let span: Span | undefined;
    const wholeSpan = (): Span => (whole ??= this.span(path));
    const offsetAt = (index: number): number => (map ??= jsonStringOffsets(text, wholeSpan().start))(index + skip);
    const spanOf = (): Span => {
      const w = wholeSpan();
      if (skip === 0 || text.charCodeAt(w.start) !== 34) return w;
      return { start: Math.min(offsetAt(0), w.end), end: Math.max(w.start, w.end - 1) };
    };
    return {
      path,
      get span() {
        return (span ??= spanOf());
      },
      offsetAt,
    };
  }

  /**
   * One source for strings stored as consecutive list elements and read as their concatenation (nock's
   * hex chunks): index i of the joined text maps into the element it came from.
   */
  joinedSource(path: JsonPath, parts: readonly string[]): TextSource {
    const whole = this.source(path);
    const starts: number[] = [];
    let total = 0;
    for (const p of parts) {
      starts.push(total);
      total += p.length;
    }
    const elements = parts.map((_, k) => this.stringSource([...path, k]));
    return {
      path,
      get span() {
        return whole.span;
      },
      offsetAt: (index: number): number => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((starts[mid] as number) <= index) lo = mid;
          else hi = mid - 1;
        }
        const element = elements[lo];
        return element?.offsetAt ? element.offsetAt(index - (starts[lo] as number)) : whole.span.start;
      },
    };
  }
}
