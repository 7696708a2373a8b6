// An OGX recording's analysis: the envelope, the SDK chunks of its one exchange, the request hash. The JSON is
// parsed once by the caller (analyzeFixture), which also decided that the text is no other recorder's cassette.
import type { FixtureAnalysis } from '../analysis';
import { checkEnvelope, checkException, checkItems, checkStreamFacts, checkStreamingFlags, report, type CheckContext } from '../checks';
import { makeDiagnostic, type FixtureDiagnostic, type JsonPath, type Span } from '../diagnostic';
import { classifyItem, detectDialect } from '../dialect';
import { countKeysExact, countKeysInText, findDuplicateKeys, measureValue } from '../duplicateKeys';
import { MAX_NESTING } from '../jsonScan';
import { JsonLocator } from '../jsonLocate';
import type { ParsedText } from '../jsonText';
import { reassemble } from '../reassemble';
import { checkUsage } from '../usageCheck';
import { checkRequestHash } from './requestHashCheck';
import { findSecrets } from '../secrets';
import { ogxExchange } from '../containers/ogx';
import { asNumber, asRecord } from '../values';

export interface AnalyzeOptions {
  /** The file's base name, to check it against the hash of the recorded request. */
  readonly fileName?: string;
  /** Problems found before the text existed (undecodable bytes). */
  readonly prior?: readonly FixtureDiagnostic[];
}

export function analyzeOgxRecording(text: string, parsed: ParsedText, options: AnalyzeOptions = {}): FixtureAnalysis {
  const diagnostics = [...(options.prior ?? []), ...parsed.diagnostics];
  const locator = new JsonLocator(text, () => parsed.scan().root);
  const root = asRecord(parsed.value);
  const request = asRecord(root?.['request']);
  const response = asRecord(root?.['response']);
  const body = response?.['body'];
  const items: readonly unknown[] = Array.isArray(body) ? body : body === null || body === undefined ? [] : [body];
  const isList = Array.isArray(body);
  const itemPath = (i: number): JsonPath => (isList ? ['response', 'body', i] : ['response', 'body']);
  const ctx: CheckContext = { locator, items, itemPath, out: diagnostics };

  // Each item is classified once: the dialect's majority and the per-item checks share the result.
  const kinds = items.map((item) => classifyItem(item));
  const detected = detectDialect({ body, isException: response?.['is_exception'] === true, hasStatus: asNumber(response?.['status']) !== undefined, kinds });
  const streaming = typeof response?.['is_streaming'] === 'boolean' ? (response['is_streaming'] as boolean) : isList;

  // Strict JSON whose key count matches the parsed value's has no duplicate key anywhere.
  let noDuplicateKeys = false;
  if (parsed.complete) {
    const shape = measureValue(parsed.value);
    if (shape.depth > MAX_NESTING) {
      const at = parsed.scan().tooDeepAt;
      const span = at === -1 ? { start: 0, end: 0 } : { start: at, end: at + 1 };
      diagnostics.push(makeDiagnostic('nesting-too-deep', `Values nest ${shape.depth} levels deep, more than the ${MAX_NESTING} any recording needs.`, span, []));
    }
    // JSONC is rare and small: visit it directly rather than count.
    if (!parsed.strict || (countKeysInText(text, shape.keys) > shape.keys && countKeysExact(text) > shape.keys)) {
      // The visitor needs the same offsets as the text; a BOM is blanked rather than cut off.
      diagnostics.push(...findDuplicateKeys(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text));
    } else noDuplicateKeys = true;
  }
  // A text with real syntax errors yields only a partial value: show it, but do not judge its shape.
  const judge = parsed.complete;
  let belongs: boolean[] | undefined;
  if (judge && parsed.value !== undefined && checkEnvelope(ctx, parsed.value) && response) {
    if (detected.dialect === 'exception') checkException(ctx, response);
    else belongs = checkItems(ctx, detected, kinds);
    checkStreamingFlags(ctx, detected, request, response);
    if (detected.dialect === 'unknown' && body !== null && body !== undefined) {
      report(ctx, 'unknown-dialect', 'The response has a shape Fixture Lens does not recognise; it is shown as JSON.', ['response', 'body']);
    }
  }
  const result = reassemble(detected.dialect, items, response ?? {}, streaming, belongs);
  if (judge && response) {
    checkStreamFacts(ctx, result.facts, streaming && Array.isArray(body));
    const usage = checkUsage({ reassembly: result.reassembly, rows: result.rows, items, itemPath, locate: (p) => locator.locate(p)?.span });
    if (usage) diagnostics.push(usage);
  }
  if (judge && root && options.fileName) {
    const hash = checkRequestHash(text, options.fileName, root, locator, noDuplicateKeys);
    if (hash) diagnostics.push(hash);
  }

  // Parsed or not: a truncated file leaks a key as much as a whole one.
  diagnostics.push(...findSecrets(text, request, locator, items.length));

  let itemStarts: Span[] | undefined;
  const itemSpan = (i: number): Span | undefined => {
    if (i < 0 || i >= items.length) return undefined;
    return locator.locate(itemPath(i))?.span;
  };
  const itemAt = (offset: number): number | undefined => {
    if (items.length === 0) return undefined;
    itemStarts ??= items.map((_, i) => itemSpan(i) ?? { start: -1, end: -1 });
    let lo = 0;
    let hi = itemStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((itemStarts[mid] as Span).start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const s = itemStarts[lo] as Span;
    return offset >= s.start && offset <= s.end ? lo : undefined;
  };
  const exchange = ogxExchange({ root, request, response, dialect: detected.dialect, streaming, items, itemPath, itemSpan, itemAt, result, locator });
  const analysis: FixtureAnalysis = {
    format: 'ogx',
    value: parsed.value,
    complete: parsed.complete,
    exchanges: [exchange],
    exchangeAt: (offset) => (offset >= 0 && offset <= text.length ? 0 : undefined),
    dialect: detected.dialect,
    streaming,
    request,
    response,
    items,
    itemPath,
    reassembly: result.reassembly,
    rows: result.rows,
    diagnostics,
    locator,
    itemSpan,
    itemAt,
  };
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return analysis;
}
