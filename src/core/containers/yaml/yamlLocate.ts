// Path → span and offset → path in a YAML tree: keys and indices walked one at a time, children found by
// binary search over their spans. Aliases are followed for paths; an offset is looked up where it is written.
import type { JsonPath, Span } from '../../diagnostic';
import { mapPair, resolveAlias, type YamlNode } from './yamlNodes';

/** The node at a path (an alias on the way stands for its anchor's node). */
export function nodeAtPath(root: YamlNode | undefined, path: JsonPath): YamlNode | undefined {
  let node = resolveAlias(root);
  for (const segment of path) {
    if (!node) return undefined;
    if (node.kind === 'map') node = resolveAlias(mapPair(node, String(segment))?.value);
    else if (node.kind === 'seq') {
      const i = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      node = resolveAlias(node.items[i]);
    } else return undefined;
  }
  return node;
}

export function spanOf(node: YamlNode): Span {
  return { start: node.start, end: node.end };
}

export function locateInTree(root: YamlNode | undefined, path: JsonPath): Span | undefined {
  const node = nodeAtPath(root, path);
  return node ? spanOf(node) : undefined;
}

/** The path of the innermost node whose span holds the offset (a key counts for its entry). */
export function pathAtOffset(root: YamlNode | undefined, offset: number): JsonPath | undefined {
  if (!root || offset < root.start || offset >= root.end) return undefined;
  const path: (string | number)[] = [];
  let node: YamlNode = root;
  for (;;) {
    if (node.kind === 'seq') {
      const i = lastStartingAtOrBefore(node.items.length, (k) => (node.kind === 'seq' ? (node.items[k] as YamlNode).start : 0), offset);
      const item = i >= 0 ? node.items[i] : undefined;
      if (!item || offset >= item.end) return path;
      path.push(i);
      node = item;
    } else if (node.kind === 'map') {
      const pairs = node.pairs;
      const i = lastStartingAtOrBefore(pairs.length, (k) => (pairs[k] as { key: YamlNode }).key.start, offset);
      const pair = i >= 0 ? pairs[i] : undefined;
      if (!pair || offset >= Math.max(pair.key.end, pair.value.end)) return path;
      path.push(pair.name);
      if (offset < pair.value.start || offset >= pair.value.end) return path;
      node = pair.value;
    } else return path;
  }
}

/** The last index k < count with startOf(k) <= offset (starts ascend), or -1. */
function lastStartingAtOrBefore(count: number, startOf: (k: number) => number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(mid) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
