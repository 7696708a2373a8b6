// The part of the built-in git extension's API (vscode.git, API version 1) the diff uses, typed here, and how to
// reach it: undefined when the git extension is absent or disabled, so the extension keeps working without it.
import * as vscode from 'vscode';

/** vscode.git's Status enum, the members the diff reads. */
export const GitStatus = { INDEX_ADDED: 1, INDEX_DELETED: 2, INDEX_RENAMED: 3, DELETED: 6, UNTRACKED: 7, INTENT_TO_ADD: 9 } as const;

export interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly renameUri: vscode.Uri | undefined;
  readonly status: number;
}

export interface GitCommit {
  readonly hash: string;
  readonly message: string;
  readonly authorDate?: Date;
  readonly authorName?: string;
}

export interface GitRepositoryState {
  readonly HEAD: { readonly commit?: string; readonly name?: string } | undefined;
  readonly workingTreeChanges: readonly GitChange[];
  readonly indexChanges: readonly GitChange[];
  /** Newer versions of the git extension list untracked files apart. */
  readonly untrackedChanges?: readonly GitChange[];
  readonly onDidChange: vscode.Event<void>;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: GitRepositoryState;
  buffer(ref: string, path: string): Promise<Uint8Array>;
  show(ref: string, path: string): Promise<string>;
  log(options?: { readonly maxEntries?: number; readonly path?: string }): Promise<GitCommit[]>;
  getCommit(ref: string): Promise<GitCommit>;
  diffWith(ref: string): Promise<GitChange[]>;
  status(): Promise<void>;
}

export interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

export const GIT_MISSING = 'Fixture Lens: Git is not available (the built-in Git extension is missing or disabled), so there is no revision to compare with.';

/** The git API, activating the git extension if it is installed but not yet active. */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}

/** The repository holding `uri`, opening it when git has not yet seen it (a repository in a subfolder). */
export async function repositoryOf(api: GitApi, uri: vscode.Uri): Promise<GitRepository | undefined> {
  const known = api.getRepository(uri);
  if (known) return known;
  // Look for the nearest folder above with a .git: the git extension only scans a few levels by itself.
  for (let dir = vscode.Uri.joinPath(uri, '..'); ; dir = vscode.Uri.joinPath(dir, '..')) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, '.git'));
      const opened = (await api.openRepository?.(dir)) ?? undefined;
      return opened ?? api.getRepository(uri) ?? undefined;
    } catch {
      // No .git here: one level up.
    }
    const up = vscode.Uri.joinPath(dir, '..');
    if (up.path === dir.path) return undefined;
  }
}

export function messageOf(error: unknown): string {
  const e = error as { stderr?: unknown; message?: unknown } | null;
  const text = typeof e?.stderr === 'string' && e.stderr.trim() !== '' ? e.stderr : typeof e?.message === 'string' ? e.message : String(error);
  return text.trim().split('\n')[0] ?? '';
}
