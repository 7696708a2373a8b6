// The diff webview's one HTML page: the transcript's page (strict CSP, scripts by nonce, assets from dist/webview)
// with the diff's script and stylesheet. Set once per panel; the diff itself arrives as data.
import type * as vscode from 'vscode';
import { webviewPageHtml } from '../transcript/webviewHtml';

export function diffHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPageHtml(webview, extensionUri, { stylesheet: 'diff.css', script: 'diffView.js', title: 'Fixture Diff', appClass: 'diff-app', loading: 'Comparing…' });
}
