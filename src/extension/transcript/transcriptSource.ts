// Where a transcript panel gets its fixture from: an open TextDocument (the only model; follows every edit, undo and
// reload from disk) or, for files too large for VS Code to sync, the bytes read once from disk.
import * as vscode from 'vscode';
import { analyzeFixture, decodeFixtureBytes, LineIndex, MAX_FIXTURE_BYTES, tooLargeReason, type FixtureAnalysis, type Position } from '../../core';
import type { FixtureDocuments } from '../fixtureDocuments';
import { basename } from '../paths';

export interface TranscriptSnapshot {
  /** The document version the analysis is of; the webview drops anything of an older generation. */
  readonly generation: number;
  readonly analysis: FixtureAnalysis;
  readonly positionAt: (offset: number) => Position;
}

export interface TranscriptSource extends vscode.Disposable {
  readonly uri: vscode.Uri;
  readonly readOnly: boolean;
  /** The text document behind the panel, when there is one. */
  readonly document: vscode.TextDocument | undefined;
  snapshot(): TranscriptSnapshot;
  /** Fires on every change of the content (the session debounces). */
  readonly onDidChange: vscode.Event<void>;
}

export class TextDocumentSource implements TranscriptSource {
  readonly readOnly = false;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly document: vscode.TextDocument,
    private readonly documents: FixtureDocuments,
  ) {
    // Edits, undo/redo and reloads after the file changed on disk all arrive here.
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document && e.contentChanges.length > 0) this.emitter.fire();
    });
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  snapshot(): TranscriptSnapshot {
    const document = this.document;
    return { generation: document.version, analysis: this.documents.analyze(document), positionAt: (offset) => document.positionAt(offset) };
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** A fixture read from disk and analyzed once; it never changes while open (the editor is read-only). */
export class FileSource implements TranscriptSource {
  readonly readOnly = true;
  readonly document = undefined;
  readonly onDidChange: vscode.Event<void> = () => new vscode.Disposable(() => undefined);

  private constructor(
    readonly uri: vscode.Uri,
    private readonly analysis: FixtureAnalysis,
    private readonly lines: LineIndex,
  ) {}

  static async read(uri: vscode.Uri): Promise<FileSource> {
    // A file no string can hold is refused before it is read, as the CLI does; VS Code shows the reason in the editor.
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_FIXTURE_BYTES) throw new Error(`${basename(uri.path)} is ${tooLargeReason(size)}.`);
    const bytes = await vscode.workspace.fs.readFile(uri);
    const decoded = decodeFixtureBytes(bytes);
    const analysis = analyzeFixture(decoded.text, { fileName: basename(uri.path), prior: decoded.diagnostics });
    return new FileSource(uri, analysis, new LineIndex(decoded.text));
  }

  snapshot(): TranscriptSnapshot {
    return { generation: 1, analysis: this.analysis, positionAt: (offset) => this.lines.positionAt(offset) };
  }

  dispose(): void {}
}
