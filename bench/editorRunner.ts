// The editor half of `npm run bench`: starts the offline VS Code (code-server on 127.0.0.1 + Debian's Chromium)
// on the generated 3,000-file workspace, with Fixture Lens loaded from the repository and bench/editorHost.ts as
// the extension host's test module, and measures the timeline's frame times from Chromium when that module asks.
//
//   node dist/bench/editorRunner.js --manifest=<bench manifest.json> --out=<result.json> [--rounds=3]
//     [--measure=keystroke,block,paint,scroll,large]   (all by default)
//
// Needs `bash scripts/setup-test-host.sh` (npm run bench runs it) and a build (dist/).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Frame } from 'playwright-core';
import { launchChromium, repoRoot, startCodeServer } from '../test/host/codeServer';
import { transcriptFrame } from '../test/ui/workbench';
import type { EditorBenchConfig, EditorBenchResult, ScrollFigures } from './editorTypes';
import type { Manifest } from './sections';

const TIMEOUT_MS = 30 * 60_000;

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(hit.indexOf('=') + 1);
}

const log = (line: string): void => {
  process.stderr.write(`  editor: ${line}\n`);
};

/**
 * Inside the webview: scrolls the timeline the way a user does (a steady fling, then jumps to random places, as
 * dragging the scroll bar does), one step per animation frame, and records every frame's duration.
 */
async function measureScrolling(frame: Frame): Promise<ScrollFigures> {
  // The index cell always has text (a first chunk that only names the role has an empty delta).
  await frame.locator('.timeline-row[data-item="0"] .col-index').waitFor({ timeout: 60_000 });
  return frame.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('.timeline-scroller');
    if (!scroller) throw new Error('no timeline');
    const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
    const durations: number[] = [];
    const supported = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
    let longFrames = 0;
    const observer = supported ? new PerformanceObserver((list) => (longFrames += list.getEntries().length)) : undefined;
    observer?.observe({ type: 'long-animation-frame' });
    const max = scroller.scrollHeight - scroller.clientHeight;
    let last = await nextFrame();
    const step = async (): Promise<void> => {
      const t = await nextFrame();
      durations.push(t - last);
      last = t;
    };
    // A fling: 20 rows a frame for 300 frames (6,000 rows).
    for (let i = 0; i < 300; i++) {
      scroller.scrollTop = Math.min(max, scroller.scrollTop + 440);
      await step();
    }
    // Jumps: 40 random places, six frames each (rows of pages not fetched yet arrive meanwhile).
    let seed = 20251121;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let j = 0; j < 40; j++) {
      scroller.scrollTop = Math.floor(random() * max);
      for (let k = 0; k < 6; k++) await step();
    }
    scroller.scrollTop = max;
    for (let k = 0; k < 30; k++) await step();
    observer?.disconnect();
    const sorted = [...durations].sort((a, b) => a - b);
    const rows = document.querySelectorAll('.timeline-canvas .timeline-row:not([hidden])');
    const rowCount = Math.round(scroller.scrollHeight / 22);
    const lastRow = document.querySelector(`.timeline-row[data-item="${rowCount - 1}"]`)?.textContent ?? '';
    return {
      rows: rowCount,
      frames: durations.length,
      longestMs: sorted[sorted.length - 1] ?? 0,
      p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      over50: durations.filter((d) => d > 50).length,
      longAnimationFrames: supported ? longFrames : null,
      rowsInDom: rows.length,
      lastRowText: lastRow,
    };
  });
}

async function main(): Promise<void> {
  const manifest = JSON.parse(readFileSync(arg('manifest') as string, 'utf8')) as Manifest;
  const out = arg('out') as string;
  const rounds = Number(arg('rounds') ?? 3);
  const file = (mb: number): string | undefined => manifest.sizes.find((s) => s.mb === mb)?.path;
  const [mb1, mb10, mb45] = [file(1), file(10), file(45)];
  if (!mb1 || !mb10 || !mb45 || !manifest.workspaceDir) throw new Error('the editor benchmark needs the 1, 10 and 45 MB files and the workspace');
  const root = repoRoot();
  const signalDir = join(manifest.dir, 'editor-signals');
  rmSync(signalDir, { recursive: true, force: true });
  mkdirSync(signalDir, { recursive: true });
  const hostOut = join(manifest.dir, 'editor-host-result.json');
  rmSync(hostOut, { force: true });
  const mb200 = file(200);
  const seed = join(manifest.dir, 'seed-planet.json');
  copyFileSync(join(manifest.corpusDir, '..', 'seeds', '000_79cd4ae94dc9bfc3.txt'), seed);
  const only = arg('measure')?.split(',');
  const config: EditorBenchConfig = { out: hostOut, signalDir, files: { seed, mb1, mb10, mb45, ...(mb200 ? { mb200 } : {}) }, rounds, ...(only ? { only } : {}) };
  const configFile = join(manifest.dir, 'editor-config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const env = { FIXTURE_LENS_EDITOR_BENCH: configFile };

  const lines: string[] = [];
  const remember = (line: string): void => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
  };
  // The generated files sit beside the workspace, not in it: "Validate All" covers the 3,000 files only.
  const server = await startCodeServer({ folder: manifest.workspaceDir, env, log: (l) => remember(`[code-server] ${l}`), settings: {
      'workbench.editor.enablePreview': false,
      // VS Code for the Web saves a second after each edit (desktop VS Code does not): a save makes the extension
      // re-read the file and publish again, which would land inside the keystroke rounds.
      'files.autoSave': 'off',
    },
  });
  const browser = await launchChromium({ width: 1400, height: 1000 });
  try {
    const page = browser.page;
    let exitCode: number | undefined;
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => remember(`[workbench ${type}] ${format(...(Array.isArray(args) ? args : [args]))}`));
    const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(join(root, 'dist', 'bench', 'editorHost.js'))],
      ['extensionEnvironment', JSON.stringify(env)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    log(`VS Code (code-server) on ${server.url}, workspace ${manifest.workspaceDir}`);
    await page.goto(server.workbenchUrl({ payload: JSON.stringify(payload) }), { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const deadline = Date.now() + TIMEOUT_MS;
    const ready = join(signalDir, 'scroll-ready.json');
    let scrolled = false;
    while (!existsSync(hostOut)) {
      if (!scrolled && existsSync(ready)) {
        scrolled = true;
        const { fileName } = JSON.parse(readFileSync(ready, 'utf8')) as { fileName: string };
        log('scrolling the 45 MB transcript\'s timeline in Chromium');
        let figures: ScrollFigures | { error: string };
        try {
          const frame = await transcriptFrame(page, fileName, 60_000);
          if (!frame) throw new Error(`no painted transcript of ${fileName} in Chromium`);
          figures = await measureScrolling(frame);
        } catch (error) {
          figures = { error: error instanceof Error ? error.message : String(error) };
        }
        writeFileSync(join(signalDir, 'scroll-done.json'), JSON.stringify(figures));
      }
      if (exitCode !== undefined && !existsSync(hostOut)) {
        await new Promise((r) => setTimeout(r, 3000));
        if (!existsSync(hostOut)) throw new Error(`the extension host exited (${exitCode}) without figures\n${lines.slice(-40).join('\n')}`);
      }
      if (Date.now() > deadline) throw new Error(`no figures after ${TIMEOUT_MS / 60_000} minutes\n${lines.slice(-40).join('\n')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const result = JSON.parse(readFileSync(hostOut, 'utf8')) as EditorBenchResult;
    for (const e of result.errors) log(`error: ${e}`);
    writeFileSync(out, JSON.stringify(result));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`editor benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
