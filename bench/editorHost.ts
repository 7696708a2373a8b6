// The editor half of `npm run bench`, run inside a real VS Code extension host (the extensionTestsPath that
// bench/editorRunner.ts hands code-server). It times what a user of the editor waits for, each beside a floor
// measured in the same host in the same run, and writes the figures as JSON for bench.ts's table.
//
// The timeline's frame times are measured by the runner, which drives Chromium: this side opens the 45 MB
// transcript, says so through a file in the signal folder and waits for the runner's answer.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import type { EditorBenchConfig, EditorBenchResult, FirstPaintRound, HostBlock, KeystrokeRounds, ScrollFigures } from './editorTypes';

const STATE_COMMAND = 'fixtureLens._test.transcriptState';
const SOURCE = 'Fixture Lens';

interface PanelState {
  readonly uri: string;
  readonly viewType: string;
  readonly renderedGeneration: number | null;
  readonly renderedText: string;
  readonly times: { readonly created: number; readonly ready: number | null; readonly posted: number | null; readonly rendered: number | null };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, everyMs = 5): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const hit = await probe();
    if (hit !== undefined) return hit;
    if (performance.now() > deadline) throw new Error(`${what}: nothing after ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Resolves when our diagnostics of `uri` satisfy `ok`, checked on every change VS Code reports. */
function diagnosticsWhere(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics of ${basename(uri.fsPath)}: not updated after ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === key) || !ok(ours(uri))) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

async function closeEverything(uris: readonly vscode.Uri[]): Promise<boolean> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const keys = new Set(uris.map((u) => u.toString()));
  // The workbench drops a closed file's model a moment later; a round that starts before that would be warm.
  try {
    await until('documents closed', () => (vscode.workspace.textDocuments.some((d) => keys.has(d.uri.toString())) ? undefined : true), 15_000, 50);
    return true;
  } catch {
    return false;
  }
}

/** A keystroke that breaks the first chunk (finish_reason 7: chunk-schema) and one that mends it, in turn. */
async function keystrokes(file: string, rounds: number): Promise<KeystrokeRounds> {
  const uri = vscode.Uri.file(file);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  // Let the first validation (on open) and the file's byte checks land before timing edits.
  await sleep(1500);
  const text = document.getText();
  const at = text.indexOf('"finish_reason": null', text.indexOf('"response"'));
  if (at < 0) throw new Error('no "finish_reason": null in the response');
  const start = document.positionAt(at + '"finish_reason": '.length);
  const out: KeystrokeRounds = { bytes: Buffer.byteLength(text), latencyMs: [], editMs: [], heardMs: [], parseMs: [], validation: [] };
  let broken = false;
  for (let round = 0; round < rounds * 2; round++) {
    const next = broken ? 'null' : '7';
    const range = new vscode.Range(start, start.translate(0, broken ? 1 : 4));
    const expectBroken = !broken;
    const updated = diagnosticsWhere(uri, (ds) => (expectBroken ? ds.some((d) => d.code === 'chunk-schema') : ds.length === 0), 30_000);
    // When the extension host hears of the edit: where a keystroke typed in the editor reaches extensions.
    let changed = Number.NaN;
    const heard = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document && e.contentChanges.length > 0 && Number.isNaN(changed)) changed = performance.now();
    });
    const t0 = performance.now();
    const applied = await editor.edit((b) => b.replace(range, next), { undoStopBefore: false, undoStopAfter: false });
    const tEdit = performance.now();
    await updated;
    const t1 = performance.now();
    heard.dispose();
    if (!applied) throw new Error('the edit was not applied');
    broken = expectBroken;
    out.latencyMs.push(t1 - t0);
    out.editMs.push(tEdit - t0);
    out.heardMs.push(changed - t0);
    // The extension's own record of that validation: when its timer was set and fired, and when it published.
    const timing = await vscode.commands.executeCommand<{ scheduled: number; delay: number; started: number; published: number } | undefined>('fixtureLens._test.validationTiming', uri);
    if (timing) out.validation.push({ delayMs: timing.delay, waitedMs: timing.started - timing.scheduled, analysisMs: timing.published - timing.started, publishedMs: timing.published - t0 });
    // The floor: JSON.parse of the same text, in the same host, right after.
    const current = document.getText();
    const p0 = performance.now();
    JSON.parse(current);
    out.parseMs.push(performance.now() - p0);
    await sleep(300);
  }
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await closeEverything([uri]);
  return out;
}

async function panelState(uri: vscode.Uri): Promise<PanelState | undefined> {
  const states = (await vscode.commands.executeCommand<PanelState[]>(STATE_COMMAND)) ?? [];
  return states.find((s) => s.uri === uri.toString());
}

async function openTranscript(uri: vscode.Uri, viewType: string, timeoutMs: number): Promise<Omit<FirstPaintRound, 'cold' | 'readParseMs'>> {
  const t0 = performance.now();
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
  const commandMs = performance.now() - t0;
  const state = await until(`transcript of ${basename(uri.fsPath)} painted`, async () => {
    const s = await panelState(uri);
    return s?.renderedGeneration != null ? s : undefined;
  }, timeoutMs);
  const paintMs = performance.now() - t0;
  const { created, ready, posted, rendered } = state.times;
  const since = (t: number | null): number => (t === null ? Number.NaN : t - created);
  return { paintMs, commandMs, beforePanelMs: created - t0, panel: { readyMs: since(ready), postedMs: since(posted), renderedMs: since(rendered) } };
}

function readAndParse(file: string): number {
  const t0 = performance.now();
  JSON.parse(readFileSync(file, 'utf8'));
  return performance.now() - t0;
}

async function firstPaints(file: string, viewType: string, rounds: number, withTextEditor: boolean): Promise<FirstPaintRound[]> {
  const uri = vscode.Uri.file(file);
  const out: FirstPaintRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const cold = await closeEverything([uri]);
    const paint = await openTranscript(uri, viewType, 120_000);
    let textOpenMs: number | undefined;
    if (withTextEditor) {
      // The floor any editor of the file sets: VS Code loading it into a text document the extension host can
      // read (openTextDocument), from closed. (Its text editor shows a "large file" notice instead at this size.)
      const closed = await closeEverything([uri]);
      const t0 = performance.now();
      await vscode.workspace.openTextDocument(uri);
      textOpenMs = closed ? performance.now() - t0 : undefined;
    }
    await closeEverything([uri]);
    out.push({ cold, ...paint, readParseMs: readAndParse(file), ...(textOpenMs !== undefined ? { textOpenMs } : {}) });
  }
  return out;
}

/** The longest gap between turns of a 2 ms timer while `work` runs: how long the host could not answer anything else. */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; longestMs: number; longestAtS: number; p99Ms: number; seconds: number }> {
  const gaps: number[] = [];
  const t0 = performance.now();
  let last = t0;
  let longest = { ms: 0, at: 0 };
  const note = (now: number): void => {
    const gap = now - last;
    gaps.push(gap);
    if (gap > longest.ms) longest = { ms: gap, at: (last - t0) / 1000 };
    last = now;
  };
  const timer = setInterval(() => note(performance.now()), 2);
  try {
    const result = await work();
    note(performance.now());
    gaps.sort((a, b) => a - b);
    return { result, longestMs: longest.ms, longestAtS: longest.at, p99Ms: gaps[Math.floor(gaps.length * 0.99)] ?? 0, seconds: (performance.now() - t0) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

async function scrollTimeline(config: EditorBenchConfig): Promise<ScrollFigures> {
  const uri = vscode.Uri.file(config.files.mb45);
  await closeEverything([uri]);
  await openTranscript(uri, 'fixtureLens.transcript', 120_000);
  const ready = join(config.signalDir, 'scroll-ready.json');
  const done = join(config.signalDir, 'scroll-done.json');
  writeFileSync(ready, JSON.stringify({ fileName: basename(config.files.mb45) }));
  const answer = await until('the runner\'s scroll figures', () => (existsSync(done) ? (JSON.parse(readFileSync(done, 'utf8')) as ScrollFigures | { error: string }) : undefined), 300_000, 200);
  await closeEverything([uri]);
  if ('error' in answer) throw new Error(answer.error);
  return answer;
}

async function attempt<T>(what: string, errors: string[], work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export async function run(): Promise<void> {
  const config = JSON.parse(readFileSync(process.env.FIXTURE_LENS_EDITOR_BENCH as string, 'utf8')) as EditorBenchConfig;
  const errors: string[] = [];
  const result: EditorBenchResult = { vscodeVersion: vscode.version, errors };
  await vscode.extensions.getExtension('fixture-lens.fixture-lens')?.activate();
  const rounds = config.rounds;
  const want = (what: string): boolean => !config.only || config.only.includes(what);
  if (want('keystroke')) await keystrokeFigures(config, result, errors);
  if (want('block')) {
    const block = await attempt('workspace validation', errors, () => hostBlock());
    if (block) result.hostBlock = block;
  }
  if (want('paint')) {
    const bare = await attempt('first paint of a bare webview', errors, () => bareWebviewPaints(rounds));
    if (bare) result.bareWebviewMs = bare;
    const seed = await attempt('first paint seed', errors, () => firstPaints(config.files.seed, 'fixtureLens.transcript', rounds, false));
    if (seed) result.firstPaintSeed = seed;
    const paint45 = await attempt('first paint 45 MB', errors, () => firstPaints(config.files.mb45, 'fixtureLens.transcript', rounds, true));
    if (paint45) result.firstPaint45 = paint45;
  }
  if (want('scroll')) {
    const scroll = await attempt('timeline scrolling', errors, () => scrollTimeline(config));
    if (scroll) result.scroll = scroll;
  }
  if (config.files.mb200 && want('large')) {
    const file = config.files.mb200;
    const paint200 = await attempt('first paint 200 MB', errors, () => firstPaints(file, 'fixtureLens.largeTranscript', Math.min(rounds, 2), false));
    if (paint200) result.firstPaint200 = paint200;
  }
  const partial = `${config.out}.tmp`;
  writeFileSync(partial, JSON.stringify(result, null, 2));
  renameSync(partial, config.out);
}

async function keystrokeFigures(config: EditorBenchConfig, result: EditorBenchResult, errors: string[]): Promise<void> {
  const rounds = config.rounds;
  const keystroke1 = await attempt('keystroke 1 MB', errors, () => keystrokes(config.files.mb1, rounds));
  if (keystroke1) result.keystroke1 = keystroke1;
  const keystroke10 = await attempt('keystroke 10 MB', errors, () => keystrokes(config.files.mb10, rounds));
  if (keystroke10) result.keystroke10 = keystroke10;
}

/**
 * The floor of any webview in this VS Code: a bare panel (a few bytes of HTML and an inline script) from creation
 * to its first painted frame, the same signal the transcript sends.
 */
async function bareWebviewPaints(rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const t0 = performance.now();
    const panel = vscode.window.createWebviewPanel('fixtureLensBench.bare', 'Bare webview', vscode.ViewColumn.One, { enableScripts: true });
    const painted = new Promise<number>((resolve) => panel.webview.onDidReceiveMessage(() => resolve(performance.now() - t0)));
    panel.webview.html = `<!DOCTYPE html><html><body><p>bare</p><script>const api = acquireVsCodeApi(); requestAnimationFrame(() => setTimeout(() => api.postMessage('painted'), 0));</script></body></html>`;
    out.push(await Promise.race([painted, sleep(60_000).then(() => Number.NaN)]));
    panel.dispose();
  }
  return out;
}

/** The longest gap in the host's timer while Validate All runs, beside the idle host's own longest gap. */
async function hostBlock(): Promise<HostBlock> {
  const idle = await longestBlock(() => sleep(3000));
  const busy = await longestBlock(() => Promise.resolve(vscode.commands.executeCommand<{ files: number; fixtures: number }>('fixtureLens.validateWorkspace')));
  return { idleLongestMs: idle.longestMs, longestMs: busy.longestMs, longestAtS: busy.longestAtS, p99Ms: busy.p99Ms, seconds: busy.seconds, files: busy.result?.files ?? 0, fixtures: busy.result?.fixtures ?? 0 };
}
