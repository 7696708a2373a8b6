// The transcript webview's Content-Security-Policy: nothing by default, scripts only by nonce, images only from the
// webview's own assets or inline data: URLs, so fixture content can neither run script nor reach the network.

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}
