// Runs the extension tests (dist/test/extension/*.test.js) inside a real VS Code: code-server + Chromium here, @vscode/test-electron where VS Code can be downloaded.
//
//   node dist/test/host/runExtensionTests.js [folder]
//
// Builds nothing: run `node scripts/build.mjs` (and once `bash scripts/setup-test-host.sh`) first.
// The workspace is a temp copy of [folder] / $FIXTURE_LENS_TEST_FOLDER / fixtures/.
// Env: FIXTURE_LENS_TEST_HOST=electron (use @vscode/test-electron), FIXTURE_LENS_TEST_TIMEOUT_MS (default 600000),
// FIXTURE_LENS_TEST_GREP (mocha grep), FIXTURE_LENS_TEST_VERBOSE=1 (print code-server's and the workbench's log live).
// Prints every test with its outcome, the failures' messages, then `N passed, N failed`; exits 0 only when at
// least one test passed and none failed.
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import type { ExtensionTestResult } from '../extension/index';
import { launchChromium, repoRoot, startCodeServer, type CodeServer, type LaunchedChromium } from './codeServer';

const ROOT = repoRoot();
const TESTS_INDEX = join(ROOT, 'dist', 'test', 'extension', 'index.js');
// index.js writes here when FIXTURE_LENS_TEST_RESULT does not reach it; must match DEFAULT_RESULT_FILE there.
const FALLBACK_RESULT = join(ROOT, '.vscode-test', 'results', 'extension-tests.json');
const TIMEOUT_MS = Number(process.env.FIXTURE_LENS_TEST_TIMEOUT_MS ?? 600_000);
const VERBOSE = process.env.FIXTURE_LENS_TEST_VERBOSE === '1';

const started = Date.now();
function say(message: string): void {
  console.log(`fixture-lens: ${message} [${((Date.now() - started) / 1000).toFixed(1)}s]`);
}

const cleanups: Array<() => Promise<void> | void> = [];
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`fixture-lens: cleanup failed: ${(error as Error).message}`);
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`fixture-lens: ${sig}, stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function readResult(file: string): ExtensionTestResult | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ExtensionTestResult;
}

/** The workspace: a temp copy, so tests may change files without touching the repository. */
function prepareWorkspace(scratch: string): { source: string; workspace: string } {
  const source = resolve(process.argv[2] ?? process.env.FIXTURE_LENS_TEST_FOLDER ?? join(ROOT, 'fixtures'));
  if (!existsSync(source)) throw new Error(`workspace folder ${source} does not exist`);
  const workspace = join(scratch, 'workspace');
  cpSync(source, workspace, { recursive: true });
  return { source, workspace };
}

async function runInCodeServer(env: Record<string, string>, workspace: string, resultFile: string): Promise<void> {
  say('starting code-server on 127.0.0.1…');
  const log: string[] = [];
  const remember = (line: string): void => {
    log.push(line);
    if (log.length > 400) log.shift();
    if (VERBOSE) console.log(`  | ${line}`);
  };
  const server: CodeServer = await startCodeServer({ folder: workspace, env, log: (line) => remember(`[code-server] ${line}`) });
  cleanups.push(() => server.stop());
  say(`code-server answers on ${server.url}`);

  const browser: LaunchedChromium = await launchChromium();
  cleanups.push(() => browser.close());
  const page = browser.page;

  let exitCode: number | undefined;
  // The workbench calls these when it runs under automation: the extension host's exit code and the workbench's log lines.
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    exitCode = code;
  });
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    // The extension host's console (mocha's spec reporter) arrives here too, as printf-style arguments.
    remember(`[workbench ${type}] ${format(...(Array.isArray(args) ? args : [args]))}`);
  });
  // Info lines come through codeAutomationLog already; the page's own errors (failed loads) only here.
  page.on('console', (message) => {
    if (message.type() === 'error') remember(`[page console] ${message.text()}`);
  });
  page.on('pageerror', (error) => remember(`[page error] ${error.message}`));

  // extensionDevelopmentPath and extensionTestsPath live on the code-server machine: vscode-remote URIs with its authority.
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(TESTS_INDEX)],
    ['extensionEnvironment', JSON.stringify(env)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  say('opening the workbench in chromium; the extension host runs the tests…');
  await page.goto(server.workbenchUrl({ payload: JSON.stringify(payload) }), { waitUntil: 'domcontentloaded', timeout: 120_000 });

  const deadline = Date.now() + TIMEOUT_MS;
  let exitSeenAt: number | undefined;
  for (;;) {
    if (existsSync(resultFile) || existsSync(FALLBACK_RESULT)) break;
    if (exitCode !== undefined) {
      // The file is written before run() settles; allow a moment for slow disks, then give up.
      exitSeenAt ??= Date.now();
      if (Date.now() - exitSeenAt > 5000) throw new Error(`the extension host exited (code ${exitCode}) without writing a result\n${tail(log)}`);
    }
    if (Date.now() > deadline) throw new Error(`no result after ${TIMEOUT_MS / 1000} s\n${tail(log)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  if (VERBOSE || process.env.CI) say(`extension host finished${exitCode !== undefined ? ` (exit code ${exitCode})` : ''}`);
}

async function runInElectron(env: Record<string, string>, workspace: string): Promise<void> {
  say('running in VS Code desktop via @vscode/test-electron (downloads VS Code on first use)…');
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: TESTS_INDEX,
    extensionTestsEnv: env,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  }).catch((error: unknown) => {
    // Failing tests make VS Code exit non-zero, which runTests reports as an error: the result file says which.
    // Without a result file (e.g. the download failed), main() reports that there is none.
    say(`@vscode/test-electron: ${(error as Error).message ?? String(error)}`);
  });
}

function tail(lines: string[], n = 60): string {
  return lines.length ? `last log lines:\n${lines.slice(-n).join('\n')}` : '(no log lines)';
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

/** The first frames of a stack, without the message (assertion messages span many lines). */
function stackFrames(stack: string, n = 6): string {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, n)
    .map((line) => line.trim())
    .join('\n');
}

function report(result: ExtensionTestResult): number {
  console.log('');
  for (const test of result.tests) {
    const mark = test.state === 'passed' ? '✔ passed ' : test.state === 'failed' ? '✘ FAILED ' : '- pending';
    const ms = test.durationMs !== undefined ? ` (${test.durationMs} ms)` : '';
    console.log(`  ${mark} ${test.fullTitle}${ms}`);
  }
  const failed = result.tests.filter((t) => t.state === 'failed');
  if (failed.length > 0 || result.error) console.log('\nFailures:');
  failed.forEach((test, i) => {
    console.log(`\n  ${i + 1}) ${test.fullTitle}`);
    console.log(indent(test.error?.message ?? '(no message)', '     '));
    if (test.error?.stack) console.log(indent(stackFrames(test.error.stack), '     '));
  });
  if (result.error) {
    console.log(`\n  run error: ${result.error.message}`);
    if (result.error.stack) console.log(indent(stackFrames(result.error.stack), '     '));
  }
  console.log('');
  const failures = failed.length + (result.error ? 1 : 0);
  const passes = result.tests.filter((t) => t.state === 'passed').length;
  console.log(`${passes} passed, ${failures} failed`);
  if (passes === 0 && failures === 0) console.error('fixture-lens: no test ran');
  return passes > 0 && failures === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  if (!existsSync(TESTS_INDEX)) throw new Error(`${TESTS_INDEX} is missing: run \`node scripts/build.mjs\` first`);
  const scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-ext-tests-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true, maxRetries: 3 }));
  const { source, workspace } = prepareWorkspace(scratch);
  const resultFile = join(scratch, 'result.json');
  rmSync(FALLBACK_RESULT, { force: true });
  mkdirSync(join(ROOT, '.vscode-test', 'results'), { recursive: true });
  const env = {
    FIXTURE_LENS_TEST_RESULT: resultFile,
    FIXTURE_LENS_TEST_WORKSPACE: workspace,
    FIXTURE_LENS_TEST_SOURCE: source,
    ...(process.env.FIXTURE_LENS_TEST_GREP ? { FIXTURE_LENS_TEST_GREP: process.env.FIXTURE_LENS_TEST_GREP } : {}),
  };
  say(`workspace: copy of ${source} at ${workspace}`);

  if (process.env.FIXTURE_LENS_TEST_HOST === 'electron') await runInElectron(env, workspace);
  else await runInCodeServer(env, workspace, resultFile);

  const result = readResult(resultFile) ?? readResult(FALLBACK_RESULT);
  if (!result) throw new Error('the tests wrote no result file');
  say(`tests finished${result.vscodeVersion ? ` in VS Code ${result.vscodeVersion}` : ''}`);
  return report(result);
}

main()
  .catch((error: unknown) => {
    console.error(`fixture-lens: ${(error as Error).message ?? String(error)}`);
    console.log('0 passed, 0 failed');
    return 1;
  })
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  });
