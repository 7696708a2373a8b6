// Compares a fixture with one of its git revisions, or two files with each other, and shows the result in a
// diff panel; returns the view model it showed (the extension tests assert it), or undefined after telling why not.
import * as vscode from 'vscode';
import { diffFixtures, pairStatus, type DiffPair, type FixtureSide } from '../../core/diff';
import type { DiffView } from '../../shared/protocol';
import { basename } from '../paths';
import { DiffPanels } from './diffPanel';
import { diffView } from './diffViewModel';
import { GIT_MISSING, gitApi, messageOf, repositoryOf, type GitApi, type GitRepository } from './gitApi';
import { SideCache } from './sideCache';

export const WORKING_TREE = 'Working Tree';

export interface ShownPair {
  readonly pair: DiffPair;
  readonly oldSide: FixtureSide | undefined;
  readonly newSide: FixtureSide | undefined;
  readonly oldLabel: string;
  readonly newLabel: string;
  readonly oldUri: vscode.Uri | undefined;
  readonly newUri: vscode.Uri | undefined;
}

export class FixtureComparer implements vscode.Disposable {
  readonly panels: DiffPanels;
  readonly sides = new SideCache();

  constructor(extensionUri: vscode.Uri) {
    this.panels = new DiffPanels(extensionUri);
  }

  /** The git API and the repository of `uri`, or a message saying which is missing. */
  async repository(uri: vscode.Uri): Promise<{ api: GitApi; repository: GitRepository } | string> {
    const api = await gitApi();
    if (!api) return GIT_MISSING;
    const repository = await repositoryOf(api, uri);
    if (!repository) return `Fixture Lens: ${basename(uri.path)} is not in a Git repository.`;
    return { api, repository };
  }

  /** The fixture at `uri` (its open document's text when open) against its version at `ref`. */
  async compareWithRevision(uri: vscode.Uri, ref: string, refLabel: string): Promise<DiffView | undefined> {
    const found = await this.repository(uri);
    if (typeof found === 'string') return fail(found);
    const { api, repository } = found;
    let commit: string;
    try {
      commit = (await repository.getCommit(ref)).hash;
    } catch (e) {
      return fail(`Fixture Lens: the revision ${ref} is not in ${basename(repository.rootUri.path)}: ${messageOf(e)}`);
    }
    let oldSide: FixtureSide | undefined;
    try {
      oldSide = await this.sides.committed(commit, uri.fsPath, () => repository.buffer(commit, uri.fsPath));
    } catch {
      // Not in that revision: the file was added since.
      oldSide = undefined;
    }
    const newSide = await this.currentSide(uri);
    const relative = relativePath(repository.rootUri, uri);
    return this.show({
      pair: pairOf(oldSide, newSide, oldSide ? relative : null, newSide ? relative : null),
      oldSide,
      newSide,
      oldLabel: refLabel,
      newLabel: WORKING_TREE,
      oldUri: oldSide ? api.toGitUri(uri, commit) : undefined,
      newUri: newSide ? uri : undefined,
    });
  }

  /** Two files, the first as the old side. */
  async compareFiles(oldUri: vscode.Uri, newUri: vscode.Uri): Promise<DiffView | undefined> {
    const [oldSide, newSide] = [await this.currentSide(oldUri), await this.currentSide(newUri)];
    if (!oldSide || !newSide) return fail(`Fixture Lens: cannot read ${basename((oldSide ? newUri : oldUri).path)}.`);
    const oldName = basename(oldUri.path);
    const newName = basename(newUri.path);
    const diff = diffFixtures(oldSide.analysis, newSide.analysis);
    const pair: DiffPair = { old: oldName, new: newName, status: oldName === newName ? pairStatus('modified', diff) : 'renamed', diff };
    return this.show({ pair, oldSide, newSide, oldLabel: oldName, newLabel: newName, oldUri, newUri });
  }

  show(shown: ShownPair): DiffView {
    const name = basename(shown.pair.new ?? shown.pair.old ?? 'fixture');
    const view = diffView({ pair: shown.pair, oldAnalysis: shown.oldSide?.analysis, newAnalysis: shown.newSide?.analysis, title: name, oldLabel: shown.oldLabel, newLabel: shown.newLabel });
    const key = `${shown.oldLabel}\u0000${shown.oldUri?.toString() ?? ''}\u0000${shown.newUri?.toString() ?? ''}`;
    this.panels.show(key, view, { oldUri: shown.oldUri, newUri: shown.newUri });
    return view;
  }

  /** The open document's text (unsaved edits included), else the file on disk; undefined when neither is there. */
  async currentSide(uri: vscode.Uri): Promise<FixtureSide | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return this.sides.side(new TextEncoder().encode(open.getText()));
    try {
      return this.sides.side(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    this.panels.dispose();
    this.sides.clear();
  }
}

function pairOf(oldSide: FixtureSide | undefined, newSide: FixtureSide | undefined, oldPath: string | null, newPath: string | null): DiffPair {
  const diff = diffFixtures(oldSide?.analysis, newSide?.analysis);
  const status = !oldSide ? 'added' : !newSide ? 'removed' : pairStatus('modified', diff);
  return { old: oldPath, new: newPath, status, diff };
}

export function relativePath(root: vscode.Uri, uri: vscode.Uri): string {
  const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : uri.path;
}

function fail(message: string): undefined {
  void vscode.window.showErrorMessage(message);
  return undefined;
}
