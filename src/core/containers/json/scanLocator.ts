// Path ↔ span in a JSON text with the core's structural scanner alone: the file is scanned once, three
// levels deep; a path that goes deeper scans just the value it reaches (again three levels), and that scan
// is kept. Each scan is one pass that skips strings with indexOf, far cheaper than a full syntax tree,
// and never recurses, so hostile nesting costs time proportional to the text, not stack.
import type { JsonPath, Span } from '../../diagnostic';
import { scanJson, type ShallowNode } from '../../jsonScan';

interface Placed {
  readonly node: ShallowNode;
  /** Offset in the text of the coordinates `node` was scanned in. */
  readonly base: number;
}

export class ScanLocator {
  private root: Placed | undefined | null = null;

  private readonly deeper = new WeakMap<ShallowNode, Placed | null>();

  constructor(
    private readonly text: string,
    private readonly from: number,
  ) {}

  private rootPlaced(): Placed | undefined {
    if (this.root === null) {
      const node = scanJson(this.text, this.from).root;
      this.root = node ? { node, base: 0 } : undefined;
    }
    return this.root;
  }

  /** The container's children, scanning its own text when the scan that found it stopped above them. */
  private childrenOf(at: Placed): Placed | undefined {
    if (at.node.kind === 'value') return undefined;
    if (at.node.children) return at;
    let sub = this.deeper.get(at.node);
    if (sub === undefined) {
      const start = at.base + at.node.start;
      const node = scanJson(this.text.slice(start, at.base + at.node.end), 0).root;
      sub = node?.children ? { node, base: start } : null;
      this.deeper.set(at.node, sub);
    }
    return sub ?? undefined;
  }

  /** The span of the value at `path`, or of the deepest value on the path that exists. */
  locate(path: JsonPath): Span | undefined {
    let at = this.rootPlaced();
    if (!at) return undefined;
    for (const segment of path) {
      const parent = this.childrenOf(at);
      const child = parent?.node.children?.get(segment);
      if (!parent || !child) break;
      at = { node: child, base: parent.base };
    }
    return { start: at.base + at.node.start, end: at.base + at.node.end };
  }

  /** The path of the innermost value at an offset (a member's key counts as its value's), or undefined outside the root. */
  pathAt(offset: number): JsonPath | undefined {
    let at = this.rootPlaced();
    if (!at || offset < at.base + at.node.start || offset > at.base + at.node.end) return undefined;
    const path: (string | number)[] = [];
    for (;;) {
      const parent = this.childrenOf(at);
      if (!parent?.node.children) return path;
      let next: Placed | undefined;
      for (const [key, child] of parent.node.children) {
        const start = parent.base + (child.keyStart ?? child.start);
        if (offset >= start && offset <= parent.base + child.end) {
          path.push(key);
          next = { node: child, base: parent.base };
          break;
        }
      }
      if (!next) return path;
      at = next;
    }
  }
}
