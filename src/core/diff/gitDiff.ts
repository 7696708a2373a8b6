// The fixtures that differ between two git revisions (or a revision and the working tree, untracked files
// included), read in one `git cat-file --batch`, paired across renames by test_id and endpoint, and diffed.
// Node only (runs git).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffFixtures } from './diffFixtures';
import { pairFixtureFiles, type FilePairInput, type FixtureFile } from './filePairing';
import { hasFixtureName, readFixtureSide, type FixtureSide } from './fixtureSide';
import { changedFiles, GitError, readObjects, repositoryRoot, resolveCommit, untrackedFiles, type GitChange } from './gitRepository';
import { pairStatus, type DiffPair } from './summary';

/** V8 cannot hold a longer string (0x1fffffe8 characters): a side this large is refused, as `validate` refuses such a file. */
export const MAX_SIDE_BYTES = 512 * 1024 * 1024;

export interface GitDiffRequest {
  /** Defaults to HEAD. */
  readonly base?: string | undefined;
  /** A revision, or undefined for the working tree. */
  readonly head?: string | undefined;
  /** Limit to these paths (git pathspecs, relative to `cwd`). */
  readonly pathspecs: readonly string[];
  readonly cwd: string;
}

export interface GitDiffResult {
  readonly root: string;
  readonly pairs: DiffPair[];
  /** Changed files with a fixture's name that are no fixture on either side (a package.json, a workflow). */
  readonly skipped: number;
}

export async function diffGitRevisions(request: GitDiffRequest): Promise<GitDiffResult> {
  const root = await repositoryRoot(request.cwd);
  const base = await resolveCommit(request.base ?? 'HEAD', request.cwd);
  const head = request.head === undefined ? null : await resolveCommit(request.head, request.cwd);
  const changes = (await changedFiles(base, head, request.pathspecs, request.cwd)).filter((c) => hasFixtureName(c.newPath ?? '') || hasFixtureName(c.oldPath ?? ''));
  if (head === null) {
    for (const path of await untrackedFiles(request.pathspecs, request.cwd)) {
      if (hasFixtureName(path)) changes.push({ status: 'A', oldPath: null, newPath: path, oldBlob: null, newBlob: null });
    }
  }
  const blobs = await readObjects(
    changes.flatMap((c) => [c.oldBlob, c.newBlob].filter((b): b is string => b !== null)),
    request.cwd,
  );
  // The working tree's side is read from disk (git has no blob for it yet).
  const fromDisk = await Promise.all(changes.map((c) => (head === null && c.newPath !== null ? readOptional(join(root, c.newPath)) : Promise.resolve(undefined))));

  const side = (blob: string | null, disk: Uint8Array | undefined, path: string): FixtureSide | undefined => {
    const bytes = blob !== null ? blobs.get(blob) : disk;
    if (bytes === undefined) return undefined;
    if (bytes.length > MAX_SIDE_BYTES) throw new GitError(`${path}: too large to compare (${Math.round(bytes.length / (1 << 20))} MiB; the limit is ${MAX_SIDE_BYTES >> 20} MiB)`);
    return readFixtureSide(bytes);
  };
  const input = { modified: [] as { old: FixtureFile; new: FixtureFile }[], removed: [] as FixtureFile[], added: [] as FixtureFile[] } satisfies FilePairInput;
  let skipped = 0;
  changes.forEach((c: GitChange, i) => {
    const oldSide = c.oldPath !== null ? side(c.oldBlob, undefined, c.oldPath) : undefined;
    const newSide = c.newPath !== null ? side(head === null ? null : c.newBlob, fromDisk[i], c.newPath) : undefined;
    const o = oldSide?.isFixture && c.oldPath !== null ? { path: c.oldPath, analysis: oldSide.analysis } : undefined;
    const n = newSide?.isFixture && c.newPath !== null ? { path: c.newPath, analysis: newSide.analysis } : undefined;
    if (!o && !n) {
      skipped++;
      return;
    }
    if (c.oldPath !== null && c.oldPath === c.newPath && oldSide && newSide) {
      // A fixture on one side only (made unreadable, or made from a plain file) is still a fixture that changed.
      input.modified.push({ old: o ?? { path: c.oldPath, analysis: oldSide.analysis }, new: n ?? { path: c.newPath, analysis: newSide.analysis } });
      return;
    }
    // A rename git saw by content is split in two: CLI-CONTRACT.md pairs across names by test_id and endpoint only.
    if (o) input.removed.push(o);
    if (n) input.added.push(n);
  });
  const pairs = pairFixtureFiles(input).map((fp): DiffPair => {
    const diff = diffFixtures(fp.old?.analysis, fp.new?.analysis);
    return { old: fp.old?.path ?? null, new: fp.new?.path ?? null, status: pairStatus(fp.status, diff), diff };
  });
  return { root, pairs, skipped };
}

async function readOptional(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch {
    // Deleted since git listed it, or not a regular file: that side is missing.
    return undefined;
  }
}
