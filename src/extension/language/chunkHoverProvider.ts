// Hover on a response item of a fixture: the chunk's place in the stream, its delta, the text so far
// and its problems explained. Elsewhere in the file, the problems under the cursor explained.
import * as vscode from 'vscode';
import type { ExchangeAnalysis, FixtureDiagnostic, Span } from '../../core';
import { FixtureDocuments, toRange } from '../fixtureDocuments';
import { chunkHoverText, problemsText, type HoverSubject } from './chunkHoverText';
import { isFixtureDocument } from './fixtureSelector';

export class ChunkHoverProvider implements vscode.HoverProvider {
  constructor(private readonly documents: FixtureDocuments) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isFixtureDocument(document)) return undefined;
    const analysis = this.documents.analyze(document);
    const offset = document.offsetAt(position);
    const exchangeIndex = analysis.exchangeAt(offset);
    const exchange = exchangeIndex === undefined ? undefined : analysis.exchanges[exchangeIndex];
    const item = exchange?.itemAt(offset);
    const itemSpan = item === undefined ? undefined : exchange?.itemSpan(item);
    if (exchange && item !== undefined && itemSpan) {
      const mine = (d: FixtureDiagnostic): boolean => d.exchange === undefined || d.exchange === exchange.index;
      const problems = analysis.diagnostics.filter((d) => mine(d) && (d.item === item || (d.item === undefined && within(d.span, itemSpan))));
      const subject = { ...pick(exchange), exchangeCount: analysis.exchanges.length, unit: analysis.format === 'ogx' ? ('chunk' as const) : ('event' as const) };
      return new vscode.Hover(untrusted(chunkHoverText(subject, item, problems)), toRange(document, itemSpan));
    }
    const here = analysis.diagnostics.filter((d) => d.span.start <= offset && offset < Math.max(d.span.end, d.span.start + 1));
    if (here.length === 0) return undefined;
    return new vscode.Hover(untrusted(problemsText(here)), toRange(document, union(here)));
  }
}

function pick(e: ExchangeAnalysis): Omit<HoverSubject, 'exchangeCount' | 'unit'> {
  return { rows: e.rows, reassembly: e.reassembly, items: e.items, itemPath: e.itemPath, dialect: e.dialect, streaming: e.streaming, index: e.index };
}

/** Fixture text is data: no command links, no HTML. */
function untrusted(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function union(diagnostics: readonly FixtureDiagnostic[]): Span {
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const d of diagnostics) {
    start = Math.min(start, d.span.start);
    end = Math.max(end, d.span.end);
  }
  return { start, end };
}
