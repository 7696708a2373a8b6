// The "Fixture Lens" diagnostic collection for open documents: validated after each edit once the
// user pauses (fixtureLens.validationDelay), never for a version that is no longer current, and
// cleared when the document closes.
import * as vscode from 'vscode';
import { FixtureDocuments, toRange } from '../fixtureDocuments';
import { toVsDiagnostic } from './diagnosticConversion';
import { byteFactDiagnostics, readFileByteFacts, type FileByteFacts } from './fileByteFacts';
import { isFixtureDocument, isLiveValidated } from './fixtureSelector';

const DEFAULT_DELAY_MS = 25;
/**
 * While the user types, validation of a large document waits at least this share of its last validation's time:
 * a 45 MB fixture (about a second to analyze) is not re-analyzed after every key of a burst, a 1 MB one (10 ms) is.
 */
const COST_SHARE = 0.25;

export class LiveDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('Fixture Lens');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly byteFacts = new Map<string, FileByteFacts>();
  private readonly pendingByteFacts = new Map<string, Promise<void>>();
  /** performance.now() of each document's last validation: scheduled, started, published (for tests and benchmarks). */
  private readonly timings = new Map<string, { scheduled: number; delay: number; started: number; published: number }>();
  private readonly published = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were replaced (or cleared). */
  readonly onDidPublish = this.published.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly documents: FixtureDocuments) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.opened(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Saving and dirty-state changes fire this too, with no change to the text.
        if (e.contentChanges.length > 0 && isLiveValidated(e.document)) {
          // Whoever analyzed it last (this, the transcript, a command), the analysis took that long.
          const cost = this.documents.latest(e.document)?.ms ?? 0;
          this.schedule(e.document, Math.max(delayFor(e.document), cost * COST_SHARE));
        }
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (isFixtureDocument(d)) void this.refreshByteFacts(d);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
    ];
    for (const d of vscode.workspace.textDocuments) this.opened(d);
  }

  /** Validates now, skipping the delay, and waits for the file's bytes to be read; the problem count, or undefined for a non-fixture. */
  async flush(document: vscode.TextDocument): Promise<number | undefined> {
    const k = key(document);
    const pending = this.pendingByteFacts.get(k);
    if (pending) await pending;
    else if (isFixtureDocument(document) && !this.byteFacts.has(k)) await this.refreshByteFacts(document, false);
    clearTimeout(this.timers.get(k));
    this.timers.delete(k);
    this.validate(document, document.version);
    return isFixtureDocument(document) ? (this.collection.get(document.uri)?.length ?? 0) : undefined;
  }

  /** Reads the file's bytes again (after a save, or after something rewrote the file) and republishes. */
  refreshByteFacts(document: vscode.TextDocument, publish = true): Promise<void> {
    const k = key(document);
    const read = readFileByteFacts(document.uri).then((facts) => {
      if (this.pendingByteFacts.get(k) === read) this.pendingByteFacts.delete(k);
      if (document.isClosed) return;
      if (facts) this.byteFacts.set(k, facts);
      else this.byteFacts.delete(k);
      if (publish) this.validate(document, document.version);
    });
    this.pendingByteFacts.set(k, read);
    return read;
  }

  private opened(document: vscode.TextDocument): void {
    if (!isLiveValidated(document)) return;
    this.schedule(document, 0);
    // Reading the file is for fixtures only: every package.json opened would otherwise be read twice.
    if (isFixtureDocument(document)) void this.refreshByteFacts(document);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    const k = key(document);
    clearTimeout(this.timers.get(k));
    const version = document.version;
    const scheduled = performance.now();
    this.timers.set(
      k,
      setTimeout(() => {
        this.timers.delete(k);
        this.validate(document, version, { scheduled, delay: delayMs });
      }, delayMs),
    );
  }

  /** When the document's last validation was scheduled, started and published (performance.now() of this host). */
  timingOf(uri: vscode.Uri): { scheduled: number; delay: number; started: number; published: number } | undefined {
    return this.timings.get(uri.toString());
  }

  private validate(document: vscode.TextDocument, version: number, timer?: { scheduled: number; delay: number }): void {
    // A result for an older version is stale: the edit that made the new version scheduled its own run.
    if (document.isClosed || document.version !== version) return;
    if (!isFixtureDocument(document)) {
      this.collection.delete(document.uri);
      this.published.fire(document.uri);
      return;
    }
    const started = performance.now();
    const analysis = this.documents.analyze(document);
    const facts = this.byteFacts.get(key(document));
    const fromBytes = facts ? byteFactDiagnostics(facts, document.getText(new vscode.Range(0, 0, 0, 1)), documentLength(document)) : [];
    const all = [...fromBytes, ...analysis.diagnostics];
    this.collection.set(
      document.uri,
      // A defect found in several places is one diagnostic; its other places are its related information.
      all.map((d) => toVsDiagnostic(d, toRange(document, d.span), (span) => new vscode.Location(document.uri, toRange(document, span)))),
    );
    const published = performance.now();
    this.timings.set(key(document), { scheduled: timer?.scheduled ?? started, delay: timer?.delay ?? 0, started, published });
    this.published.fire(document.uri);
  }

  private closed(document: vscode.TextDocument): void {
    const k = key(document);
    clearTimeout(this.timers.get(k));
    this.timers.delete(k);
    this.byteFacts.delete(k);
    this.pendingByteFacts.delete(k);
    this.timings.delete(k);
    if (this.collection.has(document.uri)) {
      this.collection.delete(document.uri);
      this.published.fire(document.uri);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
    this.published.dispose();
  }
}

function key(document: vscode.TextDocument): string {
  return document.uri.toString();
}

function delayFor(document: vscode.TextDocument): number {
  const value = vscode.workspace.getConfiguration('fixtureLens', document.uri).get<number>('validationDelay', DEFAULT_DELAY_MS);
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_DELAY_MS;
}

/** The text length without copying the text: the offset of the end of the last line. */
function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}
