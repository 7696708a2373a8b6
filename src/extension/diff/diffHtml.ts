// The diff webview's one HTML page: the transcript's strict CSP (nothing by default, scripts by nonce), its script
// and stylesheet from dist/webview. Set once per panel; the diff itself arrives as data.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { contentSecurityPolicy } from '../transcript/contentSecurityPolicy';
import { webviewRoot } from '../transcript/webviewHtml';

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function diffHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const root = webviewRoot(extensionUri);
  const asset = (name: string): string => attr(webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString());
  const nonce = randomBytes(18).toString('base64');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset('diff.css')}">
<title>Fixture Diff</title>
</head>
<body>
<div id="app" class="diff-app" aria-busy="true"><p class="loading">Comparing…</p></div>
<script nonce="${attr(nonce)}" src="${asset('diffView.js')}"></script>
</body>
</html>`;
}
