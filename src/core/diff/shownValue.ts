// A changed value as a diff carries it: itself, unless it nests deeper than JSON.stringify and a reader can
// follow (JSON.stringify recurses, so such a value would crash the report); then a short note in its place.

export const MAX_SHOWN_DEPTH = 200;

export function nestingDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > limit) return true;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return false;
}

export function shownValue(value: unknown): unknown {
  return nestingDeeperThan(value, MAX_SHOWN_DEPTH) ? `(a value nested more than ${MAX_SHOWN_DEPTH} levels deep)` : value;
}
