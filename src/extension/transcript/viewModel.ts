// Builds the transcript the webview shows from a FixtureAnalysis: plain protocol data, no vscode, so it is unit-tested
// in Node. The header, the exchange list, the conversation and the problems go first; timeline rows are cut into
// pages on request, so 55,000 chunks never travel at once. What the webview may ask to copy or reveal stays here.
import type { FixtureAnalysis, FixtureDiagnostic, Position } from '../../core';
import type { ExchangeSummary, ProblemView, Transcript } from '../../shared/protocol';
import { conversation, type MessageSource } from './conversation';
import { headerView, primaryExchange } from './headerView';
import { hasTimeline, type Timeline } from './timelineRows';

/** Problems listed at the top; a file with more says how many there are in all. */
export const PROBLEM_LIMIT = 500;

export interface TranscriptOptions {
  readonly fileName: string;
  readonly readOnly: boolean;
  /** Offset → 0-based line/character, from the document (or a LineIndex over the text read from disk). */
  readonly positionAt: (offset: number) => Position;
}

export interface TranscriptModel {
  readonly transcript: Transcript;
  /** By message id: what "Copy" and "Reveal in JSON" act on. */
  readonly sources: readonly MessageSource[];
  /** By exchange: how its timeline groups the response items into rows. */
  readonly timelines: readonly Timeline[];
}

export function buildTranscript(analysis: FixtureAnalysis, options: TranscriptOptions): TranscriptModel {
  const { turns, sources, timelines } = conversation(analysis);
  const problemCounts = new Map<number, number>();
  for (const d of analysis.diagnostics) problemCounts.set(d.exchange ?? 0, (problemCounts.get(d.exchange ?? 0) ?? 0) + 1);
  const exchanges: ExchangeSummary[] = analysis.exchanges.map((e, i) => {
    const timeline = timelines[i] as Timeline;
    return {
      index: e.index,
      method: e.method,
      url: e.url,
      status: e.status,
      dialect: e.dialect,
      model: e.reassembly.model ?? modelOf(e.request),
      streaming: e.streaming,
      llm: e.dialect !== 'http',
      rowCount: hasTimeline(e) ? timeline.rowCount : 0,
      unit: timeline.unit,
      problemCount: problemCounts.get(e.index) ?? 0,
    };
  });
  const primary = primaryExchange(analysis);
  const problems = analysis.diagnostics.slice(0, PROBLEM_LIMIT).map((d) => problemView(d, options, timelines));
  const transcript: Transcript = {
    fileName: options.fileName,
    readOnly: options.readOnly,
    header: headerView(analysis, primary),
    exchanges,
    primary,
    turns,
    problems,
    problemCount: analysis.diagnostics.length,
  };
  return { transcript, sources, timelines };
}

function problemView(d: FixtureDiagnostic, options: TranscriptOptions, timelines: readonly Timeline[]): ProblemView {
  const at = options.positionAt(d.span.start);
  const exchange = d.exchange ?? 0;
  const timeline = timelines[exchange];
  const related = (d.related ?? []).map((r) => {
    const p = options.positionAt(r.span.start);
    return { message: r.message, line: p.line + 1, column: p.character + 1 };
  });
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    line: at.line + 1,
    column: at.character + 1,
    item: d.item ?? null,
    exchange: d.exchange ?? null,
    chunk: d.item === undefined || !timeline ? null : timeline.rowOf(d.item) + 1,
    related,
  };
}

function modelOf(request: Readonly<Record<string, unknown>> | undefined): string | null {
  const body = request?.['body'] ?? request?.['payload'];
  const model = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Readonly<Record<string, unknown>>)['model'] : undefined;
  return typeof model === 'string' ? model : null;
}
