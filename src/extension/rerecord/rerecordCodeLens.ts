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
  private readonly trust: vscode.Disposable;

  constructor(private readonly documents: FixtureDocuments) {
    this.trust = vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || !isFixtureDocument(document)) return [];
    const analysis = this.documents.analyze(document);
    const span = analysis.locator.keySpan(['response']);
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
    this.trust.dispose();
    this.changed.dispose();
  }
}
