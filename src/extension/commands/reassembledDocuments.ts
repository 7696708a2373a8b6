// The read-only Markdown documents of scheme `fixture-lens-reassembled`: one per source fixture, named
// after it, rendered from the shared analysis and refreshed when the source changes.
import * as vscode from 'vscode';
import { FixtureDocuments } from '../fixtureDocuments';
import { basename } from '../paths';
import { openDocument } from './activeFixture';
import { reassembledMarkdown } from './reassembledMarkdown';

export const REASSEMBLED_SCHEME = 'fixture-lens-reassembled';

const REFRESH_DELAY_MS = 300;

/** The source's URI travels in the query; the path only names the tab and makes the language Markdown. */
export function reassembledUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: REASSEMBLED_SCHEME, path: `/${basename(source.path)} (reassembled).md`, query: source.toString() });
}

export function sourceOf(reassembled: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(reassembled.query, true);
}

export class ReassembledDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly documents: FixtureDocuments) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      const source = e.document.uri.toString();
      for (const d of vscode.workspace.textDocuments) {
        if (d.uri.scheme === REASSEMBLED_SCHEME && d.uri.query === source) this.refreshSoon(d.uri);
      }
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = sourceOf(uri);
    let document = openDocument(source);
    try {
      document ??= await vscode.workspace.openTextDocument(source);
    } catch (e) {
      return `# Reassembled message\n\nThe fixture ${source.toString()} cannot be read: ${e instanceof Error ? e.message : String(e)}\n`;
    }
    return reassembledMarkdown(basename(source.path), this.documents.analyze(document));
  }

  /** Re-renders after the source's edits pause, like the diagnostics do. */
  private refreshSoon(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.changed.fire(uri);
      }, REFRESH_DELAY_MS),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
