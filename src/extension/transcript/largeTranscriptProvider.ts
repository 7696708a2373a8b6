// The read-only transcript for fixtures too large for VS Code to hand to extensions as a TextDocument (over 50 MB):
// the file is read and analyzed here once, and shown in the same webview.
import * as vscode from 'vscode';
import type { TranscriptRegistry } from './transcriptRegistry';
import { TranscriptSession } from './transcriptSession';
import { FileSource } from './transcriptSource';

export const LARGE_TRANSCRIPT_VIEW_TYPE = 'fixtureLens.largeTranscript';

class LargeFixtureDocument implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    readonly source: FileSource,
  ) {}

  dispose(): void {
    this.source.dispose();
  }
}

export class LargeTranscriptProvider implements vscode.CustomReadonlyEditorProvider<LargeFixtureDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly registry: TranscriptRegistry,
  ) {}

  async openCustomDocument(uri: vscode.Uri): Promise<LargeFixtureDocument> {
    return new LargeFixtureDocument(uri, await FileSource.read(uri));
  }

  resolveCustomEditor(document: LargeFixtureDocument, panel: vscode.WebviewPanel): void {
    // The document owns the source: several panels may show it, and VS Code disposes it after the last one.
    this.registry.add(new TranscriptSession(panel, document.source, LARGE_TRANSCRIPT_VIEW_TYPE, this.extensionUri));
  }
}
