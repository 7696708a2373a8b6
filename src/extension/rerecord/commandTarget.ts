// What the re-record commands act on: a Uri (editor title, CodeLens), an argument object
// ({ uri, approvedBaseUrl } from tests and keybindings), or else the active fixture.
import * as vscode from 'vscode';
import { activeFixtureDocument, fixtureDocumentAt } from '../commands/activeFixture';

export interface CommandTarget {
  readonly uri: vscode.Uri | undefined;
  /** A base URL the caller approves by naming it (skips the confirmation for exactly that one). */
  readonly approvedBaseUrl: string | undefined;
}

export function commandTarget(arg: unknown): CommandTarget {
  if (arg instanceof vscode.Uri) return { uri: arg, approvedBaseUrl: undefined };
  if (arg === null || typeof arg !== 'object') return { uri: undefined, approvedBaseUrl: undefined };
  const { uri, approvedBaseUrl } = arg as { uri?: unknown; approvedBaseUrl?: unknown };
  return {
    uri: uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined,
    approvedBaseUrl: typeof approvedBaseUrl === 'string' ? approvedBaseUrl : undefined,
  };
}

export function targetDocument(target: CommandTarget): Promise<vscode.TextDocument | undefined> {
  return target.uri ? fixtureDocumentAt(target.uri) : activeFixtureDocument();
}

/** The file name, for one-sentence messages. */
export function fileName(document: vscode.TextDocument): string {
  const path = document.uri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}
