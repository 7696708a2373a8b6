// One linear pass over JSON text that records only what later steps need: where the shallow values
// (envelope, response, each response item) start and end, how many keys each object has, and how
// deep the text nests. Values themselves come from JSON.parse, which is native and far faster than
// any tree built in JavaScript; positions below the shallow levels are found on demand (jsonLocate).
// The scanner never throws and never loops: every step advances, and malformed text is skipped over.

export const MAX_NESTING = 1000;

export interface ShallowNode {
  readonly kind: 'object' | 'array' | 'value';
  readonly start: number;
  end: number;
  /** Start of the property key (its opening quote), for object members. */
  keyStart?: number;
  /** Children by key (objects) or index (arrays); absent below the recorded depth. */
  children?: Map<string | number, ShallowNode>;
}

export interface ScanResult {
  readonly root: ShallowNode | undefined;
  /** Key count of every object, in the order their `{` appear. */
  readonly keyCounts: Int32Array;
  readonly objectCount: number;
  /** Offset of the first value nested deeper than MAX_NESTING, or -1. */
  readonly tooDeepAt: number;
}

interface Frame {
  readonly node: ShallowNode | undefined;
  readonly isObject: boolean;
  readonly countIndex: number;
  index: number;
  expectKey: boolean;
  key: string | undefined;
}

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93, SLASH = 47, STAR = 42;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Index just past the closing quote of the string starting at `i` (or the text's end if unterminated). */
export function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j === -1) return text.length;
    let k = j - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    j++;
  }
}

function skipComment(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next === SLASH) {
    const nl = text.indexOf('\n', i + 2);
    return nl === -1 ? text.length : nl + 1;
  }
  if (next === STAR) {
    const close = text.indexOf('*/', i + 2);
    return close === -1 ? text.length : close + 2;
  }
  return i + 1;
}

function readKey(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (raw.indexOf('\\') === -1) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

export function scanJson(text: string, from = 0, recordDepth = 3): ScanResult {
  let keyCounts = new Int32Array(1024);
  let objectCount = 0;
  let root: ShallowNode | undefined;
  let tooDeepAt = -1;
  const stack: Frame[] = [];
  const len = text.length;
  let i = from;

  const attach = (kind: ShallowNode['kind'], start: number, keyStart: number | undefined): ShallowNode | undefined => {
    const depth = stack.length;
    if (depth > recordDepth) return undefined;
    const node: ShallowNode = { kind, start, end: start };
    if (depth === 0) {
      if (!root) root = node;
      return root === node ? node : undefined;
    }
    const parent = stack[depth - 1] as Frame;
    if (!parent.node) return undefined;
    if (keyStart !== undefined) node.keyStart = keyStart;
    const children = (parent.node.children ??= new Map());
    const slot = parent.isObject ? parent.key : parent.index;
    if (slot !== undefined && !children.has(slot)) children.set(slot, node);
    return node;
  };

  let pendingKeyStart: number | undefined;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === SLASH) {
      i = skipComment(text, i);
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === COMMA) {
      if (top) {
        if (top.isObject) top.expectKey = true;
        else top.index++;
      }
      i++;
      continue;
    }
    if (c === COLON) {
      if (top) top.expectKey = false;
      i++;
      continue;
    }
    if (c === RBRACE || c === RBRACKET) {
      const frame = stack.pop();
      if (frame?.node) frame.node.end = i + 1;
      i++;
      continue;
    }
    if (top && top.isObject && top.expectKey) {
      // A property key: count it, and remember it when its value is one we record.
      const end = c === QUOTE ? skipString(text, i) : i + 1;
      keyCounts[top.countIndex] = (keyCounts[top.countIndex] ?? 0) + 1;
      top.key = top.node && stack.length <= recordDepth ? readKey(text, i, end) : undefined;
      pendingKeyStart = i;
      top.expectKey = false;
      i = end;
      continue;
    }
    const keyStart = top?.isObject ? pendingKeyStart : undefined;
    pendingKeyStart = undefined;
    if (c === LBRACE || c === LBRACKET) {
      const isObject = c === LBRACE;
      const node = attach(isObject ? 'object' : 'array', i, keyStart);
      let countIndex = -1;
      if (isObject) {
        if (objectCount === keyCounts.length) {
          const grown = new Int32Array(keyCounts.length * 2);
          grown.set(keyCounts);
          keyCounts = grown;
        }
        countIndex = objectCount++;
      }
      if (stack.length >= MAX_NESTING && tooDeepAt === -1) tooDeepAt = i;
      stack.push({ node, isObject, countIndex, index: 0, expectKey: isObject, key: undefined });
      i++;
      continue;
    }
    let end: number;
    if (c === QUOTE) end = skipString(text, i);
    else {
      end = i + 1;
      while (end < len) {
        const d = text.charCodeAt(end);
        if (d === COMMA || d === RBRACE || d === RBRACKET || d === COLON || d === QUOTE || d === SLASH || isSpace(d)) break;
        end++;
      }
    }
    const node = attach('value', i, keyStart);
    if (node) node.end = end;
    i = end;
  }
  // A text cut off inside a value: what is still open runs to the end, so positions in it find their path.
  for (const frame of stack) if (frame.node) frame.node.end = len;
  return { root, keyCounts, objectCount, tooDeepAt };
}
