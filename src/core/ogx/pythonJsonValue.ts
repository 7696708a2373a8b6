// The one model of a JSON value as the recorder's Python holds it, shared by request hashing and
// re-recording: int and float stay apart (`1` and `1.0` are one number in JS, two texts in Python's
// dump), ints are unbounded, and a dict is a Map (insertion order; a repeated key keeps its first
// position and takes the last value, as dict does; "__proto__" is a plain key). Converters from a
// jsonc-parser tree and to plain JS values; parsing is pythonJsonParse.ts, writing pythonJsonDump.ts.
import type { Node } from 'jsonc-parser';

export type PyJson =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint } // Python ints are unbounded
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'list'; items: PyJson[] }
  | { kind: 'dict'; entries: Map<string, PyJson> };

export type PyDict = Extract<PyJson, { kind: 'dict' }>;

export const PY_NULL: PyJson = { kind: 'null' };

export function pyBool(value: boolean): PyJson {
  return { kind: 'bool', value };
}

export function pyInt(value: bigint | number): PyJson {
  return { kind: 'int', value: BigInt(value) };
}

export function pyStr(value: string): PyJson {
  return { kind: 'str', value };
}

export function pyDict(entries: Iterable<readonly [string, PyJson]> = []): PyDict {
  return { kind: 'dict', entries: new Map(entries) };
}

export function isPyDict(v: PyJson | undefined): v is PyDict {
  return v?.kind === 'dict';
}

/** The member `key` of a dict, undefined for anything else. */
export function pyGet(v: PyJson | undefined, key: string): PyJson | undefined {
  return v?.kind === 'dict' ? v.entries.get(key) : undefined;
}

/** The text of a str, undefined for anything else. */
export function pyText(v: PyJson | undefined): string | undefined {
  return v?.kind === 'str' ? v.value : undefined;
}

export function isPyTrue(v: PyJson | undefined): boolean {
  return v?.kind === 'bool' && v.value;
}

/** A number literal as json.loads reads it: an int unless a fraction or an exponent is written. */
export function pyNumber(literal: string): PyJson {
  return /[.eE]/.test(literal) ? { kind: 'float', value: Number(literal) } : { kind: 'int', value: BigInt(literal) };
}

/**
 * Converts a jsonc-parser node of `text` (numbers are read from their literal text, so int and float
 * stay apart). undefined when the value nests deeper than `maxDepth`, which also bounds the recursion.
 */
export function pyJsonFromNode(node: Node, text: string, maxDepth: number): PyJson | undefined {
  const convert = (n: Node, depth: number): PyJson | undefined => {
    if (depth > maxDepth) return undefined;
    switch (n.type) {
      case 'object': {
        const entries = new Map<string, PyJson>();
        for (const property of n.children ?? []) {
          const [key, value] = property.children ?? [];
          if (!key || !value || typeof key.value !== 'string') continue;
          const v = convert(value, depth + 1);
          if (v === undefined) return undefined;
          entries.set(key.value, v);
        }
        return { kind: 'dict', entries };
      }
      case 'array': {
        const items: PyJson[] = [];
        for (const child of n.children ?? []) {
          const v = convert(child, depth + 1);
          if (v === undefined) return undefined;
          items.push(v);
        }
        return { kind: 'list', items };
      }
      case 'number':
        return pyNumber(text.slice(n.offset, n.offset + n.length));
      case 'string':
        return { kind: 'str', value: typeof n.value === 'string' ? n.value : '' };
      case 'boolean':
        return { kind: 'bool', value: n.value === true };
      default:
        return PY_NULL;
    }
  };
  return convert(node, 0);
}

/** A plain JS view (ints and floats as numbers, dicts as objects), for code that only reads a value. */
export function toPlain(v: PyJson): unknown {
  switch (v.kind) {
    case 'null':
      return null;
    case 'bool':
    case 'float':
    case 'str':
      return v.value;
    case 'int':
      return Number(v.value);
    case 'list':
      return v.items.map(toPlain);
    case 'dict': {
      const out: Record<string, unknown> = {};
      // defineProperty, so a "__proto__" key is an own property and not the prototype.
      for (const [k, x] of v.entries) Object.defineProperty(out, k, { value: toPlain(x), enumerable: true, writable: true, configurable: true });
      return out;
    }
  }
}

/** Whether a float in the value is NaN or infinite (json.dumps would write NaN or Infinity, which is not JSON). */
export function holdsNonFinite(v: PyJson): boolean {
  // An explicit stack: the value may come from a parser whose depth bound is not known here.
  const stack: PyJson[] = [v];
  for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
    if (x.kind === 'float' && !Number.isFinite(x.value)) return true;
    // A loop, not push(...items): a spread of millions of items overflows the call's argument limit.
    if (x.kind === 'list') for (const item of x.items) stack.push(item);
    else if (x.kind === 'dict') for (const item of x.entries.values()) stack.push(item);
  }
  return false;
}
