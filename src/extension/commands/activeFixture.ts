// The fixture the user is looking at: the active tab's document, whether it shows as text or in the
// transcript custom editor (which has no TextEditor, only a tab whose input names the file).
import * as vscode from 'vscode';
import { isFixtureDocument } from '../language/fixtureSelector';

export function activeDocumentUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  return vscode.window.activeTextEditor?.document.uri;
}

/** An already open document, without opening anything. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** The active fixture's document, opened if a custom editor holds it but its TextDocument is gone. */
export async function activeFixtureDocument(): Promise<vscode.TextDocument | undefined> {
  const uri = activeDocumentUri();
  return uri ? fixtureDocumentAt(uri) : undefined;
}

export async function fixtureDocumentAt(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  let document = openDocument(uri);
  if (!document) {
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      return undefined;
    }
  }
  return isFixtureDocument(document) ? document : undefined;
}
