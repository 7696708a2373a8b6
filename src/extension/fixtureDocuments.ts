// The one place the extension turns a TextDocument into a FixtureAnalysis: cached per document
// version so the diagnostics, hovers, status bar, transcript and commands never analyze the same
// text twice, and dropped when the document closes.
import * as vscode from 'vscode';
import { analyzeFixture, type FixtureAnalysis, type Span } from '../core';
import { basename } from './paths';

export class FixtureDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; analysis: FixtureAnalysis }>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString()));
  }

  /**
   * Whether a document is worth analyzing: JSON or plain text that is in a recordings/ or fixtures/
   * folder (there even an empty or broken file is a broken fixture), or whose text names a request or
   * a response at its top level.
   */
  static looksLikeFixture(document: vscode.TextDocument): boolean {
    if (!['json', 'jsonc', 'plaintext'].includes(document.languageId)) return false;
    return looksLikeFixturePath(document.uri.path) || looksLikeFixtureText(document.getText());
  }

  analyze(document: vscode.TextDocument): FixtureAnalysis {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.analysis;
    const analysis = analyzeFixture(document.getText(), { fileName: basename(document.uri.path) });
    this.cache.set(key, { version: document.version, analysis });
    return analysis;
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}

export function looksLikeFixtureText(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().replace(/^\uFEFF/, '');
  if (!head.startsWith('{')) return false;
  return text.includes('"response"') || text.includes('"request"');
}

/** Files under a `recordings` or `fixtures` folder are fixtures by where they are. */
export function looksLikeFixturePath(path: string): boolean {
  return /\/(recordings|fixtures)\//.test(path);
}

export function toRange(document: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}
