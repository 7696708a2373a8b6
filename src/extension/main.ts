// Entry point of the extension: wires the core to VS Code. Each feature registers itself on the
// extension context, so everything it creates is disposed with the extension.
import * as vscode from 'vscode';
import { registerCommands } from './commands/register';
import { registerLanguageFeatures } from './language/register';
import { registerTranscriptEditors } from './transcript/register';

export function activate(context: vscode.ExtensionContext): void {
  registerLanguageFeatures(context);
  registerTranscriptEditors(context);
  registerCommands(context);
}

export function deactivate(): void {}
