// "Fixture Lens: Reassemble Stream": the active fixture's answer, put back together, in a read-only
// Markdown document beside it.
import * as vscode from 'vscode';
import { basename } from '../paths';
import { activeFixtureDocument, fixtureDocumentAt } from './activeFixture';
import { reassembledUri } from './reassembledDocuments';

/** `target` is a fixture's URI when called from code (tests, other commands); else the active fixture. */
export async function reassembleStream(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const document = target instanceof vscode.Uri ? await fixtureDocumentAt(target) : await activeFixtureDocument();
  if (!document) {
    void vscode.window.showWarningMessage('Reassemble Stream works on a fixture: open a recording (a JSON file with "request" and "response") first.');
    return undefined;
  }
  const uri = reassembledUri(document.uri);
  const reassembled = await vscode.workspace.openTextDocument(uri);
  if (reassembled.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(reassembled, 'markdown');
  await vscode.window.showTextDocument(reassembled, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  void vscode.window.setStatusBarMessage(`Reassembled ${basename(document.uri.path)}`, 3000);
  return uri;
}
