// Wires re-recording into the editor: the three commands and the CodeLens, all owned by the extension
// context. The network goes through the core's Node transport; confirmations through RememberedApproval.
import * as vscode from 'vscode';
import { NodeHttpTransport } from '../../core/rerecord/httpTransport';
import type { FixtureDocuments } from '../fixtureDocuments';
import { FIXTURE_SELECTOR } from '../language/fixtureSelector';
import { RememberedApproval } from './destinationApproval';
import { RerecordCodeLensProvider } from './rerecordCodeLens';
import { rerecordFixtureCommand } from './rerecordCommand';
import { rerecordViaTestRunCommand } from './rerecordViaTestRunCommand';
import { setApiKeyCommand } from './setApiKeyCommand';

export function registerRerecord(context: vscode.ExtensionContext, documents: FixtureDocuments): void {
  const deps = { secrets: context.secrets, approval: new RememberedApproval(context.globalState), transport: new NodeHttpTransport() };
  const lenses = new RerecordCodeLensProvider(documents);
  context.subscriptions.push(
    lenses,
    vscode.languages.registerCodeLensProvider(FIXTURE_SELECTOR, lenses),
    vscode.commands.registerCommand('fixtureLens.rerecord', (arg?: unknown) => rerecordFixtureCommand(deps, arg)),
    vscode.commands.registerCommand('fixtureLens.setApiKey', (arg?: unknown) => setApiKeyCommand(context.secrets, arg)),
    vscode.commands.registerCommand('fixtureLens.rerecordViaTestRun', (arg?: unknown) => rerecordViaTestRunCommand(documents, arg)),
  );
}
