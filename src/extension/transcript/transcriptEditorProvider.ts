// The "Fixture Transcript" custom text editor: renders the TextDocument as a chat transcript; the document stays the
// only model, so undo, redo, save, dirty state and "Reopen With…" behave as for any text file.
import * as vscode from 'vscode';
import type { FixtureDocuments } from '../fixtureDocuments';
import type { TranscriptRegistry } from './transcriptRegistry';
import { TranscriptSession } from './transcriptSession';
import { TextDocumentSource } from './transcriptSource';

export const TRANSCRIPT_VIEW_TYPE = 'fixtureLens.transcript';

export class TranscriptEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly documents: FixtureDocuments,
    private readonly registry: TranscriptRegistry,
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const source = new TextDocumentSource(document, this.documents);
    this.registry.add(new TranscriptSession(panel, source, TRANSCRIPT_VIEW_TYPE, this.extensionUri, [source]));
  }
}
