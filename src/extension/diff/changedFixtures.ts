// Every fixture changed in a repository's working tree against a base revision, paired across renames (by
// test_id and endpoint, then git's own renames) and diffed. Reads only changed files, one at a time with a
// yield between them so the extension host never stalls on a 300-file re-record; sides cached by content.
import * as vscode from 'vscode';
import { diffFixtures, hasFixtureName, pairFixtureFiles, pairStatus, type FilePairInput, type FixtureFile, type FixtureSide } from '../../core/diff';
import type { ShownPair } from './fixtureComparer';
import { relativePath, WORKING_TREE } from './fixtureComparer';
import { GitStatus, type GitApi, type GitChange, type GitRepository } from './gitApi';
import type { SideCache } from './sideCache';

/** Files analyzed between two yields to the event loop. */
const FILES_PER_BATCH = 4;

const yieldToHost = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Sided {
  readonly file: FixtureFile;
  readonly side: FixtureSide;
  readonly uri: vscode.Uri;
}

/** The changed fixtures, or undefined when `stale()` said a newer run has started. */
export async function collectChangedFixtures(api: GitApi, repository: GitRepository, base: string, sides: SideCache, stale: () => boolean): Promise<ShownPair[] | undefined> {
  const commit = (await repository.getCommit(base)).hash;
  const tracked = await repository.diffWith(commit);
  // Untracked files come from the repository's state: brought up to date first, as git's own refresh lags behind.
  await repository.status().catch(() => undefined);
  // With git.untrackedChanges "mixed" (the default) untracked files are among the working tree's changes; "separate" lists them apart.
  const untracked = [...(repository.state.untrackedChanges ?? []), ...repository.state.workingTreeChanges];
  const seen = new Set<string>();
  const changes = [...tracked, ...untracked.filter((c) => c.status === GitStatus.UNTRACKED)].filter((c) => {
    const key = `${c.originalUri.toString()}\u0000${(c.renameUri ?? c.uri).toString()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return hasFixtureName(c.originalUri.path) || hasFixtureName((c.renameUri ?? c.uri).path);
  });
  const root = repository.rootUri;
  const oldSides = new Map<GitChange, Sided>();
  const newSides = new Map<GitChange, Sided>();
  let done = 0;
  for (const c of changes) {
    if (stale()) return undefined;
    const added = c.status === GitStatus.UNTRACKED || c.status === GitStatus.INDEX_ADDED || c.status === GitStatus.INTENT_TO_ADD;
    const deleted = c.status === GitStatus.DELETED || c.status === GitStatus.INDEX_DELETED;
    if (!added) {
      const uri = c.originalUri;
      const side = await sides.committed(commit, uri.fsPath, () => repository.buffer(commit, uri.fsPath)).catch(() => undefined);
      if (side) oldSides.set(c, { file: { path: relativePath(root, uri), analysis: side.analysis }, side, uri });
    }
    if (!deleted) {
      const uri = c.renameUri ?? c.uri;
      const bytes = await Promise.resolve(vscode.workspace.fs.readFile(uri)).catch(() => undefined);
      const side = bytes ? sides.side(bytes) : undefined;
      if (side) newSides.set(c, { file: { path: relativePath(root, uri), analysis: side.analysis }, side, uri });
    }
    if (++done % FILES_PER_BATCH === 0) await yieldToHost();
  }
  if (stale()) return undefined;

  const input = { modified: [] as { old: FixtureFile; new: FixtureFile }[], removed: [] as FixtureFile[], added: [] as FixtureFile[], gitRenames: [] as { oldPath: string; newPath: string }[] } satisfies FilePairInput;
  const byFile = new Map<FixtureFile, Sided>();
  for (const c of changes) {
    const o = oldSides.get(c);
    const n = newSides.get(c);
    const oldFixture = o?.side.isFixture ? o : undefined;
    const newFixture = n?.side.isFixture ? n : undefined;
    if (!oldFixture && !newFixture) continue;
    for (const s of [o, n]) if (s) byFile.set(s.file, s);
    if (o && n && o.file.path === n.file.path) input.modified.push({ old: o.file, new: n.file });
    else {
      if (oldFixture) input.removed.push(oldFixture.file);
      if (newFixture) input.added.push(newFixture.file);
      if (oldFixture && newFixture) input.gitRenames.push({ oldPath: oldFixture.file.path, newPath: newFixture.file.path });
    }
  }
  const out: ShownPair[] = [];
  for (const fp of pairFixtureFiles(input)) {
    const o = fp.old ? byFile.get(fp.old) : undefined;
    const n = fp.new ? byFile.get(fp.new) : undefined;
    const diff = diffFixtures(fp.old?.analysis, fp.new?.analysis);
    const status = pairStatus(fp.status, diff);
    // The stat said changed but the values are the same (white space, key order): nothing to list.
    if (status === 'unchanged') continue;
    out.push({
      pair: { old: fp.old?.path ?? null, new: fp.new?.path ?? null, status, diff },
      oldSide: o?.side,
      newSide: n?.side,
      oldLabel: base,
      newLabel: WORKING_TREE,
      oldUri: o ? api.toGitUri(o.uri, commit) : undefined,
      newUri: n?.uri,
    });
    if (out.length % FILES_PER_BATCH === 0) await yieldToHost();
  }
  return out;
}
