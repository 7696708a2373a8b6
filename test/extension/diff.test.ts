// The fixture diff in a real extension host: Compare with HEAD in a git repository made here (a recording committed,
// its answer changed), Compare Selected Fixtures on two files, and the Changed Fixtures view's lines for a modified,
// a renamed and a noise-only recording.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { registerDiff } from '../../src/extension/diff/register';
import type { ChangedFixtureLine } from '../../src/extension/diff/changedFixturesView';
import type { FixtureDocuments } from '../../src/extension/fixtureDocuments';
import type { DiffView } from '../../src/shared/protocol';
import { activateWithAutoSaveOff } from '../support/autoSaveOff';

function workspace(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the extension tests need the fixtures folder open');
  return folder.uri.fsPath;
}

const sample = (name: string): string => readFileSync(join(workspace(), 'diff', name), 'utf8');

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Fixture Lens', '-c', 'user.email=tests@fixture-lens.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });
}

const ANSWER_PARTS = [
  { op: 'equal', text: 'The planet ' },
  { op: 'delete', text: 'Jupiter' },
  { op: 'insert', text: 'Saturn' },
  { op: 'equal', text: ' has ' },
  { op: 'insert', text: 'many ' },
  { op: 'equal', text: 'rings' },
  { op: 'delete', text: '.' },
  { op: 'insert', text: '!' },
];

describe('fixture diff', function () {
  this.timeout(120_000);
  activateWithAutoSaveOff();
  let repo: string;

  before(async () => {
    // main.ts may not wire the diff yet: then the suite registers it on a context of its own.
    if (!(await vscode.commands.getCommands(true)).includes('fixtureLens.compareWithHead')) {
      const extension = vscode.extensions.getExtension('fixture-lens.fixture-lens');
      assert.ok(extension);
      const context = { subscriptions: [] as vscode.Disposable[], extensionUri: extension.extensionUri } as unknown as vscode.ExtensionContext;
      registerDiff(context, undefined as unknown as FixtureDocuments);
    }
    repo = join(workspace(), 'diff-repo');
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(join(repo, 'recordings'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'recordings', 'planet.json'), sample('answer-changed.old.json'));
    writeFileSync(join(repo, 'recordings', 'rechunked.json'), sample('rechunked.old.json'));
    writeFileSync(join(repo, 'recordings', '1111aaaa.json'), sample('request-changed.old.json'));
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'recordings');
    writeFileSync(join(repo, 'recordings', 'planet.json'), sample('answer-changed.new.json'));
    writeFileSync(join(repo, 'recordings', 'rechunked.json'), sample('rechunked.new.json'));
    unlinkSync(join(repo, 'recordings', '1111aaaa.json'));
    writeFileSync(join(repo, 'recordings', '2222bbbb.json'), sample('request-changed.new.json'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(repo, { recursive: true, force: true });
  });

  it('Compare with HEAD shows the changed answer as a word diff, HEAD against the working tree', async () => {
    const view = await vscode.commands.executeCommand<DiffView | undefined>('fixtureLens.compareWithHead', vscode.Uri.file(join(repo, 'recordings', 'planet.json')));
    assert.ok(view, 'no diff was shown');
    assert.deepEqual(
      [view.title, view.oldLabel, view.newLabel, view.oldPath, view.newPath, view.status, view.summary, view.noiseCount],
      ['planet.json', 'HEAD', 'Working Tree', 'recordings/planet.json', 'recordings/planet.json', 'modified', 'answer changed: +2 −1 words', 0],
    );
    assert.equal(view.exchanges.length, 1);
    assert.deepEqual(view.exchanges[0]?.choices, [{ index: 0, presence: 'both', texts: [{ label: 'answer', parts: ANSWER_PARTS, added: 2, removed: 1 }], toolCalls: null }]);
    assert.deepEqual(view.exchanges[0]?.facts, [
      { label: 'usage', old: '20 in, 6 out, 26 total', new: '20 in, 7 out, 27 total' },
      { label: 'chunks', old: '9', new: '10' },
    ]);
    const labels = (): string[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    for (let i = 0; i < 50 && !labels().includes('Fixture Diff: planet.json'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(labels().filter((l) => l === 'Fixture Diff: planet.json').length, 1);
  });

  it('Compare with Revision with an unknown revision says so and shows nothing', async () => {
    const view = await vscode.commands.executeCommand<DiffView | undefined>('fixtureLens.compareWithRevision', vscode.Uri.file(join(repo, 'recordings', 'planet.json')), 'no-such-revision');
    assert.equal(view, undefined);
  });

  it('Compare Selected Fixtures compares the first selected with the second', async () => {
    const a = vscode.Uri.file(join(workspace(), 'diff', 'request-changed.old.json'));
    const b = vscode.Uri.file(join(workspace(), 'diff', 'request-changed.new.json'));
    const view = await vscode.commands.executeCommand<DiffView | undefined>('fixtureLens.compareSelected', b, [a, b]);
    assert.ok(view);
    assert.deepEqual(
      [view.title, view.oldLabel, view.newLabel, view.status, view.summary],
      ['request-changed.new.json', 'request-changed.old.json', 'request-changed.new.json', 'renamed', 'renamed: body.messages[0].content changed and 1 more'],
    );
    assert.deepEqual(view.exchanges[0]?.request.map((r) => r.path), ['body.messages[0].content', 'body.tools[1].function.description']);
    assert.equal(await vscode.commands.executeCommand('fixtureLens.compareSelected', a, [a]), undefined);
  });

  it('Changed Fixtures lists the modified, the renamed and the noise-only recording, one line each', async () => {
    let lines: ChangedFixtureLine[] = [];
    for (let i = 0; i < 50; i++) {
      lines = (await vscode.commands.executeCommand<ChangedFixtureLine[]>('fixtureLens.changedFixtures.refresh')) ?? [];
      if (lines.length >= 3) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(
      lines.filter((l) => (l.new ?? l.old ?? '').startsWith('recordings/')),
      [
        { label: '2222bbbb.json', description: 'renamed: body.messages[0].content changed and 1 more', old: 'recordings/1111aaaa.json', new: 'recordings/2222bbbb.json', status: 'renamed' },
        { label: 'planet.json', description: 'answer changed: +2 −1 words', old: 'recordings/planet.json', new: 'recordings/planet.json', status: 'modified' },
        { label: 'rechunked.json', description: 'noise only', old: 'recordings/rechunked.json', new: 'recordings/rechunked.json', status: 'modified' },
      ],
    );
  });
});
