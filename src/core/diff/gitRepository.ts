// The few git commands `diff --git` needs, run as the `git` program with an argument vector (never a shell:
// revisions and paths come from the user and from the repository): the repository's root, revisions resolved
// to commits, the changed files (`git diff --raw -z -M`), untracked files, and blobs read by one
// `git cat-file --batch` process. Node only: the editor reads git through VS Code's git extension instead.
import { spawn } from 'node:child_process';

/** A git command failed or git is missing: the message is one line for stderr. */
export class GitError extends Error {}

export interface GitChange {
  /** git's letter: M, A, D, R (renamed), T (type changed), C (copied), U (unmerged). */
  readonly status: string;
  readonly oldPath: string | null;
  readonly newPath: string | null;
  /** The blob on each side, null for the working tree or for the missing side. */
  readonly oldBlob: string | null;
  readonly newBlob: string | null;
}

const NO_BLOB = /^0+$/;

export function runGit(args: readonly string[], cwd: string, input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // No optional locks: listing changes must not write the index of a working tree others use.
    const child = spawn('git', args, { cwd, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(new GitError(e.code === 'ENOENT' ? 'git is not installed or not on PATH' : `cannot run git (${e.message})`));
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else {
        const line = Buffer.concat(err).toString('utf8').split('\n').find((l) => l.trim() !== '') ?? `git ${args[0] ?? ''} exited with code ${code}`;
        reject(new GitError(line.replace(/^(fatal|error): /, '').trim()));
      }
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all input; its exit code says why
    child.stdin.end(input ?? '');
  });
}

export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await runGit(['rev-parse', '--show-toplevel'], cwd)).toString('utf8').replace(/\n$/, '');
  } catch (e) {
    if (e instanceof GitError && /not a git repository/i.test(e.message)) throw new GitError(`${cwd}: not a git repository`);
    throw e;
  }
}

/** The commit a revision names, or a GitError that names the revision. */
export async function resolveCommit(revision: string, cwd: string): Promise<string> {
  try {
    return (await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], cwd)).toString('utf8').trim();
  } catch (e) {
    if (e instanceof GitError) throw new GitError(`${revision}: unknown revision (no such commit in this repository)`);
    throw e;
  }
}

/** Files that differ between a commit and another commit (or the working tree when `head` is null), renames detected. */
export async function changedFiles(base: string, head: string | null, pathspecs: readonly string[], cwd: string): Promise<GitChange[]> {
  const revs = head === null ? [base] : [base, head];
  const raw = await runGit(['diff', '--raw', '-z', '-M', '--no-abbrev', '--no-relative', '--no-ext-diff', ...revs, '--', ...pathspecs], cwd);
  return parseRawDiff(raw.toString('utf8'), head === null);
}

/** `git diff --raw -z`: `:modes old new STATUS\0path\0` (renames and copies: `\0old\0new\0`). */
export function parseRawDiff(text: string, workingTree: boolean): GitChange[] {
  const fields = text.split('\0');
  const out: GitChange[] = [];
  let i = 0;
  while (i < fields.length) {
    const header = fields[i++] as string;
    if (!header.startsWith(':')) continue;
    const [, , oldSha, newSha, status] = header.slice(1).split(' ');
    const letter = (status ?? '').charAt(0);
    const first = fields[i++] ?? '';
    const second = letter === 'R' || letter === 'C' ? (fields[i++] ?? '') : first;
    const oldBlob = oldSha && !NO_BLOB.test(oldSha) ? oldSha : null;
    const newBlob = !workingTree && newSha && !NO_BLOB.test(newSha) ? newSha : null;
    out.push({
      status: letter,
      oldPath: letter === 'A' ? null : first,
      newPath: letter === 'D' ? null : second,
      oldBlob: letter === 'A' ? null : oldBlob,
      newBlob: letter === 'D' ? null : newBlob,
    });
  }
  return out;
}

/** Untracked files not ignored, relative to the repository's root. */
export async function untrackedFiles(pathspecs: readonly string[], cwd: string): Promise<string[]> {
  const raw = await runGit(['ls-files', '--others', '--exclude-standard', '-z', '--full-name', '--', ...pathspecs], cwd);
  return raw.toString('utf8').split('\0').filter((p) => p !== '');
}

/** Objects by name (blob ids, or `REV:path` without a line break), read by one `git cat-file --batch`; a missing one is absent from the map. */
export async function readObjects(names: readonly string[], cwd: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const wanted = [...new Set(names)].filter((n) => !n.includes('\n'));
  if (wanted.length === 0) return out;
  const raw = await runGit(['cat-file', '--batch'], cwd, `${wanted.join('\n')}\n`);
  let at = 0;
  for (const name of wanted) {
    const eol = raw.indexOf(0x0a, at);
    if (eol === -1) break;
    const header = raw.subarray(at, eol).toString('utf8');
    at = eol + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) continue;
    const size = Number(header.slice(header.lastIndexOf(' ') + 1));
    if (!Number.isSafeInteger(size) || size < 0) break;
    out.set(name, raw.subarray(at, at + size));
    at += size + 1;
  }
  return out;
}
