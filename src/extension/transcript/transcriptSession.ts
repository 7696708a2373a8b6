// One open transcript panel: answers the webview's messages, sends the transcript (summary first, rows in pages on
// request) and sends it again, debounced, when the fixture changes; copies and reveals what the webview asks for.
// The webview is kept alive while its tab is hidden, so switching back to it shows it as it was, at once.
// Everything it creates dies with the panel.
import * as vscode from 'vscode';
import type { Severity, Span } from '../../core';
import { MAX_ROW_MATCHES, parseWebviewMessage, type HostMessage, type Transcript, type WebviewMessage } from '../../shared/protocol';
import { openExternalLink } from './externalLinks';
import { exportText, messageActionText, messageSpan } from './messageActions';
import { openFixtureText, revealSpan } from './revealInText';
import type { TranscriptSnapshot, TranscriptSource } from './transcriptSource';
import { deferLongTexts } from './deferredTexts';
import { itemSeverities, rowsPage, searchRows } from './timelineRows';
import { buildTranscript, type TranscriptModel } from './viewModel';
import { transcriptHtml, webviewOptions } from './webviewHtml';
import { basename } from '../paths';

/** Long enough to coalesce a burst of keystrokes, short enough to feel live. */
export const UPDATE_DELAY_MS = 150;

interface Posted {
  readonly snapshot: TranscriptSnapshot;
  /** The whole view model (texts not cut), for copies and exports. */
  readonly model: TranscriptModel;
  readonly transcript: Transcript;
  /** The rest of each long text, sent when the webview asks (see deferredTexts.ts). */
  readonly rests: readonly string[];
  /** Per exchange, built when its rows are first asked for. */
  readonly severities: Map<number, ReadonlyMap<number, Severity>>;
}

/** What tests may read about a panel: what was sent and what the webview said it painted. */
export interface TranscriptPanelState {
  readonly uri: string;
  readonly viewType: string;
  readonly active: boolean;
  readonly visible: boolean;
  readonly generation: number | null;
  readonly transcript: Transcript | null;
  /** Transcript messages posted (first load, each debounced update, each reload after hide/show). */
  readonly transcriptsSent: number;
  readonly rowsSent: number;
  /** Held-back text rests sent on request. */
  readonly textsSent: number;
  readonly renderedGeneration: number | null;
  readonly renderedText: string;
  /** What the last copy action put on the clipboard, and the last notice shown. */
  readonly copied: string | null;
  /** performance.now() in the extension host: when the panel was created, first asked for its transcript, first sent it and first painted it. */
  readonly times: { readonly created: number; readonly ready: number | null; readonly posted: number | null; readonly rendered: number | null };
}

export class TranscriptSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** What the webview was last sent: rows and problem reveals refer to it. */
  private posted: Posted | undefined;
  /** The newest transcript built, sent or not. */
  private latest: Posted | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private prewarm: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private rowsSent = 0;
  private textsSent = 0;
  private transcriptsSent = 0;
  private rendered: { generation: number; text: string } | undefined;
  private copied: string | null = null;
  private readonly times: { created: number; ready: number | null; posted: number | null; rendered: number | null } = {
    created: performance.now(),
    ready: null,
    posted: null,
    rendered: null,
  };
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly source: TranscriptSource,
    readonly viewType: string,
    extensionUri: vscode.Uri,
    /** Disposed with the session (e.g. the source when the session owns it). */
    owned: readonly vscode.Disposable[] = [],
  ) {
    this.disposables.push(...owned);
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = transcriptHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((data: unknown) => {
        const message = parseWebviewMessage(data);
        // Anything that does not parse is ignored, as the protocol says.
        if (message) void this.handle(message);
      }),
      source.onDidChange(() => this.schedule()),
      // A change made while the tab was hidden is sent when it shows again.
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.posted && this.latestGeneration() !== this.posted.snapshot.generation) this.schedule();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    // Analyze while the webview loads (a 45 MB fixture takes about a second), so its `ready` is answered at once.
    this.prewarm = setTimeout(() => {
      this.prewarm = undefined;
      if (!this.disposed) this.current();
    }, 0);
  }

  get uri(): vscode.Uri {
    return this.source.uri;
  }

  private latestGeneration(): number {
    return this.source.snapshot().generation;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A hidden webview is kept but not worth the work: it gets the newest transcript when it shows again.
      if (!this.disposed && this.panel.visible) void this.postTranscript(false);
    }, UPDATE_DELAY_MS);
  }

  /** The transcript of the source's current version, built once per version. */
  private current(): Posted {
    const snapshot = this.source.snapshot();
    if (this.latest?.snapshot.generation !== snapshot.generation) {
      const model = buildTranscript(snapshot.analysis, { fileName: basename(this.uri.path), readOnly: this.source.readOnly, positionAt: snapshot.positionAt });
      const { transcript, rests } = deferLongTexts(model.transcript);
      this.latest = { snapshot, model, transcript, rests, severities: new Map() };
    }
    return this.latest;
  }

  /** Sends the transcript of the source's current version; unless forced, only when that version was not sent yet. */
  private async postTranscript(force: boolean): Promise<void> {
    const next = this.current();
    if (!force && this.posted?.snapshot.generation === next.snapshot.generation) return;
    this.posted = next;
    this.transcriptsSent++;
    this.times.posted ??= performance.now();
    await this.post({ type: 'transcript', generation: next.snapshot.generation, transcript: next.transcript });
  }

  private async post(message: HostMessage): Promise<void> {
    if (this.disposed) return;
    await this.panel.webview.postMessage(message);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.times.ready ??= performance.now();
        return this.postTranscript(true);
      case 'requestRows': {
        const posted = this.posted;
        // Rows of another generation would not match the transcript on screen; a new transcript is on its way.
        if (!posted || posted.snapshot.generation !== message.generation) return;
        const exchange = posted.snapshot.analysis.exchanges[message.exchange];
        const timeline = posted.model.timelines[message.exchange];
        if (!exchange || !timeline) return;
        const severities = this.severitiesOf(posted, message.exchange);
        const rows = rowsPage(exchange, timeline, severities, message.start, message.count);
        this.rowsSent += rows.length;
        return this.post({ type: 'rows', id: message.id, generation: message.generation, start: message.start, rows });
      }
      case 'searchRows': {
        const posted = this.posted;
        if (!posted || posted.snapshot.generation !== message.generation) return;
        const exchange = posted.snapshot.analysis.exchanges[message.exchange];
        const timeline = posted.model.timelines[message.exchange];
        if (!exchange || !timeline) return;
        const found = searchRows(exchange, timeline, message.query, MAX_ROW_MATCHES);
        return this.post({ type: 'rowMatches', id: message.id, generation: message.generation, rows: found.rows, total: found.total });
      }
      case 'requestText': {
        const posted = this.posted;
        const text = posted?.snapshot.generation === message.generation ? posted.rests[message.index] : undefined;
        if (text === undefined) return;
        this.textsSent++;
        return this.post({ type: 'text', id: message.id, generation: message.generation, text });
      }
      case 'revealItem': {
        const exchange = this.posted?.snapshot.analysis.exchanges[message.exchange];
        const first = exchange?.itemSpan(message.item);
        const last = message.lastItem === undefined ? first : exchange?.itemSpan(message.lastItem);
        if (!first || !last) return;
        return this.reveal({ start: first.start, end: Math.max(first.end, last.end) });
      }
      case 'messageAction': {
        const posted = this.posted;
        const source = posted?.snapshot.generation === message.generation ? posted.model.sources[message.message] : undefined;
        if (!posted || !source) return;
        if (message.action === 'reveal') {
          const span = messageSpan(posted.snapshot.analysis, source);
          if (span) await this.reveal(span);
          return;
        }
        return this.copy(messageActionText(source, message.action));
      }
      case 'exportAction': {
        const posted = this.posted;
        if (!posted || posted.snapshot.generation !== message.generation) return;
        const text = exportText(posted.snapshot.analysis, posted.model, message.exchange, message.action);
        if (text !== undefined) await this.copy(text);
        return;
      }
      case 'revealProblem': {
        const posted = this.posted;
        const diagnostic = posted?.snapshot.generation === message.generation ? posted.snapshot.analysis.diagnostics[message.index] : undefined;
        if (!diagnostic) return;
        return this.reveal(diagnostic.span);
      }
      case 'openExternal':
        await openExternalLink(message.url);
        return;
      case 'rendered':
        this.rendered = { generation: message.generation, text: message.text };
        this.times.rendered ??= performance.now();
        return;
    }
  }

  private severitiesOf(posted: Posted, exchange: number): ReadonlyMap<number, Severity> {
    let severities = posted.severities.get(exchange);
    if (!severities) {
      severities = itemSeverities(posted.snapshot.analysis.diagnostics, exchange);
      posted.severities.set(exchange, severities);
    }
    return severities;
  }

  private async reveal(span: Span): Promise<void> {
    const document = this.source.document ?? (await openFixtureText(this.uri));
    if (document) await revealSpan(document, span);
  }

  /** Puts `text` on the clipboard and says so in the webview. */
  async copy(copied: { text: string; notice: string }): Promise<void> {
    await vscode.env.clipboard.writeText(copied.text);
    this.copied = copied.text;
    await this.post({ type: 'notice', text: copied.notice });
  }

  /** The analysis and view model on screen, for commands that act on the active transcript. */
  shown(): { readonly analysis: TranscriptSnapshot['analysis']; readonly model: TranscriptModel } | undefined {
    const posted = this.posted ?? this.current();
    return { analysis: posted.snapshot.analysis, model: posted.model };
  }

  state(): TranscriptPanelState {
    return {
      uri: this.uri.toString(),
      viewType: this.viewType,
      active: this.panel.active,
      visible: this.panel.visible,
      generation: this.posted?.snapshot.generation ?? null,
      transcript: this.posted?.transcript ?? null,
      transcriptsSent: this.transcriptsSent,
      rowsSent: this.rowsSent,
      textsSent: this.textsSent,
      renderedGeneration: this.rendered?.generation ?? null,
      renderedText: this.rendered?.text ?? '',
      copied: this.copied,
      times: { ...this.times },
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.prewarm !== undefined) clearTimeout(this.prewarm);
    this.posted = undefined;
    this.latest = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }
}
