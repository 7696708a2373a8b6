// "Fixture Lens: Re-record via Test Run": for a fixture that records its test_id, runs the
// fixtureLens.rerecordCommand template (default: pytest "${testId}" --inference-mode=record) as a
// task in the workspace folder. The task is a process with an argument vector, never a shell line:
// the test id comes from the fixture, and no one quoting is safe in every shell a task may use.
import * as vscode from 'vscode';
import { RerecordError, testRunCommand, type TestRunCommand } from '../../core/rerecord';
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
  // Any dialect: a test run re-records whatever the test asks for, not only what Re-record Fixture supports.
  const testId = asRecord(documents.analyze(document).value)?.['test_id'];
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
