// The CodeLens over a fixture's "response" key: "Re-record" for the dialects re-recording supports,
// "Re-record via test run" when the fixture records its test_id. None in an untrusted workspace.
import * as vscode from 'vscode';
import { isRerecordable } from '../../core/rerecord';
import { asRecord } from '../../core/values';
import { toRange, type FixtureDocuments } from '../fixtureDocuments';
import { isFixtureDocument } from '../language/fixtureSelector';

export class RerecordCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable;
  /** Documents whose lenses came from an analysis of an older version. */
  private readonly servedStale = new Set<string>();

  constructor(private readonly documents: FixtureDocuments) {
    this.subscriptions = vscode.Disposable.from(
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      // Lenses served from an older analysis are refreshed once a current one exists (the debounced validation's,
      // usually); others are left alone, since a refresh re-lays out the editor and closes an open hover.
      documents.onDidAnalyze((uri) => {
        if (this.servedStale.delete(uri.toString())) this.changed.fire();
      }),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || !isFixtureDocument(document)) return [];
    // VS Code asks again after every edit. The last analysis serves while the "response" key is still where it
    // said (edits are mostly inside the body, after the key); the debounced validation refreshes the lenses.
    const latest = this.documents.latest(document);
    let analysis = latest?.analysis;
    let span = analysis?.locator.keySpan(['response']);
    if (!analysis || !span || (latest?.version !== document.version && document.getText(toRange(document, span)) !== '"response"')) {
      analysis = this.documents.analyze(document);
      span = analysis.locator.keySpan(['response']);
    } else if (latest?.version !== document.version) this.servedStale.add(document.uri.toString());
    if (!span) return [];
    const range = toRange(document, span);
    const lenses: vscode.CodeLens[] = [];
    if (isRerecordable(analysis.dialect)) {
      lenses.push(new vscode.CodeLens(range, { title: '$(record) Re-record', tooltip: 'Send the recorded request again and replace this response', command: 'fixtureLens.rerecord', arguments: [document.uri] }));
    }
    if (typeof asRecord(analysis.value)?.['test_id'] === 'string') {
      lenses.push(new vscode.CodeLens(range, { title: 'Re-record via test run', tooltip: 'Run this fixture\'s test in record mode (fixtureLens.rerecordCommand)', command: 'fixtureLens.rerecordViaTestRun', arguments: [document.uri] }));
    }
    return lenses;
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.changed.dispose();
  }
}
