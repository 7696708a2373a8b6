// A JSON value as the recorder's Python holds it, so a re-recorded response is written the way the
// recorder would write it: objects keep their key order (a Map, so "__proto__" or "1" keys are plain
// keys), integers stay exact (bigint past 2^53), and a number written with a dot or an exponent stays
// a float (Python prints 1.0, not 1). JSON.parse loses all three.
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { RerecordError } from './errors';

/** A number the recorder's json.loads would read as a float. */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type JsonObject = Map<string, JsonValue>;
export type JsonValue = null | boolean | string | number | bigint | PyFloat | JsonValue[] | JsonObject;

/** Deeper than any provider answer; bounds the recursion of the converter and the writer. */
export const MAX_DEPTH = 256;

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return v instanceof Map;
}

export function numberFromLiteral(literal: string): number | bigint | PyFloat {
  if (/[.eE]/.test(literal)) return new PyFloat(Number(literal));
  const n = Number(literal);
  return Number.isSafeInteger(n) ? n : BigInt(literal);
}

/** Converts a jsonc-parser node of `text` (numbers are read from their literal text). */
export function valueFromNode(node: Node, text: string, depth = 0): JsonValue {
  if (depth > MAX_DEPTH) throw new RerecordError('malformed', `values are nested deeper than ${MAX_DEPTH} levels`);
  switch (node.type) {
    case 'object': {
      const out: JsonObject = new Map();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value && typeof key.value === 'string') out.set(key.value, valueFromNode(value, text, depth + 1));
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((child) => valueFromNode(child, text, depth + 1));
    case 'number':
      return numberFromLiteral(text.slice(node.offset, node.offset + node.length));
    case 'string':
      return typeof node.value === 'string' ? node.value : '';
    case 'boolean':
      return node.value === true;
    default:
      return null;
  }
}

/**
 * Parses text a provider sent. Strict: JSON.parse decides validity (jsonc-parser would accept comments
 * and trailing commas), then jsonc-parser's tree supplies key order and number literals.
 */
export function parseStrictJson(text: string): JsonValue {
  try {
    JSON.parse(text);
  } catch (e) {
    throw new RerecordError('malformed', `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (!tree || errors.length > 0) throw new RerecordError('malformed', 'not valid JSON');
  return valueFromNode(tree, text);
}

export function getKey(v: JsonValue | undefined, key: string): JsonValue | undefined {
  return isJsonObject(v) ? v.get(key) : undefined;
}

/** A plain JS view (numbers as numbers), for code that only reads text out of a value. */
export function toPlain(v: JsonValue): unknown {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toPlain);
  if (isJsonObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) Object.defineProperty(out, k, { value: toPlain(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
