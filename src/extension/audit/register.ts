// Wires the suite-level features into the editor, all owned by the extension context: Audit Recordings in
// Workspace (its own Problems collection and delete quick fixes), test_id links and cassette links, the
// "N recordings" CodeLens over Python tests, and Explain Missing Recording.
import * as vscode from 'vscode';
import type { FixtureDocuments } from '../fixtureDocuments';
import { FIXTURE_SELECTOR } from '../language/fixtureSelector';
import { AuditDiagnostics } from './auditDiagnostics';
import { AuditQuickFixes } from './auditQuickFixes';
import { auditWorkspace } from './auditWorkspaceCommand';
import { DELETE_RECORDINGS_COMMAND, deleteRecordings } from './deleteRecordings';
import { explainMissingRecording, type ExplainOptions } from './explainMissingRecording';
import { RecordingIndex } from './recordingIndex';
import { CassetteLinkProvider, TestIdLinkProvider } from './testLinks';
import { PYTHON_TESTS, SHOW_TEST_RECORDINGS_COMMAND, TestRecordingsCodeLens } from './testRecordingsCodeLens';
import { showTestRecordings } from './testRecordingsPick';

export const AUDIT_WORKSPACE_COMMAND = 'fixtureLens.auditWorkspace';
export const EXPLAIN_MISSING_RECORDING_COMMAND = 'fixtureLens.explainMissingRecording';

// `documents` is the shared analysis cache; the audit reads files itself (most are not open), so it is not used yet.
export function registerAudit(context: vscode.ExtensionContext, _documents: FixtureDocuments): void {
  const audits = new AuditDiagnostics();
  const index = new RecordingIndex();
  const lenses = new TestRecordingsCodeLens(index);
  context.subscriptions.push(
    audits,
    index,
    lenses,
    vscode.languages.registerCodeActionsProvider(FIXTURE_SELECTOR, new AuditQuickFixes(audits), AuditQuickFixes.metadata),
    vscode.languages.registerDocumentLinkProvider(FIXTURE_SELECTOR, new TestIdLinkProvider()),
    vscode.languages.registerDocumentLinkProvider({ language: 'python' }, new CassetteLinkProvider()),
    vscode.languages.registerCodeLensProvider(PYTHON_TESTS, lenses),
    vscode.commands.registerCommand(AUDIT_WORKSPACE_COMMAND, (arg?: unknown) => auditWorkspace(audits, arg)),
    vscode.commands.registerCommand(DELETE_RECORDINGS_COMMAND, (uris: unknown) => deleteRecordings(Array.isArray(uris) ? uris.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [], audits)),
    vscode.commands.registerCommand(SHOW_TEST_RECORDINGS_COMMAND, (uris: unknown, name?: unknown) =>
      showTestRecordings(Array.isArray(uris) ? uris.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [], typeof name === 'string' ? name : undefined)),
    vscode.commands.registerCommand(EXPLAIN_MISSING_RECORDING_COMMAND, (arg?: unknown) => explainMissingRecording(index, explainOptions(arg))),
  );
}

/** A command argument: options from a caller, or whatever a menu passes (a Uri, nothing), which means none. */
function explainOptions(arg: unknown): ExplainOptions {
  if (arg === null || typeof arg !== 'object' || arg instanceof vscode.Uri) return {};
  const o = arg as Record<string, unknown>;
  return {
    ...(typeof o['text'] === 'string' ? { text: o['text'] } : {}),
    ...(typeof o['testId'] === 'string' ? { testId: o['testId'] } : {}),
    ...(o['interactive'] === false ? { interactive: false } : {}),
  };
}
