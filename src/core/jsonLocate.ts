// Path -> text range, paying for positions only where they are asked for: shallow values come from
// the scanner's index, anything deeper from parsing just the enclosing response item with jsonc-parser.
import { findNodeAtLocation, findNodeAtOffset, getNodePath, parseTree, type Node } from 'jsonc-parser';
import type { JsonPath, Span } from './diagnostic';
import type { ShallowNode } from './jsonScan';

export interface Located {
  readonly span: Span;
  /** How many segments of the asked path were found; less than the path's length when a key is missing. */
  readonly depth: number;
}

export class JsonLocator {
  private readonly trees = new WeakMap<ShallowNode, Node | null>();

  private rootNode: ShallowNode | undefined | null = null;

  constructor(
    private readonly text: string,
    private readonly scanRoot: () => ShallowNode | undefined,
  ) {}

  /** The scan runs on the first question about a position, not before. */
  private get root(): ShallowNode | undefined {
    if (this.rootNode === null) this.rootNode = this.scanRoot();
    return this.rootNode;
  }

  /** The smallest recorded value that contains the path, or the value itself. */
  locate(path: JsonPath): Located | undefined {
    let node = this.root;
    if (!node) return undefined;
    let depth = 0;
    while (depth < path.length && node.children) {
      const child: ShallowNode | undefined = node.children.get(path[depth] as string | number);
      if (!child) return { span: spanOf(node), depth };
      node = child;
      depth++;
    }
    if (depth === path.length || node.kind === 'value') return { span: spanOf(node), depth };
    const tree = this.treeOf(node);
    if (!tree) return { span: spanOf(node), depth };
    // Walk down the item's own tree as far as the path goes.
    let current = tree;
    for (let k = depth; k < path.length; k++) {
      const next = findNodeAtLocation(current, [path[k] as string | number]);
      if (!next) return { span: { start: node.start + current.offset, end: node.start + current.offset + current.length }, depth: k };
      current = next;
    }
    return { span: { start: node.start + current.offset, end: node.start + current.offset + current.length }, depth: path.length };
  }

  /** The span of a property's key (with its quotes), for diagnostics about the key itself. */
  keySpan(path: JsonPath): Span | undefined {
    if (path.length === 0) return undefined;
    const value = this.locate(path);
    if (!value || value.depth !== path.length) return undefined;
    const parentPath = path.slice(0, -1);
    const parent = this.shallow(parentPath);
    const own = parent?.children?.get(path[path.length - 1] as string);
    if (own?.keyStart !== undefined) return { start: own.keyStart, end: own.keyStart + this.keyLength(own.keyStart) };
    const containerNode = this.deepestShallow(path);
    const tree = containerNode ? this.treeOf(containerNode.node) : undefined;
    if (!containerNode || !tree) return undefined;
    const n = findNodeAtLocation(tree, path.slice(containerNode.depth) as (string | number)[]);
    const key = n?.parent?.type === 'property' ? n.parent.children?.[0] : undefined;
    return key ? { start: containerNode.node.start + key.offset, end: containerNode.node.start + key.offset + key.length } : undefined;
  }

  /** The JSON path of the innermost value at an offset (for hovers), or undefined outside any value. */
  pathAt(offset: number): JsonPath | undefined {
    let node = this.root;
    if (!node || offset < node.start || offset > node.end) return undefined;
    const path: (string | number)[] = [];
    for (;;) {
      let next: ShallowNode | undefined;
      if (node.children) {
        for (const [key, child] of node.children) {
          if (offset >= (child.keyStart ?? child.start) && offset <= child.end) {
            path.push(key);
            next = child;
            break;
          }
        }
      }
      if (!next) break;
      node = next;
    }
    if (node.kind === 'value' || node.children) return path;
    const tree = this.treeOf(node);
    const inner = tree ? findNodeAtOffset(tree, offset - node.start, true) : undefined;
    return inner ? [...path, ...getNodePath(inner)] : path;
  }

  private shallow(path: JsonPath): ShallowNode | undefined {
    let node = this.root;
    for (const seg of path) node = node?.children?.get(seg);
    return node;
  }

  private deepestShallow(path: JsonPath): { node: ShallowNode; depth: number } | undefined {
    let node = this.root;
    if (!node) return undefined;
    let depth = 0;
    while (depth < path.length && node.children?.has(path[depth] as string | number)) {
      node = node.children.get(path[depth] as string | number) as ShallowNode;
      depth++;
    }
    return { node, depth };
  }

  private keyLength(keyStart: number): number {
    let j = keyStart + 1;
    while (j < this.text.length) {
      const c = this.text.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 34) return j + 1 - keyStart;
      else j++;
    }
    return this.text.length - keyStart;
  }

  private treeOf(node: ShallowNode): Node | undefined {
    let tree = this.trees.get(node);
    if (tree === undefined) {
      try {
        tree = parseTree(this.text.slice(node.start, node.end), undefined, { allowTrailingComma: true }) ?? null;
      } catch {
        // jsonc-parser recurses; an item nested too deep to parse is located as a whole.
        tree = null;
      }
      this.trees.set(node, tree);
    }
    return tree ?? undefined;
  }
}

function spanOf(node: ShallowNode): Span {
  return { start: node.start, end: node.end };
}
