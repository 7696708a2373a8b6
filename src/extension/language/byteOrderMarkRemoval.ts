// Removes a UTF-8 byte order mark that exists only on disk: VS Code hides it from the text, so no text
// edit can reach it. The file is rewritten without its first three bytes and the open document reloaded
// from disk as UTF-8, so a later save does not write the mark back.
import * as vscode from 'vscode';
import { basename } from '../paths';
import { startsWithByteOrderMark } from './fileByteFacts';
import type { LiveDiagnostics } from './liveDiagnostics';

export async function removeByteOrderMark(uri: vscode.Uri, live: LiveDiagnostics): Promise<boolean> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document?.isDirty) {
    // Rewriting the file under unsaved edits would lose either the edits or the fix.
    void vscode.window.showWarningMessage(`Save ${basename(uri.path)} first, then remove the byte order mark.`);
    return false;
  }
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (!startsWithByteOrderMark(bytes)) return false;
  await vscode.workspace.fs.writeFile(uri, bytes.subarray(3));
  // VS Code reloads an unmodified document only when its file watcher reports the change; a save before
  // that fails as a conflict, or, forced, writes the mark back. Reverting the (unmodified) active editor
  // reloads it now, and the reload detects the file as plain UTF-8.
  if (document && vscode.window.activeTextEditor?.document === document && !document.isDirty) {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  if (document) await live.refreshByteFacts(document);
  return true;
}
