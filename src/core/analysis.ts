// The result of reading one fixture text: its parts, its dialect, the reassembled answer, the
// timeline and every diagnostic. Everything the CLI and the extension show comes from here.
import type { FixtureDiagnostic, JsonPath, Span } from './diagnostic';
import type { DialectId } from './dialect';
import type { JsonLocator } from './jsonLocate';
import type { ChunkRow, Reassembly } from './reassemble';
import type { JsonRecord } from './values';

export interface FixtureAnalysis {
  /** The parsed root value (possibly partial when the text has syntax errors). */
  readonly value: unknown;
  /** True when the text parsed completely (JSON, or JSONC with comments/trailing commas). */
  readonly complete: boolean;
  readonly dialect: DialectId;
  readonly streaming: boolean;
  readonly request: JsonRecord | undefined;
  readonly response: JsonRecord | undefined;
  /** Response items: the body list, or the single body object as one item. */
  readonly items: readonly unknown[];
  /** Path of item i: `response.body[i]` for lists, `response.body` for a single object. */
  itemPath(i: number): JsonPath;
  readonly reassembly: Reassembly;
  readonly rows: readonly ChunkRow[];
  readonly diagnostics: readonly FixtureDiagnostic[];
  readonly locator: JsonLocator;
  /** Text span of item i (located on demand). */
  itemSpan(i: number): Span | undefined;
  /** The item whose span holds the offset, found by binary search over the item spans. */
  itemAt(offset: number): number | undefined;
}
