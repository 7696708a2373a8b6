// The language features and commands as a user meets them in the real workbench (code-server + Chromium):
// the status bar entry, the hover over a bad chunk, a quick fix from the light bulb menu, Validate Fixture
// with the Problems panel, and Reassemble Stream from the command palette. Screenshots go to
// test-output/screenshots/language-*.png.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../host/codeServer';
import { activeTab, openFile, openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

const PLANET = 'The planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.';

/** The text Monaco shows in the active editor group, line by line (it renders spaces as U+00A0). */
async function activeEditorLines(page: Page): Promise<string[]> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
  await lines.first().waitFor({ state: 'visible', timeout: 20_000 });
  const rows = await lines.evaluateAll((els) =>
    els
      .map((e) => ({ top: Number.parseFloat((e as HTMLElement).style.top || '0'), text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.text),
  );
  return rows;
}

/** Moves the cursor of the active editor with Go to Line (Ctrl+G), `line:column` 1-based. */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The Fixture Lens entry of the status bar. */
function statusEntry(page: Page) {
  return page.locator('.part.statusbar .statusbar-item').filter({ hasText: /· \d+ problems?$/ });
}

/** Waits until a status bar entry shows `text` (the entry is replaced, not edited, when the file changes). */
async function statusBarShows(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted) => Array.from(document.querySelectorAll('.part.statusbar .statusbar-item')).some((e) => (e.textContent ?? '').includes(wanted)),
    text,
    { timeout: 20_000 },
  );
}

describe('language features (UI)', function () {
  this.timeout(300_000);
  let scratch = '';
  let workbench: Workbench | undefined;
  let page: Page;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-ui-language-'));
    const folder = join(scratch, 'fixtures');
    cpSync(resolve(repoRoot(), 'fixtures'), folder, { recursive: true });
    // Markdown wraps long lines by default; unwrapped, each line on screen is a line of the document.
    workbench = await openWorkbench(folder, { settings: { 'files.autoSave': 'off', '[markdown]': { 'editor.wordWrap': 'off' }, 'workbench.editorAssociations': { '**/fixtures/**/*.json': 'default' } }, width: 1400, height: 900 });
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the dialect, chunk count and problem count of the active fixture in the status bar', async () => {
    await openFile(page, 'broken/content-after-finish.json');
    const entry = statusEntry(page);
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await entry.innerText()).trim(), 'openai-chat-stream · 31 chunks · 1 problem');
    await openFile(page, 'seed-planet.txt');
    await statusBarShows(page, '31 chunks · 0 problems');
    await screenshot(page, 'language-status-bar');
  });

  it('hovering the chunk that adds content after the finish reason shows the chunk, the text so far and the problem explained', async () => {
    await openFile(page, 'broken/content-after-finish.json');
    await goTo(page, 841, 29);
    // The Re-record CodeLens (above the "response" key, off screen here) arrives after the file opens and re-lays out
    // the editor, which closes a hover already open: wait for it, and show the hover again if it closed anyway.
    await page.locator('.part.editor .codelens-decoration').first().waitFor({ state: 'attached', timeout: 20_000 });
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Chunk 31 of 31' });
    let text = '';
    for (let attempt = 0; attempt < 3 && text === ''; attempt++) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await hover.waitFor({ state: 'visible', timeout: 20_000 });
      await page.waitForTimeout(300);
      text = await hover.innerText({ timeout: 5_000 }).catch(() => '');
    }
    await screenshot(page, 'language-hover-bad-chunk');
    for (const expected of [
      'Chunk 31 of 31 (response.body[30]) · openai-chat-stream',
      'Content delta:',
      'Text so far (choice 0, 134 characters):',
      PLANET,
      'content-after-finish at response.body[30].__data__.choices[0].delta.content',
      'This chunk adds content to a choice that had already finished (finish_reason was set earlier).',
    ]) {
      assert.ok(text.includes(expected), `the hover does not show "${expected}":\n${text}`);
    }
    // Escaped Markdown renders as plain text: no backslash reaches the screen.
    assert.ok(!text.includes('\\'), text);
    // The diagnostic's message is VS Code's to show, once; our hover names the problem instead of quoting it.
    assert.equal(text.split('adds content to choice 0 after its finish reason was set').length - 1, 1, text);
    await page.keyboard.press('Escape');
  });

  it('applies a quick fix from the light bulb menu (Ctrl+.)', async () => {
    await openFile(page, 'broken/streaming-mismatch.json');
    await goTo(page, 64, 23);
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Set is_streaming to false' });
    await item.waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot(page, 'language-quick-fix-menu');
    // The menu puts the preferred fix first and focused; a mouse click would hit the menu's pointer guard.
    assert.match((await item.getAttribute('class')) ?? '', /\bfocused\b/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('.editor-group-container.active .view-line')).some((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').includes('"is_streaming": false')),
      undefined,
      { timeout: 20_000 },
    );
    await statusBarShows(page, 'openai-chat · 0 problems');
    await screenshot(page, 'language-quick-fix-applied');
  });

  it('Validate Fixture lists the problem in the Problems panel', async () => {
    await openFile(page, 'broken/inconsistent-model.json');
    await runCommand(page, 'Fixture Lens: Validate Fixture');
    const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'response.body[9] has model "gpt-4o-mini-2024-07-18"' });
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await row.innerText();
    assert.ok(text.includes('Fixture Lens'), text);
    assert.ok(text.includes('inconsistent-model'), text);
    assert.ok(text.includes('[Ln 286, Col 20]'), text);
    await screenshot(page, 'language-problems-panel');
  });

  it('Reassemble Stream from the command palette opens the answer beside, as Markdown', async () => {
    await openFile(page, 'seed-planet.txt');
    await runCommand(page, 'Fixture Lens: Reassemble Stream');
    await activeTab(page, 'seed-planet.txt (reassembled).md').waitFor({ state: 'visible', timeout: 20_000 });
    const lines = await activeEditorLines(page);
    assert.deepEqual(lines, [
      '# Reassembled message: `seed-planet.txt`',
      '',
      '`openai-chat-stream` · `gpt-4o-2024-08-06` · 31 chunks',
      '',
      '## Assistant',
      '',
      PLANET,
      '',
      '*Finish reason:* `stop`',
      '',
    ]);
    // The Copy button of package.json's editor/title menu is there for this document.
    await page.locator('.editor-group-container.active .editor-actions [aria-label*="Copy Reassembled Message"]').waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'language-reassembled');
  });
});
