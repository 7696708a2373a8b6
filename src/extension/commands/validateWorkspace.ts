// "Fixture Lens: Validate All Fixtures in Workspace": every file of the workspace with a fixture's name (JSON,
// YAML, HAR, httprr and their .gz; minus files.exclude and search.exclude) read from disk, checked, and its problems listed in the Problems
// panel, in a cancellable notification that counts the files.
import * as vscode from 'vscode';
import { mergedExcludeGlob } from './workspaceExcludes';
import type { WorkspaceDiagnostics } from './workspaceDiagnostics';
import { WorkerChecker } from './workerChecker';
import { validateFiles, type ValidationSummary } from './workspaceValidation';

const PROGRESS_INTERVAL_MS = 100;

/** The names fixtures have (the CLI's directory walk looks for the same). */
export const FIXTURE_FILES = '**/*.{json,yaml,yml,har,httprr,yaml.gz,yml.gz,httprr.gz}';

/** `workerScript`: the bundled validationWorker.js; without a usable worker the files are checked on this thread, in slices. */
export async function validateWorkspace(results: WorkspaceDiagnostics, workerScript?: string): Promise<ValidationSummary | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Open a folder first: there is no workspace to validate.');
    return undefined;
  }
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fixture Lens: validating fixtures', cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'finding fixture files…' });
      const exclude = mergedExcludeGlob(
        vscode.workspace.getConfiguration('files').get('exclude'),
        vscode.workspace.getConfiguration('search').get('exclude'),
      );
      const found = await vscode.workspace.findFiles(FIXTURE_FILES, exclude, undefined, token);
      // Sorted, so the Problems panel fills in a stable order and reruns compare.
      const uris = [...found].sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
      results.clear();
      const total = uris.length;
      let lastReport = 0;
      let reported = 0;
      const report = (done: number, force = false): void => {
        const now = Date.now();
        if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
        lastReport = now;
        const increment = total === 0 ? 100 : ((done - reported) / total) * 100;
        reported = done;
        progress.report({ message: `${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} files`, increment });
      };
      report(0, true);
      let done = 0;
      const worker = startWorker(workerScript);
      let outcome: ValidationSummary;
      try {
        outcome = await validateFiles(uris, {
          token,
          ...(worker ? { worker } : {}),
          onChecked: (uri, check) => results.publish(uri, check.diagnostics),
          onProgress: (n) => {
            done = n;
            report(n);
          },
        });
      } finally {
        worker?.dispose();
      }
      report(done, true);
      return outcome;
    },
  );
  // Not awaited: the command returns as soon as the work is done, whatever the user does with the message.
  void showSummary(summary);
  return summary;
}

function startWorker(script: string | undefined): WorkerChecker | undefined {
  if (!script) return undefined;
  try {
    return new WorkerChecker(script);
  } catch {
    // No worker threads here (or the script is missing): the slices on this thread still keep the editor responsive.
    return undefined;
  }
}

export function summaryMessage(s: ValidationSummary): string {
  const n = (count: number, word: string): string => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
  const problems = [n(s.errors, 'error'), n(s.warnings, 'warning')];
  if (s.infos > 0) problems.push(n(s.infos, 'info'));
  const checked = `${n(s.fixtures, 'fixture')} checked: ${problems.join(', ')}`;
  const unreadable = s.unreadable > 0 ? ` (${n(s.unreadable, 'file')} could not be read)` : '';
  // What the recorded answers cost, added up over the folder.
  const tokens = s.tokens ? `; recorded usage ${s.tokens.total.toLocaleString('en-US')} tokens (${s.tokens.prompt.toLocaleString('en-US')} prompt, ${s.tokens.completion.toLocaleString('en-US')} completion)` : '';
  return s.cancelled ? `Validation cancelled. ${checked}${unreadable}${tokens}` : `${checked}${unreadable}${tokens}`;
}

async function showSummary(s: ValidationSummary): Promise<void> {
  const message = summaryMessage(s);
  if (s.errors + s.warnings + s.infos === 0) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const show = 'Show Problems';
  const pick = await (s.errors > 0 ? vscode.window.showWarningMessage(message, show) : vscode.window.showInformationMessage(message, show));
  if (pick === show) await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
}
