// Registers the editor features for fixture text documents: live diagnostics, the chunk hover, the
// quick fixes and the status bar entry. Everything is owned by the extension context.
import * as vscode from 'vscode';
import type { FixtureDocuments } from '../fixtureDocuments';
import { removeByteOrderMark } from './byteOrderMarkRemoval';
import { ChunkHoverProvider } from './chunkHoverProvider';
import { FIXTURE_SELECTOR } from './fixtureSelector';
import { FixtureQuickFixes } from './fixtureQuickFixes';
import { FixtureStatusBar } from './fixtureStatusBar';
import { FLUSH_DIAGNOSTICS_COMMAND, REMOVE_BYTE_ORDER_MARK_COMMAND, VALIDATION_TIMING_COMMAND } from './internalCommands';
import { LiveDiagnostics } from './liveDiagnostics';

export function registerLanguageFeatures(context: vscode.ExtensionContext, documents: FixtureDocuments): void {
  const live = new LiveDiagnostics(documents);
  context.subscriptions.push(
    live,
    vscode.languages.registerHoverProvider(FIXTURE_SELECTOR, new ChunkHoverProvider(documents)),
    vscode.languages.registerCodeActionsProvider(FIXTURE_SELECTOR, new FixtureQuickFixes(documents), FixtureQuickFixes.metadata),
    new FixtureStatusBar(documents, live),
    vscode.commands.registerCommand(FLUSH_DIAGNOSTICS_COMMAND, async (uri: vscode.Uri) => {
      const document = await vscode.workspace.openTextDocument(uri);
      return live.flush(document);
    }),
    vscode.commands.registerCommand(REMOVE_BYTE_ORDER_MARK_COMMAND, (uri: vscode.Uri) => removeByteOrderMark(uri, live)),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    // Hidden (not in package.json): when a document's last validation was scheduled, started and published.
    context.subscriptions.push(vscode.commands.registerCommand(VALIDATION_TIMING_COMMAND, (uri: vscode.Uri) => live.timingOf(uri)));
  }
}
