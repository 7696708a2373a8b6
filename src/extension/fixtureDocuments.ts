// The one place the extension turns a TextDocument into a FixtureAnalysis: cached per document
// version so the diagnostics, hovers, status bar, transcript and commands never analyze the same
// text twice, and dropped when the document closes.
import * as vscode from 'vscode';
import { analyzeFixture, type FixtureAnalysis, type Span } from '../core';
import { looksLikeFixturePath, looksLikeFixtureText } from './fixtureHeuristics';
import { FIXTURE_LANGUAGES } from './fixtureLanguages';
import { basename } from './paths';

export { looksLikeFixturePath, looksLikeFixtureText };

export class FixtureDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; analysis: FixtureAnalysis; ms: number }>();
  private readonly subscription: vscode.Disposable;
  private readonly analyzed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document version was analyzed for the first time. */
  readonly onDidAnalyze = this.analyzed.event;

  constructor() {
    this.subscription = vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString()));
  }

  /**
   * Whether a document is worth analyzing: JSON or plain text that is in a folder recorders write to
   * (there even an empty or broken file is a broken fixture), or whose first characters are those of a
   * recording or a cassette of any format (YAML only by its text).
   */
  static looksLikeFixture(document: vscode.TextDocument): boolean {
    if (!FIXTURE_LANGUAGES.includes(document.languageId)) return false;
    // A YAML file is a cassette by what it holds: fixture folders also keep other tools' YAML (configs, factories).
    if (document.languageId === 'yaml') return looksLikeFixtureText(document.getText());
    return looksLikeFixturePath(document.uri.path) || looksLikeFixtureText(document.getText());
  }

  analyze(document: vscode.TextDocument): FixtureAnalysis {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.analysis;
    const started = performance.now();
    const analysis = analyzeFixture(document.getText(), { fileName: basename(document.uri.path) });
    this.cache.set(key, { version: document.version, analysis, ms: performance.now() - started });
    this.analyzed.fire(document.uri);
    return analysis;
  }

  /**
   * The newest analysis made of the document, of whatever version: for features that must answer at once and can
   * check what they take from it against the current text (analyzing a 45 MB fixture takes about a second).
   */
  latest(document: vscode.TextDocument): { readonly version: number; readonly analysis: FixtureAnalysis; readonly ms: number } | undefined {
    return this.cache.get(document.uri.toString());
  }

  dispose(): void {
    this.subscription.dispose();
    this.analyzed.dispose();
    this.cache.clear();
  }
}

export function toRange(document: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}
