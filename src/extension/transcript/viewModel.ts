// Builds the transcript the webview shows from a FixtureAnalysis: plain protocol data, no vscode, so it is unit-tested
// in Node. The summary goes first; timeline rows are cut into pages on request, so 55,000 chunks never travel at once.
import type { FixtureAnalysis, Position, Severity } from '../../core';
import type { ProblemView, RowView, Transcript } from '../../shared/protocol';
import { requestView } from './requestView';
import { responseView } from './responseView';

/** Problems listed at the top; a file with more says how many there are in all. */
export const PROBLEM_LIMIT = 500;
/** Characters of a chunk's text in one timeline row: a row is one line tall. */
export const ROW_TEXT_LIMIT = 240;

export interface TranscriptOptions {
  readonly fileName: string;
  readonly readOnly: boolean;
  /** Offset → 0-based line/character, from the document (or a LineIndex over the text read from disk). */
  readonly positionAt: (offset: number) => Position;
}

export function buildTranscript(analysis: FixtureAnalysis, options: TranscriptOptions): Transcript {
  const problems: ProblemView[] = analysis.diagnostics.slice(0, PROBLEM_LIMIT).map((d) => {
    const at = options.positionAt(d.span.start);
    return { severity: d.severity, code: d.code, message: d.message, line: at.line + 1, column: at.character + 1, item: d.item ?? null };
  });
  return {
    fileName: options.fileName,
    readOnly: options.readOnly,
    request: requestView(analysis.request),
    response: responseView(analysis),
    problems,
    problemCount: analysis.diagnostics.length,
    rowCount: analysis.rows.length,
  };
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** The worst severity per response item, for the timeline's problem markers. */
export function itemSeverities(analysis: FixtureAnalysis): ReadonlyMap<number, Severity> {
  const worst = new Map<number, Severity>();
  for (const d of analysis.diagnostics) {
    if (d.item === undefined) continue;
    const seen = worst.get(d.item);
    if (seen === undefined || RANK[d.severity] > RANK[seen]) worst.set(d.item, d.severity);
  }
  return worst;
}

function cut(s: string): string {
  return s.length > ROW_TEXT_LIMIT ? `${s.slice(0, ROW_TEXT_LIMIT)}…` : s;
}

/** Timeline rows [start, start + count), clamped to the rows there are. */
export function rowsPage(analysis: FixtureAnalysis, severities: ReadonlyMap<number, Severity>, start: number, count: number): RowView[] {
  return analysis.rows.slice(start, start + count).map((r) => ({
    item: r.item,
    choice: r.choice,
    content: cut(r.content),
    reasoning: cut(r.reasoning),
    refusal: cut(r.refusal),
    tool: cut(r.tool),
    finishReason: r.finishReason,
    usage: r.usage,
    severity: severities.get(r.item) ?? null,
  }));
}
