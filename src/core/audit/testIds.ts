// pytest node ids ("tests/x/test_y.py::TestZ::test_w[param]") taken apart: the file, the classes, the
// function, the parametrization. Recordings name their test this way (OGX `test_id`).

export interface TestId {
  /** The node id as written. */
  readonly id: string;
  /** The test file, '/'-separated as pytest writes it. */
  readonly file: string;
  /** Enclosing classes, outermost first. */
  readonly classes: readonly string[];
  /** The function name, parametrization stripped. */
  readonly name: string;
  /** What was in the brackets (without them), or null when the test is not parametrized. */
  readonly params: string | null;
}

/** Parses a node id; undefined when it names no function in a .py file. */
export function parseTestId(id: string): TestId | undefined {
  const sep = id.indexOf('::');
  if (sep <= 0) return undefined;
  const file = id.slice(0, sep).replace(/\\/g, '/');
  if (!file.endsWith('.py')) return undefined;
  let rest = id.slice(sep + 2);
  // Brackets hold the parametrization, which may itself contain "::" or "[".
  let params: string | null = null;
  const bracket = rest.indexOf('[');
  if (bracket !== -1) {
    params = rest.endsWith(']') ? rest.slice(bracket + 1, -1) : rest.slice(bracket + 1);
    rest = rest.slice(0, bracket);
  }
  const parts = rest.split('::');
  const name = parts.pop() ?? '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || parts.some((c) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c))) return undefined;
  return { id, file, classes: parts, name, params };
}

/** The node id without its parametrization ("file::Class::test"). */
export function testFunctionId(t: TestId): string {
  return [t.file, ...t.classes, t.name].join('::');
}

/** Whether `a` and `b` name the same file, one path a suffix of the other at a '/' (pytest's root may differ from ours). */
export function sameTestFile(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.endsWith(short) && long.charCodeAt(long.length - short.length - 1) === 0x2f;
}
