// What bench/editorRunner.ts hands the extension-host half of the editor benchmark, and what comes back.

export interface EditorBenchConfig {
  /** Where the extension host writes its EditorBenchResult. */
  readonly out: string;
  /** Where the two halves leave each other notes (scroll-ready.json, scroll-done.json). */
  readonly signalDir: string;
  /** `seed`: the 31-chunk seed recording, whose first paint is the webview's own start-up cost. */
  readonly files: { readonly seed: string; readonly mb1: string; readonly mb10: string; readonly mb45: string; readonly mb200?: string };
  readonly rounds: number;
  /** Only these measurements (keystroke, block, paint, scroll, large); all when absent. */
  readonly only?: readonly string[];
}

export interface KeystrokeRounds {
  readonly bytes: number;
  /** From the edit being sent to onDidChangeDiagnostics reporting our result (VS Code debounces that event by 50 ms). */
  readonly latencyMs: number[];
  /** Of that, until VS Code had applied the edit (its own round trip). */
  readonly editMs: number[];
  /** Of that, until the extension host heard of the change (onDidChangeTextDocument): VS Code's part. */
  readonly heardMs: number[];
  /** JSON.parse of the same text in the same host: the floor. */
  readonly parseMs: number[];
  /** The extension's record of each validation: its delay, how long its timer actually took, analysis + publish. */
  readonly validation: { delayMs: number; waitedMs: number; analysisMs: number; publishedMs: number }[];
}

export interface FirstPaintRound {
  /** Whether the file's document was closed before the round (otherwise VS Code still held it). */
  readonly cold: boolean;
  /** From `vscode.openWith` to the webview reporting its first paint. */
  readonly paintMs: number;
  /** Until `vscode.openWith` resolved. */
  readonly commandMs: number;
  /** Until our panel existed: VS Code loading the file (for the text transcript, into a TextDocument). */
  readonly beforePanelMs: number;
  /** From our panel's creation: its webview asking for the transcript, the transcript sent, the webview's first paint. */
  readonly panel: { readonly readyMs: number; readonly postedMs: number; readonly renderedMs: number };
  /** readFileSync + JSON.parse of the file in the same host. */
  readonly readParseMs: number;
  /** VS Code loading the file into a TextDocument (openTextDocument) from closed. */
  readonly textOpenMs?: number;
}

export interface HostBlock {
  readonly idleLongestMs: number;
  readonly longestMs: number;
  /** Seconds into the run when the longest block began. */
  readonly longestAtS: number;
  readonly p99Ms: number;
  readonly seconds: number;
  readonly files: number;
  readonly fixtures: number;
}

export interface ScrollFigures {
  readonly rows: number;
  readonly frames: number;
  readonly longestMs: number;
  readonly p95Ms: number;
  readonly over50: number;
  /** Long animation frames Chromium reported (its own measure of frames over 50 ms), when it supports them. */
  readonly longAnimationFrames: number | null;
  readonly rowsInDom: number;
  /** The row text at the last position scrolled to, once its page arrived: proof the rows were real. */
  readonly lastRowText: string;
}

export interface EditorBenchResult {
  vscodeVersion: string;
  errors: string[];
  keystroke1?: KeystrokeRounds;
  keystroke10?: KeystrokeRounds;
  hostBlock?: HostBlock;
  /** A bare webview panel's creation to first painted frame: what any webview costs in this VS Code. */
  bareWebviewMs?: number[];
  firstPaintSeed?: FirstPaintRound[];
  firstPaint45?: FirstPaintRound[];
  scroll?: ScrollFigures;
  firstPaint200?: FirstPaintRound[];
}
