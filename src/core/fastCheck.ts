// A plain-JavaScript predicate compiled from a zod schema, for the hot path: a 55,000-chunk stream
// is checked by these predicates alone, and zod itself runs only on an item the predicate rejects,
// to produce the exact issues. The predicate is never looser than the schema: a schema construct it
// does not understand compiles to "reject", which hands the item to zod.
import type { z } from 'zod';

type Check = (v: unknown) => boolean;

interface Def {
  readonly type: string;
  readonly shape?: Record<string, { _zod: { def: Def } }>;
  readonly catchall?: { _zod: { def: Def } };
  readonly innerType?: { _zod: { def: Def } };
  readonly element?: { _zod: { def: Def } };
  readonly options?: readonly { _zod: { def: Def } }[];
}

const REJECT: Check = () => false;

function compileDef(def: Def): Check {
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'unknown':
    case 'any':
      return () => true;
    case 'optional': {
      const inner = def.innerType ? compileDef(def.innerType._zod.def) : REJECT;
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = def.innerType ? compileDef(def.innerType._zod.def) : REJECT;
      return (v) => v === null || inner(v);
    }
    case 'array': {
      const element = def.element ? compileDef(def.element._zod.def) : REJECT;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'union': {
      const options = (def.options ?? []).map((o) => compileDef(o._zod.def));
      return (v) => options.some((o) => o(v));
    }
    case 'object': {
      // Only loose objects (unknown catchall) are understood: extra keys are allowed.
      if (def.catchall?._zod.def.type !== 'unknown') return REJECT;
      const fields = Object.entries(def.shape ?? {}).map(([key, s]) => [key, compileDef(s._zod.def)] as const);
      return (v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
        const r = v as Record<string, unknown>;
        for (const [key, check] of fields) if (!check(r[key])) return false;
        return true;
      };
    }
    default:
      return REJECT;
  }
}

const compiled = new WeakMap<z.ZodType, Check>();

/** True when the value certainly satisfies the schema; false means "ask zod". */
export function passesFast(schema: z.ZodType, value: unknown): boolean {
  let check = compiled.get(schema);
  if (!check) {
    check = compileDef((schema as unknown as { _zod: { def: Def } })._zod.def);
    compiled.set(schema, check);
  }
  return check(value);
}
