// Hover on a response item of a fixture: the chunk's place in the stream, its delta, the text so far
// and its problems explained. Elsewhere in the file, the problems under the cursor explained.
import * as vscode from 'vscode';
import type { FixtureDiagnostic, Span } from '../../core';
import { FixtureDocuments, toRange } from '../fixtureDocuments';
import { chunkHoverText, problemsText } from './chunkHoverText';
import { isFixtureDocument } from './fixtureSelector';

export class ChunkHoverProvider implements vscode.HoverProvider {
  constructor(private readonly documents: FixtureDocuments) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isFixtureDocument(document)) return undefined;
    const analysis = this.documents.analyze(document);
    const offset = document.offsetAt(position);
    const item = analysis.itemAt(offset);
    const itemSpan = item === undefined ? undefined : analysis.itemSpan(item);
    if (item !== undefined && itemSpan) {
      const problems = analysis.diagnostics.filter((d) => d.item === item || (d.item === undefined && within(d.span, itemSpan)));
      return new vscode.Hover(untrusted(chunkHoverText(analysis, item, problems)), toRange(document, itemSpan));
    }
    const here = analysis.diagnostics.filter((d) => d.span.start <= offset && offset < Math.max(d.span.end, d.span.start + 1));
    if (here.length === 0) return undefined;
    return new vscode.Hover(untrusted(problemsText(here)), toRange(document, union(here)));
  }
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
