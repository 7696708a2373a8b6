// Registers the transcript editors (text and large read-only), their commands, the fixture's Outline and, outside
// production, a hidden command that lets tests read what each transcript panel was sent. The `fixtureLens.isFixture`
// context key is kept by language/fixtureStatusBar.ts, which also knows about custom editor tabs: one writer, so they
// never disagree.
import * as vscode from 'vscode';
import type { FixtureDocuments } from '../fixtureDocuments';
import { FIXTURE_SELECTOR } from '../language/fixtureSelector';
import { FixtureSymbols } from '../outline/fixtureSymbols';
import { exportFromActiveTranscript } from './exportCommands';
import { LARGE_TRANSCRIPT_VIEW_TYPE, LargeTranscriptProvider } from './largeTranscriptProvider';
import { openText } from './openTextCommand';
import { openTranscript } from './openTranscriptCommand';
import { revealChunk } from './revealChunkCommand';
import { TRANSCRIPT_VIEW_TYPE, TranscriptEditorProvider } from './transcriptEditorProvider';
import { TranscriptRegistry } from './transcriptRegistry';

/** Hidden (not in package.json): returns TranscriptPanelState[] for tests. */
export const TEST_STATE_COMMAND = 'fixtureLens._test.transcriptState';

export function registerTranscriptEditors(context: vscode.ExtensionContext, documents: FixtureDocuments): void {
  const registry = new TranscriptRegistry();
  // Kept alive while hidden: rebuilding the page on every tab switch took seconds; its state still survives a reload.
  const webviewOptions = { enableFindWidget: false, retainContextWhenHidden: true };
  context.subscriptions.push(
    registry,
    vscode.window.registerCustomEditorProvider(TRANSCRIPT_VIEW_TYPE, new TranscriptEditorProvider(context.extensionUri, documents, registry), { webviewOptions }),
    vscode.window.registerCustomEditorProvider(LARGE_TRANSCRIPT_VIEW_TYPE, new LargeTranscriptProvider(context.extensionUri, registry), { webviewOptions }),
    vscode.commands.registerCommand('fixtureLens.openTranscript', (uri?: unknown) => openTranscript(uri)),
    vscode.commands.registerCommand('fixtureLens.openText', (uri?: unknown) => openText(registry, uri)),
    vscode.commands.registerCommand('fixtureLens.revealChunk', (uri?: unknown, item?: unknown) => revealChunk(documents, registry, uri, item)),
    vscode.commands.registerCommand('fixtureLens.copyAsCurl', () => exportFromActiveTranscript(registry, 'curl')),
    vscode.commands.registerCommand('fixtureLens.copyRequestJson', () => exportFromActiveTranscript(registry, 'requestJson')),
    vscode.commands.registerCommand('fixtureLens.copyConversationMarkdown', () => exportFromActiveTranscript(registry, 'conversationMarkdown')),
    vscode.languages.registerDocumentSymbolProvider(FIXTURE_SELECTOR, new FixtureSymbols(documents), { label: 'Fixture' }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(vscode.commands.registerCommand(TEST_STATE_COMMAND, () => registry.states()));
  }
}
