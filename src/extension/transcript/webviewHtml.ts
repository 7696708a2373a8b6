// The transcript webview's one HTML page: a strict CSP (scripts by nonce only, images only from the webview's own
// assets or data: URLs, no network), assets from dist/webview via asWebviewUri. Set once per panel, never rebuilt.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { contentSecurityPolicy } from './contentSecurityPolicy';

/** The only folder the webview may load from: the built script, the stylesheet and the codicon font. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  // No enableCommandUris: a link in a fixture must never run a command.
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

/** HTML attribute escaping for the few host-made values put into the page (URIs, the nonce): never fixture text. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What differs between this extension's webview pages: their assets, title and the text shown until the data arrives. */
export interface WebviewPage {
  readonly stylesheet: string;
  readonly script: string;
  readonly title: string;
  readonly appClass: string;
  readonly loading: string;
}

/** One HTML page under the strict CSP, its assets from dist/webview; the content arrives as data, never as HTML. */
export function webviewPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const root = webviewRoot(extensionUri);
  const asset = (name: string): string => attr(webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString());
  // A fresh nonce per page from a CSPRNG, so no script but ours can run.
  const nonce = randomBytes(18).toString('base64');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset(page.stylesheet)}">
<title>${attr(page.title)}</title>
</head>
<body>
<div id="app" class="${attr(page.appClass)}" aria-busy="true"><p class="loading">${attr(page.loading)}</p></div>
<script nonce="${attr(nonce)}" src="${asset(page.script)}"></script>
</body>
</html>`;
}

export function transcriptHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPageHtml(webview, extensionUri, { stylesheet: 'transcript.css', script: 'webview.js', title: 'Fixture Transcript', appClass: 'app', loading: 'Reading the fixture…' });
}
