// The status bar entry for the active fixture ("$(comment-discussion) openai-chat-stream · 31 chunks ·
// 0 problems", click to validate), hidden for anything else; it also keeps the `fixtureLens.isFixture`
// context key that the editor title buttons in package.json depend on.
import * as vscode from 'vscode';
import { timelineOf } from '../transcript/timelineRows';
import { activeDocumentUri, openDocument } from '../commands/activeFixture';
import { FixtureDocuments } from '../fixtureDocuments';
import { isFixtureDocument } from './fixtureSelector';
import type { LiveDiagnostics } from './liveDiagnostics';

export class FixtureStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fixtureLens.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];
  private isFixture: boolean | undefined;

  constructor(
    private readonly documents: FixtureDocuments,
    private readonly live: LiveDiagnostics,
  ) {
    this.item.name = 'Fixture Lens';
    this.item.command = 'fixtureLens.validateFixture';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.update()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.update()),
      // Counts change when the debounced validation publishes, not on every keystroke.
      live.onDidPublish((uri) => {
        if (uri.toString() === activeDocumentUri()?.toString()) this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const uri = activeDocumentUri();
    const document = uri && openDocument(uri);
    if (!document || !isFixtureDocument(document)) {
      this.item.hide();
      this.setIsFixture(false);
      return;
    }
    const analysis = this.documents.analyze(document);
    const problems = this.live.collection.get(document.uri)?.length ?? analysis.diagnostics.length;
    const parts = [`$(comment-discussion) ${analysis.dialect}`];
    if (analysis.format !== 'ogx') {
      // A cassette: its exchanges, and the primary answer's events when it streamed.
      if (analysis.exchanges.length > 1) parts.push(plural(analysis.exchanges.length, 'exchange'));
      const primary = analysis.exchanges.find((e) => e.dialect === analysis.dialect);
      if (primary?.streaming) parts.push(plural(primary.items.length, 'event'));
    } else if (Array.isArray(analysis.response?.['body'])) {
      // Raw SSE lines count as the events they make up, as the transcript's timeline counts them.
      const primary = analysis.exchanges[0];
      const timeline = primary ? timelineOf(primary, analysis.format) : undefined;
      const unit = timeline?.unit === 'event' ? 'event' : analysis.streaming ? 'chunk' : 'item';
      parts.push(plural(timeline?.rowCount ?? analysis.items.length, unit));
    }
    parts.push(plural(problems, 'problem'));
    this.item.text = parts.join(' · ');
    this.item.tooltip = `Fixture Lens: ${plural(problems, 'problem')} in this fixture. Click to validate it and open the Problems panel.`;
    this.item.show();
    this.setIsFixture(true);
  }

  private setIsFixture(value: boolean): void {
    if (this.isFixture === value) return;
    this.isFixture = value;
    void vscode.commands.executeCommand('setContext', 'fixtureLens.isFixture', value);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
