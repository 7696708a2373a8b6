// "Fixture Lens: Copy Reassembled Message": copies the reassembled document (the editor title button of
// a `fixture-lens-reassembled` document passes its URI) to the clipboard, exactly as shown.
import * as vscode from 'vscode';
import { openDocument } from './activeFixture';
import { REASSEMBLED_SCHEME } from './reassembledDocuments';

export async function copyReassembled(target?: vscode.Uri): Promise<boolean> {
  const uri = target instanceof vscode.Uri && target.scheme === REASSEMBLED_SCHEME ? target : activeReassembledUri();
  if (!uri) {
    void vscode.window.showWarningMessage('Run "Fixture Lens: Reassemble Stream" first: there is no reassembled message to copy.');
    return false;
  }
  const document = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
  await vscode.env.clipboard.writeText(document.getText());
  void vscode.window.setStatusBarMessage('Reassembled message copied to the clipboard', 3000);
  return true;
}

function activeReassembledUri(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === REASSEMBLED_SCHEME ? uri : undefined;
}
