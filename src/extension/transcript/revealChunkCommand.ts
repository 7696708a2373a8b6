// "Reveal Chunk": response item N of a fixture, selected in a text editor beside the one showing it.
import * as vscode from 'vscode';
import type { FixtureDocuments } from '../fixtureDocuments';
import { itemSpan, openFixtureText, revealSpan } from './revealInText';
import type { TranscriptRegistry } from './transcriptRegistry';

/** Arguments: (uri, item index); the uri defaults to the active transcript or text editor. Resolves to the editor shown. */
export async function revealChunk(documents: FixtureDocuments, registry: TranscriptRegistry, uriArg?: unknown, itemArg?: unknown): Promise<vscode.TextEditor | undefined> {
  const uri = uriArg instanceof vscode.Uri ? uriArg : typeof uriArg === 'string' ? vscode.Uri.parse(uriArg, true) : (registry.activeUri() ?? vscode.window.activeTextEditor?.document.uri);
  if (!uri) return undefined;
  let item = typeof itemArg === 'number' ? itemArg : undefined;
  if (item === undefined) {
    const input = await vscode.window.showInputBox({ prompt: 'Index of the response item (chunk) to reveal', validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A chunk index: 0, 1, 2, …') });
    if (input === undefined) return undefined;
    item = Number(input.trim());
  }
  const document = await openFixtureText(uri);
  if (!document) return undefined;
  const span = itemSpan(documents.analyze(document), item);
  if (!span) {
    void vscode.window.showWarningMessage(`The fixture has no response item ${item}.`);
    return undefined;
  }
  return revealSpan(document, span);
}
