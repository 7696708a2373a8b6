// Helpers for UI tests that drive the real VS Code workbench (code-server + Chromium) with playwright-core.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { launchChromium, repoRoot, startCodeServer, type CodeServer, type LaunchedChromium } from '../host/codeServer';

export interface OpenWorkbenchOptions {
  /**
   * Install the extension from this .vsix instead of loading the repository as a development extension.
   * Defaults to $FIXTURE_LENS_VSIX when set.
   */
  vsix?: string;
  /** User settings on top of the test host's defaults. */
  settings?: Record<string, unknown>;
  /** Viewport size; screenshots have this size. */
  width?: number;
  height?: number;
}

export interface Workbench {
  page: Page;
  server: CodeServer;
  browser: LaunchedChromium;
  /** Closes Chromium and stops code-server. */
  close(): Promise<void>;
}

const SCREENSHOT_DIR = join(repoRoot(), 'test-output', 'screenshots');

/** Starts code-server on `folder` with Fixture Lens loaded, opens the workbench in Chromium and waits until it is usable. */
export async function openWorkbench(folder: string, opts: OpenWorkbenchOptions = {}): Promise<Workbench> {
  const vsix = opts.vsix ?? process.env.FIXTURE_LENS_VSIX;
  const root = repoRoot();
  if (!vsix && !existsSync(join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node scripts/build.mjs`');
  const server = await startCodeServer({ folder, ...(vsix ? { installVsix: vsix } : {}), ...(opts.settings ? { settings: opts.settings } : {}) });
  let browser: LaunchedChromium | undefined;
  try {
    browser = await launchChromium({ ...(opts.width ? { width: opts.width } : {}), ...(opts.height ? { height: opts.height } : {}) });
    const page = browser.page;
    const query: Record<string, string> = {};
    if (!vsix) {
      // The repository itself, loaded like F5 does: a development extension from its folder on the code-server machine.
      query.payload = JSON.stringify([
        ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${root}`],
        ['skipWelcome', 'true'],
        ['skipReleaseNotes', 'true'],
      ]);
    }
    await page.goto(server.workbenchUrl(query), { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await waitForWorkbench(page);
    const opened = browser;
    return {
      page,
      server,
      browser: opened,
      async close() {
        await opened.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

/** Waits until the workbench has its parts laid out and the explorer shows the folder. */
export async function waitForWorkbench(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: timeoutMs });
  // The explorer's folder view exists once the workspace is resolved (remote connection up).
  await page.locator('.explorer-folders-view').waitFor({ state: 'attached', timeout: timeoutMs });
}

/**
 * Opens the quick input with `key` (F1, Ctrl+P). A key pressed while a webview has the focus can stay in the webview
 * (it forwards keys to the workbench only once its frame is ready); the title bar's command center opens the same
 * quick input by a click, so it stands in when the key did nothing.
 */
async function openQuickInput(page: Page, key: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) {
      // Take the focus out of the webview's frame: the key then reaches the workbench's own keybindings.
      await page.bringToFront();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press(key);
    if (await widget.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) return;
    const center = page.locator('.part.titlebar .command-center .command-center-center');
    if (await center.isVisible().catch(() => false)) {
      await center.click();
      if (await widget.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) return;
    }
  }
  await screenshot(page, 'quick-input-did-not-open');
  await widget.waitFor({ state: 'visible', timeout: 10_000 });
}

/**
 * Opens the quick input with `key`, types `text` and accepts the entry whose label is `label` (or the first one). An
 * editor that takes the focus as it opens (the file quick open just chose) closes a quick input opened meanwhile:
 * then it is opened again.
 */
async function pickInQuickInput(page: Page, key: string, text: string, label: string | undefined): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  for (let attempt = 0; ; attempt++) {
    await openQuickInput(page, key);
    try {
      await widget.locator('input.input').fill(text, { timeout: 5000 });
      const rows = widget.locator('.quick-input-list .monaco-list-row');
      const row = label ? rows.filter({ has: page.locator('.label-name', { hasText: label }) }).first() : rows.first();
      await row.waitFor({ state: 'visible', timeout: attempt < 2 ? 10_000 : 30_000 });
      await row.click({ timeout: 5000 });
    } catch (error) {
      if (attempt >= 2) throw error;
      await page.keyboard.press('Escape');
      continue;
    }
    // Accepted: never again, even if the widget is slow to go (a command must not run twice).
    await widget.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    return;
  }
}

/** Runs a command by its title from the command palette (F1), e.g. `Fixture Lens: Validate Fixture`. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await pickInQuickInput(page, 'F1', `>${title}`, title);
}

/** Opens a file of the workspace by its path relative to the folder, through quick open (Ctrl+P); waits for its tab. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = basename(relativePath);
  await pickInQuickInput(page, 'Control+P', relativePath, name);
  await activeTab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
}

/** The active editor tab, optionally required to show `name`. */
export function activeTab(page: Page, name?: string): Locator {
  const tab = page.locator('.part.editor .tabs-container .tab.active');
  return name ? tab.filter({ hasText: name }) : tab;
}

/** Saves a full-page screenshot as test-output/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = resolve(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The transcript webview's frame that shows `fileName` (in its title), once it has painted; undefined after `timeoutMs`. */
export async function transcriptFrame(page: Page, fileName: string, timeoutMs: number): Promise<Frame | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames().filter((f) => depth(f) >= 2 && !f.isDetached())) {
      const shown = await frame.evaluate(() => document.querySelector('.file-name')?.textContent ?? null).catch(() => null);
      if (shown === fileName) return frame;
    }
    await page.waitForTimeout(200);
  }
  return undefined;
}

function depth(frame: Frame): number {
  let d = 0;
  for (let f = frame.parentFrame(); f; f = f.parentFrame()) d++;
  return d;
}

/**
 * The innermost frame of a webview: VS Code puts each webview in an iframe (the host, from .../webview/...)
 * holding another iframe (`active-frame`) with the extension's HTML. Waits until one exists; `index` picks
 * among several open webviews (in page order).
 */
export async function webviewFrame(page: Page, opts: { index?: number; timeoutMs?: number } = {}): Promise<Frame> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const inner = page
      .frames()
      .filter((f) => depth(f) >= 2 && !f.isDetached())
      .filter((f) => f.name() === 'active-frame' || f.parentFrame()?.url().includes('webview'));
    const frame = inner[opts.index ?? 0];
    if (frame) {
      await frame.waitForLoadState('domcontentloaded');
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview frame after ${opts.timeoutMs ?? 30_000} ms; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
    await page.waitForTimeout(200);
  }
}
