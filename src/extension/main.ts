// Entry point of the extension: wires the core to VS Code. Each feature registers itself on the
// extension context, so everything it creates is disposed with the extension; all of them share one
// analysis cache, so a document is analyzed once per version whatever asks for it.
import * as vscode from 'vscode';
import { registerAudit } from './audit/register';
import { registerCommands } from './commands/register';
import { registerDiff } from './diff/register';
import { FixtureDocuments } from './fixtureDocuments';
import { registerLanguageFeatures } from './language/register';
import { registerRerecord } from './rerecord/register';
import { registerTranscriptEditors } from './transcript/register';

export function activate(context: vscode.ExtensionContext): void {
  const documents = new FixtureDocuments();
  context.subscriptions.push(documents);
  registerLanguageFeatures(context, documents);
  registerTranscriptEditors(context, documents);
  registerCommands(context, documents);
  registerRerecord(context, documents);
  registerAudit(context, documents);
  registerDiff(context, documents);
}

export function deactivate(): void {}
