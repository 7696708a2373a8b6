// Extension-test hook: activates Fixture Lens and turns auto-save off for the suite.
import * as vscode from 'vscode';

/**
 * VS Code for the Web saves after a second by default: an edit made by a test would reach the file on
 * disk, and every later test (and the workspace counts) would see it. Call inside a `describe`.
 */
export function activateWithAutoSaveOff(): void {
  let autoSave: unknown;
  before(async () => {
    await vscode.extensions.getExtension('fixture-lens.fixture-lens')?.activate();
    const files = vscode.workspace.getConfiguration('files');
    autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  });
}
