// What the extension suites read back from a real VS Code: Fixture Lens's published diagnostics as comparable
// tuples, a poll for them to settle, and a hover's Markdown as text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const SOURCE = 'Fixture Lens';
const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** [code, severity, startLine, startCharacter, endLine, endCharacter]: 0-based, as vscode.Range has them. */
export type Shape = [string, string, number, number, number, number];

export function shapes(uri: vscode.Uri): Shape[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .map((d) => [String(d.code), SEVERITY[d.severity] ?? '?', d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
}

/** Asks until `done` holds or the time is up, and returns the last answer either way. */
export async function poll<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the file's Fixture Lens diagnostics are exactly `expected` (or times out and shows the difference). */
export async function expectDiagnostics(uri: vscode.Uri, expected: Shape[], timeoutMs?: number): Promise<void> {
  const actual = await poll(() => shapes(uri), (s) => JSON.stringify(s) === JSON.stringify(expected), timeoutMs);
  assert.deepEqual(actual, expected, `diagnostics of ${uri.path}`);
}

export function hoverText(hovers: readonly vscode.Hover[]): string[] {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')));
}
