// The output of `pytest --collect-only -q` as a set of node ids: one "path::Class::test[param]" a line;
// summary, warning and error lines are ignored. With -qq pytest prints only "path: count" a file.
import { parseTestId, sameTestFile } from './testIds';

export interface CollectedTests {
  /** Every node id listed. */
  readonly ids: ReadonlySet<string>;
  /** Files listed with a count only (-qq): each of their tests counts as collected. */
  readonly files: ReadonlySet<string>;
  /** Whether the node id is among them. */
  has(testId: string): boolean;
  /** Whether some collected test is this function of this file (any parametrization), the file compared by suffix. */
  hasFunction(file: string, classes: readonly string[], name: string): boolean;
}

const FILE_COUNT = /^(\S+\.py): \d+$/;

export function parseCollectedTests(output: string): CollectedTests {
  const ids = new Set<string>();
  const files = new Set<string>();
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('=') || line.startsWith('-')) continue;
    const count = FILE_COUNT.exec(line);
    if (count) {
      files.add(count[1]!.replace(/\\/g, '/'));
      continue;
    }
    // "<Module ...>" trees (no -q) and free text have spaces before any "::"; node ids start with their file.
    const id = line.replace(/\\/g, '/');
    if (parseTestId(id) !== undefined) ids.add(id);
  }
  const functions = new Map<string, string[]>();
  for (const id of ids) {
    const t = parseTestId(id)!;
    const key = [...t.classes, t.name].join('::');
    const list = functions.get(key);
    if (list) list.push(t.file);
    else functions.set(key, [t.file]);
  }
  return {
    ids,
    files,
    has: (testId) => {
      if (ids.has(testId)) return true;
      const t = parseTestId(testId);
      return t !== undefined && [...files].some((f) => sameTestFile(f, t.file));
    },
    hasFunction: (file, classes, name) =>
      (functions.get([...classes, name].join('::')) ?? []).some((f) => sameTestFile(f, file)) || [...files].some((f) => sameTestFile(f, file)),
  };
}
