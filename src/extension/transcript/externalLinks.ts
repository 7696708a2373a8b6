// Opens a link from the transcript outside VS Code, only after the user clicked it and only when the link policy
// allows it: the webview itself never navigates or loads anything a fixture names.
import * as vscode from 'vscode';
import { openableUrl } from './linkPolicy';

export async function openExternalLink(url: string): Promise<boolean> {
  const safe = openableUrl(url);
  if (safe === undefined) {
    void vscode.window.showWarningMessage('Fixture Lens does not open this link: only http, https and mailto links are opened.');
    return false;
  }
  // VS Code asks the user before opening a domain they have not trusted.
  return vscode.env.openExternal(vscode.Uri.parse(safe, true));
}
