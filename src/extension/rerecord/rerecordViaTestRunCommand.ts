// "Fixture Lens: Re-record via Test Run": for an OGX recording that records its test_id, runs the
// fixtureLens.rerecordCommand template (default: pytest "${testId}" --inference-mode=record) as a
// task in the workspace folder; for a cassette, the test its path names, with the recorder's own switch
// (fixtureLens.cassetteRerecordCommands per format; pytest-recording's --record-mode=rewrite by default). The task is a process with an argument vector, never a shell line:
// the test id comes from the fixture, and no one quoting is safe in every shell a task may use.
import * as vscode from 'vscode';
import { cassetteTest, DEFAULT_CASSETTE_COMMANDS, RerecordError, requiredPlaceholder, testRunCommand, testRunCommandWith, type TestRunCommand } from '../../core/rerecord';
import type { ContainerFormat } from '../../core';
import { asRecord } from '../../core/values';
import type { FixtureDocuments } from '../fixtureDocuments';
import { commandTarget, fileName, targetDocument } from './commandTarget';

export const DEFAULT_TEST_COMMAND = 'pytest "${testId}" --inference-mode=record';

export interface TestRunResult {
  readonly outcome: 'started' | 'no-fixture' | 'no-test-id' | 'no-folder' | 'bad-command' | 'untrusted';
  /** The program and arguments the task runs. */
  readonly command?: TestRunCommand;
  readonly execution?: vscode.TaskExecution;
}

export async function rerecordViaTestRunCommand(documents: FixtureDocuments, arg?: unknown): Promise<TestRunResult> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Re-recording is disabled in an untrusted workspace.');
    return { outcome: 'untrusted' };
  }
  const document = await targetDocument(commandTarget(arg));
  if (!document) {
    void vscode.window.showErrorMessage('Open a fixture to re-record it.');
    return { outcome: 'no-fixture' };
  }
  const name = fileName(document);
  const analysis = documents.analyze(document);
  if (analysis.format !== 'ogx') return rerecordCassette(document, analysis.format, name);
  // Any dialect: a test run re-records whatever the test asks for, not only what Re-record Fixture supports.
  const testId = asRecord(analysis.value)?.['test_id'];
  if (typeof testId !== 'string') {
    void vscode.window.showErrorMessage(`${name} records no test_id, so there is no test to run; use Re-record Fixture instead.`);
    return { outcome: 'no-test-id' };
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Re-record via Test Run needs an open workspace folder to run the test in.');
    return { outcome: 'no-folder' };
  }
  const template = vscode.workspace.getConfiguration('fixtureLens', document.uri).get<string>('rerecordCommand', DEFAULT_TEST_COMMAND);
  let command: TestRunCommand;
  try {
    command = testRunCommand(template, testId);
  } catch (e) {
    if (!(e instanceof RerecordError)) throw e;
    void vscode.window.showErrorMessage(`Cannot run the test of ${name}: ${e.message}.`);
    return { outcome: 'bad-command' };
  }
  const execution = new vscode.ProcessExecution(command.command, [...command.args], { cwd: folder.uri.fsPath });
  const task = new vscode.Task({ type: 'fixtureLens', testId }, folder, `Re-record ${testId}`, 'Fixture Lens', execution);
  return { outcome: 'started', command, execution: await vscode.tasks.executeTask(task) };
}

/** A cassette: the test its path names, run with the template its format has (a setting, or the recorder's default). */
async function rerecordCassette(document: vscode.TextDocument, format: ContainerFormat, name: string): Promise<TestRunResult> {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Re-record via Test Run needs an open workspace folder to run the test in.');
    return { outcome: 'no-folder' };
  }
  const configured = vscode.workspace.getConfiguration('fixtureLens', document.uri).get<Record<string, string>>('cassetteRerecordCommands', {});
  const template = configured[format] ?? DEFAULT_CASSETTE_COMMANDS[format];
  if (template === undefined) {
    void vscode.window.showErrorMessage(`No command is known that re-records ${format} cassettes: set "fixtureLens.cassetteRerecordCommands" for "${format}" (placeholders \${cassette}, \${testName}, \${testId}, \${goPackage}, \${goRun}).`);
    return { outcome: 'bad-command' };
  }
  const test = cassetteTest(vscode.workspace.asRelativePath(document.uri, false));
  const needed = requiredPlaceholder(template);
  if (test[needed] === undefined) {
    void vscode.window.showErrorMessage(`${name} is not where the recorder's convention puts the cassette of a test (pytest-recording: cassettes/<module>/<test>.yaml; Go: testdata/<Test>…), so \${${needed}} is unknown; set "fixtureLens.cassetteRerecordCommands" for "${format}".`);
    return { outcome: 'no-test-id' };
  }
  let command: TestRunCommand;
  try {
    command = testRunCommandWith(template, { ...test }, needed);
  } catch (e) {
    if (!(e instanceof RerecordError)) throw e;
    void vscode.window.showErrorMessage(`Cannot run the test of ${name}: ${e.message}.`);
    return { outcome: 'bad-command' };
  }
  const execution = new vscode.ProcessExecution(command.command, [...command.args], { cwd: folder.uri.fsPath });
  const label = test.testId ?? test.cassette;
  const task = new vscode.Task({ type: 'fixtureLens', testId: label }, folder, `Re-record ${label}`, 'Fixture Lens', execution);
  return { outcome: 'started', command, execution: await vscode.tasks.executeTask(task) };
}
