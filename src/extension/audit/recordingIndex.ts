// Every OGX recording and pytest-recording cassette of the workspace, with the test it is for, read once and kept
// current by a file watcher: the tests ↔ recordings features (CodeLens, links, Explain Missing Recording) ask here.
import * as vscode from 'vscode';
import { cassetteTest, looksLikeCassette, parseTestId, readRecordingFacts, sameTestFile, type CassetteTest, type RecordingFacts } from '../../core/audit';
import { decodeFixtureBytes } from '../../core/decode';

/** Where recorders put their files: OGX under recordings/, pytest-recording under cassettes/. */
export const RECORDING_FILES = '**/{recordings,cassettes}/**/*.{json,yaml,yml}';
const EXCLUDE = '**/{node_modules,.git}/**';
const MAX_BYTES = 64 * 1024 * 1024;

export interface IndexedRecording {
  readonly uri: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder;
  /** Relative to the workspace folder, '/'-separated. */
  readonly path: string;
  /** An OGX recording's facts. */
  readonly facts?: RecordingFacts;
  /** A cassette's test by pytest-recording's naming. */
  readonly cassette?: CassetteTest;
}

export class RecordingIndex implements vscode.Disposable {
  private readonly entries = new Map<string, IndexedRecording>();
  private loading: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when recordings were added, changed or removed (after the first scan too). */
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly subscriptions: vscode.Disposable;

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher(RECORDING_FILES);
    this.subscriptions = vscode.Disposable.from(
      this.watcher,
      this.watcher.onDidCreate((uri) => void this.refresh(uri)),
      this.watcher.onDidChange((uri) => void this.refresh(uri)),
      this.watcher.onDidDelete((uri) => {
        if (this.entries.delete(uri.toString())) this.changed.fire();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.loading = undefined;
        this.entries.clear();
        void this.ready();
      }),
    );
  }

  /** Resolves once the workspace has been read (the first call starts the scan). */
  ready(): Promise<void> {
    this.loading ??= this.scan();
    return this.loading;
  }

  all(): IndexedRecording[] {
    return [...this.entries.values()].sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : 1));
  }

  /** The recordings and cassettes of one test function (`className`: the class it is defined in) of a Python file, its path relative to its folder. */
  ofTest(folder: vscode.WorkspaceFolder, file: string, className: string | null, name: string): IndexedRecording[] {
    const innermost = (classes: readonly string[]): string | null => (classes.length > 0 ? classes[classes.length - 1]! : null);
    return this.all().filter((r) => {
      if (r.folder.uri.toString() !== folder.uri.toString()) return false;
      if (r.cassette) return r.cassette.moduleFile === file && r.cassette.name === name && innermost(r.cassette.classes) === className;
      const test = r.facts?.testId ? parseTestIdOnce(r.facts.testId) : undefined;
      return test !== undefined && test.name === name && innermost(test.classes) === className && sameTestFile(test.file, file);
    });
  }

  /** Reads one file again (it was created or changed), or now. */
  async refresh(uri: vscode.Uri): Promise<IndexedRecording | undefined> {
    const entry = await readEntry(uri);
    if (entry) this.entries.set(uri.toString(), entry);
    else this.entries.delete(uri.toString());
    this.changed.fire();
    return entry;
  }

  private async scan(): Promise<void> {
    const uris = await vscode.workspace.findFiles(RECORDING_FILES, EXCLUDE);
    // A few at a time: thousands of reads at once would only queue in the file service.
    for (let i = 0; i < uris.length; i += 32) {
      const entries = await Promise.all(uris.slice(i, i + 32).map(readEntry));
      for (const e of entries) if (e) this.entries.set(e.uri.toString(), e);
    }
    this.changed.fire();
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.changed.dispose();
  }
}

const parsedIds = new Map<string, ReturnType<typeof parseTestId>>();

function parseTestIdOnce(id: string): ReturnType<typeof parseTestId> {
  if (!parsedIds.has(id)) parsedIds.set(id, parseTestId(id));
  return parsedIds.get(id);
}

/** The file as the index keeps it, or undefined when it is neither a recording nor a convention-named cassette. */
export async function readEntry(uri: vscode.Uri): Promise<IndexedRecording | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const path = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
  const text = await readText(uri);
  if (text === undefined) return undefined;
  const facts = readRecordingFacts(path, text);
  if (facts) return { uri, folder, path, facts };
  const cassette = cassetteTest(path);
  return cassette && looksLikeCassette(text) ? { uri, folder, path, cassette } : undefined;
}

/** A file's text: the open document's when there is one (it may be unsaved), else the disk's. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_BYTES) return undefined;
    return decodeFixtureBytes(await vscode.workspace.fs.readFile(uri)).text;
  } catch {
    return undefined;
  }
}
