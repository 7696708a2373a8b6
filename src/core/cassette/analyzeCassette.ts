// A cassette's analysis: every exchange's bodies decoded (bodies/), its dialect told from the request, its
// answer reassembled by the same accumulator as OGX's (dialects/, reassemble.ts), and the checks that apply to
// raw HTTP: undecodable bodies, events that are not JSON, streams cut off, bad tool arguments, credentials.
import type { ExchangeAnalysis, FixtureAnalysis, TextLocator } from '../analysis';
import type { Fixture } from '../containers/types';
import type { FixtureDiagnostic, Span } from '../diagnostic';
import type { AnalyzeOptions } from '../ogx/analyzeRecording';
import { findSecrets } from '../secrets';
import { analyzeExchange } from './analyzeExchange';
import { headerSecrets } from './headerSecrets';
import { isLlmDialect } from './llmDialects';

export function analyzeCassette(text: string, fixture: Fixture, options: AnalyzeOptions = {}): FixtureAnalysis {
  const diagnostics: FixtureDiagnostic[] = [...(options.prior ?? []), ...fixture.diagnostics];
  const exchanges: ExchangeAnalysis[] = fixture.exchanges.map((e) => analyzeExchange(fixture, e, diagnostics));

  const locator: TextLocator = {
    locate(path) {
      const span = fixture.locate(path);
      return span ? { span, depth: path.length } : undefined;
    },
    keySpan: () => undefined,
    pathAt: (offset) => fixture.pathAt?.(offset),
  };
  for (const e of fixture.exchanges) diagnostics.push(...headerSecrets(text, fixture, e));
  // Keys pasted anywhere (a body, a URL, a header the recorder did not name as one): the same scan as OGX files.
  for (const d of findSecrets(text, undefined, locator)) {
    if (diagnostics.some((o) => o.code === 'secret-in-fixture' && o.span.start <= d.span.start && o.span.end >= d.span.end)) continue;
    const exchange = exchangeIndexAt(exchanges, d.span.start);
    diagnostics.push(exchange === undefined ? d : { ...d, exchange });
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

  // The file's own dialect and answer are its first LLM exchange's: an agent run's OAuth or telemetry call is not what the file is about.
  const primary = exchanges.find((e) => isLlmDialect(e.dialect)) ?? exchanges[0];
  const empty = { dialect: 'unknown' as const, streaming: false, model: null, chunkCount: 0, choices: [], usage: null, error: null };
  return {
    format: fixture.format,
    value: fixture.value,
    complete: !fixture.diagnostics.some((d) => d.code === 'yaml-syntax' || d.code === 'json-syntax'),
    exchanges,
    diagnostics,
    locator,
    exchangeAt: (offset) => exchangeIndexAt(exchanges, offset),
    dialect: primary?.dialect ?? 'unknown',
    streaming: primary?.streaming ?? false,
    request: primary?.request,
    response: undefined,
    items: primary?.items ?? [],
    itemPath: (i) => primary?.itemPath(i) ?? [],
    reassembly: primary?.reassembly ?? empty,
    rows: primary?.rows ?? [],
    itemSpan: (i) => primary?.itemSpan(i),
    itemAt: (offset) => primary?.itemAt(offset),
  };
}

function exchangeIndexAt(exchanges: readonly ExchangeAnalysis[], offset: number): number | undefined {
  for (const e of exchanges) {
    const s: Span | undefined = e.span;
    if (s && offset >= s.start && offset <= s.end) return e.index;
  }
  return undefined;
}
