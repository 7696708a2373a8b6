// Where the repository and the shared real-recordings folder are, from a built test file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'fixture-lens') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

/** `../shared` beside the repository, or undefined when it is absent (tests that need it skip). */
export function sharedDir(): string | undefined {
  const dir = resolve(repoRoot(), '../shared');
  return existsSync(join(dir, 'corpus')) ? dir : undefined;
}
