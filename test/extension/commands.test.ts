// The Fixture Lens commands inside a real VS Code: Reassemble Stream (from a text editor and from the
// transcript custom editor) and its exact Markdown, Copy, Validate Fixture, and Validate All Fixtures in
// Workspace (counts, published ranges, the hand-over to live diagnostics, 3,000 files without freezing).
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { activateWithAutoSaveOff } from '../support/autoSaveOff';
import { poll, shapes } from '../support/diagnosticShapes';
import { analyzeFixture, decodeFixtureBytes, isFixture } from '../../src/core';
import { summaryMessage } from '../../src/extension/commands/validateWorkspace';
import { mergedExcludeGlob } from '../../src/extension/commands/workspaceExcludes';
import { WorkerChecker } from '../../src/extension/commands/workerChecker';
import { validateFiles, type FileCheck, type ValidationSummary } from '../../src/extension/commands/workspaceValidation';
import { looksLikeFixtureText } from '../../src/extension/fixtureDocuments';

function fixture(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the extension tests need the fixtures folder open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

async function reassembledText(uri: vscode.Uri | undefined): Promise<string> {
  assert.ok(uri, 'Reassemble Stream returned no document');
  assert.equal(uri.scheme, 'fixture-lens-reassembled');
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  assert.ok(document, 'the reassembled document is not open');
  assert.equal(document.languageId, 'markdown');
  return document.getText();
}

/**
 * What Validate All Fixtures must report for a folder, worked out here without VS Code: node's fs walks
 * it (skipping node_modules and .git, as search.exclude and files.exclude do by default) and the core
 * checks each *.json file. fixtures/ grows as sample fixtures are added, so the totals are not literals;
 * the part that comes from fixtures/broken is pinned in the test.
 */
function expectedSummary(dir: string): ValidationSummary {
  const totals = { files: 0, fixtures: 0, unreadable: 0, errors: 0, warnings: 0, infos: 0, cancelled: false };
  const tokens = { prompt: 0, completion: 0, total: 0 };
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'node_modules' && name !== '.git') walk(full);
        continue;
      }
      if (!/\.(json|ya?ml|har|httprr|ya?ml\.gz|httprr\.gz)$/.test(name)) continue;
      totals.files++;
      const decoded = decodeFixtureBytes(readFileSync(full));
      if (!looksLikeFixtureText(decoded.text)) continue;
      const analysis = analyzeFixture(decoded.text, { fileName: basename(full), prior: decoded.diagnostics });
      if (!isFixture(analysis, decoded.text)) continue;
      totals.fixtures++;
      // Summed here from each exchange's usage as the contract's reassembly gives it, independently of the command's code.
      for (const e of analysis.exchanges) {
        const u = e.reassembly.usage;
        if (!u) continue;
        tokens.prompt += u.promptTokens ?? 0;
        tokens.completion += u.completionTokens ?? 0;
        tokens.total += u.totalTokens ?? (u.promptTokens ?? 0) + (u.completionTokens ?? 0);
      }
      for (const d of analysis.diagnostics) {
        if (d.severity === 'error') totals.errors++;
        else if (d.severity === 'warning') totals.warnings++;
        else totals.infos++;
      }
    }
  };
  walk(dir);
  return tokens.total > 0 ? { ...totals, tokens } : totals;
}

const PLANET = 'The planet with rings around it and a name starting with the letter "S" is Saturn. Saturn is well-known for its prominent ring system.';

describe('commands', function () {
  this.timeout(120_000);

  activateWithAutoSaveOff();

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('Reassemble Stream', () => {
    it('shows the planet seed\'s answer beside the text editor, as read-only Markdown', async () => {
      await vscode.window.showTextDocument(fixture('seed-planet.txt'));
      const uri = await vscode.commands.executeCommand<vscode.Uri>('fixtureLens.reassembleStream');
      assert.equal(
        await reassembledText(uri),
        [
          '# Reassembled message: `seed-planet.txt`',
          '`openai-chat-stream` · `gpt-4o-2024-08-06` · 31 chunks',
          '## Assistant',
          PLANET,
          '*Finish reason:* `stop`\n',
        ].join('\n\n'),
      );
      const beside = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      assert.equal(beside?.viewColumn, vscode.ViewColumn.Two);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    });

    it('works from the transcript custom editor, which has no text editor', async () => {
      await vscode.commands.executeCommand('vscode.openWith', fixture('seed-image.txt'), 'fixtureLens.transcript');
      const input = await poll(
        () => vscode.window.tabGroups.activeTabGroup.activeTab?.input,
        (i) => i instanceof vscode.TabInputCustom,
      );
      assert.ok(input instanceof vscode.TabInputCustom, 'the transcript editor did not open');
      const uri = await vscode.commands.executeCommand<vscode.Uri>('fixtureLens.reassembleStream');
      assert.equal(
        await reassembledText(uri),
        [
          '# Reassembled message: `seed-image.txt`',
          '`openai-chat-stream` · `gpt-4o-2024-08-06` · 28 chunks',
          '## Assistant',
          'THE TEAMS PLAYING IN THE IMAGE ARE THE CLEVELAND CAVALIERS AND THE BROOKLYN NETS.',
          '*Finish reason:* `stop`\n',
        ].join('\n\n'),
      );
    });

    it('tool calls as fenced JSON (or text, when the joined arguments are not JSON)', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('fixtureLens.reassembleStream', fixture('broken/tool-arguments-invalid.json'));
      assert.equal(
        await reassembledText(uri),
        [
          '# Reassembled message: `tool-arguments-invalid.json`',
          '`openai-chat-stream` · `gpt-4o-2024-08-06` · 5 chunks',
          '## Assistant',
          '### Tool call 0: `get_weather`',
          'id `call_Zx8Qm2Lr5Tn1Vb7Ck3Jh9Pd` · type `function`',
          '*Arguments (not valid JSON):*',
          '```text\n{"location": "Tokyo"\n```',
          '*Finish reason:* `tool_calls`\n',
        ].join('\n\n'),
      );
    });

    it('a fixture with errors gets a warning; usage is listed; and the document follows edits of the fixture', async () => {
      const source = fixture('broken/streaming-mismatch.json');
      const document = await vscode.workspace.openTextDocument(source);
      const uri = await vscode.commands.executeCommand<vscode.Uri>('fixtureLens.reassembleStream', source);
      const expected = (content: string): string =>
        [
          '# Reassembled message: `streaming-mismatch.json`',
          '`openai-chat` · `gpt-4o-2024-08-06` · 1 chunk',
          '> **Warning:** this fixture has 1 error (see the Problems panel); below is what could be put back together.',
          '## Assistant',
          content,
          '*Finish reason:* `stop`',
          '## Usage',
          '21 prompt + 29 completion = 50 tokens\n',
        ].join('\n\n');
      assert.equal(await reassembledText(uri), expected(PLANET));

      const edit = new vscode.WorkspaceEdit();
      const at = document.getText().indexOf('Saturn.');
      edit.replace(source, new vscode.Range(document.positionAt(at), document.positionAt(at + 'Saturn'.length)), 'SATURN');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const updated = await poll(
        () => reassembledText(uri),
        (text) => text.includes('is SATURN.'),
      );
      assert.equal(updated, expected(PLANET.replace('is Saturn.', 'is SATURN.')));
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('Copy puts the reassembled document on the clipboard', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('fixtureLens.reassembleStream', fixture('seed-planet.txt'));
      const text = await reassembledText(uri);
      await vscode.env.clipboard.writeText('nothing yet');
      assert.equal(await vscode.commands.executeCommand('fixtureLens.copyReassembled'), true);
      assert.equal(await vscode.env.clipboard.readText(), text);
    });

    it('says what is wrong when the active file is not a fixture', async () => {
      await vscode.window.showTextDocument(fixture('broken/empty-file.json'));
      assert.equal(await vscode.commands.executeCommand('fixtureLens.reassembleStream'), undefined);
      assert.equal(await vscode.commands.executeCommand('fixtureLens.validateFixture'), undefined);
    });
  });

  describe('Validate Fixture', () => {
    it('returns the active fixture\'s problem count at once, without waiting for the edit delay', async () => {
      await vscode.window.showTextDocument(fixture('seed-planet.txt'));
      assert.equal(await vscode.commands.executeCommand('fixtureLens.validateFixture'), 0);
      const broken = fixture('broken/content-after-finish.json');
      await vscode.window.showTextDocument(broken);
      assert.equal(await vscode.commands.executeCommand('fixtureLens.validateFixture'), 1);
      assert.deepEqual(shapes(broken), [['content-after-finish', 'warning', 840, 27, 840, 30]]);
    });
  });

  describe('Validate All Fixtures in Workspace', () => {
    it('checks every *.json fixture from disk, counts the problems, and lists files that are not open', async () => {
      const summary = await vscode.commands.executeCommand('fixtureLens.validateWorkspace');
      // fixtures/broken: 18 *.json files, of which the empty one and the one without "response" do not look like fixtures.
      // Of them, streaming-mismatch.json records usage: 21 prompt + 29 completion tokens.
      assert.deepEqual(expectedSummary(fixture('broken').fsPath), { files: 18, fixtures: 17, unreadable: 0, errors: 8, warnings: 8, infos: 2, cancelled: false, tokens: { prompt: 21, completion: 29, total: 50 } });
      const expected = expectedSummary(fixture('').fsPath);
      assert.deepEqual(summary, expected);
      // The folder's recorded usage is added up (the cassettes and recordings under fixtures/ record some).
      assert.ok((expected.tokens?.total ?? 0) > 0, JSON.stringify(expected));
      assert.equal(
        summaryMessage({ files: 3, fixtures: 2, unreadable: 1, errors: 1, warnings: 0, infos: 0, cancelled: false, tokens: { prompt: 12345, completion: 678, total: 13023 } }),
        '2 fixtures checked: 1 error, 0 warnings (1 file could not be read); recorded usage 13,023 tokens (12,345 prompt, 678 completion)',
      );
      assert.deepEqual(shapes(fixture('broken/inconsistent-id.json')), [['inconsistent-id', 'warning', 215, 16, 215, 56]]);
      assert.deepEqual(shapes(fixture('broken/json-syntax-truncated.json')), [['json-syntax', 'error', 516, 27, 516, 32]]);
      // Read from disk the byte order mark is in the text, and the core reports it with its own message.
      const bom = fixture('broken/byte-order-mark.json');
      assert.deepEqual(
        vscode.languages.getDiagnostics(bom).map((d) => [d.code, d.message, d.range.start.character, d.range.end.character]),
        [['byte-order-mark', "The file starts with a UTF-8 byte order mark, which JSON readers such as Python's json.load reject.", 0, 1]],
      );
      assert.deepEqual(shapes(fixture('broken/empty-file.json')), []);
    });

    it('hands a file over to the live diagnostics when it opens: one list per file, never both', async () => {
      await vscode.commands.executeCommand('fixtureLens.validateWorkspace');
      const uri = fixture('broken/inconsistent-model.json');
      assert.deepEqual(shapes(uri), [['inconsistent-model', 'warning', 285, 19, 285, 43]]);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      // Unsaved edits are the live collection's to judge: fixing the model clears the file's only warning.
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(285, 20, 285, 42), 'gpt-4o-2024-08-06');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.deepEqual(
        await poll(
          () => shapes(uri),
          (s) => s.length === 0,
        ),
        [],
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.deepEqual(
        await poll(
          () => shapes(uri),
          (s) => s.length === 1,
        ),
        [['inconsistent-model', 'warning', 285, 19, 285, 43]],
      );
    });

    it('stops when cancelled and says so', async () => {
      const uris = ['seed-planet.txt', 'seed-image.txt', 'broken/mixed-dialect.json', 'broken/inconsistent-id.json'].map(fixture);
      const cancel = new vscode.CancellationTokenSource();
      const checked: string[] = [];
      const summary = await validateFiles(uris, {
        token: cancel.token,
        onChecked: (uri) => checked.push(uri.path.slice(uri.path.lastIndexOf('/') + 1)),
        onProgress: (done) => {
          if (done === 2) cancel.cancel();
        },
      });
      assert.deepEqual(summary, { files: 4, fixtures: 2, unreadable: 0, errors: 0, warnings: 0, infos: 0, cancelled: true });
      assert.deepEqual(checked, ['seed-planet.txt', 'seed-image.txt']);
      cancel.dispose();
    });

    it('merges files.exclude and search.exclude into one glob', () => {
      assert.equal(
        mergedExcludeGlob({ '**/.git': true, '**/off': false, '**/*.{js,map}': true }, { '**/node_modules': true, '**/*.ts': { when: '$(basename).js' }, '**/.git': true }),
        '{**/.git,**/*.js,**/*.map,**/node_modules}',
      );
      assert.equal(mergedExcludeGlob({}, undefined), undefined);
      assert.equal(mergedExcludeGlob({ '**/a': true }), '**/a');
    });

    it('cuts the work into slices: with files that read at once, other work still gets turns while it runs', async () => {
      const seed = await vscode.workspace.fs.readFile(fixture('seed-planet.txt'));
      const uris = Array.from({ length: 2000 }, (_, i) => vscode.Uri.file(`/virtual/${i}.json`));
      // A timer set at the start fires only when the loop yields to the event loop; a loop that never did would
      // finish first, and the timer would have run 0 times (how long the turns are apart is npm run bench's figure).
      let turns = 0;
      let doneAtFirstTurn: number | undefined;
      let done = 0;
      const timer = setInterval(() => {
        turns++;
        doneAtFirstTurn ??= done;
      }, 0);
      let summary: ValidationSummary;
      try {
        summary = await validateFiles(uris, { token: new vscode.CancellationTokenSource().token, onChecked: () => {}, onProgress: (n) => (done = n), readFile: () => Promise.resolve(seed) });
      } finally {
        clearInterval(timer);
      }
      assert.deepEqual(summary, { files: 2000, fixtures: 2000, unreadable: 0, errors: 0, warnings: 0, infos: 0, cancelled: false });
      assert.ok(turns >= 2, `the timer ran ${turns} time(s) during the run`);
      assert.ok(doneAtFirstTurn !== undefined && doneAtFirstTurn < 2000, `the first turn came after ${doneAtFirstTurn} of 2,000 files`);
    });

    it('checks in a worker thread with exactly the host\'s results, and carries on here when the worker dies', async () => {
      const found = await vscode.workspace.findFiles('**/*.json');
      const uris = [...found.sort((a, b) => a.path.localeCompare(b.path)), fixture('no-such-file.json')];
      const run = async (worker?: WorkerChecker): Promise<{ summary: ValidationSummary; checked: string[] }> => {
        const checked: string[] = [];
        const describe = (uri: vscode.Uri, check: FileCheck): string =>
          `${basename(uri.path)}: ${check.errors}/${check.warnings}/${check.infos} ${check.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).join(' | ')}`;
        const summary = await validateFiles(uris, {
          token: new vscode.CancellationTokenSource().token,
          onChecked: (uri, check) => checked.push(describe(uri, check)),
          onProgress: () => {},
          ...(worker ? { worker } : {}),
        });
        return { summary, checked };
      };
      const here = await run();
      assert.equal(here.summary.unreadable, 1);
      assert.ok(here.checked.some((line) => line.startsWith('mixed-dialect.json: 1/')), here.checked.join('\n'));
      const extension = vscode.extensions.getExtension('fixture-lens.fixture-lens');
      assert.ok(extension);
      const script = vscode.Uri.joinPath(extension.extensionUri, 'dist', 'validationWorker.js').fsPath;
      const worker = new WorkerChecker(script);
      try {
        assert.deepEqual(await run(worker), here);
      } finally {
        worker.dispose();
      }
      // A worker that is gone answers nothing: every file is checked on this thread instead, none lost.
      const dead = new WorkerChecker(script);
      dead.dispose();
      assert.deepEqual(await run(dead), here);
    });

    it('3,000 fixtures: counted, search.exclude respected', async () => {
      const root = fixture('').fsPath;
      const seed = await vscode.workspace.fs.readFile(fixture('seed-planet.txt'));
      const base = expectedSummary(root);
      const bulk = `${root}/bulk`;
      const excluded = `${root}/node_modules/some-package`;
      mkdirSync(bulk, { recursive: true });
      mkdirSync(excluded, { recursive: true });
      try {
        for (let i = 0; i < 3000; i++) writeFileSync(`${bulk}/${String(i).padStart(4, '0')}.json`, seed);
        // search.exclude has **/node_modules by default: this broken copy must not be counted.
        writeFileSync(`${excluded}/fixture.json`, await vscode.workspace.fs.readFile(fixture('broken/mixed-dialect.json')));

        const summary = await vscode.commands.executeCommand('fixtureLens.validateWorkspace');
        assert.deepEqual(summary, { ...base, files: base.files + 3000, fixtures: base.fixtures + 3000 });
      } finally {
        rmSync(bulk, { recursive: true, force: true });
        rmSync(`${root}/node_modules`, { recursive: true, force: true });
      }
    });
  });
});
