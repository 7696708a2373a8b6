// The extensionTestsPath module: VS Code's extension host calls run(), which runs every dist/test/extension/*.test.js with mocha and writes a JSON result.
//
// Where the result goes: $FIXTURE_LENS_TEST_RESULT when set (the runner sets it on code-server, whose
// extension host inherits it), else <repo>/.vscode-test/results/extension-tests.json. The file is written
// (atomically) before run() settles, because the workbench closes as soon as run() settles.
import Mocha from 'mocha';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface TestOutcome {
  title: string;
  fullTitle: string;
  file?: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: { message: string; stack?: string };
}

export interface ExtensionTestResult {
  passes: number;
  failures: number;
  pending: number;
  tests: TestOutcome[];
  /** Set when the run itself broke (no test files, a file that does not load). */
  error?: { message: string; stack?: string };
  startedAt: string;
  finishedAt: string;
  vscodeVersion?: string;
}

export const DEFAULT_RESULT_FILE = resolve(__dirname, '..', '..', '..', '.vscode-test', 'results', 'extension-tests.json');

export function resultFile(): string {
  return process.env.FIXTURE_LENS_TEST_RESULT || DEFAULT_RESULT_FILE;
}

function writeResult(result: ExtensionTestResult): void {
  const file = resultFile();
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(result, null, 2));
  renameSync(partial, file);
}

function errorOf(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return err.stack ? { message: err.message, stack: err.stack } : { message: err.message };
  return { message: String(err) };
}

function vscodeVersion(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only inside the extension host
    return (require('vscode') as { version: string }).version;
  } catch {
    return undefined;
  }
}

export async function run(): Promise<void> {
  const startedAt = new Date().toISOString();
  const tests: TestOutcome[] = [];
  const result = (error?: unknown): ExtensionTestResult => ({
    passes: tests.filter((t) => t.state === 'passed').length,
    failures: tests.filter((t) => t.state === 'failed').length + (error ? 1 : 0),
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
    ...(error ? { error: errorOf(error) } : {}),
    startedAt,
    finishedAt: new Date().toISOString(),
    ...(vscodeVersion() ? { vscodeVersion: vscodeVersion() } : {}),
  });

  let outcome: ExtensionTestResult;
  try {
    const files = readdirSync(__dirname)
      .filter((f) => f.endsWith('.test.js'))
      .sort()
      .map((f) => join(__dirname, f));
    if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}: run \`node scripts/build.mjs\``);

    const grep = process.env.FIXTURE_LENS_TEST_GREP;
    // Serial (mocha's default), no colours: the output goes to the extension host log and the page console.
    const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
    for (const file of files) mocha.addFile(file);
    await mocha.loadFilesAsync();

    await new Promise<void>((resolveRun) => {
      const runner = mocha.run(() => resolveRun());
      const outcomeOf = (test: Mocha.Runnable, state: TestOutcome['state'], err?: unknown): TestOutcome => ({
        title: test.title,
        fullTitle: test.fullTitle(),
        ...(test.file ? { file: test.file } : {}),
        state,
        ...(state !== 'pending' && test.duration !== undefined ? { durationMs: test.duration } : {}),
        ...(err !== undefined ? { error: errorOf(err) } : {}),
      });
      runner.on('pass', (test) => tests.push(outcomeOf(test, 'passed')));
      runner.on('pending', (test) => tests.push(outcomeOf(test, 'pending')));
      // Also fires for hooks ("before all" hook failures), which count as failures too.
      runner.on('fail', (test, err) => tests.push(outcomeOf(test, 'failed', err)));
    });
    outcome = result();
  } catch (error) {
    outcome = result(error);
  }
  writeResult(outcome);
  if (outcome.failures > 0) throw new Error(`${outcome.failures} extension test(s) failed; see ${resultFile()}`);
}
