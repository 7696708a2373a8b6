// The "Fixture Lens (workspace)" collection: results of "Validate All Fixtures in Workspace" for files
// that are not open. An open document's problems belong to the live collection, which follows unsaved
// edits, so the two never list the same file twice: a file's workspace entry is dropped when it opens
// and checked again from disk when it closes.
import * as vscode from 'vscode';
import { isLiveValidated } from '../language/fixtureSelector';
import { openDocument } from './activeFixture';
import { checkFixtureFile } from './workspaceValidation';

export class WorkspaceDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('Fixture Lens (workspace)');
  /** Every fixture the last run checked, open or not, so a file closed later gets its result back. */
  private readonly checked = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (isLiveValidated(d)) this.collection.delete(d.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.checked.has(d.uri.toString())) void this.recheck(d.uri);
      }),
      vscode.workspace.onDidDeleteFiles((e) => {
        for (const uri of e.files) this.forget(uri);
      }),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const { oldUri } of e.files) this.forget(oldUri);
      }),
    ];
  }

  /** Starts a new run: the previous run's results are dropped, not mixed with the new ones. */
  clear(): void {
    this.collection.clear();
    this.checked.clear();
  }

  publish(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    this.checked.add(uri.toString());
    const open = openDocument(uri);
    if (open && isLiveValidated(open)) return;
    // A clean file needs no entry: each set is a message to the workbench, and a run may cover thousands.
    if (diagnostics.length > 0) this.collection.set(uri, [...diagnostics]);
    else if (this.collection.has(uri)) this.collection.delete(uri);
  }

  private async recheck(uri: vscode.Uri): Promise<void> {
    const result = await checkFixtureFile(uri);
    if (result === undefined || !result.isFixture) this.forget(uri);
    else this.publish(uri, result.diagnostics);
  }

  private forget(uri: vscode.Uri): void {
    this.checked.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
