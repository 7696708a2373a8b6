// Deleting the recordings the audit says nothing will ever read: after a confirmation that lists them, in one
// WorkspaceEdit, so Undo brings them back.
import * as vscode from 'vscode';
import type { AuditDiagnostics } from './auditDiagnostics';

export const DELETE_RECORDINGS_COMMAND = 'fixtureLens.deleteRecordings';
const LISTED = 30;

/** Asks before deleting; resolves true to go on. */
export type DeleteConfirmation = (uris: readonly vscode.Uri[]) => Thenable<boolean>;

export const confirmWithModal: DeleteConfirmation = async (uris) => {
  const names = uris.slice(0, LISTED).map((u) => vscode.workspace.asRelativePath(u));
  const more = uris.length > LISTED ? `\n… and ${uris.length - LISTED} more` : '';
  const title = uris.length === 1 ? 'Delete this recording? Replay never reads it.' : `Delete these ${uris.length} recordings? Replay never reads them.`;
  const choice = await vscode.window.showWarningMessage(title, { modal: true, detail: `${names.join('\n')}${more}\n\nEdit > Undo brings them back.` }, 'Delete');
  return choice === 'Delete';
};

/** Deletes the files (those that still exist) once confirmed; returns how many went. */
export async function deleteRecordings(uris: readonly vscode.Uri[], audits: AuditDiagnostics, confirm: DeleteConfirmation = confirmWithModal): Promise<number> {
  const unique = [...new Map(uris.map((u) => [u.toString(), u])).values()];
  if (unique.length === 0 || !(await confirm(unique))) return 0;
  const edit = new vscode.WorkspaceEdit();
  for (const uri of unique) edit.deleteFile(uri, { ignoreIfNotExists: true });
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: false });
  if (!applied) {
    void vscode.window.showErrorMessage('The recordings could not be deleted.');
    return 0;
  }
  audits.forget(unique);
  return unique.length;
}
