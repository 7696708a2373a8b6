// The transcript webview.
document.body.textContent = '';
