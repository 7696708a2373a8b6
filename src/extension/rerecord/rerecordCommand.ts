// "Fixture Lens: Re-record Fixture": finds the configured provider for the fixture, gets its key from
// secret storage or the environment, confirms the destination, streams the answer under a cancellable
// progress notification, and replaces the `response` value with ONE WorkspaceEdit (undoable; the
// document becomes dirty and the user saves). On any fault or cancel the document is untouched and one
// sentence says why. Returns what happened, for tests and scripts.
import * as vscode from 'vscode';
import {
  DEFAULT_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  MAX_TIMER_MS,
  Redactor,
  RerecordError,
  approvalScope,
  displayUrl,
  executeRerecord,
  matchProvider,
  parseProviderSettings,
  planRerecord,
  requestUrl,
  type HttpTransport,
  type RerecordPlan,
} from '../../core/rerecord';
import { lookUpApiKey } from './apiKeys';
import { commandTarget, fileName, targetDocument } from './commandTarget';
import { NamedApproval, type DestinationApproval } from './destinationApproval';

export type RerecordOutcome = 'replaced' | 'failed' | 'cancelled' | 'changed' | 'unsupported' | 'no-fixture' | 'no-provider' | 'no-key' | 'not-approved' | 'untrusted';

export interface RerecordCommandResult {
  readonly outcome: RerecordOutcome;
  readonly message: string;
}

export interface RerecordDeps {
  readonly secrets: vscode.SecretStorage;
  readonly approval: DestinationApproval;
  readonly transport: HttpTransport;
}

/** A delay setting as a timer can hold it: a number from 1 second to MAX_TIMER_MS, whatever the settings file says. */
function delaySetting(config: vscode.WorkspaceConfiguration, name: string, fallback: number): number {
  const value = config.get<unknown>(name, fallback);
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(MAX_TIMER_MS, Math.max(1000, Math.round(value)));
}

function done(outcome: RerecordOutcome, message: string, show: (m: string) => void = (m) => void vscode.window.showErrorMessage(m)): RerecordCommandResult {
  // Not awaited: a notification stays until dismissed, and the command must not wait for that.
  if (message !== '') show(message);
  return { outcome, message };
}

/** The last few words that arrived, for the progress notification. */
function tail(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `…${flat.slice(-max)}` : flat;
}

export async function rerecordFixtureCommand(deps: RerecordDeps, arg?: unknown): Promise<RerecordCommandResult> {
  if (!vscode.workspace.isTrusted) return done('untrusted', 'Re-recording is disabled in an untrusted workspace.');
  const target = commandTarget(arg);
  const document = await targetDocument(target);
  if (!document) return done('no-fixture', 'Open a fixture to re-record it.');
  const name = fileName(document);
  const text = document.getText();

  let plan: RerecordPlan;
  try {
    plan = planRerecord(text);
  } catch (e) {
    if (e instanceof RerecordError) return done(e.kind === 'not-fixture' ? 'no-fixture' : 'unsupported', `Cannot re-record ${name}: ${e.message}.`);
    throw e;
  }

  const config = vscode.workspace.getConfiguration('fixtureLens', document.uri);
  const entry = matchProvider(parseProviderSettings(config.get<unknown>('providers')).entries, plan.recordedUrl);
  if (!entry) {
    const message = `No entry of fixtureLens.providers matches ${plan.recordedUrl ? displayUrl(plan.recordedUrl) : `${name} (it records no URL)`}; add one to say where to re-record it.`;
    void vscode.window.showWarningMessage(message, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'fixtureLens.providers');
    });
    return done('no-provider', message, () => undefined);
  }

  const key = await lookUpApiKey(entry, deps.secrets, process.env);
  if (key.kind === 'missing') {
    const message = `${key.message}; re-recording ${name} needs it.`;
    const secretName = key.secretName;
    void vscode.window.showWarningMessage(message, ...(secretName !== undefined ? ['Set API Key'] : [])).then((choice) => {
      if (choice) void vscode.commands.executeCommand('fixtureLens.setApiKey', { name: secretName });
    });
    return done('no-key', message, () => undefined);
  }
  const apiKey = key.kind === 'key' ? key.key : undefined;
  const redactor = new Redactor(apiKey);

  let url: string;
  let scope: string;
  try {
    const destination = requestUrl(entry.baseUrl, plan.endpoint);
    url = displayUrl(destination);
    scope = approvalScope(destination);
  } catch (e) {
    if (e instanceof RerecordError) return done('failed', redactor.line(`Cannot re-record ${name}: fixtureLens.providers entry "${entry.match}": ${e.message}.`));
    throw e;
  }
  const approval = target.approvedBaseUrl !== undefined ? new NamedApproval(target.approvedBaseUrl, deps.approval) : deps.approval;
  if (!(await approval.approve({ baseUrl: entry.baseUrl, url, scope, withKey: apiKey !== undefined, fixtureName: name }))) {
    return done('not-approved', '');
  }

  const version = document.version;
  const timeoutMs = delaySetting(config, 'rerecordTimeoutMs', DEFAULT_TIMEOUT_MS);
  const deadlineMs = delaySetting(config, 'rerecordDeadlineMs', DEFAULT_DEADLINE_MS);
  try {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Re-recording ${name}`, cancellable: true },
      (progress, token) => {
        const cancel = new AbortController();
        token.onCancellationRequested(() => cancel.abort());
        progress.report({ message: `waiting for ${url}` });
        return executeRerecord(text, plan, {
          baseUrl: entry.baseUrl,
          apiKey,
          transport: deps.transport,
          timeoutMs,
          deadlineMs,
          signal: cancel.signal,
          onProgress: (p) => progress.report({ message: `${p.items} chunk${p.items === 1 ? '' : 's'} ${tail(p.text)}` }),
        });
      },
    );
    if (document.isClosed || document.version !== version) {
      return done('changed', `${name} changed while re-recording, so its response was not replaced.`);
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(outcome.edit.start), document.positionAt(outcome.edit.end)), outcome.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) return done('failed', `Re-recording ${name} failed: the editor refused the edit. The document is unchanged.`);
    return done('replaced', `Re-recorded ${name}: ${outcome.items} item${outcome.items === 1 ? '' : 's'} from ${outcome.url}. Save the file to keep the new response.`, (m) => void vscode.window.showInformationMessage(m));
  } catch (e) {
    if (e instanceof RerecordError && e.kind === 'cancelled') return done('cancelled', `Re-recording ${name} was cancelled; the document is unchanged.`, (m) => void vscode.window.showInformationMessage(m));
    const reason = e instanceof RerecordError ? e.message : redactor.line(e instanceof Error ? e.message : String(e));
    return done('failed', `Re-recording ${name} failed: ${reason.replace(/\.$/, '')}. The document is unchanged.`);
  }
}
