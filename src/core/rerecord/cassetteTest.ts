// Which test records a cassette, from where the recorder put it, so "Re-record via Test Run" can run that one
// test with the recorder's own switch (a VCR suite is re-recorded by running its test, not by replaying a
// request): pytest-recording's `cassettes/<module>/<test>.yaml`, go-vcr's and httprr's `testdata/<Test>…`.
import type { ContainerFormat } from '../containers/types';

/** The values a cassette's re-record command template may use. */
export interface CassetteTest {
  /** pytest's node id (`tests/models/test_openai.py::TestX::test_y[param]`), when the path follows pytest-recording. */
  readonly testId?: string;
  /** The test function's name as the cassette's file name gives it (`test_y[param]`, `TestAnthropicThinking`). */
  readonly testName: string;
  /** The cassette's path relative to the workspace folder, with `/`. */
  readonly cassette: string;
  /** Go: the package holding the test (`./providertests`) and a `-run` pattern for it (`^TestX$/^sub$`). */
  readonly goPackage?: string;
  readonly goRun?: string;
}

/** The recorder's own switch per format, as a template; formats without a convention have none (a setting gives it). */
export const DEFAULT_CASSETTE_COMMANDS: Readonly<Partial<Record<ContainerFormat, string>>> = {
  vcrpy: 'pytest ${testId} --record-mode=rewrite',
  'vcrpy-langchain': 'pytest ${testId} --record-mode=rewrite',
  httprr: 'go test ${goPackage} -run ${goRun} -httprecord=.*',
};

/** The placeholder a format's default command needs; a configured template may use any of them. */
export function requiredPlaceholder(template: string): keyof CassetteTest {
  for (const name of ['testId', 'goRun', 'testName', 'cassette'] as const) if (template.includes(`\${${name}}`)) return name;
  return 'cassette';
}

const CASSETTE_NAME = /\.(?:ya?ml|json|har|httprr)(?:\.gz)?$/i;

function goRunPattern(parts: readonly string[]): string {
  return parts.map((p) => `^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).join('/');
}

export function cassetteTest(relativePath: string): CassetteTest {
  const cassette = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const segments = cassette.split('/');
  const file = segments[segments.length - 1] ?? cassette;
  const stem = file.replace(CASSETTE_NAME, '');
  // pytest-recording: <dir>/cassettes/<module>/<Class.>test.yaml, the test module being <dir>/<module>.py.
  const at = segments.lastIndexOf('cassettes');
  let testId: string | undefined;
  let testName = stem;
  if (at >= 0 && segments.length - at === 3) {
    const module = segments[at + 1] as string;
    const dot = stem.indexOf('.');
    const bracket = stem.indexOf('[');
    // `TestClass.test_x[param]`: the class is before the first dot that comes before any parameters.
    const classed = dot > 0 && (bracket === -1 || dot < bracket);
    const cls = classed ? stem.slice(0, dot) : undefined;
    testName = classed ? stem.slice(dot + 1) : stem;
    const dir = segments.slice(0, at).join('/');
    testId = `${dir === '' ? '' : `${dir}/`}${module}.py::${cls === undefined ? '' : `${cls}::`}${testName}`;
  }
  // Go: <package>/testdata/<TestName>[/<subtest…>].yaml or <package>/testdata/<TestName>.httprr.
  const data = segments.lastIndexOf('testdata');
  if (data >= 0 && data < segments.length - 1) {
    const pkg = segments.slice(0, data).join('/');
    const names = [...segments.slice(data + 1, -1), stem];
    return { testName: names[0] as string, cassette, goPackage: pkg === '' ? '.' : `./${pkg}`, goRun: goRunPattern(names) };
  }
  return testId === undefined ? { testName, cassette } : { testId, testName, cassette };
}
