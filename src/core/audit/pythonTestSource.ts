// What a Python test file defines, read line by line (no parser, no recursion): test functions with
// their `def` lines, classes and whether they inherit, and names it imports or assigns, so that a
// recording's test can be found, linked to, or called gone.

export interface PythonDef {
  readonly name: string;
  /** 0-based line of the `def`. */
  readonly line: number;
  /** Offset of the name in the text. */
  readonly offset: number;
  /** The class the def is in (by indentation), or null at module level. */
  readonly className: string | null;
}

export interface PythonTestIndex {
  readonly defs: ReadonlyMap<string, readonly PythonDef[]>;
  /** Class name → whether it has base classes (its tests may be inherited from elsewhere). */
  readonly classes: ReadonlyMap<string, { readonly line: number; readonly inherits: boolean }>;
  /** Names brought in by import or assignment: a test that may be defined elsewhere. */
  readonly otherNames: ReadonlySet<string>;
}

const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(/;
const CLASS = /^([ \t]*)class[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*(\(([^)]*)\))?/;
const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::[^=]*)?=(?!=)/;
const IMPORT = /^(?:from[ \t]+\S+[ \t]+)?import[ \t]+(.*)$/;

export function indexPythonTests(source: string): PythonTestIndex {
  const defs = new Map<string, PythonDef[]>();
  const classes = new Map<string, { line: number; inherits: boolean }>();
  const otherNames = new Set<string>();
  // Open classes by indentation; a line indented no deeper than a class closes it.
  const open: { indent: number; name: string }[] = [];
  let offset = 0;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = offset;
    offset += line.length + 1;
    const body = line.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    const indent = line.length - body.length;
    while (open.length > 0 && open[open.length - 1]!.indent >= indent) open.pop();
    const cls = CLASS.exec(line);
    if (cls) {
      const bases = (cls[4] ?? '').trim();
      classes.set(cls[2]!, { line: i, inherits: bases !== '' && bases !== 'object' });
      open.push({ indent, name: cls[2]! });
      continue;
    }
    const def = DEF.exec(line);
    if (def) {
      const name = def[2]!;
      const entry: PythonDef = { name, line: i, offset: start + line.indexOf(name, def[1]!.length), className: open.length > 0 ? open[open.length - 1]!.name : null };
      const list = defs.get(name);
      if (list) list.push(entry);
      else defs.set(name, [entry]);
      continue;
    }
    if (indent === 0) {
      const assign = ASSIGN.exec(line);
      if (assign) otherNames.add(assign[1]!);
      const imp = IMPORT.exec(line);
      if (imp) for (const m of imp[1]!.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) otherNames.add(m[0]);
    }
  }
  return { defs, classes, otherNames };
}

export type TestPresence = 'defined' | 'missing' | 'unknown';

/** Whether the file still defines the test `classes::name` ('unknown' where it may come from elsewhere). */
export function testPresence(index: PythonTestIndex, classes: readonly string[], name: string): TestPresence {
  const owner = classes.length > 0 ? classes[classes.length - 1]! : null;
  const found = (index.defs.get(name) ?? []).some((d) => d.className === owner);
  if (found) return 'defined';
  if (owner === null) return index.otherNames.has(name) ? 'unknown' : 'missing';
  const cls = index.classes.get(owner);
  if (cls === undefined) return index.otherNames.has(owner) ? 'unknown' : 'missing';
  // A class with bases may inherit the test from a module we do not read.
  return cls.inherits ? 'unknown' : 'missing';
}

/** The `def` of a test, for a link from its recordings. */
export function findTestDef(index: PythonTestIndex, classes: readonly string[], name: string): PythonDef | undefined {
  const owner = classes.length > 0 ? classes[classes.length - 1]! : null;
  const list = index.defs.get(name) ?? [];
  return list.find((d) => d.className === owner) ?? list[0];
}
