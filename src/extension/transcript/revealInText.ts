// Shows a span of a fixture in a text editor beside the transcript, selected and scrolled into view.
import * as vscode from 'vscode';
import type { FixtureAnalysis, Span } from '../../core';
import { toRange } from '../fixtureDocuments';

/** Opens the text document, or explains why it cannot (VS Code does not open files over 50 MB as text for extensions). */
export async function openFixtureText(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showWarningMessage(`Fixture Lens cannot open ${uri.path.split('/').pop() ?? uri.toString()} as text: ${reason}`);
    return undefined;
  }
}

export async function revealSpan(document: vscode.TextDocument, span: Span): Promise<vscode.TextEditor> {
  const range = toRange(document, span);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Selection(range.start, range.end) });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** The span of response item `item`, or undefined when the fixture has no such item. */
export function itemSpan(analysis: FixtureAnalysis, item: number): Span | undefined {
  return Number.isInteger(item) ? analysis.itemSpan(item) : undefined;
}
