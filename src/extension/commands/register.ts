// Registers the Fixture Lens commands that act on the active fixture or the workspace, and the
// provider of the read-only reassembled documents they open. Each command lives in its own file.
import * as vscode from 'vscode';
import type { FixtureDocuments } from '../fixtureDocuments';
import { copyReassembled } from './copyReassembled';
import { reassembleStream } from './reassembleStream';
import { REASSEMBLED_SCHEME, ReassembledDocuments } from './reassembledDocuments';
import { validateFixture } from './validateFixture';
import { validateWorkspace } from './validateWorkspace';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';

export function registerCommands(context: vscode.ExtensionContext, documents: FixtureDocuments): void {
  const reassembled = new ReassembledDocuments(documents);
  const workspaceResults = new WorkspaceDiagnostics();
  context.subscriptions.push(
    reassembled,
    workspaceResults,
    vscode.workspace.registerTextDocumentContentProvider(REASSEMBLED_SCHEME, reassembled),
    vscode.commands.registerCommand('fixtureLens.reassembleStream', (target?: vscode.Uri) => reassembleStream(target)),
    vscode.commands.registerCommand('fixtureLens.copyReassembled', (target?: vscode.Uri) => copyReassembled(target)),
    vscode.commands.registerCommand('fixtureLens.validateFixture', (target?: vscode.Uri) => validateFixture(target)),
    vscode.commands.registerCommand('fixtureLens.validateWorkspace', () => validateWorkspace(workspaceResults, vscode.Uri.joinPath(context.extensionUri, 'dist', 'validationWorker.js').fsPath)),
  );
}
