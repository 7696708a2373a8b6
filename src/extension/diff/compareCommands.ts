// The compare commands: with HEAD, with a revision picked from the file's recent commits, and two files selected
// in the explorer. Each takes what its menu passes (a Uri, a Source Control resource state, the explorer's
// selection) and returns the DiffView it showed, so tests and the transcript's button can call it.
import * as vscode from 'vscode';
import type { DiffView } from '../../shared/protocol';
import { basename } from '../paths';
import type { FixtureComparer } from './fixtureComparer';
import type { GitCommit } from './gitApi';

export const COMPARE_WITH_HEAD = 'fixtureLens.compareWithHead';
export const COMPARE_WITH_REVISION = 'fixtureLens.compareWithRevision';
export const COMPARE_SELECTED = 'fixtureLens.compareSelected';

/** Commits offered in the Quick Pick. */
const RECENT_COMMITS = 50;

/** A Uri from whatever a menu passes; the active editor's (text or custom) when nothing. */
export function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const state = arg as { resourceUri?: unknown } | undefined;
  if (state?.resourceUri instanceof vscode.Uri) return state.resourceUri;
  const editor = vscode.window.activeTextEditor?.document.uri;
  if (editor && editor.scheme === 'file') return editor;
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (tab instanceof vscode.TabInputCustom || tab instanceof vscode.TabInputText) return tab.uri;
  return undefined;
}

export function registerCompareCommands(comparer: FixtureComparer): vscode.Disposable[] {
  const noFile = (): undefined => {
    void vscode.window.showInformationMessage('Fixture Lens: open or select a fixture to compare.');
    return undefined;
  };
  return [
    vscode.commands.registerCommand(COMPARE_WITH_HEAD, async (arg?: unknown): Promise<DiffView | undefined> => {
      const uri = targetUri(arg);
      return uri ? comparer.compareWithRevision(uri, 'HEAD', 'HEAD') : noFile();
    }),
    // `ref` lets a caller (a test, another command) skip the Quick Pick.
    vscode.commands.registerCommand(COMPARE_WITH_REVISION, async (arg?: unknown, ref?: unknown): Promise<DiffView | undefined> => {
      const uri = targetUri(arg);
      if (!uri) return noFile();
      if (typeof ref === 'string') return comparer.compareWithRevision(uri, ref, ref.slice(0, 12));
      const found = await comparer.repository(uri);
      if (typeof found === 'string') {
        void vscode.window.showErrorMessage(found);
        return undefined;
      }
      let commits: GitCommit[];
      try {
        commits = await found.repository.log({ maxEntries: RECENT_COMMITS, path: uri.fsPath });
      } catch {
        commits = [];
      }
      if (commits.length === 0) {
        void vscode.window.showInformationMessage(`Fixture Lens: ${basename(uri.path)} has no commits to compare with.`);
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        commits.map((c) => ({ label: c.message.split('\n')[0] ?? c.hash, description: c.hash.slice(0, 8), detail: [c.authorName, c.authorDate?.toLocaleString()].filter(Boolean).join(', '), hash: c.hash })),
        { title: `Compare ${basename(uri.path)} with Revision`, placeHolder: 'A commit of this file', matchOnDescription: true },
      );
      return picked ? comparer.compareWithRevision(uri, picked.hash, picked.description) : undefined;
    }),
    vscode.commands.registerCommand(COMPARE_SELECTED, async (_clicked?: unknown, selected?: unknown): Promise<DiffView | undefined> => {
      const uris = Array.isArray(selected) ? selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
      if (uris.length !== 2) {
        void vscode.window.showInformationMessage('Fixture Lens: select exactly two fixtures in the explorer to compare them.');
        return undefined;
      }
      // As the explorer's own Compare Selected: the first selected is the old side.
      const [first, second] = uris as [vscode.Uri, vscode.Uri];
      return comparer.compareFiles(first, second);
    }),
  ];
}
