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

// The same predicate written out as straight-line source and compiled once per schema: each field is
// read into a local and tested inline, where the closures above cost a call per field and per nesting
// level (polymorphic, so V8 cannot inline them). Arrays and objects become small named functions.
// Keys are written with JSON.stringify; nothing but the schema's own shape reaches the source.
function generate(def: Def): Check | undefined {
  const helpers: string[] = [];
  const expr = (d: Def, v: string): string => {
    switch (d.type) {
      case 'string':
        return `typeof ${v} === 'string'`;
      case 'number':
        return `(typeof ${v} === 'number' && Number.isFinite(${v}))`;
      case 'boolean':
        return `typeof ${v} === 'boolean'`;
      case 'unknown':
      case 'any':
        return 'true';
      case 'optional':
        return `(${v} === undefined || ${d.innerType ? expr(d.innerType._zod.def, v) : 'false'})`;
      case 'nullable':
        return `(${v} === null || ${d.innerType ? expr(d.innerType._zod.def, v) : 'false'})`;
      case 'union': {
        const options = (d.options ?? []).map((o) => expr(o._zod.def, v));
        return options.length === 0 ? 'false' : `(${options.join(' || ')})`;
      }
      case 'array': {
        const name = `a${helpers.length}`;
        helpers.push('');
        const element = d.element ? expr(d.element._zod.def, 'e') : 'false';
        helpers[Number(name.slice(1))] = `function ${name}(v) { if (!Array.isArray(v)) return false; for (let i = 0; i < v.length; i++) { const e = v[i]; if (!(${element})) return false; } return true; }`;
        return `${name}(${v})`;
      }
      case 'object': {
        if (d.catchall?._zod.def.type !== 'unknown') return 'false';
        const name = `o${helpers.length}`;
        helpers.push('');
        const body = Object.entries(d.shape ?? {}).map(([key, s], i) => `const f${i} = v[${JSON.stringify(key)}]; if (!(${expr(s._zod.def, `f${i}`)})) return false;`);
        helpers[Number(name.slice(1))] = `function ${name}(v) { if (v === null || typeof v !== 'object' || Array.isArray(v)) return false; ${body.join(' ')} return true; }`;
        return `${name}(${v})`;
      }
      default:
        return 'false';
    }
  };
  const top = expr(def, 'value');
  try {
    return new Function(`'use strict'; ${helpers.join('\n')}\nreturn function check(value) { return ${top}; };`)() as Check;
  } catch {
    return undefined; // an environment that forbids compiling code keeps the closures
  }
}

const compiled = new WeakMap<z.ZodType, Check>();

/** True when the value certainly satisfies the schema; false means "ask zod". */
export function passesFast(schema: z.ZodType, value: unknown): boolean {
  let check = compiled.get(schema);
  if (!check) {
    const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
    check = generate(def) ?? compileDef(def);
    compiled.set(schema, check);
  }
  return check(value);
}
