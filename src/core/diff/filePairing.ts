// Which old file is which new one when names changed (a re-record with another request gets another hash):
// the same path first; then a removed recording with the same test_id and endpoint as an added one, the
// most similar request (most request leaf values in common) when several; then renames git saw by content
// among files that name no test.
import type { FixtureAnalysis } from '../analysis';
import { asString } from '../values';
import { comparableRequest, testIdOf } from './requestDiff';

export interface FixtureFile {
  /** Relative to the repository's root. */
  readonly path: string;
  readonly analysis: FixtureAnalysis;
}

export interface FilePairInput {
  /** Files present on both sides under the same path. */
  readonly modified: readonly { readonly old: FixtureFile; readonly new: FixtureFile }[];
  readonly removed: readonly FixtureFile[];
  readonly added: readonly FixtureFile[];
  /** Renames git detected by content, to pair what the test_id rule leaves unpaired (a view may; the CLI's contract does not). */
  readonly gitRenames?: readonly { readonly oldPath: string; readonly newPath: string }[];
}

export type FilePairStatus = 'modified' | 'renamed' | 'added' | 'removed';

export interface FilePair {
  readonly old: FixtureFile | undefined;
  readonly new: FixtureFile | undefined;
  readonly status: FilePairStatus;
}

/** Above this many candidate pairs in one test's group, similarity is not computed (each costs a request's size): pairs go by path order. */
const MAX_SIMILARITY_PAIRS = 10_000;
/** Leaves deeper than this are not counted for similarity (paths are copied per level). */
const MAX_LEAF_DEPTH = 64;

export function pairFixtureFiles(input: FilePairInput): FilePair[] {
  const out: FilePair[] = input.modified.map((m) => ({ old: m.old, new: m.new, status: 'modified' as const }));
  let removed = [...input.removed].sort(byPath);
  let added = [...input.added].sort(byPath);

  // The same path on both sides (a file git saw renamed away while another took its name).
  const addedByPath = new Map(added.map((f) => [f.path, f]));
  const samePath = new Set<string>();
  for (const r of removed) {
    const a = addedByPath.get(r.path);
    if (a) {
      out.push({ old: r, new: a, status: 'modified' });
      samePath.add(r.path);
    }
  }
  removed = removed.filter((f) => !samePath.has(f.path));
  added = added.filter((f) => !samePath.has(f.path));

  // The same test and endpoint: the recording re-recorded under another name.
  const groups = new Map<string, { removed: FixtureFile[]; added: FixtureFile[] }>();
  const group = (f: FixtureFile, side: 'removed' | 'added'): void => {
    const key = testKey(f.analysis);
    if (key === undefined) return;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { removed: [], added: [] }));
    g[side].push(f);
  };
  for (const f of removed) group(f, 'removed');
  for (const f of added) group(f, 'added');
  const paired = new Set<FixtureFile>();
  for (const g of groups.values()) {
    if (g.removed.length === 0 || g.added.length === 0) continue;
    for (const [r, a] of matchGroup(g.removed, g.added)) {
      out.push({ old: r, new: a, status: 'renamed' });
      paired.add(r);
      paired.add(a);
    }
  }
  removed = removed.filter((f) => !paired.has(f));
  added = added.filter((f) => !paired.has(f));

  // What git itself paired by content, for files that name no test (cassettes; older OGX recordings): two
  // recordings of different tests are never one renamed file, however alike their contents.
  const removedByPath = new Map(removed.map((f) => [f.path, f]));
  const addedLeft = new Map(added.map((f) => [f.path, f]));
  for (const { oldPath, newPath } of input.gitRenames ?? []) {
    const r = removedByPath.get(oldPath);
    const a = addedLeft.get(newPath);
    if (!r || !a || testKey(r.analysis) !== undefined || testKey(a.analysis) !== undefined) continue;
    out.push({ old: r, new: a, status: 'renamed' });
    removedByPath.delete(oldPath);
    addedLeft.delete(newPath);
  }
  for (const f of removedByPath.values()) out.push({ old: f, new: undefined, status: 'removed' });
  for (const f of addedLeft.values()) out.push({ old: undefined, new: f, status: 'added' });
  return out.sort((x, y) => compareText(((x.new ?? x.old) as FixtureFile).path, ((y.new ?? y.old) as FixtureFile).path) || compareText(x.old?.path ?? '', y.old?.path ?? ''));
}

function byPath(a: FixtureFile, b: FixtureFile): number {
  return compareText(a.path, b.path);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** test_id and endpoint of the recording's first exchange; undefined when it names no test (then it is never paired this way). */
function testKey(analysis: FixtureAnalysis): string | undefined {
  const testId = testIdOf(analysis);
  if (testId === null || testId === '') return undefined;
  const first = analysis.exchanges[0];
  const endpoint = asString(first?.request?.['endpoint']) ?? pathOfUrl(first?.url ?? '');
  return `${testId}\u0000${endpoint}`;
}

function pathOfUrl(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Greedy assignment, most leaf values in common first; ties go by path order. */
function matchGroup(removed: readonly FixtureFile[], added: readonly FixtureFile[]): [FixtureFile, FixtureFile][] {
  const out: [FixtureFile, FixtureFile][] = [];
  if (removed.length * added.length > MAX_SIMILARITY_PAIRS) {
    for (let i = 0; i < Math.min(removed.length, added.length); i++) out.push([removed[i] as FixtureFile, added[i] as FixtureFile]);
    return out;
  }
  const leaves = new Map<FixtureFile, Map<string, number>>();
  for (const f of [...removed, ...added]) leaves.set(f, requestLeaves(f.analysis));
  const candidates: { r: number; a: number; score: number }[] = [];
  for (let r = 0; r < removed.length; r++) {
    for (let a = 0; a < added.length; a++) {
      candidates.push({ r, a, score: commonLeaves(leaves.get(removed[r] as FixtureFile) as Map<string, number>, leaves.get(added[a] as FixtureFile) as Map<string, number>) });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.r - y.r || x.a - y.a);
  const usedR = new Set<number>();
  const usedA = new Set<number>();
  for (const c of candidates) {
    if (usedR.has(c.r) || usedA.has(c.a)) continue;
    usedR.add(c.r);
    usedA.add(c.a);
    out.push([removed[c.r] as FixtureFile, added[c.a] as FixtureFile]);
  }
  return out;
}

/** The request's leaf values with their paths, counted (a multiset). */
export function requestLeaves(analysis: FixtureAnalysis): Map<string, number> {
  const out = new Map<string, number>();
  const request = comparableRequest(analysis.exchanges[0], analysis);
  const stack: [unknown, string, number][] = [[request, '', 0]];
  while (stack.length > 0) {
    const [v, at, depth] = stack.pop() as [unknown, string, number];
    if (v !== null && typeof v === 'object') {
      if (depth >= MAX_LEAF_DEPTH) continue;
      if (Array.isArray(v)) v.forEach((c: unknown, i) => stack.push([c, `${at}[${i}]`, depth + 1]));
      else for (const [k, c] of Object.entries(v)) stack.push([c, `${at}.${JSON.stringify(k)}`, depth + 1]);
      continue;
    }
    const leaf = `${at}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
    out.set(leaf, (out.get(leaf) ?? 0) + 1);
  }
  return out;
}

export function commonLeaves(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const [leaf, count] of small) n += Math.min(count, large.get(leaf) ?? 0);
  return n;
}
