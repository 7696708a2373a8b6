// Records one test again with the suite's own command (fixtureLens.recordMissingCommand), run as a task with an
// argument vector, never a shell line: a test id comes from a file anyone can edit. When the new recording appears
// in the test's recordings/ folder, it opens in a diff against its nearest predecessor.
import * as vscode from 'vscode';
import { DEFAULT_RERECORD_COMMAND, parseTestId, rerecordArgv } from '../../core/audit';
import { basename } from '../paths';

export const RECORD_MISSING_SETTING = 'recordMissingCommand';
/** A diff command of Fixture Lens, when the extension has one (the request and answer, not lines of JSON). */
const FIXTURE_DIFF_COMMAND = 'fixtureLens.diffFixtures';
/** How long after the task ends a new recording is still waited for (the recorder writes as the test ends). */
const GRACE_MS = 10_000;

export interface RecordMissingResult {
  readonly outcome: 'started' | 'untrusted' | 'no-folder' | 'bad-command';
  readonly argv?: readonly string[];
  readonly execution?: vscode.TaskExecution;
  /** Resolves with the new recording (undefined when none appeared). */
  readonly recorded?: Thenable<vscode.Uri | undefined>;
}

export async function recordMissing(testId: string, predecessor: vscode.Uri | undefined, folder = workspaceFolderFor(predecessor)): Promise<RecordMissingResult> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Recording is disabled in an untrusted workspace.');
    return { outcome: 'untrusted' };
  }
  if (!folder) {
    void vscode.window.showErrorMessage('Recording a test needs an open workspace folder to run the suite in.');
    return { outcome: 'no-folder' };
  }
  const template = vscode.workspace.getConfiguration('fixtureLens', folder.uri).get<string>(RECORD_MISSING_SETTING, DEFAULT_RERECORD_COMMAND);
  const argv = rerecordArgv(template, testId);
  const program = argv[0];
  if (program === undefined) {
    void vscode.window.showErrorMessage('fixtureLens.recordMissingCommand is empty: set the command that records one test.');
    return { outcome: 'bad-command' };
  }
  const recorded = watchForRecording(folder, testId, predecessor);
  const execution = new vscode.ProcessExecution(program, argv.slice(1), { cwd: folder.uri.fsPath });
  const task = new vscode.Task({ type: 'fixtureLens', testId }, folder, `Record ${testId}`, 'Fixture Lens', execution);
  const running = await vscode.tasks.executeTask(task);
  return { outcome: 'started', argv, execution: running, recorded: recorded.until(running) };
}

function workspaceFolderFor(uri: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
  return (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
}

/** Waits for a new JSON file in the test's recordings/ folder, then shows it against the predecessor. */
function watchForRecording(folder: vscode.WorkspaceFolder, testId: string, predecessor: vscode.Uri | undefined): { until(execution: vscode.TaskExecution): Thenable<vscode.Uri | undefined> } {
  const test = parseTestId(testId);
  const dir = predecessor ? predecessor.path.slice(0, predecessor.path.lastIndexOf('/')) : undefined;
  const pattern = dir !== undefined
    ? new vscode.RelativePattern(predecessor!.with({ path: dir }), '*.json')
    : new vscode.RelativePattern(folder, `${test ? test.file.slice(0, Math.max(0, test.file.lastIndexOf('/'))) : '**'}/recordings/*.json`);
  const watcher = vscode.workspace.createFileSystemWatcher(pattern, false, true, true);
  let settle: (uri: vscode.Uri | undefined) => void = () => {};
  const found = new Promise<vscode.Uri | undefined>((resolve) => (settle = resolve));
  const created = watcher.onDidCreate((uri) => settle(uri));
  let ended: vscode.Disposable | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (): void => {
    created.dispose();
    watcher.dispose();
    ended?.dispose();
    if (timer) clearTimeout(timer);
  };
  return {
    until(execution) {
      ended = vscode.tasks.onDidEndTask((e) => {
        if (e.execution === execution) timer = setTimeout(() => settle(undefined), GRACE_MS);
      });
      return found.then(async (uri) => {
        finish();
        if (uri && predecessor) await showDiff(predecessor, uri);
        return uri;
      });
    },
  };
}

async function showDiff(before: vscode.Uri, after: vscode.Uri): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(FIXTURE_DIFF_COMMAND)) await vscode.commands.executeCommand(FIXTURE_DIFF_COMMAND, before, after);
  else await vscode.commands.executeCommand('vscode.diff', before, after, `${basename(before.path)} ↔ ${basename(after.path)} (new recording)`);
}
