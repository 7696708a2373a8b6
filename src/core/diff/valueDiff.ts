// Differences between two parsed JSON values as the deepest paths that differ. Iterative (a hostile file may
// nest thousands of levels) and linear: lists are compared item by item, a list that changed length after
// its equal head and tail are set aside; lists of named things (tools) may be matched by name instead.
import type { JsonPath } from '../diagnostic';
import { shownValue } from './shownValue';
import type { ValueChange } from './types';

export interface ValueDiffOptions {
  /** Keys whose values never matter: a difference under them goes to `onNoise`, not to the changes. */
  readonly isNoiseKey?: (key: string) => boolean;
  readonly onNoise?: (change: ValueChange) => void;
  /** For a list at this path, the name that matches its items across the two sides (undefined: by position). */
  readonly itemName?: (path: JsonPath) => ((item: unknown) => string | undefined) | undefined;
  /** List at most this many changes; the rest are only counted. */
  readonly limit?: number;
}

export interface ValueDiffResult {
  readonly changes: ValueChange[];
  /** Changes found beyond `limit`. */
  readonly omitted: number;
}

/** Below this depth a list that changed length is compared by position only: setting aside its equal head and tail compares whole subtrees, and doing that at every level of a deep nest would be quadratic. */
const TRIM_DEPTH = 64;
/** Below this depth two different subtrees are one change: deeper paths are no help to a reader and would cost their depth each. */
const MAX_PATH_DEPTH = 256;

/** Paths are built as parent links and turned into arrays only for a change: copying a path at every node of a deep nest would be quadratic. */
interface PathLink {
  readonly parent: PathLink | undefined;
  readonly key: string | number;
}

type Task =
  | { readonly kind: 'pair'; readonly a: unknown; readonly b: unknown; readonly at: PathLink | undefined; readonly depth: number }
  | { readonly kind: 'emit'; readonly at: PathLink | undefined; readonly old: unknown; readonly new: unknown };

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export const SAME = 0;
export const NOISE_ONLY = 1;
export const DIFFERENT = 2;
export type Sameness = typeof SAME | typeof NOISE_ONLY | typeof DIFFERENT;

/** Whether two values are equal, equal but for noise keys, or different; iterative, stops at the first real difference. */
export function compareValues(a: unknown, b: unknown, isNoiseKey: (key: string) => boolean = () => false): Sameness {
  const stack: [unknown, unknown, boolean][] = [[a, b, false]];
  let noise = false;
  while (stack.length > 0) {
    const [x, y, inNoise] = stack.pop() as [unknown, unknown, boolean];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      for (let i = 0; i < x.length; i++) stack.push([x[i], y[i], inNoise]);
      continue;
    }
    if (isObject(x) && isObject(y)) {
      const xk = Object.keys(x);
      const yk = Object.keys(y);
      if (xk.length === yk.length && xk.every((k) => hasOwn(y, k))) {
        for (const k of xk) stack.push([x[k], y[k], inNoise || isNoiseKey(k)]);
        continue;
      }
      if (!inNoise) {
        // Key sets that differ only by noise keys: the missing noise key is noise, the shared keys are compared.
        if (xk.some((k) => !hasOwn(y, k) && !isNoiseKey(k)) || yk.some((k) => !hasOwn(x, k) && !isNoiseKey(k))) return DIFFERENT;
        noise = true;
        for (const k of xk) if (hasOwn(y, k)) stack.push([x[k], y[k], isNoiseKey(k)]);
        continue;
      }
    }
    if (!inNoise) return DIFFERENT;
    noise = true;
  }
  return noise ? NOISE_ONLY : SAME;
}

export function pathOf(link: PathLink | undefined, base: JsonPath): JsonPath {
  const keys: (string | number)[] = [];
  for (let l = link; l; l = l.parent) keys.push(l.key);
  keys.reverse();
  return base.length === 0 ? keys : [...base, ...keys];
}

export function diffValues(oldValue: unknown, newValue: unknown, base: JsonPath, options: ValueDiffOptions = {}): ValueDiffResult {
  const isNoiseKey = options.isNoiseKey ?? (() => false);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const changes: ValueChange[] = [];
  let omitted = 0;
  const noise = (at: PathLink, old: unknown, value: unknown): void => {
    options.onNoise?.({ path: pathOf(at, base), old: shownValue(old), new: shownValue(value) });
  };
  const stack: Task[] = [{ kind: 'pair', a: oldValue, b: newValue, at: undefined, depth: 0 }];
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    if (task.kind === 'emit') {
      if (changes.length < limit) changes.push({ path: pathOf(task.at, base), old: shownValue(task.old), new: shownValue(task.new) });
      else omitted++;
      continue;
    }
    const { a, b, at, depth } = task;
    if (a === b) continue;
    const next: Task[] = [];
    if (depth >= MAX_PATH_DEPTH) {
      if (compareValues(a, b, isNoiseKey) === DIFFERENT) next.push({ kind: 'emit', at, old: a, new: b });
    } else if (Array.isArray(a) && Array.isArray(b)) {
      const name = options.itemName?.(pathOf(at, base));
      if (!(name && byName(a, b, at, depth, name, next))) byPosition(a, b, at, depth, isNoiseKey, next);
    } else if (isObject(a) && isObject(b)) {
      for (const k of Object.keys(a)) {
        const link: PathLink = { parent: at, key: k };
        if (!hasOwn(b, k)) {
          if (isNoiseKey(k)) noise(link, a[k], undefined);
          else next.push({ kind: 'emit', at: link, old: a[k], new: undefined });
        } else if (isNoiseKey(k)) {
          if (compareValues(a[k], b[k]) !== SAME) noise(link, a[k], b[k]);
        } else next.push({ kind: 'pair', a: a[k], b: b[k], at: link, depth: depth + 1 });
      }
      for (const k of Object.keys(b)) {
        if (hasOwn(a, k)) continue;
        const link: PathLink = { parent: at, key: k };
        if (isNoiseKey(k)) noise(link, undefined, b[k]);
        else next.push({ kind: 'emit', at: link, old: undefined, new: b[k] });
      }
    } else next.push({ kind: 'emit', at, old: a, new: b });
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as Task);
  }
  return { changes, omitted };
}

function byPosition(a: readonly unknown[], b: readonly unknown[], at: PathLink | undefined, depth: number, isNoiseKey: (key: string) => boolean, next: Task[]): void {
  const pair = (i: number, j: number): Task => ({ kind: 'pair', a: a[i], b: b[j], at: { parent: at, key: j }, depth: depth + 1 });
  if (a.length === b.length || depth > TRIM_DEPTH) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) next.push(pair(i, i));
    pushTail(a.slice(n), b.slice(n), at, next);
    return;
  }
  // The equal head and tail are set aside (items equal but for noise are still compared, for the noise), the rest paired by position.
  const max = Math.min(a.length, b.length);
  const heads: Task[] = [];
  let head = 0;
  for (; head < max; head++) {
    const same = compareValues(a[head], b[head], isNoiseKey);
    if (same === DIFFERENT) break;
    if (same === NOISE_ONLY) heads.push(pair(head, head));
  }
  const tails: Task[] = [];
  let tail = 0;
  for (; tail < max - head; tail++) {
    const i = a.length - 1 - tail;
    const j = b.length - 1 - tail;
    const same = compareValues(a[i], b[j], isNoiseKey);
    if (same === DIFFERENT) break;
    if (same === NOISE_ONLY) tails.push(pair(i, j));
  }
  next.push(...heads);
  const oldEnd = a.length - tail;
  const newEnd = b.length - tail;
  const n = Math.min(oldEnd, newEnd) - head;
  for (let k = 0; k < n; k++) next.push(pair(head + k, head + k));
  pushTail(a.slice(head + n, oldEnd), b.slice(head + n, newEnd), at, next);
  for (let k = tails.length - 1; k >= 0; k--) next.push(tails[k] as Task);
}

/** A list that changed length: the list's path, the items removed and the items added. */
function pushTail(removed: readonly unknown[], added: readonly unknown[], at: PathLink | undefined, next: Task[]): void {
  if (removed.length > 0 || added.length > 0) next.push({ kind: 'emit', at, old: removed, new: added });
}

/**
 * Items matched by name (tools by their function name): the same name is compared at its new index, a name
 * on one side only is an item removed or added, and a new order of the same names is one change of the list.
 * False when the names are missing or repeated, so the list is compared by position.
 */
function byName(a: readonly unknown[], b: readonly unknown[], at: PathLink | undefined, depth: number, name: (item: unknown) => string | undefined, next: Task[]): boolean {
  const oldIndex = indexByName(a, name);
  const newIndex = indexByName(b, name);
  if (!oldIndex || !newIndex) return false;
  for (const [n, i] of oldIndex) if (!newIndex.has(n)) next.push({ kind: 'emit', at: { parent: at, key: i }, old: a[i], new: undefined });
  for (const [n, j] of newIndex) {
    const i = oldIndex.get(n);
    if (i === undefined) next.push({ kind: 'emit', at: { parent: at, key: j }, old: undefined, new: b[j] });
    else next.push({ kind: 'pair', a: a[i], b: b[j], at: { parent: at, key: j }, depth: depth + 1 });
  }
  const commonOld = [...oldIndex.keys()].filter((n) => newIndex.has(n));
  const commonNew = [...newIndex.keys()].filter((n) => oldIndex.has(n));
  if (commonOld.some((n, i) => commonNew[i] !== n)) next.push({ kind: 'emit', at, old: commonOld, new: commonNew });
  return true;
}

function indexByName(items: readonly unknown[], name: (item: unknown) => string | undefined): Map<string, number> | undefined {
  const out = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const n = name(items[i]);
    if (n === undefined || out.has(n)) return undefined;
    out.set(n, i);
  }
  return out;
}
