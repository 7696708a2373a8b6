// "3 recordings" above each `def test_…` of a Python test that has recordings or cassettes; the lens opens a
// Quick Pick of them. The counts come from the workspace's recording index, so lenses appear once it is read.
import * as vscode from 'vscode';
import { indexPythonTests } from '../../core/audit';
import type { RecordingIndex } from './recordingIndex';

export const SHOW_TEST_RECORDINGS_COMMAND = 'fixtureLens.showTestRecordings';
export const PYTHON_TESTS: vscode.DocumentSelector = [{ language: 'python', pattern: '**/{test_*,*_test}.py' }];

export class TestRecordingsCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly index: RecordingIndex) {
    this.subscription = index.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return [];
    // The first ask starts the scan; its end fires onDidChange, and VS Code asks again.
    void this.index.ready();
    const file = vscode.workspace.asRelativePath(document.uri, false).replace(/\\/g, '/');
    const lenses: vscode.CodeLens[] = [];
    for (const defs of indexPythonTests(document.getText()).defs.values()) {
      for (const def of defs) {
        if (!def.name.startsWith('test')) continue;
        const recordings = this.index.ofTest(folder, file, def.className, def.name);
        if (recordings.length === 0) continue;
        const title = `${recordings.length} recording${recordings.length === 1 ? '' : 's'}`;
        const name = def.className === null ? def.name : `${def.className}.${def.name}`;
        const line = new vscode.Range(def.line, 0, def.line, 0);
        lenses.push(new vscode.CodeLens(line, { title, tooltip: `The recordings and cassettes of ${name}`, command: SHOW_TEST_RECORDINGS_COMMAND, arguments: [recordings.map((r) => r.uri), name] }));
      }
    }
    return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
