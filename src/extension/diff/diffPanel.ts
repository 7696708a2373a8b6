// The "Fixture Diff: <name>" webview panel: one per compared pair (shown again when asked twice), fed the
// DiffView as data; the webview's messages are safeParsed and anything else ignored.
import * as vscode from 'vscode';
import { parseDiffWebviewMessage, type DiffHostMessage, type DiffView } from '../../shared/protocol';
import { webviewOptions } from '../transcript/webviewHtml';
import { diffHtml } from './diffHtml';

export interface DiffSides {
  /** Opens each side in a text editor (the old one through git's URI when it is a revision). */
  readonly oldUri: vscode.Uri | undefined;
  readonly newUri: vscode.Uri | undefined;
}

export class DiffPanels implements vscode.Disposable {
  private readonly panels = new Map<string, DiffPanel>();
  private readonly rendered = new vscode.EventEmitter<{ readonly key: string; readonly text: string }>();
  /** Fires when a panel painted a diff, with the start of its text (tests wait on it). */
  readonly onDidRender = this.rendered.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  show(key: string, view: DiffView, sides: DiffSides): void {
    const existing = this.panels.get(key);
    if (existing) {
      existing.update(view, sides);
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel('fixtureLens.diff', `Fixture Diff: ${view.title}`, vscode.ViewColumn.Active, { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false });
    const p = new DiffPanel(panel, view, sides, (text) => this.rendered.fire({ key, text }));
    panel.webview.html = diffHtml(panel.webview, this.extensionUri);
    this.panels.set(key, p);
    panel.onDidDispose(() => {
      p.dispose();
      this.panels.delete(key);
    });
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    this.panels.clear();
    this.rendered.dispose();
  }
}

class DiffPanel {
  private generation = 0;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private view: DiffView,
    private sides: DiffSides,
    onRendered: (text: string) => void,
  ) {
    this.subscription = panel.webview.onDidReceiveMessage((data: unknown) => {
      const message = parseDiffWebviewMessage(data);
      if (!message) return;
      if (message.type === 'ready') this.post();
      else if (message.type === 'rendered') onRendered(message.text);
      else {
        const uri = message.side === 'old' ? this.sides.oldUri : this.sides.newUri;
        if (uri) void vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside }).then(undefined, (e: unknown) => void vscode.window.showErrorMessage(`Fixture Lens: cannot open that side: ${String(e)}`));
      }
    });
  }

  update(view: DiffView, sides: DiffSides): void {
    this.view = view;
    this.sides = sides;
    this.post();
  }

  private post(): void {
    const message: DiffHostMessage = { type: 'diff', generation: ++this.generation, diff: this.view };
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
