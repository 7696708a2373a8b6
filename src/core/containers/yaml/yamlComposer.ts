// Parser events to the YAML tree, with an explicit stack (no recursion however deep the text nests), aliases
// bounded (an alias bomb is cut, not expanded), and the tree left readable when a syntax error stops it.
import type { YamlEvent } from './yamlEvents';
import { resolveAlias, type YamlAlias, type YamlMap, type YamlNode, type YamlPair, type YamlScalar, type YamlSeq } from './yamlNodes';
import { YamlSyntaxError } from './yamlSyntaxError';
import { isBinaryTag, isMergeKey, pythonObjectInner, scalarValue } from './yamlValues';

/** Deeper than any recording needs; PyYAML itself gives up (RecursionError) well before. */
export const MAX_YAML_DEPTH = 512;
/** How many nodes aliases may stand for in all, beyond the nodes written out. */
const ALIAS_EXPANSION_BUDGET = 1_000_000;

interface Frame {
  readonly node: YamlSeq | YamlMap;
  pendingKey: YamlNode | undefined;
  readonly anchor: string | undefined;
  merges: YamlNode[] | undefined;
  /** A collection read again after a syntax error: it is already in its parent. */
  readonly reopened: boolean;
  lastEnd: number;
}

export class YamlComposer {
  root: YamlNode | undefined;
  /** Where aliases first stood for more than the budget allows; later aliases read as null. */
  aliasesCutAt: number | undefined;
  private readonly stack: Frame[] = [];
  private readonly anchors = new Map<string, YamlNode>();
  private readonly open = new Set<YamlNode>();
  private aliasSpent = 0;

  constructor(
    private readonly text: string,
    private readonly json: boolean,
  ) {}

  /** The path of the node being read right now (each open collection's current key or index). */
  openPath(): (string | number)[] {
    const path: (string | number)[] = [];
    for (const frame of this.stack) {
      const node = frame.node;
      if (node.kind === 'seq') path.push(node.items.length);
      else if (frame.pendingKey) path.push(this.keyName(frame.pendingKey));
      else break;
    }
    return path;
  }

  /** The collections open right now, outermost first. */
  openCollections(): readonly (YamlSeq | YamlMap)[] {
    return this.stack.map((f) => f.node);
  }

  handle(event: YamlEvent): void {
    switch (event.type) {
      case 'scalar':
        this.addNode(this.scalarNode(event), event.anchor);
        return;
      case 'alias':
        this.addNode(this.aliasNode(event.name, event.start, event.end), undefined);
        return;
      case 'sequence-start':
      case 'mapping-start': {
        if (this.stack.length >= MAX_YAML_DEPTH) {
          throw new YamlSyntaxError(event.start, `the text nests more than ${MAX_YAML_DEPTH} collections deep`, undefined, 'nesting');
        }
        const node: YamlSeq | YamlMap =
          event.type === 'sequence-start'
            ? { kind: 'seq', start: event.start, end: event.start, tag: event.tag, flow: event.flow, truncated: false, size: 1, items: [], array: [], js: undefined }
            : { kind: 'map', start: event.start, end: event.start, tag: event.tag, flow: event.flow, truncated: false, size: 1, pairs: [], object: {}, js: undefined };
        node.js = node.kind === 'seq' ? node.array : node.object;
        if (event.anchor !== undefined) this.anchors.set(event.anchor, node);
        this.open.add(node);
        this.stack.push({ node, pendingKey: undefined, anchor: event.anchor, merges: undefined, reopened: false, lastEnd: event.start });
        return;
      }
      case 'sequence-end':
      case 'mapping-end': {
        const frame = this.stack.pop();
        if (!frame) return;
        this.close(frame, event.end, false);
        return;
      }
      default:
        return;
    }
  }

  /** Closes every open collection where a syntax error stopped the parse (they reach to it); what was read stays in the tree. */
  closeAll(errorOffset: number): void {
    for (let frame = this.stack.pop(); frame; frame = this.stack.pop()) this.close(frame, Math.max(frame.lastEnd, errorOffset), true);
  }

  /** Opens collections again (outermost first) to go on reading into them after a syntax error. */
  reopen(nodes: readonly (YamlSeq | YamlMap)[]): void {
    for (const node of nodes) {
      node.truncated = false;
      this.open.add(node);
      this.stack.push({ node, pendingKey: undefined, anchor: undefined, merges: undefined, reopened: true, lastEnd: node.end });
    }
  }

  private close(frame: Frame, end: number | undefined, truncated: boolean): void {
    const node = frame.node;
    // A key the error left without its value is not read as a key with an empty value.
    frame.pendingKey = undefined;
    node.end = Math.max(end ?? frame.lastEnd, node.start);
    node.truncated = node.truncated || truncated;
    if (frame.merges && node.kind === 'map') this.applyMerges(node, frame.merges);
    if (node.kind === 'seq') {
      const inner = pythonObjectInner(node.tag, node.array, undefined);
      node.js = inner !== undefined ? inner : node.array;
    } else {
      const inner = pythonObjectInner(node.tag, undefined, node.object);
      node.js = inner !== undefined ? inner : node.object;
    }
    this.open.delete(node);
    if (!frame.reopened) this.addNode(node, frame.anchor);
    else {
      const parent = this.stack[this.stack.length - 1];
      if (parent) parent.lastEnd = Math.max(parent.lastEnd, node.end);
    }
  }

  private scalarNode(event: Extract<YamlEvent, { type: 'scalar' }>): YamlScalar {
    const token = event.token;
    if (!token) return { ...emptyScalar(event.start), tag: event.tag, js: event.tag === null ? null : scalarValue('', true, event.tag, false), binary: isBinaryTag(event.tag) };
    const scan = token.scalar;
    const value = token.value ?? '';
    const plain = scan?.style === 'plain';
    return {
      kind: 'scalar',
      start: token.start,
      end: token.end,
      style: scan?.style ?? 'plain',
      value,
      tag: event.tag,
      js: scalarValue(value, plain, event.tag, this.json),
      binary: isBinaryTag(event.tag),
      scan,
    };
  }

  private aliasNode(name: string, start: number, end: number): YamlAlias {
    const target = this.anchors.get(name);
    if (!target) throw new YamlSyntaxError(start, `found the alias *${name}, but no anchor &${name} before it`);
    let js: unknown = null;
    let size = 1;
    if (!this.open.has(target)) {
      // An alias of a collection still being read would make the value cyclic; it reads as null.
      const expanded = sizeOf(target);
      if (this.aliasesCutAt === undefined && this.aliasSpent + expanded <= ALIAS_EXPANSION_BUDGET) {
        this.aliasSpent += expanded;
        js = jsOf(target);
        size = expanded;
      } else this.aliasesCutAt ??= start;
    }
    return { kind: 'alias', start, end, name, target, js, size };
  }

  private addNode(node: YamlNode, anchor: string | undefined): void {
    if (anchor !== undefined && node.kind !== 'seq' && node.kind !== 'map') this.anchors.set(anchor, node);
    const frame = this.stack[this.stack.length - 1];
    if (!frame) {
      this.root ??= node;
      return;
    }
    frame.lastEnd = Math.max(frame.lastEnd, node.end);
    const parent = frame.node;
    if (parent.kind === 'seq') {
      parent.items.push(node);
      parent.array.push(jsOf(node));
      parent.size += sizeOf(node);
      return;
    }
    if (frame.pendingKey === undefined) {
      frame.pendingKey = node;
      return;
    }
    const key = frame.pendingKey;
    frame.pendingKey = undefined;
    this.addPair(frame, parent, key, node);
  }

  private addPair(frame: Frame, map: YamlMap, key: YamlNode, value: YamlNode): void {
    const pair: YamlPair = { key, value, name: this.keyName(key) };
    map.pairs.push(pair);
    map.size += sizeOf(value);
    const k = resolveAlias(key);
    if (k?.kind === 'scalar' && isMergeKey(k.value, k.style === 'plain', k.tag, this.json)) {
      (frame.merges ??= []).push(value);
      return;
    }
    setProperty(map.object, pair.name, jsOf(value));
  }

  /** `<<: *defaults` (or a list of them): keys the map does not set itself come from the merged maps, the first one first. */
  private applyMerges(map: YamlMap, merges: readonly YamlNode[]): void {
    const sources: YamlMap[] = [];
    for (const m of merges) {
      const node = resolveAlias(m);
      if (node?.kind === 'map') sources.push(node);
      else if (node?.kind === 'seq') for (const item of node.items) {
        const inner = resolveAlias(item);
        if (inner?.kind === 'map') sources.push(inner);
      }
    }
    map.merged = sources.filter((source) => !this.open.has(source));
    for (const source of map.merged) {
      // The source's own value holds what it merged itself.
      for (const name of Object.keys(source.object)) {
        if (!Object.prototype.hasOwnProperty.call(map.object, name)) setProperty(map.object, name, source.object[name]);
      }
    }
  }

  private keyName(key: YamlNode): string {
    const node = resolveAlias(key);
    if (!node) return key.kind === 'alias' ? `*${key.name}` : '';
    if (node.kind === 'scalar') return typeof node.js === 'string' ? node.js : node.value;
    if (typeof node.js === 'string' || typeof node.js === 'number' || typeof node.js === 'boolean') return String(node.js);
    // A collection as a key (rare): its text names it.
    return this.text.slice(node.start, Math.min(node.end, node.start + 200));
  }
}

function emptyScalar(at: number): YamlScalar {
  return { kind: 'scalar', start: at, end: at, style: 'empty', value: '', tag: null, js: null, binary: false, scan: undefined };
}

function jsOf(node: YamlNode): unknown {
  return node.js;
}

function sizeOf(node: YamlNode): number {
  return node.kind === 'scalar' ? 1 : node.size;
}

/** Sets a property, `__proto__` included, without touching any prototype. */
function setProperty(object: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
  else object[name] = value;
}
