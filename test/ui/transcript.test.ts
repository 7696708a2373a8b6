// The transcript editor in the real workbench (code-server + Chromium): the answer read from inside the webview,
// search highlights, keyboard reveal of a chunk, light and dark themes, state kept across hide/show, and a
// 55,000-chunk stream whose virtualized timeline scrolls to its last row. Screenshots go to test-output/screenshots.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { analyzeFixture, LineIndex } from '../../src/core';
import { repoRoot, sharedDir } from '../support/paths';
import { openFile, openWorkbench, runCommand, screenshot, transcriptFrame, type Workbench } from './workbench';

const SEED_ANSWER = 'The planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.';
const BIG_CHUNKS = 55_000;

/**
 * Opens `fileName` (by quick open) as a transcript and returns its painted webview frame. code-server serves every
 * webview from one origin, so a new webview can hang waiting for its service worker (a test-host limit; desktop VS
 * Code gives each webview its own origin): switching to the previous tab and back reloads it.
 */
async function openTranscript(page: Page, fileName: string, timeoutMs = 20_000): Promise<Frame> {
  await openFile(page, fileName);
  await runCommand(page, 'Fixture Lens: Open as Fixture Transcript');
  for (let attempt = 0; attempt < 4; attempt++) {
    const frame = await transcriptFrame(page, fileName, attempt === 0 ? timeoutMs : 8000);
    if (frame) return frame;
    await page.keyboard.press('Control+PageUp');
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+PageDown');
  }
  throw new Error(`no painted transcript of ${fileName}`);
}

/** Switches the workbench to `kind` (the user settings file does not reach code-server's first paint) and waits for the webview to follow. */
async function useTheme(page: Page, frame: Frame, kind: 'light' | 'dark'): Promise<void> {
  const other = kind === 'light' ? 'vscode-dark' : 'vscode-light';
  if (await frame.evaluate((c) => document.body.classList.contains(c), other)) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await frame.waitForFunction((c) => document.body.classList.contains(c), `vscode-${kind}`, { timeout: 20_000 });
  await page.waitForTimeout(500);
}

/** Hides the active transcript (previous tab) and shows it again: VS Code destroys and reloads the webview. */
async function hideAndShow(page: Page, fileName: string): Promise<Frame> {
  await page.keyboard.press('Control+PageUp');
  await page.waitForTimeout(800);
  await page.keyboard.press('Control+PageDown');
  const frame = await transcriptFrame(page, fileName, 20_000);
  assert.ok(frame, 'the transcript did not come back after hide/show');
  return frame;
}

describe('transcript editor (UI)', function () {
  this.timeout(600_000);
  const shared = sharedDir();
  const seed = shared ? join(shared, 'seeds', '000_79cd4ae94dc9bfc3.txt') : undefined;
  let scratch = '';
  let workbench: Workbench | undefined;
  let page: Page;
  let frame: Frame;

  before(async function () {
    if (!seed || !existsSync(seed)) return this.skip();
    scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-ui-transcript-'));
    const folder = join(scratch, 'fixtures');
    mkdirSync(folder);
    copyFileSync(seed, join(folder, 'seed-planet.txt'));
    copyFileSync(join(repoRoot(), 'fixtures', 'broken', 'content-after-finish.json'), join(folder, 'content-after-finish.json'));
    // 55,000 content chunks and the seed's finishing chunk, pretty-printed: about 45 MB, still synced to extensions.
    const fixture = JSON.parse(readFileSync(seed, 'utf8')) as { response: { body: { __data__: { choices: { delta: { content: string } }[] } }[] } };
    const template = fixture.response.body[1];
    const last = fixture.response.body[fixture.response.body.length - 1];
    const body: unknown[] = [];
    for (let i = 0; i < BIG_CHUNKS; i++) {
      const chunk = structuredClone(template) as NonNullable<typeof template>;
      (chunk.__data__.choices[0] as { delta: { content: string } }).delta.content = ` w${i}`;
      body.push(chunk);
    }
    body.push(last);
    writeFileSync(join(folder, 'big-stream.json'), JSON.stringify({ ...fixture, response: { ...fixture.response, body } }, null, 2));
    workbench = await openWorkbench(folder, { settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.editor.enablePreview': false } });
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the reassembled answer, the request and the timeline inside the webview', async () => {
    frame = await openTranscript(page, 'seed-planet.txt');
    await useTheme(page, frame, 'dark');
    assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(31, 31, 31)');
    assert.equal(await frame.locator('.response-choice .markdown').innerText(), SEED_ANSWER);
    assert.equal(await frame.locator('.message.role-user .markdown').innerText(), 'Which planet has rings around it with a name starting with letter S?');
    assert.equal(await frame.locator('.response-choice .badge').innerText(), 'stop');
    assert.equal((await frame.locator('.response .facts').innerText()).replace(/\s+/g, ' ').trim(), 'Model: gpt-4o-2024-08-06 Stream: streamed, 31 chunks');
    assert.equal(await frame.locator('.toolbar .badge').first().innerText(), 'openai-chat-stream');
    // 16 rows in view plus 10 below: 27 of the 31 rows exist, the rest only when scrolled to.
    await frame.locator('.timeline-row[data-item="1"] .col-delta').waitFor();
    assert.equal(await frame.locator('.timeline-canvas .timeline-row:not([hidden])').count(), 27);
    assert.equal(await frame.locator('.timeline-row[data-item="1"] .col-delta').innerText(), 'The');
    // Rows are numbered from 1, as the chunk hover numbers them.
    assert.equal(await frame.locator('.timeline-row[data-item="1"] .col-index').innerText(), '2');
    assert.equal(await frame.locator('.problems-section').count(), 0);
    await screenshot(page, 'transcript-dark');
  });

  it('highlights the two matches of "Saturn" in the transcript, and counts and steps to the two timeline rows that hold it', async () => {
    await frame.locator('.search-input').fill('Saturn');
    await frame.locator('.search-count', { hasText: 'of 4' }).waitFor();
    assert.equal(await frame.locator('.search-count').innerText(), '1 of 4');
    const highlighted = await frame.evaluate(() => {
      // The test tsconfig's DOM lib has no Map methods on HighlightRegistry; Chromium's registry is a Map.
      const match = (CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get('fixture-lens-match');
      return match ? [...match].map((r) => (r as Range).toString()) : [];
    });
    assert.deepEqual(highlighted, ['Saturn', 'Saturn']);
    await frame.locator('.search-input').press('Enter');
    assert.equal(await frame.locator('.search-count').innerText(), '2 of 4');
    await frame.locator('.search-input').press('Enter');
    assert.equal(await frame.locator('.search-count').innerText(), '3 of 4');
    // The timeline's rows are not all in the DOM: the match is the row the host found, scrolled to and marked.
    await frame.locator('.timeline-row.search-hit').waitFor();
    assert.deepEqual([await frame.locator('.timeline-row.search-hit .col-index').innerText(), await frame.locator('.timeline-row.search-hit .col-delta').innerText()], ['19', ' Saturn']);
    await screenshot(page, 'transcript-search');
    await frame.locator('.search-input').press('Escape');
    assert.equal(await frame.locator('.search-count').innerText(), '');
  });

  it('Enter on a timeline row selects that chunk in a text editor beside', async () => {
    const text = readFileSync(seed as string, 'utf8');
    const span = analyzeFixture(text).itemSpan(2);
    assert.ok(span);
    const end = new LineIndex(text).positionAt(span.end);
    await frame.locator('.timeline-scroller').focus();
    for (let i = 0; i < 3; i++) await frame.locator('.timeline-scroller').press('ArrowDown');
    assert.equal(await frame.locator('.timeline-row.active').getAttribute('data-item'), '2');
    assert.equal(await frame.locator('.timeline-scroller').getAttribute('aria-activedescendant'), 'chunk-row-2');
    await frame.locator('.timeline-scroller').press('Enter');
    const selection = page.locator('[id="status.editor.selection"]');
    await page.waitForFunction(() => /selected/.test(document.getElementById('status.editor.selection')?.textContent ?? ''), undefined, { timeout: 20_000 });
    assert.equal((await selection.innerText()).trim(), `Ln ${end.line + 1}, Col ${end.character + 1} (${span.end - span.start} selected)`);
    assert.equal(await page.locator('.part.editor .editor-group-container').count(), 2);
    await screenshot(page, 'transcript-reveal-chunk');
    await runCommand(page, 'View: Close Editor Group');
  });

  it('keeps the timeline scroll position and open sections across hide/show', async () => {
    frame = (await transcriptFrame(page, 'seed-planet.txt', 20_000)) ?? frame;
    await frame.locator('details[data-state-key="request.parameters"] > summary').click();
    assert.equal(await frame.locator('details[data-state-key="request.parameters"]').getAttribute('open'), '');
    await frame.locator('.timeline-scroller').evaluate((el) => {
      el.scrollTop = 110;
    });
    await page.waitForTimeout(300);
    frame = await hideAndShow(page, 'seed-planet.txt');
    await frame.locator('.timeline-row[data-item="5"] .col-delta').waitFor();
    assert.equal(await frame.locator('details[data-state-key="request.parameters"]').getAttribute('open'), '');
    assert.equal(await frame.locator('.timeline-scroller').evaluate((el) => el.scrollTop), 110);
    assert.equal((await frame.locator('.parameters').innerText()).replace(/\s+/g, ' ').trim(), 'method POST url https://api.openai.com/v1/v1/chat/completions endpoint /v1/chat/completions model gpt-4o response_format {"type":"text"} stream true');
  });

  it('follows the light theme', async () => {
    assert.equal(await frame.evaluate(() => document.body.classList.contains('vscode-dark')), true);
    await useTheme(page, frame, 'light');
    assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
    assert.equal(await frame.evaluate(() => document.body.classList.contains('vscode-dark')), false);
    await screenshot(page, 'transcript-light');
    await useTheme(page, frame, 'dark');
    assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(31, 31, 31)');
  });

  it('lists the problems at the top, and a click selects the problem\'s range in a text editor beside', async () => {
    const text = readFileSync(join(repoRoot(), 'fixtures', 'broken', 'content-after-finish.json'), 'utf8');
    const [problem] = analyzeFixture(text).diagnostics;
    assert.ok(problem);
    const broken = await openTranscript(page, 'content-after-finish.json');
    const lines = new LineIndex(text);
    const start = lines.positionAt(problem.span.start);
    const end = lines.positionAt(problem.span.end);
    assert.equal(text.includes('\r'), false);
    const button = broken.locator('.problems .problem').first();
    assert.equal((await button.innerText()).replace(/\s+/g, ' ').trim(), `${problem.code} chunk 31 ${problem.message} ${start.line + 1}:${start.character + 1}`);
    assert.equal(await broken.locator('.problems .problem').count(), analyzeFixture(text).diagnostics.length);
    await screenshot(page, 'transcript-problems');
    await button.click();
    await page.waitForFunction(() => /selected/.test(document.getElementById('status.editor.selection')?.textContent ?? ''), undefined, { timeout: 20_000 });
    const selected = (await page.locator('[id="status.editor.selection"]').innerText()).trim();
    const length = problem.span.end - problem.span.start;
    // The status bar shows where the selection ends and how many characters it holds (LF line ends count one each).
    assert.equal(selected, `Ln ${end.line + 1}, Col ${end.character + 1} (${length} selected)`);
    await runCommand(page, 'View: Close Editor Group');
  });

  it(`paints a ${BIG_CHUNKS.toLocaleString('en-US')}-chunk stream and scrolls its virtualized timeline to the last row`, async () => {
    await openFile(page, 'big-stream.json');
    // VS Code shows its "very large file" placeholder instead of a text editor; F1 reaches the workbench only once the
    // editor area has focus. The command takes the file from the active tab.
    await page.locator('.part.editor .editor-group-container.active .editor-container').click({ position: { x: 20, y: 200 } });
    await runCommand(page, 'Fixture Lens: Open as Fixture Transcript');
    // How soon it paints is npm run bench's figure (most of it is code-server loading 45 MB into the workbench).
    let big = await transcriptFrame(page, 'big-stream.json', 120_000);
    if (!big) big = await hideAndShow(page, 'big-stream.json');
    assert.equal(await big.locator('.facts').innerText().then((t) => t.includes(`streamed, ${(BIG_CHUNKS + 1).toLocaleString('en-US')} chunks`)), true);
    // The answer's opening paints with the transcript; the rest arrives after, in place of the "Loading" note.
    // textContent: blocks of a long text off screen are not laid out (content-visibility), so innerText leaves them out.
    await big.waitForFunction(() => !document.querySelector('.response-choice [data-rest]'), undefined, { timeout: 30_000 });
    const answer = (await big.locator('.response-choice pre.plain-text').evaluate((el) => el.textContent)) ?? '';
    assert.equal(answer.startsWith(' w0 w1 w2'), true);
    assert.equal(answer.endsWith(` w${BIG_CHUNKS - 1}`), true);
    assert.equal(answer, Array.from({ length: BIG_CHUNKS }, (_, i) => ` w${i}`).join(''));
    await big.locator('.timeline-row[data-item="0"] .col-delta').waitFor();
    assert.equal(await big.locator('.timeline-canvas .timeline-row:not([hidden])').count(), 27);
    const scroller = big.locator('.timeline-scroller');
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await big.locator(`.timeline-row[data-item="${BIG_CHUNKS}"] .col-finish`, { hasText: 'stop' }).waitFor({ timeout: 20_000 });
    assert.equal(await big.locator(`.timeline-row[data-item="${BIG_CHUNKS - 1}"] .col-delta`).innerText(), ` w${BIG_CHUNKS - 1}`);
    // Still only the rows in view (16) and the overscan above them (10) in the DOM: nothing lies below the last row.
    assert.equal(await big.locator('.timeline-canvas .timeline-row:not([hidden])').count(), 26);
    // Halfway down by keyboard: End, then PageUp steps, all answered from pages of rows fetched on demand.
    await scroller.focus();
    await scroller.press('End');
    assert.equal(await big.locator('.timeline-row.active').getAttribute('data-item'), String(BIG_CHUNKS));
    await scroller.evaluate((el) => {
      el.scrollTop = 22 * 27_500;
    });
    await big.locator('.timeline-row[data-item="27500"] .col-delta', { hasText: 'w27500' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'transcript-big-timeline');
  });
});
