// The fixture diff in the real workbench (code-server + Chromium): a recording committed in a git repository and its
// answer changed, its line in Source Control's "Changed Fixtures" view clicked, and the diff webview's word diff,
// title and noise toggle read from its DOM. Screenshots go to test-output/screenshots.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

const FILE_NAME = 'planet.json';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'pipe' });
}

function depth(frame: Frame): number {
  let d = 0;
  for (let f = frame.parentFrame(); f; f = f.parentFrame()) d++;
  return d;
}

/** The diff webview's frame once it painted the diff titled `title`; undefined after `timeoutMs`. */
async function diffFrame(page: Page, title: string, timeoutMs: number): Promise<Frame | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames().filter((f) => depth(f) >= 2 && !f.isDetached())) {
      const shown = await frame.evaluate(() => document.querySelector('.diff-header h1')?.textContent ?? null).catch(() => null);
      if (shown === title) return frame;
    }
    await page.waitForTimeout(200);
  }
  return undefined;
}

/**
 * The diff panel's painted frame. code-server serves every webview from one origin, so a new webview can hang waiting
 * for its service worker (a test-host limit): reloading the webviews brings it up, and the panel posts the diff again
 * when the reloaded page says it is ready.
 */
async function paintedDiff(page: Page, title: string): Promise<Frame> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const frame = await diffFrame(page, title, attempt === 0 ? 15_000 : 8000);
    if (frame) return frame;
    await runCommand(page, 'Developer: Reload Webviews');
  }
  await screenshot(page, 'diff-webview-not-painted');
  await runCommand(page, 'Notifications: Show Notifications');
  console.log('notifications:', await page.locator('.notifications-center .notification-list-item-message').allInnerTexts());
  console.log('tabs:', await page.locator('.part.editor .tab').allInnerTexts());
  throw new Error(`the diff webview of ${title} did not paint`);
}

describe('fixture diff in the workbench', function () {
  this.timeout(300_000);
  let scratch = '';
  let workbench: Workbench | undefined;
  let page: Page;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-ui-diff-'));
    const folder = join(scratch, 'workspace');
    // The repository is a subfolder of the opened folder: the git extension finds it by its subfolder scan.
    const repo = join(folder, 'fixtures-repo');
    mkdirSync(join(repo, 'recordings'), { recursive: true });
    const sample = (name: string): string => readFileSync(join(repoRoot(), 'fixtures', 'diff', name), 'utf8');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.name', 'Fixture Lens');
    git(repo, 'config', 'user.email', 'tests@fixture-lens.invalid');
    git(repo, 'config', 'commit.gpgsign', 'false');
    writeFileSync(join(repo, 'recordings', FILE_NAME), sample('answer-changed.old.json'));
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'recording');
    writeFileSync(join(repo, 'recordings', FILE_NAME), sample('answer-changed.new.json'));
    workbench = await openWorkbench(folder, { settings: { 'workbench.colorTheme': 'Default Light Modern', 'workbench.editor.enablePreview': false } });
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('opens the diff from the Changed Fixtures view and shows the answer\'s word diff', async () => {
    await page.locator('.part.activitybar .action-item a[aria-label^="Source Control"]').click({ timeout: 30_000 });
    const header = page.locator('.part.sidebar .pane-header', { hasText: 'Changed Fixtures' });
    await header.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Changed Fixtures' }) });
    const row = pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: FILE_NAME }) });
    await row.waitFor({ state: 'visible', timeout: 60_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'diff-scm-view-without-the-fixture');
      throw error;
    });
    assert.equal((await row.locator('.label-description').innerText()).trim(), 'answer changed: +2 −1 words');
    await screenshot(page, 'diff-scm-view');
    await row.click();

    const frame = await paintedDiff(page, FILE_NAME);
    await page.locator('.part.editor .tab.active', { hasText: `Fixture Diff: ${FILE_NAME}` }).waitFor({ timeout: 10_000 });
    // The user settings do not reach code-server's first paint: the theme is switched once the webview tells which it got.
    if (await frame.evaluate(() => document.body.classList.contains('vscode-dark'))) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await frame.waitForFunction(() => document.body.classList.contains('vscode-light'), undefined, { timeout: 20_000 });

    assert.equal(await frame.locator('.diff-header h1').innerText(), FILE_NAME);
    // textContent: the status badge is upper-cased by the stylesheet only.
    assert.equal(await frame.locator('.diff-header .summary').textContent(), 'modified answer changed: +2 −1 words');
    const words = frame.locator('.choice .text-diff .word-diff');
    assert.equal(await words.count(), 1);
    assert.deepEqual(await words.locator('ins').allTextContents(), ['Saturn', 'many ', '!']);
    assert.deepEqual(await words.locator('del').allTextContents(), ['Jupiter', '.']);
    assert.equal(await words.evaluate((el) => el.textContent), 'The planet JupiterSaturn has many rings.!');
    assert.equal(await frame.locator('.text-diff .label').innerText(), 'answer: +2 −1 words');
    // The stylesheet is applied: inserted words are not underlined, deleted ones struck through.
    assert.deepEqual(
      await words.evaluate((el) => [getComputedStyle(el.querySelector('ins') as Element).textDecorationLine, getComputedStyle(el.querySelector('del') as Element).textDecorationLine]),
      ['none', 'line-through'],
    );
    const toggle = frame.locator('.noise-toggle');
    assert.equal((await toggle.innerText()).trim(), 'Show noise (0)');
    assert.equal(await toggle.locator('input[type="checkbox"]').isChecked(), false);
    await page.waitForTimeout(300);
    await screenshot(page, 'diff-webview');
  });
});
