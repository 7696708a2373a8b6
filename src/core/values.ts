// Narrowing helpers for parsed JSON: the core reads untrusted values without casts scattered about.

export type JsonRecord = Readonly<Record<string, unknown>>;

export function asRecord(v: unknown): JsonRecord | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonRecord) : undefined;
}

export function asArray(v: unknown): readonly unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** `__data__` of a serialized SDK object, or the object itself when it is a plain one. */
export function dataOf(item: unknown): JsonRecord | undefined {
  const r = asRecord(item);
  if (!r) return undefined;
  return '__type__' in r ? asRecord(r['__data__']) : r;
}

/** The JSON path prefix from an item to its data ('__data__' for serialized SDK objects). */
export function dataPrefix(item: unknown): readonly string[] {
  const r = asRecord(item);
  return r && '__type__' in r ? ['__data__'] : [];
}
