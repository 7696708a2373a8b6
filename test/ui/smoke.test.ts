// UI smoke test: the real workbench opens the fixtures folder with Fixture Lens loaded, quick open opens a file, and a screenshot is kept.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../host/codeServer';
import { activeTab, openFile, openWorkbench, screenshot, type Workbench } from './workbench';

// A temp copy of fixtures/ (or $FIXTURE_LENS_UI_FOLDER), so nothing the workbench does touches the repository.
const source = resolve(process.env.FIXTURE_LENS_UI_FOLDER ?? join(repoRoot(), 'fixtures'));

describe('workbench smoke', function () {
  this.timeout(180_000);
  let scratch: string;
  let workbench: Workbench | undefined;
  let fileName: string;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'fixture-lens-ui-'));
    const folder = join(scratch, 'fixtures');
    cpSync(source, folder, { recursive: true });
    const files = readdirSync(folder).filter((f) => !f.startsWith('.') && statSync(join(folder, f)).isFile()).sort();
    // Prefer the seed the README points at; an empty fixtures/ still gets a file to open.
    fileName = files.includes('seed-planet.txt') ? 'seed-planet.txt' : (files[0] ?? 'smoke-test.json');
    if (!existsSync(join(folder, fileName))) writeFileSync(join(folder, fileName), '{ "smoke": true }\n');
    workbench = await openWorkbench(folder);
  });

  after(async () => {
    await workbench?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('opens a fixture through quick open and shows it in the active editor tab', async () => {
    const page = workbench!.page;
    await openFile(page, fileName);
    // Give the editor (or a custom editor's webview) a moment to paint before the picture.
    await page.waitForTimeout(1500);
    const shot = await screenshot(page, 'smoke-open-file');
    assert.ok(existsSync(shot), `no screenshot at ${shot}`);
    const tabText = (await activeTab(page).innerText()).trim();
    assert.ok(tabText.includes(fileName), `active tab shows "${tabText}", expected ${fileName}`);
  });
});
