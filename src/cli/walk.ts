// Expands the CLI's path arguments: directories are searched recursively for the file names fixtures have
// (CLI-CONTRACT.md: *.json, *.yaml, *.yml, their .gz, *.har, *.httprr, *.httprr.gz). Symbolic links are followed,
// each real file counted once and loops cut; what cannot be read is reported and the walk goes on.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const FIXTURE_NAME = /\.(?:json|ya?ml|ya?ml\.gz|har|httprr|httprr\.gz)$/i;

export class UsageError extends Error {}

export interface WalkedFile {
  readonly path: string;
  /** True when the user named the file: it is read whatever its name, and must be a fixture. */
  readonly explicit: boolean;
}

export interface WalkProblem {
  readonly path: string;
  readonly message: string;
}

export interface Walk {
  readonly files: WalkedFile[];
  /** Directories or entries that could not be read: reported, never fatal to the rest. */
  readonly problems: WalkProblem[];
}

/** Whether a walked file name is one a fixture may have. */
export function hasFixtureName(name: string): boolean {
  return FIXTURE_NAME.test(name);
}

export function expandPaths(paths: readonly string[]): Walk {
  const walk: Walk = { files: [], problems: [] };
  const seen = new Set<string>();
  for (const p of paths) {
    let stat: Stats;
    try {
      stat = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${p}: no such file or directory`);
      throw new UsageError(`${p}: cannot read (${code ?? 'unknown error'})`);
    }
    if (stat.isDirectory()) walkDir(p, walk, seen);
    // A FIFO or a device named explicitly would block or never end: refused before it is opened.
    else if (!stat.isFile()) throw new UsageError(`${p}: not a regular file (a ${kindOf(stat)}), so not a fixture`);
    else {
      const real = realOf(p);
      if (seen.has(real)) continue;
      seen.add(real);
      walk.files.push({ path: p, explicit: true });
    }
  }
  return walk;
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isSocket()) return 'socket';
  return 'special file';
}

function realOf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function walkDir(dir: string, walk: Walk, seen: Set<string>): void {
  const real = realOf(dir);
  // A directory reached twice (a link back up the tree, or two links to one folder) is walked once.
  if (seen.has(real)) return;
  seen.add(real);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    walk.problems.push({ path: dir, message: `cannot read the directory (${(e as NodeJS.ErrnoException).code ?? 'unknown error'})` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const target = statSync(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        walk.problems.push({ path: full, message: 'a symbolic link whose target cannot be read' });
        continue;
      }
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(e.name)) walkDir(full, walk, seen);
    } else if (isFile && hasFixtureName(e.name)) {
      const realFile = realOf(full);
      if (seen.has(realFile)) continue;
      seen.add(realFile);
      walk.files.push({ path: full, explicit: false });
    }
  }
}
