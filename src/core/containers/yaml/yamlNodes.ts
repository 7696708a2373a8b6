// The YAML tree the container readers walk: every node with its span in the text, its tag, and its plain
// JavaScript value (tags read as plain values, nothing constructed).
import type { ScalarScanContext, ScalarStyle } from './yamlTokens';

export interface YamlScalar {
  readonly kind: 'scalar';
  /** First character of the scalar itself (its quote or block indicator; a tag before it is not part of it). */
  readonly start: number;
  readonly end: number;
  /** 'empty' for a node the text leaves out (`key:` with nothing after it). */
  readonly style: ScalarStyle | 'empty';
  /** The decoded text of the scalar (for a plain `200` or `yes`, the text as written). */
  readonly value: string;
  readonly tag: string | null;
  /** The value as PyYAML would read it (`200` a number, `yes` true, `!!binary` still its base64 text). */
  readonly js: unknown;
  /** Base64 of bytes: `!!binary` (Python) or `!binary` (Ruby). */
  readonly binary: boolean;
  /** How to scan the scalar again for its offset map; undefined for an empty node. */
  readonly scan: ScalarScanContext | undefined;
}

export interface YamlPair {
  readonly key: YamlNode;
  readonly value: YamlNode;
  /** The key as the JavaScript value's property name. */
  readonly name: string;
}

interface CollectionBase {
  start: number;
  end: number;
  readonly tag: string | null;
  readonly flow: boolean;
  /** True when a syntax error cut the collection short. */
  truncated: boolean;
  /** Nodes in the expanded tree (aliases counted as what they stand for), to bound alias expansion. */
  size: number;
}

export interface YamlSeq extends CollectionBase {
  readonly kind: 'seq';
  readonly items: YamlNode[];
  js: unknown;
  readonly array: unknown[];
}

export interface YamlMap extends CollectionBase {
  readonly kind: 'map';
  readonly pairs: YamlPair[];
  js: unknown;
  readonly object: Record<string, unknown>;
  /** Index of the pair each name last appears in (PyYAML keeps the last of duplicate keys); built when first asked. */
  index?: Map<string, number>;
  /** How many pairs `index` covers (a map read again after a syntax error grows). */
  indexed?: number;
  /** Maps merged in with `<<`, first one first: keys the map does not set itself are looked up there. */
  merged?: readonly YamlMap[];
}

export interface YamlAlias {
  readonly kind: 'alias';
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly target: YamlNode | undefined;
  readonly js: unknown;
  readonly size: number;
}

export type YamlNode = YamlScalar | YamlSeq | YamlMap | YamlAlias;

/** The node an alias stands for (an alias of an alias is resolved all the way). */
export function resolveAlias(node: YamlNode | undefined): YamlNode | undefined {
  for (let k = 0; node?.kind === 'alias' && k < 64; k++) node = node.target;
  return node?.kind === 'alias' ? undefined : node;
}

/** The value of a map's key (the last one when the key is repeated). */
export function mapGet(map: YamlMap, name: string): YamlNode | undefined {
  const pair = mapPair(map, name);
  return pair?.value;
}

export function mapPair(map: YamlMap, name: string, depth = 0): YamlPair | undefined {
  if (!map.index || map.indexed !== map.pairs.length) {
    const index = new Map<string, number>();
    map.pairs.forEach((p, i) => index.set(p.name, i));
    map.index = index;
    map.indexed = map.pairs.length;
  }
  const i = map.index.get(name);
  if (i !== undefined) return map.pairs[i];
  // Merge chains are short in practice; a hostile one is not followed far.
  if (map.merged && depth < 8) {
    for (const source of map.merged) {
      const pair = mapPair(source, name, depth + 1);
      if (pair) return pair;
    }
  }
  return undefined;
}
