// "Fixture Lens: Validate Fixture": validates the active fixture now (no edit delay) and shows the
// Problems panel, or says there are none.
import * as vscode from 'vscode';
import { FLUSH_DIAGNOSTICS_COMMAND } from '../language/internalCommands';
import { basename } from '../paths';
import { activeFixtureDocument, fixtureDocumentAt } from './activeFixture';

/** The number of problems found, or undefined when there was no fixture to validate. */
export async function validateFixture(target?: vscode.Uri): Promise<number | undefined> {
  const document = target instanceof vscode.Uri ? await fixtureDocumentAt(target) : await activeFixtureDocument();
  if (!document) {
    void vscode.window.showWarningMessage('Validate Fixture works on a fixture: open a recording (a JSON file with "request" and "response") first.');
    return undefined;
  }
  // The live diagnostics own the document's problems; this only skips their delay.
  const problems = await vscode.commands.executeCommand<number | undefined>(FLUSH_DIAGNOSTICS_COMMAND, document.uri);
  // The view's focus command, not workbench.actions.view.problems: that one toggles, closing the panel
  // when the Problems view already has focus.
  await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
  if (problems === 0) void vscode.window.showInformationMessage(`No problems in ${basename(document.uri.path)}`);
  return problems;
}
