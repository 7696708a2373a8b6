// Smoke test of the whole chain: the extension is loaded into a real extension host, activates, and the workbench has the fixtures folder open.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'fixture-lens.fixture-lens';
const repoRoot = resolve(__dirname, '..', '..', '..');
// Set by test/host/runExtensionTests.ts: the folder opened (a temp copy) and the one it was copied from.
const expectedFolder = process.env.FIXTURE_LENS_TEST_WORKSPACE ?? join(repoRoot, 'fixtures');
const sourceFolder = process.env.FIXTURE_LENS_TEST_SOURCE ?? join(repoRoot, 'fixtures');

describe('activation', () => {
  it('loads and activates fixture-lens.fixture-lens with the fixtures folder open', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(extension.packageJSON.name, 'fixture-lens');

    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepEqual(
      folders.map((f) => f.uri.fsPath),
      [resolve(expectedFolder)],
    );
    // The copy holds exactly the fixture files, so it is the fixtures folder and not some other one.
    const visible = (dir: string): string[] => readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
    assert.deepEqual(visible(folders[0]!.uri.fsPath), visible(sourceFolder));
  });
});
