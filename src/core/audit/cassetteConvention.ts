// pytest-recording's cassette naming: <test module dir>/cassettes/<module>/<test>.yaml, <test> being the
// test's name with its parametrization ("Class.test" for a method). Tells which test a cassette is for.

export interface CassetteTest {
  /** The test module, '/'-separated, relative to the same root as the cassette. */
  readonly moduleFile: string;
  readonly classes: readonly string[];
  readonly name: string;
  readonly params: string | null;
}

const CASSETTE = /^(?:(.*)\/)?cassettes\/([^/]+)\/([^/]+)\.(?:yaml|yml|json)$/;

export function cassetteTest(path: string): CassetteTest | undefined {
  const m = CASSETTE.exec(path.replace(/\\/g, '/'));
  if (!m) return undefined;
  const module = m[2]!;
  // Only test modules follow the convention; other folders named cassettes/ are someone else's.
  if (!/^test_\w+$|^\w+_test$/.test(module)) return undefined;
  let stem = m[3]!;
  let params: string | null = null;
  const bracket = stem.indexOf('[');
  if (bracket !== -1) {
    params = stem.endsWith(']') ? stem.slice(bracket + 1, -1) : stem.slice(bracket + 1);
    stem = stem.slice(0, bracket);
  }
  const parts = stem.split('.');
  const name = parts.pop()!;
  if (!/^[A-Za-z_]\w*$/.test(name) || parts.some((p) => !/^[A-Za-z_]\w*$/.test(p))) return undefined;
  return { moduleFile: `${m[1] === undefined ? '' : `${m[1]}/`}${module}.py`, classes: parts, name, params };
}

/** Whether a text is a VCR cassette (a YAML or JSON document with interactions). */
export function looksLikeCassette(text: string): boolean {
  return /^interactions:|"interactions"\s*:/m.test(text.slice(0, 65536));
}
